import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, PolicyText } from '../../../shared/contract';
import { ReadAloud } from '../components/ReadAloud';
import { ErrorText, ScreenFrame } from '../components/ui';
import { isRtl } from '../i18n';
import { NeverPlaces } from './Safeguarding';

export function Policy(props: {
  client: Client;
  policy: PolicyText;
  /** The language the visitor chose; the policy may be shown in English if it has no translation. */
  language: string;
  fullName: string;
  acknowledged: boolean;
  justUpdated: boolean;
  /** The visitor's invitation sent another version of these rules (issue #14). */
  changedSinceInvitation?: boolean;
  onAcknowledge: (v: boolean) => void;
  onBack: () => void;
  onNext: () => void;
  onHelp: (text: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [changed, setChanged] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [never, setNever] = useState<string[]>([]);
  const p = props.policy;
  const spoken = useMemo(() => [p.title, ...p.points], [p.title, p.points]);

  useEffect(() => {
    let live = true;
    props.client('visitor.policyStatus', { fullName: props.fullName }).then(
      (s) => live && setChanged(s.changedSinceLastVisit),
      () => live && setChanged(false), // a returning-visitor hint is a nicety; never block on it
    );
    return () => {
      live = false;
    };
  }, [props.client, props.fullName, props.policy.versionId]);

  useEffect(() => {
    let live = true;
    props.client('safeguarding.info', {}).then(
      (i) => live && setNever(i.neverPlaces),
      () => live && setNever([]),
    );
    return () => {
      live = false;
    };
  }, [props.client]);

  const next = () => {
    if (!props.acknowledged) {
      setError(t('policy.mustAgree'));
      document.getElementById(`${id}-ack`)?.focus();
      return;
    }
    props.onNext();
  };

  return (
    <ScreenFrame
      title={t('policy.heading')}
      step={{ n: 2, total: 3 }}
      onBack={props.onBack}
      help={t('policy.help')}
      onHelp={props.onHelp}
      footer={
        <button type="button" className="btn btn-primary" onClick={next}>
          {t('app.continue')}
        </button>
      }
    >
      {props.changedSinceInvitation && !props.justUpdated && (
        <p className="notice notice-strong" role="status">
          {t('signinCode.policyChanged')}
        </p>
      )}
      {(props.justUpdated || (changed && !props.changedSinceInvitation)) && (
        <p className="notice notice-strong" role="status">
          {props.justUpdated ? t('policy.updated') : t('policy.changed')}
        </p>
      )}
      {p.language !== props.language && (
        <p className="notice" role="status">
          {t('policy.notTranslated')}
        </p>
      )}
      <ReadAloud language={p.language} parts={spoken} />
      <article className="policy" aria-labelledby={`${id}-title`} lang={p.language} dir={isRtl(p.language) ? 'rtl' : 'ltr'}>
        <h2 id={`${id}-title`}>{props.policy.title}</h2>
        <ol>
          {props.policy.points.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ol>
      </article>
      {never.length > 0 && <NeverPlaces places={never} />}
      <p className="muted policy-version">{t('policy.version', { version: p.version })}</p>
      <div className={`field${error ? ' has-error' : ''}`}>
        <label className="check check-strong">
          <input
            id={`${id}-ack`}
            type="checkbox"
            checked={props.acknowledged}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-err` : undefined}
            onChange={(e) => {
              setError(undefined);
              props.onAcknowledge(e.target.checked);
            }}
          />
          <span>{t('policy.agree')}</span>
        </label>
        <ErrorText id={`${id}-err`} error={error} />
      </div>
    </ScreenFrame>
  );
}
