// First-run set-up (the set-up code from the hub's data folder + the first administrator) and
// login, with plain messages for a locked account and for too many attempts.
import { useState, type FormEvent, type ReactNode } from 'react';
import { OFFICE_LIMITS, type SessionInfo, type StaffMember } from '../../../../shared/office';
import { ApiError, messageOf, session } from '../api';
import { fieldErrors } from '../format';
import { Field, FormMessage, NewPasswordFields, Notice } from '../ui';

function SessionFrame({ title, lead, children }: { title: string; lead: ReactNode; children: ReactNode }) {
  return (
    <main className="plain-page">
      <p className="brand brand-plain">Visitor office</p>
      <h1>{title}</h1>
      <p className="lead">{lead}</p>
      {children}
    </main>
  );
}

/** Text for a failed login: wrong details, locked account, or too many tries from here. */
export function loginProblem(e: unknown): string {
  if (!(e instanceof ApiError)) return messageOf(e);
  switch (e.code) {
    case 'UNAUTHENTICATED':
      return 'The username or password is not right. Check them and try again.';
    case 'LOCKED_OUT':
      return `This account is locked after too many wrong passwords. ${e.message} An administrator can unlock it sooner.`;
    case 'RATE_LIMITED':
      return `Too many login attempts from this computer. ${e.message} Wait a few minutes, then try again.`;
    case 'FORBIDDEN':
      return `${e.message} Ask an administrator if you need access.`;
    default:
      return e.message;
  }
}

/** The school console's login; the trust console (../trust/TrustApp.tsx) passes its own
 *  `logIn` and words, and has no first-run set-up. */
export function Login<S = SessionInfo>(props: {
  notice?: string | undefined;
  onDone: (s: S) => void;
  onNeedsSetup?: () => void;
  logIn?: (body: { username: string; password: string }) => Promise<S>;
  lead?: string;
}) {
  const logIn = props.logIn ?? (session.login as unknown as (body: { username: string; password: string }) => Promise<S>);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!username.trim()) local.username = 'Enter your username.';
    if (!password) local.password = 'Enter your password.';
    setErrors(local);
    if (Object.keys(local).length) return setMessage('Please fill in both fields.');
    setBusy(true);
    setMessage('');
    try {
      props.onDone(await logIn({ username: username.trim(), password }));
    } catch (err) {
      setPassword('');
      setErrors(err instanceof ApiError ? fieldErrors(err.fields) : {});
      setMessage(loginProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <SessionFrame title="Log in" lead={props.lead ?? 'For school office staff. Use your own account: everything you do is recorded under your name.'}>
      {props.notice && <Notice tone="info">{props.notice}</Notice>}
      <form className="form narrow-form" onSubmit={(e) => void submit(e)} noValidate>
        <FormMessage message={message} />
        <Field label="Username" value={username} onChange={setUsername} autoComplete="username" error={errors.username} required name="username" />
        <Field label="Password" type="password" value={password} onChange={setPassword} autoComplete="current-password" error={errors.password} required name="password" />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Logging in…' : 'Log in'}
          </button>
        </div>
      </form>
      {props.onNeedsSetup ? (
        <p className="muted small">
          Forgotten your password? Ask an administrator to reset it. First time on a new office computer?{' '}
          <button type="button" className="link-button" onClick={props.onNeedsSetup}>
            Set up the office service
          </button>
        </p>
      ) : (
        <p className="muted small">Forgotten your password? Ask a trust administrator to reset it.</p>
      )}
    </SessionFrame>
  );
}

export function Setup(props: { onDone: (s: SessionInfo) => void }) {
  const [f, setF] = useState({ setupCode: '', displayName: '', username: '', password: '', confirm: '' });
  const set = (k: keyof typeof f) => (v: string) => setF((o) => ({ ...o, [k]: v }));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const min = OFFICE_LIMITS.password.min;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!f.setupCode.trim()) local.setupCode = 'Enter the set-up code.';
    if (!f.displayName.trim()) local.displayName = 'Enter your name.';
    if (!f.username.trim()) local.username = 'Choose a username.';
    if (f.password.length < min) local.password = `Use at least ${min} characters.`;
    if (f.confirm !== f.password) local.confirm = 'The two passwords are not the same.';
    setErrors(local);
    if (Object.keys(local).length) return setMessage('Please check the fields marked below.');
    setBusy(true);
    setMessage('');
    try {
      props.onDone(await session.setup({ setupCode: f.setupCode.trim(), username: f.username.trim(), displayName: f.displayName, password: f.password }));
    } catch (err) {
      const fields = err instanceof ApiError ? fieldErrors(err.fields) : {};
      setErrors(fields);
      setMessage(
        err instanceof ApiError && err.code === 'CONFLICT'
          ? 'The office service is already set up. Log in instead.'
          : Object.keys(fields).length
            ? 'Please check the fields marked below.'
            : loginProblem(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <SessionFrame
      title="Set up the office service"
      lead="This is done once. You create the first administrator account; other staff accounts are made from the console afterwards."
    >
      <form className="form narrow-form" onSubmit={(e) => void submit(e)} noValidate>
        <FormMessage message={message} />
        <Field
          label="Set-up code"
          hint="In the file setup-code.txt in the office service's data folder (it is also shown when the service starts)."
          value={f.setupCode}
          onChange={set('setupCode')}
          error={errors.setupCode}
          required
          size="medium"
        />
        <Field label="Your name" hint="As other staff will see it in records, e.g. Jane Smith." value={f.displayName} onChange={set('displayName')} autoComplete="name" error={errors.displayName} required />
        <Field
          label="Username"
          hint="Lower-case letters, numbers, dots or dashes, e.g. jsmith."
          value={f.username}
          onChange={set('username')}
          autoComplete="username"
          error={errors.username === 'This is not valid.' ? 'Use 2 to 40 lower-case letters, numbers, dots, dashes or underscores.' : errors.username}
          required
        />
        <NewPasswordFields label="Password" password={f.password} confirm={f.confirm} onPassword={set('password')} onConfirm={set('confirm')} minLength={min} error={errors.password} confirmError={errors.confirm} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Setting up…' : 'Create administrator and log in'}
          </button>
        </div>
      </form>
    </SessionFrame>
  );
}

/**
 * The console locked itself after a while without use (its session is ended on the hub, and
 * the page it showed is gone from the screen). The same person unlocks it with their password
 * and carries on where they were; anyone else logs in afresh.
 */
export function Locked(props: { staff: StaffMember; minutes: number; onDone: (s: SessionInfo) => void; onSwitch: () => void }) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!password) {
      setError('Enter your password.');
      return setMessage('Enter your password to unlock.');
    }
    setBusy(true);
    setMessage('');
    setError(undefined);
    try {
      props.onDone(await session.login({ username: props.staff.username, password }));
    } catch (err) {
      setPassword('');
      setMessage(loginProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <SessionFrame
      title="Console locked"
      lead={`Locked after ${props.minutes} minutes without use, so that visitors' details are not left on screen. Enter your password to carry on.`}
    >
      <form className="form narrow-form" onSubmit={(e) => void submit(e)} noValidate>
        <FormMessage message={message} />
        <p>
          Signed in as <bdi dir="auto">{props.staff.displayName}</bdi> ({props.staff.username})
        </p>
        <Field label="Password" type="password" value={password} onChange={setPassword} autoComplete="current-password" error={error} required name="password" />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
        </div>
      </form>
      <p className="muted small">
        Not {props.staff.displayName}?{' '}
        <button type="button" className="link-button" onClick={props.onSwitch}>
          Log in as someone else
        </button>
      </p>
    </SessionFrame>
  );
}
