// The console shell: finds out whether the hub needs its first set-up, whether someone is
// logged in, and shows set-up, login or the pages the role may use. Pages are addressed by the
// URL hash (#/on-site …) so the browser's Back works and the hub serves one static page.
import { useCallback, useEffect, useRef, useState } from 'react';
import { CONSOLE_LOCK_MS, ROLE_LABELS, type SessionInfo, type StaffMember } from '../../../shared/office';
import { session as sessionApi, setCsrfToken, setUnauthenticatedHandler, sinceLastUse } from './api';
import { Locked, Login, Setup } from './pages/Session';
import { OnSite } from './pages/OnSite';
import { Custody } from './pages/Custody';
import { Exemptions } from './pages/Exemptions';
import { Breaches } from './pages/Breaches';
import { Evidence } from './pages/Evidence';
import { History } from './pages/History';
import { Expected } from './pages/Expected';
import { Regulars } from './pages/Regulars';
import { Kiosks } from './pages/Kiosks';
import { KioskPins } from './pages/KioskPins';
import { SiteLists } from './pages/SiteLists';
import { Policy } from './pages/Policy';
import { Privacy } from './pages/Privacy';
import { Signage } from './pages/Signage';
import { Staff } from './pages/Staff';
import { Audit } from './pages/Audit';
import { RollCallPage } from './pages/RollCall';
import { EndOfDay } from './pages/EndOfDay';
import { Desk } from './pages/Desk';
import { Restricted, RestrictedAlertBanner } from './pages/Restricted';
import { Retention } from './pages/Retention';
import { Backups } from './pages/Backups';
import { SubjectAccess } from './pages/SubjectAccess';
import { MustChangePassword, YourPassword } from './pages/Password';
import { Notifications } from './pages/Notifications';
import { Messages } from './pages/Messages';
import { href, pagesFor, parseRoute } from './routes';
import { LoadError, Loading, useNarrow } from './ui';
import { DisplayControl } from './display';

type Phase =
  | { kind: 'starting' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'setup' }
  | { kind: 'login'; notice?: string }
  | { kind: 'in'; session: SessionInfo }
  | { kind: 'locked'; staff: StaffMember };

/** While someone reads a page that makes no requests, tell the hub they are there this often. */
const KEEP_ALIVE_MS = 5 * 60_000;
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Lock the console after CONSOLE_LOCK_MS without a key press, click, touch or scroll. Its own
 * background refreshes do not count (the hub does not count them either); real input does, and
 * keeps the hub's session alive while someone reads a page that sends nothing.
 */
function useIdleLock(onLock: () => void): void {
  useEffect(() => {
    let lastInput = Date.now();
    const onInput = () => {
      lastInput = Date.now();
      if (sinceLastUse() > KEEP_ALIVE_MS) void sessionApi.me().catch(() => {});
    };
    for (const e of INPUT_EVENTS) window.addEventListener(e, onInput, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastInput >= CONSOLE_LOCK_MS) onLock();
    }, 10_000);
    return () => {
      for (const e of INPUT_EVENTS) window.removeEventListener(e, onInput, { capture: true });
      window.clearInterval(timer);
    };
  }, [onLock]);
}

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const on = () => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });

  const enter = useCallback((s: SessionInfo) => {
    setCsrfToken(s.csrfToken);
    setPhase({ kind: 'in', session: s });
  }, []);

  const start = useCallback(async () => {
    setPhase({ kind: 'starting' });
    try {
      const s = await sessionApi.me();
      if (s) return enter(s);
      let needsSetup = false;
      try {
        needsSetup = (await sessionApi.setupStatus()).needsSetup;
      } catch {
        // An older hub without the route: it has been set up, or login will say so.
      }
      setPhase(needsSetup ? { kind: 'setup' } : { kind: 'login' });
    } catch (e) {
      setPhase({ kind: 'failed', error: e });
    }
  }, [enter]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken('');
      // A refresh still in flight when the console locked must not replace the lock screen.
      setPhase((p) => (p.kind === 'locked' ? p : { kind: 'login', notice: 'Your session has ended. Please log in again.' }));
    });
    void start();
  }, [start]);

  const logout = useCallback(async () => {
    try {
      await sessionApi.logout();
    } catch {
      // Logged out here either way; the hub ends the session when it expires.
    }
    setCsrfToken('');
    setPhase({ kind: 'login', notice: 'You have logged out.' });
  }, []);

  const lock = useCallback(async (staff: StaffMember) => {
    setPhase({ kind: 'locked', staff });
    try {
      await sessionApi.logout();
    } catch {
      // The hub ends the unused session by itself anyway.
    }
    setCsrfToken('');
  }, []);

  switch (phase.kind) {
    case 'locked':
      return <Locked staff={phase.staff} minutes={Math.round(CONSOLE_LOCK_MS / 60_000)} onDone={enter} onSwitch={() => setPhase({ kind: 'login' })} />;
    case 'starting':
      return (
        <main className="plain-page">
          <Loading what="Connecting to the office service" />
        </main>
      );
    case 'failed':
      return (
        <main className="plain-page">
          <h1>Visitor office</h1>
          <LoadError error={phase.error} onRetry={() => void start()} />
        </main>
      );
    case 'setup':
      return <Setup onDone={enter} />;
    case 'login':
      return <Login notice={phase.notice} onDone={enter} onNeedsSetup={() => setPhase({ kind: 'setup' })} />;
    case 'in':
      if (phase.session.staff.mustChangePassword) return <MustChangePassword session={phase.session} onDone={() => void start()} onLogout={() => void logout()} />;
      return <Shell session={phase.session} onLogout={() => void logout()} onLock={() => void lock(phase.session.staff)} />;
  }
}

function Shell({ session, onLogout, onLock }: { session: SessionInfo; onLogout: () => void; onLock: () => void }) {
  const hash = useHash();
  const lockRef = useRef(onLock);
  lockRef.current = onLock;
  useIdleLock(useCallback(() => lockRef.current(), []));
  const role = session.staff.role;
  const route = parseRoute(hash, role);
  const pages = pagesFor(role);
  const narrow = useNarrow('(max-width: 1000px)');
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [hash]);
  const showNav = !narrow || menuOpen;

  let content;
  switch (route.page) {
    case 'roll-call':
      content = <RollCallPage />;
      break;
    case 'end-of-day':
      content = <EndOfDay role={role} />;
      break;
    case 'desk':
      content = <Desk />;
      break;
    case 'restricted':
      content = <Restricted role={role} />;
      break;
    case 'retention':
      content = <Retention />;
      break;
    case 'backups':
      content = <Backups />;
      break;
    case 'subject-access':
      content = <SubjectAccess />;
      break;
    case 'on-site':
      content = <OnSite />;
      break;
    case 'phones':
      content = <Custody />;
      break;
    case 'exemptions':
      content = <Exemptions role={role} rest={route.rest} />;
      break;
    case 'breaches':
      content = <Breaches role={role} />;
      break;
    case 'evidence':
      content = <Evidence />;
      break;
    case 'history':
      content = <History />;
      break;
    case 'expected':
      content = <Expected />;
      break;
    case 'regulars':
      content = <Regulars />;
      break;
    case 'kiosks':
      content = <Kiosks role={role} />;
      break;
    case 'kiosk-pins':
      content = <KioskPins role={role} />;
      break;
    case 'site-lists':
      content = <SiteLists />;
      break;
    case 'policy':
      content = <Policy />;
      break;
    case 'privacy':
      content = <Privacy />;
      break;
    case 'signage':
      content = <Signage role={role} />;
      break;
    case 'staff':
      content = <Staff me={session.staff} />;
      break;
    case 'audit':
      content = <Audit />;
      break;
    case 'password':
      content = <YourPassword />;
      break;
    case 'notifications':
      content = <Notifications />;
      break;
    case 'messages':
      content = <Messages />;
      break;
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById('page-title')?.focus();
      }}>
        Skip to main content
      </a>
      <header className="topbar">
        <p className="brand">Visitor office</p>
        <div className="who">
          <span className="who-name">
            <bdi dir="auto">{session.staff.displayName}</bdi>
          </span>
          <span className="who-role">{ROLE_LABELS[role]}</span>
        </div>
        <div className="topbar-actions">
          {/* One action from every page, for every role: the alarm does not wait for the menu. */}
          <a className="btn btn-fire" href={href('roll-call')} aria-current={route.page === 'roll-call' ? 'page' : undefined}>
            Fire roll call
          </a>
          {narrow && (
            <button type="button" className="btn btn-on-dark" aria-expanded={menuOpen} aria-controls="nav" onClick={() => setMenuOpen((o) => !o)}>
              {menuOpen ? 'Close menu' : 'Menu'}
            </button>
          )}
          <DisplayControl />
          <button type="button" className="btn btn-on-dark" onClick={onLogout}>
            Log out
          </button>
        </div>
      </header>
      <div className="body">
        {showNav && (
          <nav id="nav" className="nav" aria-label="Console">
            <ul>
              {pages.map((p) => (
                <li key={p.path}>
                  <a href={href(p.path)} aria-current={route.page === p.path ? 'page' : undefined}>
                    {p.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <main id="main" className="main">
          {/* Someone from the trust who opened this school (core/office/trust/drillIn.ts): the hub refuses their changes. */}
          {session.staff.username.startsWith('trust:') && (
            <div className="notice notice-info trust-visitor">You opened this school from the trust. You can see its records; changes are left to the school.</div>
          )}
          <RestrictedAlertBanner />
          {content}
        </main>
      </div>
    </div>
  );
}
