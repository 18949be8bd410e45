// Signing out: finding your own visit without seeing anyone else's name, then leaving.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import type { OpInput } from '../../shared/contract.js';
import { disposeKiosk, rowCounts, startTestHttp, type TestHttp } from '../support/fixtures.js';
import { fakeClock, signInInput, tempKiosk, type Clock } from '../support/tempKiosk.js';

let k: Kiosk;
let clock: Clock;
beforeEach(() => {
  clock = fakeClock();
  k = tempKiosk({ now: clock.now });
});
afterEach(() => disposeKiosk(k));

function signIn(fullName: string, over: Partial<OpInput<'visit.signIn'>> = {}) {
  clock.advance(60_000);
  return k.core.run('visit.signIn', signInInput(k, { fullName, ...over }));
}
const find = (query: string) => k.core.run('visit.findForSignOut', { query }).matches;
const lockerFree = (id: string) => k.core.run('kiosk.bootstrap', { language: 'en' }).lockers.find((l) => l.id === id)!.free;

describe('finding your visit by name', () => {
  const ON_SITE = ['Jane Smith', 'Janet Jones', 'Amir Khan', 'Zoë Ångström', 'Łukasz Kowalski', 'Mary-Jane Watson', '王 小明'];
  beforeEach(() => {
    for (const n of ON_SITE) signIn(n);
    const gone = signIn('Jane Doe');
    k.core.run('visit.signOut', { visitId: gone.visitId, phoneCollected: false });
  });

  it('shows matches as first name and last initial only', () => {
    expect(find('janet').map((m) => m.maskedName)).toEqual(['Janet J.']);
    expect(find('mary').map((m) => m.maskedName)).toEqual(['Mary-Jane W.']);
  });

  it('matches the start of the name or the start of any word in it', () => {
    expect(find('Sm').map((m) => m.maskedName)).toEqual(['Jane S.']);
    expect(find('kowal').map((m) => m.maskedName)).toEqual(['Łukasz K.']);
    expect(find('jane smith').map((m) => m.maskedName)).toEqual(['Jane S.']);
  });

  it('treats a hyphen as a word break, so "jane" finds Mary-Jane too', () => {
    expect(find('jane').map((m) => m.maskedName)).toEqual(['Jane S.', 'Janet J.', 'Mary-Jane W.']);
  });

  it('does not match text in the middle of a word', () => {
    expect(find('mit')).toEqual([]);
    expect(find('ane')).toEqual([]);
    expect(find('han')).toEqual([]);
  });

  it('ignores case, surrounding spaces and doubled spaces', () => {
    expect(find('  JANE   SMITH ').map((m) => m.maskedName)).toEqual(['Jane S.']);
  });

  it('finds names written in other scripts and with accents', () => {
    expect(find('ŁUKASZ').map((m) => m.maskedName)).toEqual(['Łukasz K.']);
    expect(find('zoë').map((m) => m.maskedName)).toEqual(['Zoë Å.']);
    expect(find('Ångs').map((m) => m.maskedName)).toEqual(['Zoë Å.']);
    expect(find('小明').map((m) => m.maskedName)).toEqual(['王 小.']);
  });

  it('only lists people still on site', () => {
    expect(find('doe')).toEqual([]);
  });

  it.each(['j', ' j ', '', '   ', 'é'])('needs at least two characters (%j is refused)', (query) => {
    const env = k.core.call('visit.findForSignOut', { query }, 'kiosk');
    expect(env).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'query' }] } });
  });

  it('refuses a query with control characters or over its length limit', () => {
    expect(k.core.call('visit.findForSignOut', { query: 'ja\u0000' }, 'kiosk')).toMatchObject({ ok: false, error: { fields: [{ path: 'query', message: 'controlChars' }] } });
    expect(k.core.call('visit.findForSignOut', { query: 'j'.repeat(101) }, 'kiosk')).toMatchObject({ ok: false, error: { fields: [{ path: 'query', message: 'tooLong' }] } });
  });

  it('lists at most six matches', () => {
    for (let i = 0; i < 9; i++) signIn(`Sam Person${i}`);
    expect(find('sam')).toHaveLength(6);
  });

  it('never puts anyone’s full name in the answer sent over HTTP', async () => {
    const api: TestHttp = await startTestHttp(k);
    try {
      for (const query of ['ja', 'jane', 'sm', 'am', 'łu', 'zo', 'wa', '王', '王 ']) {
        const res = await api.post('visit.findForSignOut', { query });
        if (res.status !== 200) continue;
        for (const full of [...ON_SITE, 'Jane Doe']) {
          const surname = full.split(' ').slice(1).join(' ');
          expect(res.text).not.toContain(full);
          expect(res.text).not.toContain(surname);
        }
      }
      const res = await api.post('visit.findForSignOut', { query: 'jane' });
      const matches = (res.json as { value: { matches: Record<string, unknown>[] } }).value.matches;
      for (const m of matches) expect(Object.keys(m).sort()).toEqual(['arrivedAt', 'maskedName', 'phone', 'visitId']);
    } finally {
      await api.close();
    }
  });
});

describe('finding your visit by badge code', () => {
  it.each([
    ['exactly as printed', (c: string) => c],
    ['in lower case', (c: string) => c.toLowerCase()],
    ['with a hyphen in the middle', (c: string) => `${c.slice(0, 3)}-${c.slice(3)}`],
    ['with spaces around and inside', (c: string) => `  ${c.slice(0, 2)} ${c.slice(2, 4)} ${c.slice(4)} `],
    ['mixed case with hyphens and spaces', (c: string) => `${c.slice(0, 3).toLowerCase()} - ${c.slice(3)}`],
  ])('finds it %s', (_how, typed) => {
    const r = signIn('Jane Smith', { phone: { choice: 'locker', lockerId: 'L4' } });
    const m = k.core.run('visit.findByBadgeCode', { badgeCode: typed(r.badgeCode) });
    expect(m).toEqual({ visitId: r.visitId, maskedName: 'Jane S.', arrivedAt: r.arrivedAt, phone: r.phone });
  });

  it('says NOT_FOUND (404) for a code nobody has', async () => {
    const r = signIn('Jane Smith');
    const other = r.badgeCode === '000000' ? '111111' : '000000';
    expect(k.core.call('visit.findByBadgeCode', { badgeCode: other }, 'kiosk')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const api = await startTestHttp(k);
    try {
      const res = await api.post('visit.findByBadgeCode', { badgeCode: other });
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      await api.close();
    }
  });

  it.each(['ABC', 'ABCDEFG', 'ABC!EF', '', 'x'.repeat(40)])('refuses the malformed code %j as INVALID_INPUT', (badgeCode) => {
    expect(k.core.call('visit.findByBadgeCode', { badgeCode }, 'kiosk')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'badgeCode', message: 'invalid' }] },
    });
  });

  it('says ALREADY_SIGNED_OUT once the visit has ended', () => {
    const r = signIn('Jane Smith');
    k.core.run('visit.signOut', { visitId: r.visitId, phoneCollected: false });
    expect(k.core.call('visit.findByBadgeCode', { badgeCode: r.badgeCode }, 'kiosk')).toMatchObject({ ok: false, error: { code: 'ALREADY_SIGNED_OUT' } });
  });
});

describe('signing out', () => {
  it('records the departure and takes the visitor off the on-site list', () => {
    const r = signIn('Jane Smith');
    clock.advance(3_600_000);
    const out = k.core.run('visit.signOut', { visitId: r.visitId, phoneCollected: false });
    expect(out).toEqual({ visitId: r.visitId, maskedName: 'Jane S.', departedAt: clock.now().toISOString(), phoneReturned: false, phone: { kind: 'none' } });
    expect(k.db.prepare('SELECT departed_at, departed_by FROM visits WHERE id = ?').get(r.visitId)).toEqual({ departed_at: clock.now().toISOString(), departed_by: 'visitor' });
    expect(k.core.run('visit.onSite', {}).visits).toEqual([]);
  });

  it('refuses to sign out twice with ALREADY_SIGNED_OUT (409), writing nothing the second time', async () => {
    const r = signIn('Jane Smith', { phone: { choice: 'reception' } });
    k.core.run('visit.signOut', { visitId: r.visitId, phoneCollected: true });
    const before = rowCounts(k.db);
    expect(k.core.call('visit.signOut', { visitId: r.visitId, phoneCollected: true }, 'kiosk')).toMatchObject({ ok: false, error: { code: 'ALREADY_SIGNED_OUT' } });
    const api = await startTestHttp(k);
    try {
      const res = await api.post('visit.signOut', { visitId: r.visitId, phoneCollected: false });
      expect(res.status).toBe(409);
      expect(res.json).toMatchObject({ ok: false, error: { code: 'ALREADY_SIGNED_OUT', message: expect.any(String) } });
    } finally {
      await api.close();
    }
    expect(rowCounts(k.db)).toEqual(before);
  });

  it('refuses an unknown visit with NOT_FOUND (404), writing nothing', async () => {
    signIn('Jane Smith');
    const before = rowCounts(k.db);
    expect(k.core.call('visit.signOut', { visitId: 'no-such-visit', phoneCollected: true }, 'kiosk')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const api = await startTestHttp(k);
    try {
      const res = await api.post('visit.signOut', { visitId: '0190aaaa-0000-7000-8000-000000000000', phoneCollected: true });
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      await api.close();
    }
    expect(rowCounts(k.db)).toEqual(before);
  });

  it.each([
    ['a visit id with odd characters', { visitId: "x' OR '1'='1", phoneCollected: true }, 'visitId'],
    ['a missing answer about the phone', { visitId: 'abc' }, 'phoneCollected'],
    ['a phone answer that is not yes/no', { visitId: 'abc', phoneCollected: 'yes' }, 'phoneCollected'],
  ])('refuses %s as INVALID_INPUT', (_what, input, path) => {
    expect(k.core.call('visit.signOut', input, 'kiosk')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path }] } });
  });

  describe('and the phone', () => {
    it('collecting a phone from a locker frees the locker', () => {
      const r = signIn('Jane Smith', { phone: { choice: 'locker', lockerId: 'L3' } });
      expect(lockerFree('L3')).toBe(false);
      const out = k.core.run('visit.signOut', { visitId: r.visitId, phoneCollected: true });
      expect(out.phoneReturned).toBe(true);
      expect(out.phone).toMatchObject({ kind: 'locker', lockerId: 'L3', lockerLabel: 'Locker 3' });
      expect(lockerFree('L3')).toBe(true);
      expect(k.db.prepare('SELECT kind FROM visit_events WHERE visit_id = ? ORDER BY seq').pluck().all(r.visitId)).toEqual([
        'arrived',
        'policy_acknowledged',
        'phone_stored',
        'phone_returned',
        'departed',
      ]);
      expect(() => signIn('Next Person', { phone: { choice: 'locker', lockerId: 'L3' } })).not.toThrow();
    });

    it('leaving without collecting keeps the locker taken', () => {
      const r = signIn('Jane Smith', { phone: { choice: 'locker', lockerId: 'L3' } });
      const out = k.core.run('visit.signOut', { visitId: r.visitId, phoneCollected: false });
      expect(out.phoneReturned).toBe(false);
      expect(lockerFree('L3')).toBe(false);
      expect(k.db.prepare('SELECT phone_out_at FROM visits WHERE id = ?').pluck().get(r.visitId)).toBeNull();
      expect(k.core.call('visit.signIn', signInInput(k, { fullName: 'Next Person', phone: { choice: 'locker', lockerId: 'L3' } }), 'kiosk')).toMatchObject({
        ok: false,
        error: { code: 'LOCKER_TAKEN' },
      });
    });

    it('collecting a phone from reception records its return', () => {
      const r = signIn('Jane Smith', { phone: { choice: 'reception' } });
      expect(k.core.run('visit.signOut', { visitId: r.visitId, phoneCollected: true }).phoneReturned).toBe(true);
    });

    it.each([
      ['no phone', { choice: 'none' } as const],
      ['a pending device-use request', { choice: 'exemption' } as const],
    ])('with %s there is nothing to return, whatever the visitor ticks', (_what, phone) => {
      const r = signIn('Jane Smith', { phone });
      const out = k.core.run('visit.signOut', { visitId: r.visitId, phoneCollected: true });
      expect(out.phoneReturned).toBe(false);
      expect(k.db.prepare("SELECT COUNT(*) FROM visit_events WHERE visit_id = ? AND kind = 'phone_returned'").pluck().get(r.visitId)).toBe(0);
    });
  });
});
