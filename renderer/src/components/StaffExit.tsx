// Staff-only (issues 8 and #12): the fire roll call and leaving kiosk mode, each opened with a
// staff PIN (the kiosk's own, or a member of staff's personal PIN from the office console,
// which also names them on every mark). Each action has its own count of wrong PINs, and the
// roll call never waits more than a minute. On a kiosk not set up yet (no PIN at all) this is
// the set-up screen: set the kiosk PIN; the roll call still opens, with the name typed.
// Staff screens are English only, so these strings live here and not in the visitor i18n
// resources. It opens from a 3-second hold on the Welcome heading or Ctrl+Alt+Shift+S, or
// from the "not set up" notice.
import { useEffect, useId, useRef, useState } from 'react';
import type { Client } from '../../../shared/contract';
import type { RollCall } from '../../../shared/rollcall';
import { ContractError } from '../../../shared/errors';
import { Dialog, ErrorText } from './ui';

const TEXT = {
  title: 'Staff',
  setUpTitle: 'Set up this kiosk',
  notSetUp: 'This kiosk is not set up yet. Set the staff PIN that opens the fire roll call (4 to 8 digits). Staff can also use their own PINs from the office console.',
  newPin: 'New staff PIN',
  again: 'Type the PIN again',
  setPin: 'Set the PIN',
  mismatch: 'The two PINs are not the same.',
  pin: 'Staff PIN',
  cancel: 'Cancel',
  close: 'Close',
  exit: 'Exit the kiosk app',
  rollCall: 'Fire roll call',
  yourName: 'Your name (recorded with each mark)',
  nameHint: 'Not needed with your own PIN.',
  needName: 'Please type your name.',
  badPin: 'The staff PIN is 4 to 8 digits.',
  failed: 'That did not work. Please try again.',
} as const;

const message = (e: unknown) => (e instanceof ContractError ? e.message : TEXT.failed);
const PIN_RE = /^[0-9]{4,8}$/;

type Props = {
  client: Client;
  /** False: no PIN of any kind yet, show the set-up screen. */
  setUp: boolean;
  onClose: () => void;
  onSetUp: () => void;
  onRollCall?: (session: string, rollCall: RollCall) => void;
};

export function StaffExit(props: Props) {
  return props.setUp ? <StaffPin {...props} /> : <SetUp {...props} />;
}

function PinInput(props: { id: string; label: string; value: string; error: string | undefined; inputRef?: React.RefObject<HTMLInputElement | null>; onChange: (v: string) => void; onEnter?: () => void }) {
  return (
    <div className={`field${props.error ? ' has-error' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        ref={props.inputRef}
        id={props.id}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.id}-err` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && props.onEnter) {
            e.preventDefault();
            props.onEnter();
          }
        }}
      />
      <ErrorText id={`${props.id}-err`} error={props.error} />
    </div>
  );
}

function NameInput(props: { id: string; value: string; error: string | undefined; hint?: string; onChange: (v: string) => void }) {
  const described = [props.error ? `${props.id}-err` : '', props.hint ? `${props.id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${props.error ? ' has-error' : ''}`}>
      <label htmlFor={props.id}>{TEXT.yourName}</label>
      {props.hint && (
        <p id={`${props.id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      <input
        id={props.id}
        autoComplete="off"
        maxLength={120}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <ErrorText id={`${props.id}-err`} error={props.error} />
    </div>
  );
}

/** A kiosk with no PIN: set one; the roll call opens with a name only. */
function SetUp({ client, onClose, onSetUp, onRollCall }: Props) {
  const id = useId();
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [name, setName] = useState('');
  const [pinError, setPinError] = useState<string>();
  const [nameError, setNameError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);
  useEffect(() => pinRef.current?.focus(), []);

  const save = async () => {
    if (!PIN_RE.test(pin)) return setPinError(TEXT.badPin);
    if (pin !== again) return setPinError(TEXT.mismatch);
    setBusy(true);
    try {
      await client('kiosk.setUp', { pin });
      onSetUp();
      onClose();
    } catch (e) {
      setPinError(message(e));
    } finally {
      setBusy(false);
    }
  };

  const rollCall = async () => {
    if (!onRollCall) return;
    if (name.trim() === '') return setNameError(TEXT.needName);
    setBusy(true);
    try {
      const r = await client('rollCall.open', { by: name });
      onRollCall(r.session, r.rollCall);
    } catch (e) {
      setNameError(message(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={TEXT.setUpTitle}
      onEscape={onClose}
      actions={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {TEXT.cancel}
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void save()}>
            {TEXT.setPin}
          </button>
        </>
      }
    >
      <div lang="en" dir="ltr">
        <p>{TEXT.notSetUp}</p>
        <PinInput id={`${id}-pin`} label={TEXT.newPin} value={pin} error={pinError} inputRef={pinRef} onChange={(v) => (setPin(v), setPinError(undefined))} />
        <PinInput id={`${id}-again`} label={TEXT.again} value={again} error={undefined} onChange={(v) => (setAgain(v), setPinError(undefined))} onEnter={() => void save()} />
        {onRollCall && (
          <section aria-label={TEXT.rollCall}>
            <NameInput id={`${id}-name`} value={name} error={nameError} onChange={(v) => (setName(v), setNameError(undefined))} />
            <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void rollCall()}>
              {TEXT.rollCall}
            </button>
          </section>
        )}
      </div>
    </Dialog>
  );
}

/** A kiosk set up: the PIN, then the action asked for (each with its own count of wrong PINs). */
function StaffPin({ client, onClose, onRollCall }: Props) {
  const id = useId();
  const [staffName, setStaffName] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string>();
  const [nameError, setNameError] = useState<string>();
  /** A roll-call unlock by the kiosk PIN, waiting for the name to go with it. */
  const [rollCallToken, setRollCallToken] = useState<string>();
  const [result, setResult] = useState<string>();
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);

  // Runs after the Dialog's own focus move (child effects run first): start at the PIN.
  useEffect(() => {
    if (result === undefined) pinRef.current?.focus();
  }, [result]);

  const unlock = async (purpose: 'rollCall' | 'exit') => {
    if (!PIN_RE.test(pin)) {
      setError(TEXT.badPin);
      return null;
    }
    try {
      const r = await client('staff.unlock', { pin, purpose });
      setError(undefined);
      return r;
    } catch (e) {
      setError(message(e));
      return null;
    } finally {
      setPin('');
    }
  };

  const open = async (token: string, by: string) => {
    if (!onRollCall) return;
    try {
      const r = await client('rollCall.open', by ? { token, by } : { token });
      onRollCall(r.session, r.rollCall);
    } catch (e) {
      setRollCallToken(undefined); // the unlock is spent either way: ask for the PIN again
      setError(message(e));
    }
  };

  const rollCall = async () => {
    setBusy(true);
    try {
      if (rollCallToken) {
        if (staffName.trim() === '') return setNameError(TEXT.needName);
        return await open(rollCallToken, staffName);
      }
      const r = await unlock('rollCall');
      if (!r) return;
      // A personal PIN names its holder; the kiosk PIN needs a name typed.
      if (r.staffName !== null) return await open(r.token, '');
      if (staffName.trim() === '') {
        setRollCallToken(r.token);
        return setNameError(TEXT.needName);
      }
      await open(r.token, staffName);
    } finally {
      setBusy(false);
    }
  };

  const exit = async () => {
    setBusy(true);
    try {
      const r = await unlock('exit');
      if (!r) return;
      const out = await client('staff.exitKiosk', { token: r.token });
      setResult(out.message);
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  if (result !== undefined)
    return (
      <Dialog
        title={TEXT.title}
        onEscape={onClose}
        actions={
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {TEXT.close}
          </button>
        }
      >
        <div lang="en" dir="ltr">
          <p role="status">{result}</p>
        </div>
      </Dialog>
    );

  return (
    <Dialog
      title={TEXT.title}
      onEscape={onClose}
      actions={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {TEXT.cancel}
          </button>
          {onRollCall && (
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void rollCall()}>
              {TEXT.rollCall}
            </button>
          )}
          {/* While a roll-call unlock waits for the name, the PIN field is gone: no exit from here. */}
          {!rollCallToken && (
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void exit()}>
              {TEXT.exit}
            </button>
          )}
        </>
      }
    >
      <div lang="en" dir="ltr">
        {!rollCallToken && (
          <PinInput id={`${id}-pin`} label={TEXT.pin} value={pin} error={error} inputRef={pinRef} onChange={(v) => (setPin(v), setError(undefined))} onEnter={() => void rollCall()} />
        )}
        {rollCallToken && error && <ErrorText id={`${id}-err`} error={error} />}
        {onRollCall && <NameInput id={`${id}-name`} value={staffName} error={nameError} hint={TEXT.nameHint} onChange={(v) => (setStaffName(v), setNameError(undefined))} />}
      </div>
    </Dialog>
  );
}
