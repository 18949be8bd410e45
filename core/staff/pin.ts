// The staff PIN that lets staff leave the kiosk (issue 8). Stored only as a scrypt hash with
// a random salt in site_settings; wrong tries are counted there too, so a restart does not
// reset a lockout. Plain Node.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/open.js';
import { getSetting, setSetting } from '../site/settings.js';

export const PIN_PATTERN = /^[0-9]{4,8}$/;
export const MAX_TRIES = 5;
export const LOCKOUT_MS = 5 * 60_000;
export const SET_PIN_HINT = 'No staff PIN is set on this kiosk. Set one with `npm run kiosk:admin -- set-pin`.';

const KEY_HASH = 'staff_pin_hash';
const KEY_FAILS = 'staff_pin_failures';
const KEY_LOCKOUTS = 'staff_pin_lockouts';
const KEY_LOCKED_UNTIL = 'staff_pin_locked_until';
const KEYLEN = 32;
const SCRYPT = { N: 16384, r: 8, p: 1 } as const;

export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

/** Stores `scrypt$N$r$p$salt$hash` (hex); never the PIN. Resets any lockout. */
export function setStaffPin(db: Db, pin: string): void {
  if (!isValidPin(pin)) throw new Error('The staff PIN must be 4 to 8 digits.');
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, KEYLEN, SCRYPT);
  setSetting(db, KEY_HASH, `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('hex')}$${hash.toString('hex')}`);
  resetFailures(db);
}

export function hasStaffPin(db: Db): boolean {
  return !!getSetting(db, KEY_HASH);
}

export type PinCheck =
  | { ok: true }
  | { ok: false; reason: 'no_pin'; message: string }
  | { ok: false; reason: 'wrong'; triesLeft: number; message: string }
  | { ok: false; reason: 'locked'; until: Date; message: string };

function verify(stored: string, pin: string): boolean {
  const [kind, n, r, p, saltHex, hashHex] = stored.split('$');
  if (kind !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const got = scryptSync(pin, Buffer.from(saltHex, 'hex'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return got.length === expected.length && timingSafeEqual(got, expected);
}

function resetFailures(db: Db): void {
  setSetting(db, KEY_FAILS, '0');
  setSetting(db, KEY_LOCKOUTS, '0');
  setSetting(db, KEY_LOCKED_UNTIL, '0');
}

function lockedMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Too many wrong PINs. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/** After 5 wrong tries in a row: refused for 5 minutes, then 10, 20, … A right PIN resets it. */
export function checkStaffPin(db: Db, pin: string, now: Date): PinCheck {
  const stored = getSetting(db, KEY_HASH);
  if (!stored) return { ok: false, reason: 'no_pin', message: SET_PIN_HINT };
  const lockedUntil = Number(getSetting(db, KEY_LOCKED_UNTIL) ?? 0);
  if (lockedUntil > now.getTime()) {
    const until = new Date(lockedUntil);
    return { ok: false, reason: 'locked', until, message: lockedMessage(until, now) };
  }
  if (isValidPin(pin) && verify(stored, pin)) {
    resetFailures(db);
    return { ok: true };
  }
  const fails = Number(getSetting(db, KEY_FAILS) ?? 0) + 1;
  if (fails >= MAX_TRIES) {
    const lockouts = Number(getSetting(db, KEY_LOCKOUTS) ?? 0);
    const until = new Date(now.getTime() + LOCKOUT_MS * 2 ** Math.min(lockouts, 10));
    setSetting(db, KEY_FAILS, '0');
    setSetting(db, KEY_LOCKOUTS, String(lockouts + 1));
    setSetting(db, KEY_LOCKED_UNTIL, String(until.getTime()));
    return { ok: false, reason: 'locked', until, message: lockedMessage(until, now) };
  }
  setSetting(db, KEY_FAILS, String(fails));
  const triesLeft = MAX_TRIES - fails;
  return { ok: false, reason: 'wrong', triesLeft, message: `That PIN is not right. ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left.` };
}

/** Single-use unlock tokens, kept in memory only (2 minutes). */
export const TOKEN_TTL_MS = 2 * 60_000;

export function createTokenStore(ttlMs = TOKEN_TTL_MS) {
  const tokens = new Map<string, number>();
  return {
    issue(now: Date): { token: string; expiresAt: string } {
      for (const [t, exp] of tokens) if (exp <= now.getTime()) tokens.delete(t);
      const token = randomBytes(24).toString('base64url');
      const exp = now.getTime() + ttlMs;
      tokens.set(token, exp);
      return { token, expiresAt: new Date(exp).toISOString() };
    },
    /** True while the token lives (for sessions that last, e.g. a roll call). */
    check(token: string, now: Date): boolean {
      const exp = tokens.get(token);
      return exp !== undefined && exp > now.getTime();
    },
    /** True once for a live token; the token is gone afterwards either way. */
    consume(token: string, now: Date): boolean {
      const exp = tokens.get(token);
      tokens.delete(token);
      return exp !== undefined && exp > now.getTime();
    },
  };
}
