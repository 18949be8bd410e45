import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RollCall } from '../../../shared/rollcall';
import type { Client } from '../../../shared/contract';
import type { Language } from '../../../shared/domain';
import { isRtl, LANGUAGE_NAMES, STRINGS } from '../i18n';
import { StaffExit } from '../components/StaffExit';

/** Staff open the PIN dialog by holding the heading this long (or Ctrl+Alt+Shift+S); no visible hint. */
const STAFF_HOLD_MS = 3000;
const NOT_SET_UP = 'This kiosk is not set up yet \u2014 staff: set the roll-call PIN.';
const SET_UP = 'Set up this kiosk';

export function Welcome(props: {
  client: Client;
  /** Staff opened the fire roll call from the staff dialog. */
  onRollCall?: (session: string, rollCall: RollCall) => void;
  siteName: string;
  /** False until staff set how the roll call opens (issue #12): no sign-in until then. */
  setUp: boolean;
  /** The kiosk was just set up: load its state again. */
  onSetUp: () => void;
  languages: Language[];
  language: Language;
  onLanguage: (l: Language) => void;
  largeText: boolean;
  highContrast: boolean;
  reach: boolean;
  onLargeText: (v: boolean) => void;
  onHighContrast: (v: boolean) => void;
  onReach: (v: boolean) => void;
  onSignIn: () => void;
  onSignOut: () => void;
  /** A regular visitor types their card's code (a scanner needs no tap: see flow/cardScanner.ts). */
  onCard?: () => void;
  /** Help and safeguarding: who the DSLs are, report a concern (issue #15). */
  onSafeguarding?: () => void;
  onHelp: (text: string) => void;
}) {
  const { t } = useTranslation();
  // Offer only languages the screens have strings for (the core lists what it can serve).
  const languages = props.languages.filter((l) => l in STRINGS);
  const [staff, setStaff] = useState(false);
  const hold = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cancelHold = () => {
    clearTimeout(hold.current);
    hold.current = undefined;
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.altKey && e.shiftKey && e.code === 'KeyS') {
        e.preventDefault();
        setStaff(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      clearTimeout(hold.current);
    };
  }, []);
  // Not set up: look again now and then, so PINs arriving from the office open sign-in by themselves.
  const { setUp, onSetUp } = props;
  useEffect(() => {
    if (setUp) return;
    const timer = setInterval(onSetUp, 10_000);
    return () => clearInterval(timer);
  }, [setUp, onSetUp]);
  const help = (
    <button type="button" className="btn btn-help" onClick={() => props.onHelp(t('welcome.help'))}>
      {t('app.help')}
    </button>
  );
  return (
    <>
      <main className="screen welcome">
        <header className="screen-head">
          <h1
            tabIndex={-1}
            onPointerDown={() => {
              cancelHold();
              hold.current = setTimeout(() => setStaff(true), STAFF_HOLD_MS);
            }}
            onPointerUp={cancelHold}
            onPointerLeave={cancelHold}
            onPointerCancel={cancelHold}
            onContextMenu={(e) => e.preventDefault()}
          >
            {t('welcome.heading', { site: props.siteName })}
          </h1>
          {!props.reach && help}
        </header>
        <div className="screen-body">
          <p className="lead">{t('welcome.lead')}</p>
          {!props.setUp && (
            // Staff-facing, so English only (like the staff dialog). Signing out still works.
            <div className="not-set-up" lang="en" dir="ltr">
              <p role="status">
                <strong>{NOT_SET_UP}</strong>
              </p>
              <button type="button" className="btn btn-primary" onClick={() => setStaff(true)}>
                {SET_UP}
              </button>
            </div>
          )}
          <div className="big-actions">
            {props.setUp && (
              <button type="button" className="btn btn-primary btn-huge" onClick={props.onSignIn}>
                {t('welcome.signIn')}
              </button>
            )}
            <button type="button" className="btn btn-secondary btn-huge" onClick={props.onSignOut}>
              {t('welcome.signOut')}
            </button>
          </div>
          {props.setUp && props.onCard && (
            <p className="card-entry">
              <button type="button" className="btn btn-secondary" onClick={props.onCard}>
                {t('card.haveCard')}
              </button>
            </p>
          )}
          {props.onSafeguarding && (
            <button type="button" className="btn btn-secondary btn-huge btn-safeguarding" onClick={props.onSafeguarding}>
              {t('safeguarding.button')}
            </button>
          )}
          <section className="prefs">
            <fieldset className="prefs-language">
              <legend>{t('welcome.language')}</legend>
              <div className="lang-row">
                {languages.map((l) => (
                  <button
                    key={l}
                    type="button"
                    lang={l}
                    dir={isRtl(l) ? 'rtl' : 'ltr'}
                    className={`btn btn-lang${props.language === l ? ' selected' : ''}`}
                    aria-pressed={props.language === l}
                    onClick={() => props.onLanguage(l)}
                  >
                    {LANGUAGE_NAMES[l]}
                  </button>
                ))}
              </div>
            </fieldset>
            <fieldset className="prefs-display">
              <legend>{t('welcome.display')}</legend>
              <label className="switch">
                <input type="checkbox" role="switch" checked={props.largeText} onChange={(e) => props.onLargeText(e.target.checked)} />
                <span>{t('welcome.largeText')}</span>
              </label>
              <label className="switch">
                <input type="checkbox" role="switch" checked={props.highContrast} onChange={(e) => props.onHighContrast(e.target.checked)} />
                <span>{t('welcome.highContrast')}</span>
              </label>
              <label className="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={props.reach}
                  aria-describedby="reach-hint"
                  onChange={(e) => props.onReach(e.target.checked)}
                />
                <span>{t('welcome.reach')}</span>
              </label>
              <p id="reach-hint" className="hint switch-hint">
                {t('welcome.reachHint')}
              </p>
            </fieldset>
          </section>
        </div>
        {props.reach && <footer className="screen-foot">{help}</footer>}
      </main>
      {staff && (
        <StaffExit
          client={props.client}
          setUp={props.setUp}
          onSetUp={props.onSetUp}
          onClose={() => setStaff(false)}
          {...(props.onRollCall ? { onRollCall: props.onRollCall } : {})}
        />
      )}
    </>
  );
}
