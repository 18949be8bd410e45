// `kiosk:admin set-pin`: set the kiosk's own staff PIN (which also sets the kiosk up). The PIN
// is never taken from the command line, where shell history and the process list keep it.
import type { Writable } from 'node:stream';
import type { Db } from '../core/db/open.js';
import { isValidPin, setStaffPin } from '../core/staff/pin.js';
import { readNewSecret, type TtyIn } from './readSecret.js';

export const PIN_ON_COMMAND_LINE =
  'set-pin does not take --pin: a PIN on the command line stays in the shell history and is visible to other users in the process list. Run `npm run kiosk:admin -- set-pin` and type it (it is not shown), or pipe it in: printf \'%s\\n\' "$PIN" | npm run kiosk:admin -- set-pin';

/** The PIN to set, or why not (exit code 2). Runs before the kiosk's database is opened. */
export async function readPinForSetPin(pinFlag: string | undefined, input: TtyIn = process.stdin, out: Writable = process.stderr): Promise<{ pin: string } | { error: string }> {
  if (pinFlag !== undefined) return { error: PIN_ON_COMMAND_LINE };
  const read = await readNewSecret('New staff PIN (4-8 digits, not shown)', input, out);
  if ('error' in read) return read;
  if (!isValidPin(read.value)) return { error: 'The staff PIN must be 4 to 8 digits (0-9).' };
  return { pin: read.value };
}

export function applySetPin(db: Db, pin: string): string {
  setStaffPin(db, pin);
  return 'Staff PIN set: the kiosk is set up. Staff open the fire roll call or leave kiosk mode by holding the Welcome heading for 3 seconds.';
}
