// Quick sign-in with a regular visitor's card (issue #13): the code from the scanner (or typed)
// → "Welcome back, Jane S." → only what changed to acknowledge again (the phone rules and/or the
// acceptable-use agreement, each saying why) → where the phone is → badge. A regular with nothing
// changed taps twice here (their phone choice, "Sign in"). Any card that does not sign them in
// gets the same "please see reception", whatever the reason. An invitation's sign-in code scanned
// here instead (same length and alphabet) is offered to `tryInvitation` before that answer.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bootstrap, Client, OpInput, VisitReceipt } from '../../../shared/contract';
import type { Language } from '../../../shared/domain';
import { ContractError } from '../../../shared/errors';
import type { CardScan } from '../../../shared/regulars';
import { Choices, ErrorText, NAME, ScreenFrame, TextField, withName } from '../components/ui';
import { errorText, isRtl } from '../i18n';

type PhoneChoice = 'locker' | 'reception' | 'none';
type Stage = { kind: 'entry' } | { kind: 'checking' } | { kind: 'reception' } | { kind: 'already' } | { kind: 'ok'; scan: Extract<CardScan, { status: 'ok' }> };

export function CardSignIn(props: {
  client: Client;
  boot: Bootstrap;
  language: Language;
  /** From the scanner on the welcome screen; null: the visitor chose "I have a card" and types it. */
  initialCode: string | null;
  /** Ask the kiosk again for the policy and lockers (after a refusal that says they changed). */
  refresh: () => Promise<void>;
  /** Not a card: is it an invitation's sign-in code for today? True when it was (the kiosk goes on
   *  with that booking); false leaves the neutral "see reception". */
  tryInvitation: (code: string) => Promise<boolean>;
  onSignedIn: (receipt: VisitReceipt) => void;
  onCancel: () => void;
  onHelp: (text: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [code, setCode] = useState(props.initialCode ?? '');
  const [stage, setStage] = useState<Stage>(props.initialCode ? { kind: 'checking' } : { kind: 'entry' });
  const [policyOk, setPolicyOk] = useState(false);
  const [agreementOk, setAgreementOk] = useState(false);
  const [phone, setPhone] = useState<PhoneChoice | null>(null);
  const [lockerId, setLockerId] = useState('');
  const [errors, setErrors] = useState<{ policy?: string; agreement?: string; phone?: string; locker?: string; server?: string }>({});
  const [busy, setBusy] = useState(false);
  const { client, language, tryInvitation } = props;
  const free = props.boot.lockers.filter((l) => l.free);

  const check = useCallback(
    async (raw: string) => {
      setStage({ kind: 'checking' });
      try {
        const scan = await client('regular.scan', { cardCode: raw, language });
        if (scan.status !== 'ok') {
          if (!(await tryInvitation(raw))) setStage({ kind: 'reception' });
          return;
        }
        if (scan.onSiteVisitId) return setStage({ kind: 'already' });
        setStage({ kind: 'ok', scan });
      } catch {
        setStage({ kind: 'reception' }); // too long to be a card, or the kiosk could not answer: reception helps
      }
    },
    [client, language, tryInvitation],
  );
  useEffect(() => {
    if (props.initialCode) void check(props.initialCode);
  }, [props.initialCode, check]);

  if (stage.kind === 'entry' || stage.kind === 'checking')
    return (
      <ScreenFrame
        title={t('card.entryHeading')}
        onBack={props.onCancel}
        help={t('card.help')}
        onHelp={props.onHelp}
        footer={
          stage.kind === 'entry' ? (
            <button type="submit" form={`${id}-form`} className="btn btn-primary">
              {t('app.continue')}
            </button>
          ) : undefined
        }
      >
        {stage.kind === 'checking' ? (
          <p className="lead" role="status">
            {t('card.checking')}
          </p>
        ) : (
          <form
            id={`${id}-form`}
            onSubmit={(e) => {
              e.preventDefault();
              if (code.trim()) void check(code);
            }}
          >
            <TextField label={t('card.entryLabel')} hint={t('card.entryHint')} value={code} onChange={setCode} maxLength={64} />
          </form>
        )}
      </ScreenFrame>
    );

  if (stage.kind === 'reception' || stage.kind === 'already')
    return (
      <ScreenFrame
        title={t(stage.kind === 'reception' ? 'card.seeReceptionHeading' : 'card.alreadyHeading')}
        help={t('card.help')}
        onHelp={props.onHelp}
        footer={
          <button type="button" className="btn btn-primary" onClick={props.onCancel}>
            {t('card.ok')}
          </button>
        }
      >
        <p className="lead" role="status">
          {t(stage.kind === 'reception' ? 'card.seeReceptionBody' : 'card.alreadyBody')}
        </p>
      </ScreenFrame>
    );

  const s = stage.scan;
  const policy = props.boot.policy;
  const agreement = s.agreement;
  const changed = s.policyChanged || agreement !== null;

  const submit = async () => {
    const e: typeof errors = {};
    if (s.policyChanged && !policyOk) e.policy = t('policy.mustAgree');
    if (agreement && !agreementOk) e.agreement = t('card.mustAgree');
    if (!phone) e.phone = t('phone.mustChoose');
    else if (phone === 'locker' && !free.some((l) => l.id === lockerId)) e.locker = t('phone.mustChooseLocker');
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    const input: OpInput<'regular.signIn'> = {
      cardCode: code,
      language,
      phone: phone === 'locker' ? { choice: 'locker', lockerId } : { choice: phone! },
      ...(s.policyChanged ? { policy: { versionId: policy.versionId, textHash: policy.textHash } } : {}),
      ...(agreement ? { agreement: { versionId: agreement.versionId, textHash: agreement.textHash } } : {}),
    };
    try {
      props.onSignedIn(await client('regular.signIn', input));
    } catch (err) {
      const c = err instanceof ContractError ? err.code : 'INTERNAL';
      if (c === 'FORBIDDEN') setStage({ kind: 'reception' });
      else if (c === 'CONFLICT') setStage({ kind: 'already' });
      else if (c === 'POLICY_CHANGED' || c === 'LOCKER_TAKEN') {
        // Something changed while they read: show it as it is now.
        await props.refresh();
        setPolicyOk(false);
        setAgreementOk(false);
        if (c === 'LOCKER_TAKEN') setLockerId('');
        setErrors({ server: errorText(t, err) });
        if (c === 'POLICY_CHANGED') await check(code);
      } else setErrors({ server: errorText(t, err) });
    } finally {
      setBusy(false);
    }
  };

  const why = agreement ? t(agreement.due === 'first' ? 'card.agreementFirst' : agreement.due === 'changed' ? 'card.agreementChanged' : 'card.agreementRenewal') : null;
  return (
    <ScreenFrame
      title={t('card.welcomeBack', { name: s.maskedName })}
      titleNode={withName(t('card.welcomeBack', { name: NAME }), s.maskedName)}
      onBack={props.onCancel}
      help={t('card.help')}
      onHelp={props.onHelp}
      footer={
        <button type="button" className="btn btn-primary" onClick={() => void submit()} disabled={busy} aria-busy={busy}>
          {busy ? t('phone.signingIn') : t('phone.signIn')}
        </button>
      }
    >
      {errors.server && (
        <p role="alert" className="error-summary">
          {errors.server}
        </p>
      )}
      <p className={`notice${changed ? ' notice-strong' : ''}`} role="status">
        {changed ? t('card.changedLead') : t('card.nothingChanged')}
      </p>
      {s.policyChanged && (
        <section aria-labelledby={`${id}-policy`}>
          <p className="notice notice-strong">{t('card.policyChanged')}</p>
          {policy.language !== language && <p className="notice">{t('policy.notTranslated')}</p>}
          <article className="policy" lang={policy.language} dir={isRtl(policy.language) ? 'rtl' : 'ltr'}>
            <h2 id={`${id}-policy`}>{policy.title}</h2>
            <ol>
              {policy.points.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ol>
          </article>
          <p className="muted policy-version">{t('policy.version', { version: policy.version })}</p>
          <Ack id={`${id}-pack`} label={t('policy.agree')} checked={policyOk} error={errors.policy} onChange={(v) => (setErrors({}), setPolicyOk(v))} />
        </section>
      )}
      {agreement && (
        <section aria-labelledby={`${id}-agreement`}>
          <p className="notice notice-strong">{why}</p>
          {agreement.language !== language && <p className="notice">{t('policy.notTranslated')}</p>}
          <article className="policy" lang={agreement.language} dir={isRtl(agreement.language) ? 'rtl' : 'ltr'}>
            <h2 id={`${id}-agreement`}>{agreement.title}</h2>
            <ol>
              {agreement.points.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ol>
          </article>
          <p className="muted policy-version">{t('card.agreementVersion', { version: agreement.version })}</p>
          <Ack id={`${id}-aack`} label={t('card.agree')} checked={agreementOk} error={errors.agreement} onChange={(v) => (setErrors({}), setAgreementOk(v))} />
        </section>
      )}
      <Choices<PhoneChoice>
        legend={t('phone.where')}
        value={phone}
        options={(['locker', 'reception', 'none'] as const).map((c) => ({ value: c, label: t(`phone.${c}`) }))}
        onChange={(c) => {
          setErrors({});
          setPhone(c);
          // One tap is enough: the first free locker is offered; they can pick another.
          if (c === 'locker' && !lockerId) setLockerId(free[0]?.id ?? '');
        }}
        error={errors.phone}
      />
      {phone === 'locker' &&
        (free.length === 0 ? (
          <p className="notice notice-strong" role="status">
            {t('phone.noneFree')}
          </p>
        ) : (
          <Choices<string>
            legend={t('phone.chooseLocker')}
            value={lockerId || null}
            columns={4}
            options={free.map((l) => ({ value: l.id, label: l.label }))}
            siteWords
            onChange={(v) => (setErrors({}), setLockerId(v))}
            error={errors.locker}
          />
        ))}
    </ScreenFrame>
  );
}

function Ack(props: { id: string; label: string; checked: boolean; error: string | undefined; onChange: (v: boolean) => void }) {
  return (
    <div className={`field${props.error ? ' has-error' : ''}`}>
      <label className="check check-strong">
        <input
          id={props.id}
          type="checkbox"
          checked={props.checked}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `${props.id}-err` : undefined}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        <span>{props.label}</span>
      </label>
      <ErrorText id={`${props.id}-err`} error={props.error} />
    </div>
  );
}
