import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_LIMITS, type Client, type SignOutMatch, type SignOutReceipt } from '../../../shared/contract';
import { ContractError } from '../../../shared/errors';
import { NAME, ScreenFrame, TextField, withName } from '../components/ui';
import { errorText } from '../i18n';
import { timeOfDay } from '../flow/format';
import { checkText } from '../flow/problems';

type Common = { client: Client; language: string; timeZone: string; onHelp: (text: string) => void };

export function SignOutFind(props: Common & { onBack: () => void; onChoose: (m: SignOutMatch) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [codeError, setCodeError] = useState<string | undefined>();
  const [matches, setMatches] = useState<SignOutMatch[] | null>(null);
  const [busy, setBusy] = useState(false);

  const findByName = async () => {
    const e = checkText(t, name, FIELD_LIMITS.signOutQuery, true) ?? ([...name.trim()].length < 2 ? t('errors.tooShort') : undefined);
    setNameError(e);
    if (e) return;
    setBusy(true);
    try {
      setMatches((await props.client('visit.findForSignOut', { query: name })).matches);
    } catch (err) {
      setNameError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const findByCode = async () => {
    if (!code.trim()) return setCodeError(t('errors.required'));
    setBusy(true);
    try {
      props.onChoose(await props.client('visit.findByBadgeCode', { badgeCode: code }));
    } catch (err) {
      setCodeError(err instanceof ContractError && err.code !== 'INVALID_INPUT' ? errorText(t, err) : t('errors.invalid'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ScreenFrame title={t('signOut.heading')} onBack={props.onBack} help={t('signOut.help')} onHelp={props.onHelp}>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void findByName();
        }}
      >
        <TextField label={t('signOut.byName')} value={name} onChange={(v) => (setName(v), setNameError(undefined), setMatches(null))} error={nameError} inputMode="search" />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('signOut.find')}
        </button>
      </form>
      {matches && (
        <section aria-live="polite">
          {matches.length === 0 ? (
            <p className="notice">{t('signOut.noMatches')}</p>
          ) : (
            <>
              <h2>{t('signOut.results')}</h2>
              <ul className="match-list">
                {matches.map((m) => (
                  <li key={m.visitId}>
                    <button type="button" className="btn btn-choice" onClick={() => props.onChoose(m)}>
                      {withName(t('signOut.match', { name: NAME, time: timeOfDay(m.arrivedAt, props.language, props.timeZone) }), m.maskedName)}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      <p className="divider">{t('signOut.or')}</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void findByCode();
        }}
      >
        <TextField label={t('signOut.byCode')} value={code} onChange={(v) => (setCode(v.toUpperCase()), setCodeError(undefined))} error={codeError} />
        <button type="submit" className="btn btn-secondary" disabled={busy}>
          {t('signOut.findCode')}
        </button>
      </form>
    </ScreenFrame>
  );
}

export function SignOutConfirm(props: Common & { match: SignOutMatch; onBack: () => void; onDone: (r: SignOutReceipt) => void }) {
  const { t } = useTranslation();
  const m = props.match;
  const [collected, setCollected] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const held = m.phone.kind === 'locker' || m.phone.kind === 'reception';
  const where = m.phone.kind === 'locker' ? m.phone.lockerLabel : '';

  const signOut = async () => {
    setBusy(true);
    try {
      props.onDone(await props.client('visit.signOut', { visitId: m.visitId, phoneCollected: held && collected }));
    } catch (err) {
      setError(errorText(t, err));
      setBusy(false);
    }
  };

  return (
    <ScreenFrame
      title={t('signOut.confirmHeading')}
      onBack={props.onBack}
      help={t('signOut.help')}
      onHelp={props.onHelp}
      footer={
        <button type="button" className="btn btn-primary" onClick={() => void signOut()} disabled={busy}>
          {t('signOut.signMeOut')}
        </button>
      }
    >
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      <p className="lead name">
        {withName(t('signOut.match', { name: NAME, time: timeOfDay(m.arrivedAt, props.language, props.timeZone) }), m.maskedName)}
      </p>
      {held && (
        <>
          <p className="notice notice-strong">{m.phone.kind === 'locker' ? t('signOut.collectLocker', { label: where }) : t('signOut.collectReception')}</p>
          <label className="check check-strong">
            <input type="checkbox" checked={collected} onChange={(e) => setCollected(e.target.checked)} />
            <span>{m.phone.kind === 'locker' ? t('signOut.collectedLocker', { label: where }) : t('signOut.collectedReception')}</span>
          </label>
        </>
      )}
    </ScreenFrame>
  );
}

export function SignOutDone(props: { receipt: SignOutReceipt; onFinish: () => void; onHelp: (text: string) => void }) {
  const { t } = useTranslation();
  const r = props.receipt;
  const stillHeld = !r.phoneReturned && (r.phone.kind === 'locker' || r.phone.kind === 'reception');
  return (
    <ScreenFrame
      title={t('signOut.goodbye', { name: r.maskedName })}
      titleNode={withName(t('signOut.goodbye', { name: NAME }), r.maskedName)}
      help={t('signOut.help')}
      onHelp={props.onHelp}
      footer={
        <button type="button" className="btn btn-primary" onClick={props.onFinish}>
          {t('done.finish')}
        </button>
      }
    >
      <p className="lead">{t('signOut.thanks')}</p>
      {stillHeld && (
        <p className="notice notice-strong">
          {r.phone.kind === 'locker' ? t('signOut.phoneStillLocker', { label: r.phone.lockerLabel }) : t('signOut.phoneStillReception')}
        </p>
      )}
    </ScreenFrame>
  );
}
