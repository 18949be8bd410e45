// Staff PINs at the kiosk (issues 8 and #12). The PIN is kept only as a salted scrypt hash.
// Wrong PINs slow down, counted apart for the roll call and for leaving the kiosk, and the
// roll call never waits more than a minute, however many wrong PINs were tried. Unlock tokens
// are single-use, short-lived and good for one action only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSER_KIOSK_EXIT_MESSAGE } from '../../core/dispatcher.js';
import { openKiosk, type Kiosk, type KioskOptions } from '../../core/kiosk.js';
import { getSetting } from '../../core/site/settings.js';
import { checkStaffPin, setStaffPin } from '../../core/staff/pin.js';
import { delayAfterFailures, PIN_POLICIES } from '../../core/staff/pinPolicy.js';
import { refusal } from '../support/refusal.js';

const open: Kiosk[] = [];
let clock = new Date('2026-03-02T09:00:00Z');
const now = () => clock;
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

function kioskAt(dataDir: string, extra: Partial<KioskOptions> = {}): Kiosk {
  const k = openKiosk({ dataDir, now, log: () => {}, ...extra });
  open.push(k);
  return k;
}
const freshDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-pin-'));

/** Seconds the kiosk asks to wait, from its message. */
function secondsIn(msg: string): number {
  const s = /wait (\d+) second/.exec(msg);
  if (s) return Number(s[1]);
  const m = /wait (\d+) minute/.exec(msg);
  if (m) return Number(m[1]) * 60;
  throw new Error(`no wait in: ${msg}`);
}

afterEach(() => {
  for (const k of open.splice(0)) k.close();
  clock = new Date('2026-03-02T09:00:00Z');
});

describe('the PIN policy', () => {
  it('lets the first three wrong PINs go, then waits 2 s, 4 s, 8 s … never more than a minute for the roll call', () => {
    expect([1, 2, 3].map((n) => delayAfterFailures('rollCall', n))).toEqual([0, 0, 0]);
    expect([4, 5, 6, 7, 8, 9].map((n) => delayAfterFailures('rollCall', n))).toEqual([2000, 4000, 8000, 16_000, 32_000, 60_000]);
    for (let n = 1; n <= 10_000; n += 7) expect(delayAfterFailures('rollCall', n)).toBeLessThanOrEqual(60_000);
    expect(PIN_POLICIES.rollCall.maxDelayMs).toBe(60_000);
  });

  it('lets leaving the kiosk wait longer (up to 15 minutes), but never for good', () => {
    expect(delayAfterFailures('exit', 9)).toBe(64_000);
    expect(delayAfterFailures('exit', 50)).toBe(15 * 60_000);
    expect(delayAfterFailures('exit', 1_000_000)).toBe(15 * 60_000);
  });
});

describe('staff PIN', () => {
  it('stores a salted hash, never the PIN', () => {
    const a = kioskAt(freshDir());
    const b = kioskAt(freshDir());
    setStaffPin(a.db, '482916');
    setStaffPin(b.db, '482916');
    const rows = a.db.prepare('SELECT key, value FROM site_settings').all() as { key: string; value: string }[];
    expect(rows.some((r) => r.value.includes('482916'))).toBe(false);
    const hash = getSetting(a.db, 'staff_pin_hash')!;
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toBe(getSetting(b.db, 'staff_pin_hash')); // random salt
  });

  it('refuses PINs that are not 4 to 8 digits', () => {
    const k = kioskAt(freshDir());
    for (const bad of ['123', '123456789', '12a4', '']) expect(() => setStaffPin(k.db, bad)).toThrow(/4 to 8 digits/);
    expect(refusal(() => k.core.run('staff.unlock', { pin: '12', purpose: 'exit' }, 'kiosk')).code).toBe('INVALID_INPUT');
    expect(refusal(() => k.core.run('kiosk.setUp', { pin: '12' }, 'kiosk')).code).toBe('INVALID_INPUT');
  });

  it('a fresh kiosk is not set up: it says how to set a PIN, and the set-up screen sets one only once', () => {
    const k = kioskAt(freshDir());
    expect(k.core.run('kiosk.bootstrap', {}, 'kiosk').setUp).toBe(false);
    const e = refusal(() => k.core.run('staff.unlock', { pin: '1234', purpose: 'rollCall' }, 'kiosk'));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toContain('not set up');
    expect(k.core.run('kiosk.setUp', { pin: '2468' }, 'kiosk')).toEqual({ setUp: true });
    expect(k.core.run('kiosk.bootstrap', {}, 'kiosk').setUp).toBe(true);
    // A visitor cannot take the kiosk over by setting it up again.
    expect(refusal(() => k.core.run('kiosk.setUp', { pin: '1111' }, 'kiosk')).code).toBe('CONFLICT');
    expect(k.core.run('staff.unlock', { pin: '2468', purpose: 'exit' }, 'kiosk').ok).toBe(true);
  });

  it('the roll call opens on a kiosk not set up yet, recorded with the name typed', () => {
    const k = kioskAt(freshDir());
    expect(refusal(() => k.core.run('rollCall.open', {}, 'kiosk')).code).toBe('INVALID_INPUT');
    const r = k.core.run('rollCall.open', { by: 'Pat Warden' }, 'kiosk');
    expect(r.rollCall.startedBy).toBe('Pat Warden');
  });

  it('accepts the right PIN and refuses a wrong one', () => {
    const k = kioskAt(freshDir());
    setStaffPin(k.db, '2468');
    expect(checkStaffPin(k.db, '2468', now(), 'exit')).toEqual({ ok: true, holder: { kind: 'kiosk' } });
    const e = refusal(() => k.core.run('staff.unlock', { pin: '1357', purpose: 'exit' }, 'kiosk'));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toMatch(/not right/);
    const r = k.core.run('staff.unlock', { pin: '2468', purpose: 'exit' }, 'kiosk');
    expect(r.ok).toBe(true);
    expect(r.staffName).toBeNull();
    expect(r.token.length).toBeGreaterThanOrEqual(20);
    expect(new Date(r.expiresAt).getTime() - clock.getTime()).toBe(2 * 60_000);
  });

  it('50 wrong PINs never keep the roll call shut for more than a minute; then the right PIN opens it', () => {
    const k = kioskAt(freshDir());
    setStaffPin(k.db, '2468');
    let longest = 0;
    for (let i = 0; i < 50; i++) {
      // Press on while waiting: refused, and the wait does not grow.
      for (;;) {
        const e = refusal(() => k.core.run('staff.unlock', { pin: '1111', purpose: 'rollCall' }, 'kiosk'));
        if (e.code === 'FORBIDDEN') break; // counted as a wrong PIN
        expect(e.code).toBe('LOCKED_OUT');
        const wait = secondsIn(e.message);
        longest = Math.max(longest, wait);
        expect(wait).toBeLessThanOrEqual(60);
        advance(wait * 1000);
      }
    }
    expect(longest).toBe(60);
    // The right PIN, after at most a minute, opens the roll call.
    const waiting = refusal(() => k.core.run('staff.unlock', { pin: '2468', purpose: 'rollCall' }, 'kiosk'));
    expect(waiting.code).toBe('LOCKED_OUT');
    advance(60_000);
    const { token } = k.core.run('staff.unlock', { pin: '2468', purpose: 'rollCall' }, 'kiosk');
    const opened = k.core.run('rollCall.open', { token, by: 'Pat Warden' }, 'kiosk');
    expect(opened.rollCall.startedBy).toBe('Pat Warden');
  });

  it('counts wrong PINs for leaving the kiosk apart from the roll call', () => {
    const k = kioskAt(freshDir());
    setStaffPin(k.db, '2468');
    for (let i = 0; i < 12; i++) {
      const e = refusal(() => k.core.run('staff.unlock', { pin: '1111', purpose: 'exit' }, 'kiosk'));
      if (e.code === 'LOCKED_OUT') advance(secondsIn(e.message) * 1000);
    }
    // Exit now waits minutes; the roll call has had no wrong PIN and opens at once.
    expect(refusal(() => k.core.run('staff.unlock', { pin: '2468', purpose: 'exit' }, 'kiosk')).code).toBe('LOCKED_OUT');
    expect(k.core.run('staff.unlock', { pin: '2468', purpose: 'rollCall' }, 'kiosk').ok).toBe(true);
  });

  it('a wait survives a restart, and a right PIN clears the count', () => {
    const dir = freshDir();
    let k = kioskAt(dir);
    setStaffPin(k.db, '2468');
    for (let i = 0; i < 4; i++) checkStaffPin(k.db, '0000', now(), 'rollCall');
    k.close();
    open.splice(open.indexOf(k), 1);
    k = kioskAt(dir);
    expect(checkStaffPin(k.db, '2468', now(), 'rollCall')).toMatchObject({ ok: false, reason: 'wait', waitMs: 2000 });
    advance(2000);
    expect(checkStaffPin(k.db, '2468', now(), 'rollCall').ok).toBe(true);
    expect(checkStaffPin(k.db, '0000', now(), 'rollCall')).toMatchObject({ ok: false, reason: 'wrong', waitMs: 0 });
  });

  it('tokens are single-use, expire after 2 minutes, and open only the action they were asked for', () => {
    const k = kioskAt(freshDir());
    setStaffPin(k.db, '2468');
    const { token } = k.core.run('staff.unlock', { pin: '2468', purpose: 'exit' }, 'kiosk');
    expect(k.core.run('staff.exitKiosk', { token }, 'kiosk')).toEqual({ exited: false, message: BROWSER_KIOSK_EXIT_MESSAGE });
    expect(refusal(() => k.core.run('staff.exitKiosk', { token }, 'kiosk')).code).toBe('FORBIDDEN');

    const late = k.core.run('staff.unlock', { pin: '2468', purpose: 'exit' }, 'kiosk').token;
    advance(2 * 60_000);
    expect(refusal(() => k.core.run('staff.exitKiosk', { token: late }, 'kiosk')).code).toBe('FORBIDDEN');
    expect(refusal(() => k.core.run('staff.exitKiosk', { token: 'made-up' }, 'kiosk')).code).toBe('FORBIDDEN');

    const forRollCall = k.core.run('staff.unlock', { pin: '2468', purpose: 'rollCall' }, 'kiosk').token;
    expect(refusal(() => k.core.run('staff.exitKiosk', { token: forRollCall }, 'kiosk')).code).toBe('FORBIDDEN');
  });

  it('exitKiosk calls the injected hook (the Electron app quits)', () => {
    let calls = 0;
    const k = kioskAt(freshDir(), { onStaffExit: () => (calls++, true) });
    setStaffPin(k.db, '2468');
    const { token } = k.core.run('staff.unlock', { pin: '2468', purpose: 'exit' }, 'kiosk');
    expect(k.core.run('staff.exitKiosk', { token }, 'kiosk').exited).toBe(true);
    expect(calls).toBe(1);
  });
});
