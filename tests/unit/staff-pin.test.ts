// Issue 8: leaving the kiosk needs the staff PIN. The PIN is kept only as a salted scrypt hash,
// wrong tries lock it for a while (and the lockout survives a restart), and the unlock token
// is single-use and short-lived.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSER_KIOSK_EXIT_MESSAGE } from '../../core/dispatcher.js';
import { openKiosk, type Kiosk, type KioskOptions } from '../../core/kiosk.js';
import { getSetting } from '../../core/site/settings.js';
import { checkStaffPin, setStaffPin } from '../../core/staff/pin.js';
import { ContractError } from '../../shared/errors.js';

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

function errorOf(f: () => unknown): ContractError {
  try {
    f();
  } catch (e) {
    if (e instanceof ContractError) return e;
    throw e;
  }
  throw new Error('expected a ContractError');
}

afterEach(() => {
  for (const k of open.splice(0)) k.close();
  clock = new Date('2026-03-02T09:00:00Z');
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
    expect(errorOf(() => k.core.run('staff.unlock', { pin: '12' }, 'kiosk')).code).toBe('INVALID_INPUT');
  });

  it('with no PIN set, says how to set one', () => {
    const k = kioskAt(freshDir());
    const e = errorOf(() => k.core.run('staff.unlock', { pin: '1234' }, 'kiosk'));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toContain('npm run kiosk:admin -- set-pin');
  });

  it('accepts the right PIN and refuses a wrong one, saying how many tries remain', () => {
    const k = kioskAt(freshDir());
    setStaffPin(k.db, '2468');
    expect(checkStaffPin(k.db, '2468', now())).toEqual({ ok: true });
    const e = errorOf(() => k.core.run('staff.unlock', { pin: '1357' }, 'kiosk'));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toMatch(/4 tries left/);
    const r = k.core.run('staff.unlock', { pin: '2468' }, 'kiosk');
    expect(r.ok).toBe(true);
    expect(r.token.length).toBeGreaterThanOrEqual(20);
    expect(new Date(r.expiresAt).getTime() - clock.getTime()).toBe(2 * 60_000);
  });

  it('a right PIN resets the count of wrong tries', () => {
    const k = kioskAt(freshDir());
    setStaffPin(k.db, '2468');
    for (let i = 0; i < 4; i++) expect(checkStaffPin(k.db, '0000', now()).ok).toBe(false);
    expect(checkStaffPin(k.db, '2468', now()).ok).toBe(true);
    const r = checkStaffPin(k.db, '0000', now());
    expect(r.ok === false && r.reason === 'wrong' && r.triesLeft).toBe(4);
  });

  it('locks out after 5 wrong tries for 5 minutes, then doubles, and a restart does not reset it', () => {
    const dir = freshDir();
    let k = kioskAt(dir);
    setStaffPin(k.db, '2468');
    for (let i = 0; i < 4; i++) expect(errorOf(() => k.core.run('staff.unlock', { pin: '1111' }, 'kiosk')).code).toBe('FORBIDDEN');
    const fifth = errorOf(() => k.core.run('staff.unlock', { pin: '1111' }, 'kiosk'));
    expect(fifth.code).toBe('LOCKED_OUT');
    expect(fifth.status).toBe(423);
    // Even the right PIN is refused while locked out.
    expect(errorOf(() => k.core.run('staff.unlock', { pin: '2468' }, 'kiosk')).code).toBe('LOCKED_OUT');

    // Restart the kiosk: still locked.
    k.close();
    open.splice(open.indexOf(k), 1);
    advance(4 * 60_000);
    k = kioskAt(dir);
    expect(errorOf(() => k.core.run('staff.unlock', { pin: '2468' }, 'kiosk')).message).toMatch(/1 minute/);

    // After 5 minutes: five more wrong tries lock it for 10 minutes.
    advance(60_000 + 1);
    for (let i = 0; i < 4; i++) errorOf(() => k.core.run('staff.unlock', { pin: '1111' }, 'kiosk'));
    expect(errorOf(() => k.core.run('staff.unlock', { pin: '1111' }, 'kiosk')).message).toMatch(/10 minutes/);
    advance(9 * 60_000);
    expect(errorOf(() => k.core.run('staff.unlock', { pin: '2468' }, 'kiosk')).code).toBe('LOCKED_OUT');
    advance(60_000 + 1);
    expect(k.core.run('staff.unlock', { pin: '2468' }, 'kiosk').ok).toBe(true);
  });

  it('tokens are single-use and expire after 2 minutes', () => {
    const k = kioskAt(freshDir());
    setStaffPin(k.db, '2468');
    const { token } = k.core.run('staff.unlock', { pin: '2468' }, 'kiosk');
    expect(k.core.run('staff.exitKiosk', { token }, 'kiosk')).toEqual({ exited: false, message: BROWSER_KIOSK_EXIT_MESSAGE });
    expect(errorOf(() => k.core.run('staff.exitKiosk', { token }, 'kiosk')).code).toBe('FORBIDDEN');

    const late = k.core.run('staff.unlock', { pin: '2468' }, 'kiosk').token;
    advance(2 * 60_000);
    expect(errorOf(() => k.core.run('staff.exitKiosk', { token: late }, 'kiosk')).code).toBe('FORBIDDEN');
    expect(errorOf(() => k.core.run('staff.exitKiosk', { token: 'made-up' }, 'kiosk')).code).toBe('FORBIDDEN');
  });

  it('exitKiosk calls the injected hook (the Electron app quits)', () => {
    let calls = 0;
    const k = kioskAt(freshDir(), { onStaffExit: () => (calls++, true) });
    setStaffPin(k.db, '2468');
    const { token } = k.core.run('staff.unlock', { pin: '2468' }, 'kiosk');
    expect(k.core.run('staff.exitKiosk', { token }, 'kiosk').exited).toBe(true);
    expect(calls).toBe(1);
  });
});
