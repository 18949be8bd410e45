// The trust console, shown when the console is opened at /trust/ on a trust hub: the trust's
// own staff sign in, see every school's figures at once (counts only), open a school's console
// (read-mostly, as the school's DSL or administrator would see it) and, as trust
// administrators, manage the trust's accounts. Same building blocks as the school console.
import { useCallback, useEffect, useState } from 'react';
import { TRUST_ROLE_LABELS, type TrustSessionInfo } from '../../../../shared/trust';
import { Login } from '../pages/Session';
import { PasswordForm } from '../pages/Password';
import { LoadError, Loading } from '../ui';
import { DisplayControl } from '../display';
import { onTrustSignedOut, setTrustSession, trustApi } from './api';
import { TrustDashboardPage } from './Dashboard';
import { TrustStaffPage } from './Staff';

type Phase = { kind: 'starting' } | { kind: 'failed'; error: unknown } | { kind: 'login'; notice?: string } | { kind: 'in'; session: TrustSessionInfo };

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const on = () => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

export function TrustApp() {
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const enter = useCallback((s: TrustSessionInfo) => {
    setTrustSession(s);
    setPhase({ kind: 'in', session: s });
  }, []);
  const start = useCallback(() => {
    setPhase({ kind: 'starting' });
    trustApi.me().then(
      (s) => (s ? enter(s) : setPhase({ kind: 'login' })),
      (error: unknown) => setPhase({ kind: 'failed', error }),
    );
  }, [enter]);
  useEffect(() => {
    onTrustSignedOut(() => setPhase({ kind: 'login', notice: 'Your session ended. Please log in again.' }));
    start();
  }, [start]);
  const hash = useHash();

  if (phase.kind === 'starting') return <main className="plain-page"><Loading what="Connecting to the trust hub" /></main>;
  if (phase.kind === 'failed') return <main className="plain-page"><LoadError error={phase.error} onRetry={start} /></main>;
  if (phase.kind === 'login')
    return <Login<TrustSessionInfo> notice={phase.notice} onDone={enter} logIn={(b) => trustApi.login(b.username, b.password)} lead="For the trust's safeguarding and IT teams. Everything you do, and every school you open, is recorded under your name." />;

  const { staff } = phase.session;
  const logOut = () => void trustApi.logout().finally(() => setPhase({ kind: 'login', notice: 'You have logged out.' }));
  if (staff.mustChangePassword)
    return (
      <main className="plain-page">
        <p className="brand brand-plain">Trust office</p>
        <h1>Choose your own password</h1>
        <p className="lead">The password you have was set by a trust administrator. Choose your own before you go on.</p>
        <PasswordForm submitLabel="Save my password" change={(c, n) => trustApi.changePassword(c, n)} onDone={start} />
      </main>
    );

  const admin = staff.role === 'trust_admin';
  const page = admin && hash === '#/staff' ? 'staff' : 'dashboard';
  return (
    <div className="shell">
      <header className="topbar">
        <p className="brand">Trust office</p>
        <nav className="trust-tabs" aria-label="Trust console">
          <a className="btn btn-on-dark" href="#/" aria-current={page === 'dashboard' ? 'page' : undefined}>
            Schools
          </a>
          {admin && (
            <a className="btn btn-on-dark" href="#/staff" aria-current={page === 'staff' ? 'page' : undefined}>
              Trust staff
            </a>
          )}
        </nav>
        <div className="who">
          <span className="who-name">
            <bdi dir="auto">{staff.displayName}</bdi>
          </span>
          <span className="who-role">{TRUST_ROLE_LABELS[staff.role]}</span>
        </div>
        <div className="topbar-actions">
          <DisplayControl />
          <button type="button" className="btn btn-on-dark" onClick={logOut}>
            Log out
          </button>
        </div>
      </header>
      <main id="main" className="main">
        {page === 'staff' ? <TrustStaffPage me={staff.id} /> : <TrustDashboardPage role={staff.role} />}
      </main>
    </div>
  );
}
