// Choosing your own password: from "Your password" in the menu at any time, and before
// anything else when an administrator set the one you have (the hub refuses every other
// operation until then). The current password is asked again: a console left open is not
// enough to take the account over.
import { useState, type FormEvent } from 'react';
import { OFFICE_LIMITS, type SessionInfo } from '../../../../shared/office';
import { ApiError, call, messageOf } from '../api';
import { fieldErrors } from '../format';
import { Field, FormMessage, NewPasswordFields, Page, Status } from '../ui';

const WHY: Record<string, string> = {
  wrong: 'This is not your current password.',
  sameAsCurrent: 'Choose a password different from the current one.',
};

type ChangePassword = (currentPassword: string, newPassword: string) => Promise<unknown>;
const schoolChange: ChangePassword = (currentPassword, newPassword) => call('account.changePassword', { currentPassword, newPassword });

/** `change`: the school's account.changePassword unless given (the trust console's own). */
export function PasswordForm({ onDone, submitLabel, change = schoolChange }: { onDone: () => void; submitLabel: string; change?: ChangePassword }) {
  const [f, setF] = useState({ current: '', next: '', confirm: '' });
  const set = (k: keyof typeof f) => (v: string) => setF((o) => ({ ...o, [k]: v }));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const min = OFFICE_LIMITS.password.min;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!f.current) local.currentPassword = 'Enter your current password.';
    if (f.next.length < min) local.newPassword = `Use at least ${min} characters.`;
    if (f.confirm !== f.next) local.confirm = 'The two new passwords are not the same.';
    setErrors(local);
    if (Object.keys(local).length) return setMessage('Please check the fields marked below.');
    setBusy(true);
    setMessage('');
    try {
      await change(f.current, f.next);
      setF({ current: '', next: '', confirm: '' });
      onDone();
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : [];
      const shown = fieldErrors(fields);
      for (const p of fields) if (WHY[p.message]) shown[p.path] = WHY[p.message]!;
      // A weak password is refused with a sentence saying why: show it by the field.
      if (fields.some((p) => p.path === 'newPassword' && p.message === 'invalid') && err instanceof ApiError) shown.newPassword = err.message;
      setErrors(shown);
      setMessage(Object.keys(shown).length ? 'Please check the fields marked below.' : messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form narrow-form" onSubmit={(e) => void submit(e)} noValidate>
      <FormMessage message={message} />
      <Field label="Current password" type="password" value={f.current} onChange={set('current')} autoComplete="current-password" error={errors.currentPassword} required />
      <NewPasswordFields label="New password" password={f.next} confirm={f.confirm} onPassword={set('next')} onConfirm={set('confirm')} minLength={min} error={errors.newPassword} confirmError={errors.confirm} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}

/** Shown instead of the console until a password an administrator set has been replaced. */
export function MustChangePassword({ session, onDone, onLogout }: { session: SessionInfo; onDone: () => void; onLogout: () => void }) {
  return (
    <main className="plain-page">
      <p className="brand brand-plain">Visitor office</p>
      <h1>Choose your own password</h1>
      <p className="lead">
        Welcome, <bdi dir="auto">{session.staff.displayName}</bdi>. Your password was set by an administrator, so only you should know the next one. Choose it now to open the console.
      </p>
      <PasswordForm onDone={onDone} submitLabel="Save and open the console" />
      <p className="muted small">
        <button type="button" className="link-button" onClick={onLogout}>
          Log out instead
        </button>
      </p>
    </main>
  );
}

/** The "Your password" page. */
export function YourPassword() {
  const [done, setDone] = useState('');
  return (
    <Page title="Your password" lead="Change it whenever you like, and at once if someone else may know it. Anyone else signed in as you is signed out.">
      <Status message={done} />
      <PasswordForm onDone={() => setDone('Your password is changed.')} submitLabel="Change password" />
    </Page>
  );
}
