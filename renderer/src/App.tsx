// The kiosk: holds the site's reference data, the visitor's display choices and the flow,
// and decides which screen shows. Screens get what they need through props.
import { useCallback, useEffect, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bootstrap, Client, ExpectedDetails, OpInput } from '../../shared/contract';
import type { Language } from '../../shared/domain';
import type { RollCall } from '../../shared/rollcall';
import { ContractError } from '../../shared/errors';
import { IdleGuard } from './components/IdleGuard';
import { Dialog, LayoutContext } from './components/ui';
import { fromContract, type FieldErrors } from './flow/problems';
import { flowReducer, initialFlow, isOffer, type Draft } from './flow/state';
import { applyLanguageToDocument, errorText } from './i18n';
import { Done } from './screens/Done';
import { bookingByCode, ExpectedFind } from './screens/Expected';
import { Held } from './screens/Held';
import { Phone } from './screens/Phone';
import { Policy } from './screens/Policy';
import { RollCallScreen } from './screens/RollCall';
import { Safeguarding } from './screens/Safeguarding';
import { SignOutConfirm, SignOutDone, SignOutFind } from './screens/SignOut';
import { Welcome } from './screens/Welcome';
import { CardSignIn } from './screens/CardSignIn';
import { useCardScanner } from './flow/cardScanner';
import { WhoAreYou } from './screens/WhoAreYou';

/** The visitor's display choices; they last for one visit and reset for the next visitor.
 *  reach: controls in the lower half of the screen, for wheelchair users. */
type Prefs = { language: Language; largeText: boolean; highContrast: boolean; reach: boolean };
const defaultPrefs: Prefs = { language: 'en', largeText: false, highContrast: false, reach: false };

export function App({ client }: { client: Client }) {
  const { t, i18n } = useTranslation();
  const [boot, setBoot] = useState<Bootstrap | null>(null);
  const [bootError, setBootError] = useState<string | null>(null);
  const [flow, dispatch] = useReducer(flowReducer, initialFlow);
  const [prefs, setPrefs] = useState<Prefs>(defaultPrefs);
  const [help, setHelp] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>();
  const [whoErrors, setWhoErrors] = useState<FieldErrors>({});
  const [policyJustUpdated, setPolicyJustUpdated] = useState(false);
  const [rollCall, setRollCall] = useState<{ session: string; initial: RollCall } | null>(null);
  /** A regular's card code from the scanner (null: they chose "I have a card" to type it). */
  const [cardCode, setCardCode] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setBoot(await client('kiosk.bootstrap', { language: prefs.language }));
      setBootError(null);
    } catch (e) {
      setBootError(errorText(i18n.t, e));
    }
  }, [client, prefs.language, i18n]);

  useEffect(() => void refresh(), [refresh]);
  // A card scanned on the welcome screen starts quick sign-in; other screens ignore the scanner.
  useCardScanner(flow.screen === 'welcome' && !!boot?.setUp && !rollCall, (code) => {
    setCardCode(code);
    dispatch({ type: 'go', screen: 'card' });
  });
  useEffect(() => {
    void i18n.changeLanguage(prefs.language).then(() => (document.title = i18n.t('app.title')));
    applyLanguageToDocument(prefs.language);
    document.documentElement.classList.toggle('large-text', prefs.largeText);
    document.documentElement.classList.toggle('high-contrast', prefs.highContrast);
    document.documentElement.classList.toggle('reach', prefs.reach);
  }, [prefs, i18n]);

  // An expected visitor's booking, found by name or code: its details are filled in on "About you".
  const fillFromBooking = useCallback((b: ExpectedDetails) => {
    dispatch({ type: 'edit', patch: { expectedId: b.expectedId, policyChangedSinceInvitation: b.policyChangedSinceInvitation, fullName: b.fullName, organisation: b.organisation, category: b.category, ...(b.hostId ? { hostId: b.hostId } : {}) } });
    dispatch({ type: 'go', screen: 'who' });
  }, []);
  // An invitation's QR scanned on the welcome screen reaches the card flow; a code that is no card
  // is tried as a sign-in code, so that visitor goes on as "Find your booking" would take them.
  const tryInvitation = useCallback(
    async (code: string) => {
      try {
        const details = await bookingByCode(client, code);
        if (details) fillFromBooking(details);
        return details !== null;
      } catch {
        return false; // the card flow's neutral "see reception"
      }
    },
    [client, fillFromBooking],
  );

  // Stable, so the phone screen's approval check runs once per question, not once per render.
  const approvalChecked = useCallback((patch: Partial<Draft>) => dispatch({ type: 'edit', patch }), []);

  const reset = useCallback(() => {
    dispatch({ type: 'reset' });
    setPrefs(defaultPrefs);
    setHelp(null);
    setServerError(undefined);
    setWhoErrors({});
    setPolicyJustUpdated(false);
    setCardCode(null);
    void refresh();
  }, [refresh]);

  if (!boot)
    return (
      <main className="screen">
        <h1>{t('app.title')}</h1>
        <p role={bootError ? 'alert' : 'status'}>{bootError ?? t('app.loading')}</p>
        {bootError && (
          <button type="button" className="btn btn-primary" onClick={() => void refresh()}>
            {t('app.startAgain')}
          </button>
        )}
      </main>
    );

  const d = flow.draft;
  /** Where the phone is, as the sign-in sends it: an approval only with its conditions ticked. */
  const phoneInput = (): OpInput<'visit.signIn'>['phone'] => {
    if (d.phoneChoice === 'locker') return { choice: 'locker', lockerId: d.lockerId };
    if (d.phoneChoice === 'exemption' && isOffer(d.approval) && d.conditionsAccepted)
      return { choice: 'exemption', exemptionId: d.approval.exemptionId, conditionsHash: d.approval.conditionsHash };
    return { choice: d.phoneChoice! };
  };
  const submit = async () => {
    setBusy(true);
    setServerError(undefined);
    try {
      const receipt = await client('visit.signIn', {
        category: d.category!,
        fullName: d.fullName,
        organisation: d.organisation,
        agencyRole: d.agencyRole,
        hostId: d.hostId,
        purpose: d.purpose,
        needsEvacuationHelp: d.needsEvacuationHelp,
        language: prefs.language,
        policy: { versionId: boot.policy.versionId, textHash: boot.policy.textHash },
        ...(d.privacyShown ? { privacy: d.privacyShown } : {}),
        ...(d.expectedId ? { expectedId: d.expectedId } : {}),
        phone: phoneInput(),
      });
      dispatch({ type: 'signedIn', receipt });
    } catch (e) {
      const err = e instanceof ContractError ? e : new ContractError('INTERNAL', String(e));
      if (err.code === 'POLICY_CHANGED') {
        await refresh();
        dispatch({ type: 'edit', patch: { acknowledged: false } });
        setPolicyJustUpdated(true);
        dispatch({ type: 'go', screen: 'policy' });
      } else if (err.code === 'EXEMPTION_NOT_VALID') {
        // Revoked, expired or changed since the visitor read it: say so, and ask again, so they
        // see the approval as it stands now (new conditions to tick) or the way via reception.
        dispatch({ type: 'edit', patch: { approval: null, conditionsAccepted: false } });
        setServerError(errorText(t, err));
      } else if (err.code === 'LOCKER_TAKEN') {
        await refresh();
        dispatch({ type: 'edit', patch: { lockerId: '' } });
        setServerError(errorText(t, err));
      } else if (err.code === 'INVALID_INPUT' && err.fields?.some((f) => !f.path.startsWith('phone'))) {
        setWhoErrors(fromContract(t, err.fields));
        dispatch({ type: 'go', screen: 'who' });
      } else setServerError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const go = (screen: typeof flow.screen) => dispatch({ type: 'go', screen });
  const common = { client, language: prefs.language, timeZone: boot.site.timeZone, onHelp: setHelp };

  // The roll call replaces the visitor screens until staff close it; the idle reset leaves it alone.
  if (rollCall)
    return (
      <div className="kiosk">
        <RollCallScreen client={client} session={rollCall.session} initial={rollCall.initial} timeZone={boot.site.timeZone} onClose={() => (setRollCall(null), reset())} />
      </div>
    );

  return (
    <LayoutContext.Provider value={{ reach: prefs.reach }}>
      <div className="kiosk">
        {flow.screen === 'welcome' && (
          <Welcome
            client={client}
            onRollCall={(session, initial) => setRollCall({ session, initial })}
            siteName={boot.site.name}
            setUp={boot.setUp}
            onSetUp={() => void refresh()}
            languages={boot.languages}
            language={prefs.language}
            onLanguage={(language) => setPrefs((p) => ({ ...p, language }))}
            largeText={prefs.largeText}
            highContrast={prefs.highContrast}
            reach={prefs.reach}
            onLargeText={(largeText) => setPrefs((p) => ({ ...p, largeText }))}
            onHighContrast={(highContrast) => setPrefs((p) => ({ ...p, highContrast }))}
            onReach={(reach) => setPrefs((p) => ({ ...p, reach }))}
            onSignIn={() => go('who')}
            onSignOut={() => go('signout-find')}
            onCard={() => (setCardCode(null), go('card'))}
            onSafeguarding={() => go('safeguarding')}
            onHelp={setHelp}
          />
        )}
        {flow.screen === 'card' && (
          <CardSignIn
            client={client}
            boot={boot}
            language={prefs.language}
            initialCode={cardCode}
            refresh={refresh}
            tryInvitation={tryInvitation}
            onSignedIn={(receipt) => dispatch({ type: 'signedIn', receipt })}
            onCancel={reset}
            onHelp={setHelp}
          />
        )}
        {flow.screen === 'safeguarding' && <Safeguarding client={client} language={prefs.language} onBack={() => go('welcome')} onHelp={setHelp} />}
        {flow.screen === 'who' && (
          <WhoAreYou
            draft={d}
            hosts={boot.hosts}
            privacy={boot.privacy}
            language={prefs.language}
            serverErrors={whoErrors}
            onEdit={(patch) => dispatch({ type: 'edit', patch })}
            onBack={reset}
            onFindBooking={() => go('expected')}
            onNext={() => {
              setWhoErrors({});
              // The notice this visitor was shown; the sign-in records it (a later refresh may bring a newer one).
              dispatch({ type: 'edit', patch: { privacyShown: { versionId: boot.privacy.versionId, textHash: boot.privacy.textHash } } });
              go('policy');
            }}
            onHelp={setHelp}
          />
        )}
        {flow.screen === 'policy' && (
          <Policy
            client={client}
            policy={boot.policy}
            language={prefs.language}
            fullName={d.fullName}
            acknowledged={d.acknowledged}
            justUpdated={policyJustUpdated}
            changedSinceInvitation={d.policyChangedSinceInvitation}
            onAcknowledge={(acknowledged) => dispatch({ type: 'edit', patch: { acknowledged } })}
            onBack={() => go('who')}
            onNext={() => (setPolicyJustUpdated(false), go('phone'))}
            onHelp={setHelp}
          />
        )}
        {flow.screen === 'phone' && (
          <Phone
            client={client}
            draft={d}
            lockers={boot.lockers}
            language={prefs.language}
            timeZone={boot.site.timeZone}
            busy={busy}
            serverError={serverError}
            onEdit={(patch) => (setServerError(undefined), dispatch({ type: 'edit', patch }))}
            onApprovalChecked={approvalChecked}
            onBack={() => go('policy')}
            onSubmit={() => void submit()}
            onHelp={setHelp}
          />
        )}
        {flow.screen === 'expected' && (
          <ExpectedFind
            client={client}
            onBack={() => go('who')}
            onFound={fillFromBooking}
            onHelp={setHelp}
          />
        )}
        {flow.screen === 'done' && flow.receipt?.held && <Held onFinish={reset} onHelp={setHelp} />}
        {flow.screen === 'done' && flow.receipt && !flow.receipt.held && (
          <Done client={client} receipt={flow.receipt} language={prefs.language} timeZone={boot.site.timeZone} onFinish={reset} onHelp={setHelp} />
        )}
        {flow.screen === 'signout-find' && <SignOutFind {...common} onBack={reset} onChoose={(match) => dispatch({ type: 'chooseMatch', match })} />}
        {flow.screen === 'signout-confirm' && flow.match && (
          <SignOutConfirm {...common} match={flow.match} onBack={() => go('signout-find')} onDone={(receipt) => dispatch({ type: 'signedOut', receipt })} />
        )}
        {flow.screen === 'signout-done' && flow.signOutReceipt && <SignOutDone receipt={flow.signOutReceipt} onFinish={reset} onHelp={setHelp} />}

        {help && (
          <Dialog
            title={t('app.help')}
            onEscape={() => setHelp(null)}
            describedBy="help-text"
            actions={
              <button type="button" className="btn btn-primary" onClick={() => setHelp(null)}>
                {t('app.close')}
              </button>
            }
          >
            <p id="help-text">{help}</p>
          </Dialog>
        )}
        <IdleGuard
          active={flow.screen !== 'welcome'}
          timeoutSeconds={boot.site.idleTimeoutSeconds}
          warningSeconds={boot.site.idleWarningSeconds}
          onTimeout={reset}
        />
      </div>
    </LayoutContext.Provider>
  );
}
