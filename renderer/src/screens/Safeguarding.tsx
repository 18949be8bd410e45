// Help and safeguarding (issue #15): who the designated safeguarding leads are, where devices
// are never used, and a "report a concern" form for visitors (a short text, a name only if they
// wish). Reached from the welcome screen; the report goes to the DSL's queue at the office.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../shared/contract';
import type { Language } from '../../../shared/domain';
import { CONCERN_REPORT_LIMITS, type SafeguardingInfo } from '../../../shared/signage';
import { ErrorText, ScreenFrame, TextField } from '../components/ui';
import { errorText } from '../i18n';
import { checkText } from '../flow/problems';

export function Safeguarding(props: { client: Client; language: Language; onBack: () => void; onHelp: (text: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [info, setInfo] = useState<SafeguardingInfo | null>(null);
  const [reporting, setReporting] = useState(false);
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [nameError, setNameError] = useState<string | undefined>();
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    props.client('safeguarding.info', {}).then(
      (i) => live && setInfo(i),
      () => live && setInfo({ neverPlaces: [], dsls: [] }),
    );
    return () => {
      live = false;
    };
  }, [props.client]);

  const send = async () => {
    const e = checkText(t, text, CONCERN_REPORT_LIMITS.text, true);
    const ne = checkText(t, name, CONCERN_REPORT_LIMITS.name, false);
    setError(e);
    setNameError(ne);
    if (e) return document.getElementById(`${id}-text`)?.focus();
    if (ne) return;
    setBusy(true);
    try {
      await props.client('concern.report', { text, name, language: props.language });
      setSent(true);
      setReporting(false);
      setText('');
      setName('');
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ScreenFrame title={t('safeguarding.heading')} onBack={props.onBack} help={t('safeguarding.help')} onHelp={props.onHelp}>
      <p className="lead">{t('safeguarding.lead')}</p>
      {sent && (
        <p className="notice notice-strong" role="status">
          {t('safeguarding.sent')}
        </p>
      )}
      <section aria-labelledby={`${id}-dsls`}>
        <h2 id={`${id}-dsls`}>{t('safeguarding.dslsHeading')}</h2>
        {info && info.dsls.length === 0 && <p>{t('safeguarding.noDsls')}</p>}
        {info && info.dsls.length > 0 && (
          <ul className="dsl-list">
            {info.dsls.map((d, i) => (
              <li key={i} className="dsl-card">
                <strong>
                  <bdi>{d.name}</bdi>
                </strong>
                <span>{d.role === 'dsl' ? t('safeguarding.roleDsl') : t('safeguarding.roleDeputy')}</span>
                {d.contact && (
                  <span>
                    <bdi>{d.contact}</bdi>
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {info && info.neverPlaces.length > 0 && <NeverPlaces places={info.neverPlaces} />}
      {!reporting ? (
        <div className="big-actions">
          <button type="button" className="btn btn-primary btn-huge" onClick={() => (setSent(false), setReporting(true))}>
            {t('safeguarding.report')}
          </button>
        </div>
      ) : (
        <form
          className="concern-form"
          aria-labelledby={`${id}-report`}
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <h2 id={`${id}-report`}>{t('safeguarding.report')}</h2>
          <p className="hint">{t('safeguarding.reportLead')}</p>
          <div className={`field${error ? ' has-error' : ''}`}>
            <label htmlFor={`${id}-text`}>{t('safeguarding.reportText')}</label>
            <textarea
              id={`${id}-text`}
              dir="auto"
              rows={4}
              value={text}
              maxLength={CONCERN_REPORT_LIMITS.text}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-err` : undefined}
              onChange={(e) => (setText(e.target.value), setError(undefined))}
            />
            <ErrorText id={`${id}-err`} error={error} />
          </div>
          <TextField label={t('safeguarding.reportName')} value={name} onChange={(v) => (setName(v), setNameError(undefined))} error={nameError} maxLength={CONCERN_REPORT_LIMITS.name} />
          <div className="big-actions">
            <button type="submit" className="btn btn-primary btn-huge" disabled={busy}>
              {t('safeguarding.send')}
            </button>
          </div>
        </form>
      )}
    </ScreenFrame>
  );
}

/** The places where devices are never used (also on the policy screen). */
export function NeverPlaces({ places }: { places: string[] }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="never-places" aria-labelledby={`${id}-never`}>
      <h2 id={`${id}-never`}>{t('safeguarding.neverHeading')}</h2>
      <ul>
        {places.map((p, i) => (
          <li key={i}>
            <bdi>{p}</bdi>
          </li>
        ))}
      </ul>
    </section>
  );
}
