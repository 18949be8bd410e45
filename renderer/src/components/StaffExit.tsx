// Staff-only: leave kiosk mode with the staff PIN (issue 8). Staff screens are English only,
// so these strings live here and not in the visitor i18n resources (which must exist in every
// visitor language). Visitors never see a hint of this: it opens from a 3-second hold on the
// Welcome heading or Ctrl+Alt+Shift+S.
import { useEffect, useId, useRef, useState } from 'react';
import type { Client } from '../../../shared/contract';
import type { RollCall } from '../../../shared/rollcall';
import { ContractError } from '../../../shared/errors';
import { Dialog, ErrorText } from './ui';

const TEXT = {
  title: 'Staff',
  pin: 'Staff PIN',
  unlock: 'Unlock',
  cancel: 'Cancel',
  close: 'Close',
  exit: 'Exit the kiosk app',
  rollCall: 'Fire roll call',
  yourName: 'Your name (recorded with each mark)',
  needName: 'Please type your name.',
  unlocked: 'Unlocked. This lasts 2 minutes.',
  badPin: 'The staff PIN is 4 to 8 digits.',
  failed: 'That did not work. Please try again.',
} as const;

const message = (e: unknown) => (e instanceof ContractError ? e.message : TEXT.failed);

export function StaffExit({ client, onClose, onRollCall }: { client: Client; onClose: () => void; onRollCall?: (session: string, rollCall: RollCall) => void }) {
  const id = useId();
  const [staffName, setStaffName] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string>();
  const [token, setToken] = useState<string>();
  const [result, setResult] = useState<string>();
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);
  const exitRef = useRef<HTMLButtonElement>(null);

  // Runs after the Dialog's own focus move (child effects run first): start at the right control.
  useEffect(() => {
    if (result !== undefined) return;
    if (token) exitRef.current?.focus();
    else pinRef.current?.focus();
  }, [token, result]);

  const unlock = async () => {
    if (!/^[0-9]{4,8}$/.test(pin)) return setError(TEXT.badPin);
    setBusy(true);
    try {
      const r = await client('staff.unlock', { pin });
      setError(undefined);
      setToken(r.token);
    } catch (e) {
      setError(message(e));
    } finally {
      setPin('');
      setBusy(false);
    }
  };

  const exit = async () => {
    if (!token) return;
    setBusy(true);
    try {
      const r = await client('staff.exitKiosk', { token });
      setResult(r.message);
    } catch (e) {
      setToken(undefined); // tokens are single-use and short-lived: ask for the PIN again
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  const openRollCall = async () => {
    if (!token || !onRollCall) return;
    if (staffName.trim() === '') return setError(TEXT.needName);
    setBusy(true);
    try {
      const r = await client('rollCall.open', { token, by: staffName });
      onRollCall(r.session, r.rollCall);
    } catch (e) {
      setToken(undefined); // the unlock is spent either way: ask for the PIN again
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  const secondary = (label: string) => (
    <button type="button" className="btn btn-secondary" onClick={onClose}>
      {label}
    </button>
  );

  let body;
  let actions;
  if (result !== undefined) {
    body = (
      <p role="status" id={`${id}-result`}>
        {result}
      </p>
    );
    actions = secondary(TEXT.close);
  } else if (token) {
    body = (
      <>
        <p role="status">{TEXT.unlocked}</p>
        {onRollCall && (
          <div className={`field${error ? ' has-error' : ''}`}>
            <label htmlFor={`${id}-name`}>{TEXT.yourName}</label>
            <input
              id={`${id}-name`}
              autoComplete="off"
              maxLength={120}
              value={staffName}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-name-err` : undefined}
              onChange={(e) => (setStaffName(e.target.value), setError(undefined))}
            />
            <ErrorText id={`${id}-name-err`} error={error} />
          </div>
        )}
      </>
    );
    actions = (
      <>
        {secondary(TEXT.cancel)}
        {onRollCall && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void openRollCall()}>
            {TEXT.rollCall}
          </button>
        )}
        <button ref={exitRef} type="button" className="btn btn-primary" disabled={busy} onClick={() => void exit()}>
          {TEXT.exit}
        </button>
      </>
    );
  } else {
    body = (
      <div className={`field${error ? ' has-error' : ''}`}>
        <label htmlFor={`${id}-pin`}>{TEXT.pin}</label>
        <input
          ref={pinRef}
          id={`${id}-pin`}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
          value={pin}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          onChange={(e) => (setPin(e.target.value), setError(undefined))}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void unlock();
            }
          }}
        />
        <ErrorText id={`${id}-err`} error={error} />
      </div>
    );
    actions = (
      <>
        {secondary(TEXT.cancel)}
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void unlock()}>
          {TEXT.unlock}
        </button>
      </>
    );
  }

  return (
    <Dialog title={TEXT.title} onEscape={onClose} actions={actions}>
      <div lang="en" dir="ltr">
        {body}
      </div>
    </Dialog>
  );
}
