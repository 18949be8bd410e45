// Staff PINs at the kiosk (issues 8 and #12). A PIN opens the fire roll call or lets staff
// leave the kiosk. Two kinds are accepted, both checked here with no network:
//  - the kiosk's own PIN, set at first run (the set-up screen) or with `kiosk:admin set-pin`,
//    stored as a scrypt hash in site_settings;
//  - personal PINs set in the office console, which arrive through the pull feed
//    ('staffpin', core/staff/synced.ts) as slow hashes: a roll-call mark then names who made it.
// Wrong PINs slow down (core/staff/pinPolicy.ts), counted per action and kept in site_settings
// so a restart does not reset them. Nothing here ever locks the roll call for more than a minute.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { getSetting, setSetting } from '../site/settings.js';
import { decodePinHash, encodePinHash, hashPin, isValidPin, PIN_PATTERN, verifyPin, type PinHash } from './pinHash.js';
import { delayAfterFailures, waitMessage, type PinPurpose } from './pinPolicy.js';

export { isValidPin, PIN_PATTERN };
export type { PinPurpose };

export const SET_PIN_HINT =
  'This kiosk is not set up yet: no staff PIN is set. Set one on the set-up screen, in the office console (Staff → kiosk PIN) or with `npm run kiosk:admin -- set-pin`.';

const KEY_HASH = 'staff_pin_hash';
const failKey = (p: PinPurpose) => `staff_pin_${p}_failures`;
const nextKey = (p: PinPurpose) => `staff_pin_${p}_next_try_at`;

/** Stores the kiosk's own PIN as `scrypt$N$r$p$salt$hash` (hex); never the PIN. Clears the waits. */
export function setStaffPin(db: Db, pin: string): void {
  if (!isValidPin(pin)) throw new Error('The staff PIN must be 4 to 8 digits.');
  setSetting(db, KEY_HASH, encodePinHash(hashPin(pin)));
  resetFailures(db, 'rollCall');
  resetFailures(db, 'exit');
}

export function hasStaffPin(db: Db): boolean {
  return !!getSetting(db, KEY_HASH);
}

export function personalPinCount(db: Db): number {
  return (stmt(db, 'SELECT COUNT(*) AS n FROM staff_pins').get() as { n: number }).n;
}

/** How this kiosk's roll call is opened; what it reports to the office. */
export type RollCallAccess = { localPin: boolean; personalPins: number };

export function rollCallAccess(db: Db): RollCallAccess {
  return { localPin: hasStaffPin(db), personalPins: personalPinCount(db) };
}

/** Set up = some PIN opens the roll call here. Until then the kiosk takes no visitors. */
export function isSetUp(db: Db): boolean {
  return hasStaffPin(db) || personalPinCount(db) > 0;
}

/** Who a right PIN belongs to: a member of staff (personal PIN) or whoever holds the kiosk PIN. */
export type PinHolder = { kind: 'kiosk' } | { kind: 'staff'; staffId: string; displayName: string };

export type PinCheck =
  | { ok: true; holder: PinHolder }
  | { ok: false; reason: 'no_pin'; message: string }
  | { ok: false; reason: 'wrong'; waitMs: number; message: string }
  | { ok: false; reason: 'wait'; waitMs: number; message: string };

function resetFailures(db: Db, purpose: PinPurpose): void {
  setSetting(db, failKey(purpose), '0');
  setSetting(db, nextKey(purpose), '0');
}

function matchPin(db: Db, pin: string): PinHolder | null {
  const own = getSetting(db, KEY_HASH);
  const ownHash = own ? decodePinHash(own) : null;
  if (ownHash && verifyPin(ownHash, pin)) return { kind: 'kiosk' };
  const rows = stmt(db, 'SELECT staff_id, display_name, hash FROM staff_pins ORDER BY display_name, staff_id').all() as { staff_id: string; display_name: string; hash: string }[];
  for (const r of rows) {
    let h: PinHash;
    try {
      h = JSON.parse(r.hash) as PinHash;
    } catch {
      continue;
    }
    if (verifyPin(h, pin)) return { kind: 'staff', staffId: r.staff_id, displayName: r.display_name };
  }
  return null;
}

/** Check a PIN for one action. While a wait is running every try is refused (and not counted,
 *  so pressing on does not make it longer); a wrong PIN adds to that action's count only. */
export function checkStaffPin(db: Db, pin: string, now: Date, purpose: PinPurpose = 'exit'): PinCheck {
  if (!isSetUp(db)) return { ok: false, reason: 'no_pin', message: SET_PIN_HINT };
  const nextTryAt = Number(getSetting(db, nextKey(purpose)) ?? 0);
  if (nextTryAt > now.getTime()) {
    const waitMs = nextTryAt - now.getTime();
    return { ok: false, reason: 'wait', waitMs, message: waitMessage(waitMs) };
  }
  const holder = matchPin(db, pin);
  if (holder) {
    resetFailures(db, purpose);
    return { ok: true, holder };
  }
  const failures = Number(getSetting(db, failKey(purpose)) ?? 0) + 1;
  const waitMs = delayAfterFailures(purpose, failures);
  setSetting(db, failKey(purpose), String(failures));
  setSetting(db, nextKey(purpose), String(now.getTime() + waitMs));
  const message = waitMs > 0 ? `That PIN is not right. ${waitMessage(waitMs).replace('Too many wrong PINs. ', '')}` : 'That PIN is not right.';
  return { ok: false, reason: 'wrong', waitMs, message };
}

/** Single-use unlock tokens, kept in memory only (2 minutes), each for one action. */
export const TOKEN_TTL_MS = 2 * 60_000;

type Token = { exp: number; purpose: PinPurpose; holder: PinHolder };

export function createTokenStore(ttlMs = TOKEN_TTL_MS) {
  const tokens = new Map<string, Token>();
  return {
    issue(now: Date, purpose: PinPurpose, holder: PinHolder): { token: string; expiresAt: string } {
      for (const [t, v] of tokens) if (v.exp <= now.getTime()) tokens.delete(t);
      const token = randomBytes(24).toString('base64url');
      const exp = now.getTime() + ttlMs;
      tokens.set(token, { exp, purpose, holder });
      return { token, expiresAt: new Date(exp).toISOString() };
    },
    /** The token's holder, once, if it lives and was issued for this action; gone afterwards either way. */
    consume(token: string, now: Date, purpose: PinPurpose): PinHolder | null {
      const v = tokens.get(token);
      tokens.delete(token);
      return v !== undefined && v.exp > now.getTime() && v.purpose === purpose ? v.holder : null;
    },
  };
}
