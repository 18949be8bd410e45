// Staff choose their own password. An account the administrator made (or whose password the
// administrator reset) can do nothing but choose a new one until it has; anyone may change
// theirs at any time, giving the current one again. Through the real HTTP server and database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_PATHS, type SessionInfo, type StaffMember } from '../../shared/office.js';
import { PASSWORDS, browsersByRole, firstPassword, setUpHub, startTestHub, type OfficeBrowser, type TestHub } from '../support/officeHub.js';

let t: TestHub;
let admin: OfficeBrowser;

beforeAll(async () => {
  t = await startTestHub();
  admin = await setUpHub(t);
});
afterAll(async () => {
  await t.close();
});

const me = async (b: OfficeBrowser) => ((await b.get(OFFICE_PATHS.me)).json as { ok: true; value: SessionInfo }).value;
const NEW = { username: 'nadia.new', displayName: 'Nadia New', role: 'office' as const, password: 'lighthouse pebble orchard 7' };
const MINE = 'kettle saffron harbour tram';

describe('an account the administrator made', () => {
  let nadia: OfficeBrowser;
  let id: string;

  beforeAll(async () => {
    const made = await admin.op('staff.create', { ...NEW, password: firstPassword(NEW.password) });
    id = (made.json as { ok: true; value: { staff: StaffMember } }).value.staff.id;
    nadia = t.browser();
    expect((await nadia.logIn(NEW.username, firstPassword(NEW.password))).status).toBe(200);
  });

  it('signs in, and the session says a new password must be chosen', async () => {
    expect((await me(nadia)).staff.mustChangePassword).toBe(true);
  });

  it('can do nothing else until then: every other operation and the CSV export are refused', async () => {
    for (const op of ['onSite.list', 'breaches.log', 'visits.search', 'rollCall.start'] as const) {
      const res = await nadia.op(op, {});
      expect(res.status, op).toBe(403);
      expect(res.json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/Choose your own password first/) } });
    }
    expect((await nadia.get(`${OFFICE_PATHS.visitsCsv}?from=2026-01-01&to=2026-01-31`)).status).toBe(403);
    expect(t.hub.db.prepare('SELECT COUNT(*) FROM breaches').pluck().get()).toBe(0);
  });

  it('is told plainly when the current password is wrong, the new one is the same, or weak', async () => {
    const wrong = await nadia.op('account.changePassword', { currentPassword: 'not my password at all', newPassword: MINE });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'That is not your current password.', fields: [{ path: 'currentPassword', message: 'wrong' }] } });
    const same = await nadia.op('account.changePassword', { currentPassword: firstPassword(NEW.password), newPassword: firstPassword(NEW.password) });
    expect(same.json).toMatchObject({ ok: false, error: { fields: [{ path: 'newPassword', message: 'sameAsCurrent' }] } });
    const weak = await nadia.op('account.changePassword', { currentPassword: firstPassword(NEW.password), newPassword: 'password123456' });
    expect(weak.json).toMatchObject({ ok: false, error: { fields: [{ path: 'newPassword', message: 'invalid' }] } });
    expect((await me(nadia)).staff.mustChangePassword).toBe(true);
  });

  it('chooses one: the session goes on, the console opens, the old password no longer works, and other sessions end', async () => {
    const otherTab = t.browser();
    expect((await otherTab.logIn(NEW.username, firstPassword(NEW.password))).status).toBe(200);
    const res = await nadia.op('account.changePassword', { currentPassword: firstPassword(NEW.password), newPassword: MINE });
    expect(res.status, res.text).toBe(200);
    expect((await me(nadia)).staff.mustChangePassword).toBe(false);
    expect((await nadia.op('onSite.list', {})).status).toBe(200);
    expect((await otherTab.op('onSite.list', {})).status).toBe(401);
    expect((await t.browser().logIn(NEW.username, firstPassword(NEW.password))).status).toBe(401);
    expect((await t.browser().logIn(NEW.username, MINE)).status).toBe(200);
    const entry = t.hub.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'staff.changeOwnPassword' ORDER BY seq DESC LIMIT 1").get() as { actor: string; detail: string };
    expect(entry.actor).toBe('Nadia New (nadia.new)');
    expect(JSON.parse(entry.detail)).toEqual({ username: 'nadia.new', wasRequired: true, otherSessionsEnded: 1 });
    expect(entry.detail).not.toMatch(/kettle|lighthouse/);
  });

  it('must choose again after the administrator resets it; an administrator resetting their own need not', async () => {
    expect((await admin.op('staff.update', { id, password: 'reset by the admin 42 times' })).status).toBe(200);
    const again = t.browser();
    expect((await again.logIn(NEW.username, 'reset by the admin 42 times')).status).toBe(200);
    expect((await me(again)).staff.mustChangePassword).toBe(true);
    expect((await again.op('onSite.list', {})).status).toBe(403);

    const self = (await me(admin)).staff;
    expect((await admin.op('staff.update', { id: self.id, password: 'the admin chose this one' })).status).toBe(200);
    const adminAgain = t.browser();
    expect((await adminAgain.logIn(self.username, 'the admin chose this one')).status).toBe(200);
    expect((await me(adminAgain)).staff.mustChangePassword).toBe(false);
    admin = adminAgain;
  });
});

describe('anyone may change their own password', () => {
  let as: Record<'office' | 'dsl' | 'head', OfficeBrowser>;
  beforeAll(async () => {
    as = await browsersByRole(t, admin);
  });

  it.each(['office', 'dsl', 'head'] as const)('the %s role, giving the current one again', async (role) => {
    const next = `${PASSWORDS[role]} and more`;
    expect((await as[role].op('account.changePassword', { currentPassword: PASSWORDS[role], newPassword: next })).status).toBe(200);
    expect((await t.browser().logIn(`${role}.user`, next)).status).toBe(200);
  });

  it('the administrator too', async () => {
    expect((await admin.op('account.changePassword', { currentPassword: 'the admin chose this one', newPassword: 'the admin chose another' })).status).toBe(200);
  });
});

describe('guessing the current password through an open console', () => {
  it('counts as guessing at sign-in: the fifth wrong one locks the account and ends the session', async () => {
    const made = await admin.op('staff.create', { username: 'gus.guess', displayName: 'Gus Guess', role: 'office', password: 'first password for gus' });
    expect(made.status).toBe(200);
    const gus = t.browser();
    await gus.logIn('gus.guess', 'first password for gus');
    expect((await gus.op('account.changePassword', { currentPassword: 'first password for gus', newPassword: 'gus picked his own one' })).status).toBe(200);
    for (let i = 1; i <= 5; i++) {
      const res = await gus.op('account.changePassword', { currentPassword: `guess number ${i}`, newPassword: 'stolen and changed now' });
      expect(res.status, `guess ${i}`).toBe(400);
    }
    expect((await gus.op('onSite.list', {})).status).toBe(401);
    const login = await t.browser().logIn('gus.guess', 'gus picked his own one');
    expect(login.status).toBe(423);
    expect(t.hub.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'staff.lockedOut'").pluck().get()).toBe(1);
  });
});
