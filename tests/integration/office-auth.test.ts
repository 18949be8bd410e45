// Staff accounts on the office hub, through the real HTTP server on 127.0.0.1 with real fetch
// and a real SQLite file: first-run set-up, sign in and out, the session cookie, session
// expiry, CSRF, lockout, rate limiting and how passwords are stored.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, hashPasswordSync, verifyPassword } from '../../core/office/auth/passwords.js';
import { tokenHash } from '../../core/office/auth/sessions.js';
import { prepareSetupCode } from '../../core/office/auth/setup.js';
import { verifyAudit } from '../../core/office/audit.js';
import { COMMAND_LINE_ACTOR, createAdministrator, resetPassword } from '../../core/office/staff/provision.js';
import { OFFICE_PATHS, SESSION_COOKIE, type SessionInfo, type StaffMember } from '../../shared/office.js';
import { fakeClock } from '../support/tempKiosk.js';
import { ADMIN, PASSWORDS, TEST_SCRYPT, browsersByRole, setUpHub, staffAccount, startTestHub, type Answer, type OfficeBrowser, type TestHub } from '../support/officeHub.js';

const WRONG = { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Wrong username or password.' } };

function value<T>(res: Answer): T {
  if (res.json?.ok !== true) throw new Error(`expected ok, got ${res.status} ${res.text}`);
  return res.json.value as T;
}

function auditActions(t: TestHub): string[] {
  return (t.hub.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all() as string[]);
}

function staffCount(t: TestHub): number {
  return t.hub.db.prepare('SELECT COUNT(*) FROM staff').pluck().get() as number;
}

const hubs: TestHub[] = [];
async function hub(opts: Parameters<typeof startTestHub>[0] = {}): Promise<TestHub> {
  const t = await startTestHub(opts);
  hubs.push(t);
  return t;
}
afterAll(async () => {
  for (const t of hubs) await t.close();
});

describe('first run: the set-up code', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await hub();
  });

  it('a new hub has no accounts and no default password: nothing signs in', async () => {
    expect(value<{ needsSetup: boolean }>(await t.browser().get(OFFICE_PATHS.setupStatus))).toEqual({ needsSetup: true });
    for (const [u, p] of [['admin', 'admin'], ['admin', 'password'], ['administrator', 'changeme123456']]) {
      const res = await t.browser().logIn(u!, p!);
      expect(res.status).toBe(401);
      expect(res.json).toEqual(WRONG);
    }
  });

  it('is printed on the terminal and written to setup-code.txt, readable by the hub user only', () => {
    const code = t.setupCode();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(t.logged.join('\n')).toContain(`Set-up code: ${code}`);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(t.dataDir, 'setup-code.txt')).mode & 0o777).toBe(0o600);
    // Only its hash is in the database.
    expect(JSON.stringify(t.hub.db.prepare('SELECT * FROM site_settings').all())).not.toContain(code);
  });

  it('a wrong code is refused, naming the field, and creates nobody', async () => {
    const res = await t.browser().post(OFFICE_PATHS.setup, { setupCode: 'AAAA-BBBB-CCCC', ...ADMIN });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'setupCode', message: 'invalid' }] } });
    expect(staffCount(t)).toBe(0);
  });

  it.each([
    ['shorter than 12 characters', 'short pw 1', 'tooShort'],
    ['long but one repeated character', 'aaaaaaaaaaaaaaaa', 'invalid'],
    ['a common word with digits', 'Password123456', 'invalid'],
    ['containing the username', 'head.admin is me 2026', 'invalid'],
  ])('a weak password (%s) is refused, naming the field', async (_what, password, message) => {
    const res = await t.browser().post(OFFICE_PATHS.setup, { setupCode: t.setupCode(), ...ADMIN, password });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'password', message }] } });
    expect(staffCount(t)).toBe(0);
  });

  it('the right code (typed in lower case, without dashes) creates the administrator, signs them in and is used up', async () => {
    const b = t.browser();
    const res = await b.post(OFFICE_PATHS.setup, { setupCode: t.setupCode().replace(/-/g, '').toLowerCase(), ...ADMIN });
    expect(res.status).toBe(200);
    const session = value<SessionInfo>(res);
    expect(session.staff).toMatchObject({ username: ADMIN.username, displayName: ADMIN.displayName, role: 'admin', active: true, lockedUntil: null });
    expect(b.cookie).toBeDefined();
    expect(fs.existsSync(path.join(t.dataDir, 'setup-code.txt'))).toBe(false);
    expect(value<{ needsSetup: boolean }>(await b.get(OFFICE_PATHS.setupStatus))).toEqual({ needsSetup: false });
    expect(auditActions(t)).toEqual(['hub.setUp', 'session.login']);
  });

  it('set-up answers 409 afterwards, whatever is sent', async () => {
    for (const body of [{ setupCode: 'AAAA-BBBB-CCCC', ...ADMIN, username: 'second.admin' }, {}]) {
      const res = await t.browser().post(OFFICE_PATHS.setup, body);
      expect(res.status).toBe(409);
      expect(res.json).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    }
    expect(staffCount(t)).toBe(1);
  });

  it('a restart of a set-up hub makes no new code', () => {
    expect(prepareSetupCode(t.hub.db, t.dataDir)).toBeNull();
    expect(fs.existsSync(path.join(t.dataDir, 'setup-code.txt'))).toBe(false);
  });
});

describe('signing in and out', () => {
  let t: TestHub;
  let admin: OfficeBrowser;
  beforeAll(async () => {
    t = await hub();
    admin = await setUpHub(t);
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, Path=/, and not Secure over plain http', async () => {
    const b = t.browser();
    const res = await b.logIn(ADMIN.username, ADMIN.password);
    expect(res.status).toBe(200);
    const cookie = b.lastSetCookie!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toMatch(/; HttpOnly(;|$)/i);
    expect(cookie).toMatch(/; SameSite=Strict(;|$)/i);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('stores only the sha-256 of the session token, and the answer carries a CSRF token', async () => {
    const b = t.browser();
    const session = value<SessionInfo>(await b.logIn(ADMIN.username, ADMIN.password));
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = t.hub.db.prepare('SELECT token_hash FROM sessions').pluck().all() as string[];
    expect(stored).toContain(tokenHash(b.cookie!));
    expect(stored).not.toContain(b.cookie);
  });

  it('the username is not case-sensitive and may have spaces around it', async () => {
    expect((await t.browser().logIn(`  ${ADMIN.username.toUpperCase()} `, ADMIN.password)).status).toBe(200);
  });

  it('a wrong password and an unknown username get exactly the same answer', async () => {
    const wrongPassword = await t.browser().logIn(ADMIN.username, 'not the right password');
    const unknownUser = await t.browser().logIn('nobody.here', 'not the right password');
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.json).toEqual(WRONG);
    expect(unknownUser.json).toEqual(WRONG);
    // The account's count went back to 0 on the next good sign-in below.
    await t.browser().logIn(ADMIN.username, ADMIN.password);
  });

  it('the unknown-username answer costs the same scrypt work as a wrong password (no fast path)', async () => {
    // A slower hash than the other tests use, so the hashing, not HTTP, is what is timed.
    const slow = await hub({ scrypt: { N: 2 ** 14, r: 8, p: 1 } });
    await setUpHub(slow);
    const time = async (username: string) => {
      const t0 = performance.now();
      for (let i = 0; i < 3; i++) expect((await slow.browser().logIn(username, 'not the right password')).json).toEqual(WRONG);
      return performance.now() - t0;
    };
    await time('warm.up'); // the first unknown name also makes the stand-in hash
    const unknown = await time('nobody.here');
    const known = await time(ADMIN.username);
    // Generous bounds (CI machines are noisy); without the stand-in hash it would be ~10x faster.
    expect(unknown).toBeGreaterThan(known * 0.5);
    expect(unknown).toBeLessThan(known * 2);
  });

  it('/api/session/me answers the signed-in member and their CSRF token; without a session 401', async () => {
    const me = value<SessionInfo>(await admin.get(OFFICE_PATHS.me));
    expect(me.staff.username).toBe(ADMIN.username);
    expect(me.csrfToken).toBe(admin.csrf);
    const anon = await t.browser().get(OFFICE_PATHS.me);
    expect(anon.status).toBe(401);
    expect(anon.json).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('signing out needs the CSRF token, deletes the session and clears the cookie', async () => {
    const b = t.browser();
    await b.logIn(ADMIN.username, ADMIN.password);
    const token = b.cookie!;
    expect((await b.post(OFFICE_PATHS.logout, {}, { csrf: null })).status).toBe(403);
    const out = await b.post(OFFICE_PATHS.logout);
    expect(out.status).toBe(200);
    expect(b.lastSetCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(t.hub.db.prepare('SELECT COUNT(*) FROM sessions WHERE token_hash = ?').pluck().get(tokenHash(token))).toBe(0);
    // The old cookie, replayed, is worth nothing.
    b.cookie = token;
    expect((await b.get(OFFICE_PATHS.me)).status).toBe(401);
    expect(auditActions(t)).toContain('session.logout');
  });
});

describe('session expiry (injected clock)', () => {
  const clock = fakeClock('2026-03-02T08:00:00.000Z');
  let t: TestHub;
  beforeAll(async () => {
    t = await hub({ now: clock.now });
    await setUpHub(t);
  });

  it('ends after 30 minutes without use', async () => {
    const b = t.browser();
    await b.logIn(ADMIN.username, ADMIN.password);
    clock.advance(29 * 60_000);
    expect((await b.get(OFFICE_PATHS.me)).status).toBe(200);
    clock.advance(29 * 60_000); // 58 minutes after sign-in, 29 after last use: still alive
    expect((await b.get(OFFICE_PATHS.me)).status).toBe(200);
    clock.advance(30 * 60_000);
    const res = await b.get(OFFICE_PATHS.me);
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('ends 10 hours after sign-in however busy it is', async () => {
    const b = t.browser();
    const info = value<SessionInfo>(await b.logIn(ADMIN.username, ADMIN.password));
    expect(info.expiresAt).toBe(new Date(clock.now().getTime() + 30 * 60_000).toISOString());
    for (let i = 0; i < 39; i++) {
      clock.advance(15 * 60_000);
      expect((await b.op('staff.list')).status).toBe(200);
    }
    // 9 h 45 min: the console is told the session ends at the 10-hour mark.
    expect(value<SessionInfo>(await b.get(OFFICE_PATHS.me)).expiresAt).toBe(new Date(clock.now().getTime() + 15 * 60_000).toISOString());
    clock.advance(15 * 60_000);
    expect((await b.op('staff.list')).status).toBe(401);
  });

  it('an ended session is deleted, not just refused', async () => {
    const b = t.browser();
    await b.logIn(ADMIN.username, ADMIN.password);
    clock.advance(31 * 60_000);
    await b.get(OFFICE_PATHS.me);
    expect(t.hub.db.prepare('SELECT COUNT(*) FROM sessions WHERE token_hash = ?').pluck().get(tokenHash(b.cookie!))).toBe(0);
  });
});

describe('CSRF: every state-changing call carries the session token in x-csrf-token', () => {
  let t: TestHub;
  let admin: OfficeBrowser;
  beforeAll(async () => {
    t = await hub();
    admin = await setUpHub(t);
  });

  it.each([
    ['missing', null],
    ['wrong', 'x'.repeat(43)],
    ['empty', ''],
    ['from another session', 'other'],
  ])('%s: 403 CSRF, nothing done', async (_what, csrf) => {
    let token = csrf;
    if (csrf === 'other') {
      const other = t.browser();
      token = value<SessionInfo>(await other.logIn(ADMIN.username, ADMIN.password)).csrfToken;
    }
    const before = staffCount(t);
    const res = await admin.op('staff.create', { username: 'new.person', displayName: 'New Person', role: 'office', password: PASSWORDS.office }, { csrf: token });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'CSRF' } });
    expect(staffCount(t)).toBe(before);
  });

  it('the right token: the call is made', async () => {
    const res = await admin.op('staff.create', { username: 'new.person', displayName: 'New Person', role: 'office', password: PASSWORDS.office });
    expect(res.status).toBe(200);
  });
});

describe('lockout: 5 wrong passwords lock the account for 15 minutes', () => {
  const clock = fakeClock('2026-03-02T08:00:00.000Z');
  let t: TestHub;
  let admin: OfficeBrowser;
  beforeAll(async () => {
    t = await hub({ now: clock.now });
    admin = await setUpHub(t);
    await browsersByRole(t, admin);
  });

  it('the fifth wrong password locks it; then even the right password is refused (423)', async () => {
    for (let i = 1; i <= 4; i++) expect((await t.browser().logIn('office.user', `wrong password ${i}`)).json).toEqual(WRONG);
    const fifth = await t.browser().logIn('office.user', 'wrong password 5');
    expect(fifth.status).toBe(423);
    expect(fifth.json).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT', message: expect.stringMatching(/15 minutes/) } });
    const right = await t.browser().logIn('office.user', PASSWORDS.office);
    expect(right.status).toBe(423);
    const row = t.hub.db.prepare("SELECT locked_until FROM staff WHERE username = 'office.user'").get() as { locked_until: string };
    expect(row.locked_until).toBe(new Date(clock.now().getTime() + 15 * 60_000).toISOString());
  });

  it('is recorded in the audit log (each failure and the lock)', () => {
    const rows = t.hub.db.prepare("SELECT action, detail FROM audit_log WHERE action IN ('session.loginFailed', 'staff.lockedOut')").all() as { action: string; detail: string }[];
    expect(rows.filter((r) => r.action === 'session.loginFailed')).toHaveLength(5);
    expect(rows.filter((r) => r.action === 'staff.lockedOut').map((r) => JSON.parse(r.detail).username)).toEqual(['office.user']);
    expect(JSON.stringify(rows)).not.toContain('wrong password');
    expect(verifyAudit(t.hub.db)).toMatchObject({ ok: true });
  });

  it('shows in the staff list for the administrator', async () => {
    const list = value<{ staff: StaffMember[] }>(await admin.op('staff.list'));
    expect(list.staff.find((s) => s.username === 'office.user')?.lockedUntil).not.toBeNull();
  });

  it('unlocks by itself after 15 minutes', async () => {
    clock.advance(14 * 60_000);
    expect((await t.browser().logIn('office.user', PASSWORDS.office)).status).toBe(423);
    clock.advance(60_000);
    expect((await t.browser().logIn('office.user', PASSWORDS.office)).status).toBe(200);
  });

  it('a good sign-in starts the count again', async () => {
    for (let i = 0; i < 4; i++) await t.browser().logIn('dsl.user', 'wrong password');
    expect((await t.browser().logIn('dsl.user', PASSWORDS.dsl)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await t.browser().logIn('dsl.user', 'wrong password')).status).toBe(401);
  });

  it('an administrator can unlock an account sooner', async () => {
    for (let i = 0; i < 5; i++) await t.browser().logIn('head.user', 'wrong password');
    expect((await t.browser().logIn('head.user', PASSWORDS.head)).status).toBe(423);
    const id = t.hub.db.prepare("SELECT id FROM staff WHERE username = 'head.user'").pluck().get() as string;
    expect(value<{ staff: StaffMember }>(await admin.op('staff.update', { id, unlock: true })).staff.lockedUntil).toBeNull();
    expect((await t.browser().logIn('head.user', PASSWORDS.head)).status).toBe(200);
  });

  it('a username that does not exist locks the same way, so "locked" does not reveal accounts', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) answers.push((await t.browser().logIn('no.such.user', `guess ${i}`)).status);
    expect(answers).toEqual([401, 401, 401, 401, 423, 423]);
  });
});

describe('rate limit on sign-in and set-up (per address)', () => {
  it('the 11th attempt in a minute gets 429 with a JSON body saying to wait', async () => {
    const t = await hub({ signInRateLimit: { max: 10, timeWindowMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await t.browser().logIn(`user${i}`, 'whatever password')).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const res = await t.browser().logIn('user11', 'whatever password');
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringMatching(/Too many attempts.*Wait/) } });
    const setup = await t.browser().post(OFFICE_PATHS.setup, { setupCode: t.setupCode(), ...ADMIN });
    expect(setup.status).toBe(429);
    // Other calls are not limited.
    expect((await t.browser().get(OFFICE_PATHS.setupStatus)).status).toBe(200);
  });
});

describe('password storage', () => {
  let t: TestHub;
  let admin: OfficeBrowser;
  beforeAll(async () => {
    t = await hub();
    admin = await setUpHub(t);
  });

  it('is an scrypt hash with its parameters and salt, never the password', () => {
    const stored = t.hub.db.prepare('SELECT password_hash FROM staff WHERE username = ?').pluck().get(ADMIN.username) as string;
    expect(stored).toMatch(new RegExp(`^scrypt\\$${TEST_SCRYPT.N}\\$${TEST_SCRYPT.r}\\$${TEST_SCRYPT.p}\\$[0-9a-f]{32}\\$[0-9a-f]{64}$`));
    expect(stored).not.toContain(ADMIN.password);
    if (t.hub.engine === 'sqlite') expect(fs.readFileSync(t.hub.dbFile).includes(Buffer.from(ADMIN.password))).toBe(false);
    else expect(t.hub.db.prepare('SELECT COUNT(*) FROM staff WHERE strpos(password_hash, ?) > 0').pluck().get(ADMIN.password)).toBe(0);
  });

  it('two accounts with the same password get different hashes (salted)', async () => {
    await admin.op('staff.create', { username: 'twin.one', displayName: 'Twin One', role: 'office', password: 'same password for both' });
    await admin.op('staff.create', { username: 'twin.two', displayName: 'Twin Two', role: 'office', password: 'same password for both' });
    const [a, b] = t.hub.db.prepare("SELECT password_hash FROM staff WHERE username LIKE 'twin.%'").pluck().all() as string[];
    expect(a).not.toBe(b);
  });

  it('the default is memory-hard: N=2^15, r=8, p=1 (32 MiB)', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 32768, r: 8, p: 1 });
    const h = await hashPassword('a long enough password');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('a long enough password', h)).toBe(true);
    expect(await verifyPassword('a long enough passworD', h)).toBe(false);
  });

  it('a hash made with weaker parameters still verifies, and is upgraded at the next sign-in', async () => {
    const weak = hashPasswordSync('an older account password', { N: 2 ** 8, r: 8, p: 1 });
    t.hub.db.prepare("UPDATE staff SET password_hash = ? WHERE username = 'twin.one'").run(weak);
    expect((await t.browser().logIn('twin.one', 'an older account password')).status).toBe(200);
    const now = t.hub.db.prepare("SELECT password_hash FROM staff WHERE username = 'twin.one'").pluck().get() as string;
    expect(now).toMatch(new RegExp(`^scrypt\\$${TEST_SCRYPT.N}\\$`));
    expect(await verifyPassword('an older account password', now)).toBe(true);
  });

  it('a damaged or absurd hash never matches and never exhausts memory', async () => {
    for (const bad of ['', 'plain text', 'scrypt$1024$8$1$zz$zz', `scrypt$${2 ** 30}$8$1$00$${'0'.repeat(64)}`, 'scrypt$1000$8$1$00$' + '0'.repeat(64)])
      expect(await verifyPassword('anything at all', bad)).toBe(false);
  });
});

describe('accounts: disabling, password changes and the last administrator', () => {
  let t: TestHub;
  let admin: OfficeBrowser;
  let byRole: Awaited<ReturnType<typeof browsersByRole>>;
  const idOf = (username: string) => t.hub.db.prepare('SELECT id FROM staff WHERE username = ?').pluck().get(username) as string;
  beforeAll(async () => {
    t = await hub();
    admin = await setUpHub(t);
    byRole = await browsersByRole(t, admin);
  });
  afterEach(() => {
    expect(verifyAudit(t.hub.db)).toMatchObject({ ok: true });
  });

  it('disabling an account ends its sessions at once, and it can no longer sign in', async () => {
    expect((await byRole.dsl.get(OFFICE_PATHS.me)).status).toBe(200);
    expect((await admin.op('staff.update', { id: idOf('dsl.user'), active: false })).status).toBe(200);
    expect((await byRole.dsl.get(OFFICE_PATHS.me)).status).toBe(401);
    expect((await t.browser().logIn('dsl.user', PASSWORDS.dsl)).json).toEqual(WRONG);
  });

  it('a password change ends the account\'s sessions; the new password works, the old one not', async () => {
    expect((await admin.op('staff.update', { id: idOf('head.user'), password: 'a brand new head password' })).status).toBe(200);
    expect((await byRole.head.get(OFFICE_PATHS.me)).status).toBe(401);
    expect((await t.browser().logIn('head.user', PASSWORDS.head)).status).toBe(401);
    expect((await t.browser().logIn('head.user', 'a brand new head password')).status).toBe(200);
    const detail = t.hub.db.prepare("SELECT detail FROM audit_log WHERE action = 'staff.update' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(detail)).toMatchObject({ username: 'head.user', password: 'changed', sessionsEnded: 1 });
    expect(detail).not.toContain('brand new');
  });

  it('a role change applies to the very next request', async () => {
    expect((await byRole.office.op('staff.list')).status).toBe(403);
    await admin.op('staff.update', { id: idOf('office.user'), role: 'admin' });
    expect((await byRole.office.op('staff.list')).status).toBe(200);
    await admin.op('staff.update', { id: idOf('office.user'), role: 'office' });
    expect((await byRole.office.op('staff.list')).status).toBe(403);
  });

  it('the last active administrator can be neither demoted nor disabled', async () => {
    const me = idOf(ADMIN.username);
    for (const change of [{ role: 'head' }, { active: false }]) {
      const res = await admin.op('staff.update', { id: me, ...change });
      expect(res.status).toBe(409);
      expect(res.json).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/at least one active administrator/) } });
    }
    // With a second administrator, the first may step down.
    const deputy = await staffAccount(t, admin, { username: 'deputy.admin', displayName: 'Deputy Admin', role: 'admin', password: 'deputy admin passphrase' });
    expect((await admin.op('staff.update', { id: me, role: 'head' })).status).toBe(200);
    expect((await deputy.op('staff.update', { id: idOf('deputy.admin'), active: false })).status).toBe(409);
  });

  it('a username is used once', async () => {
    const res = await byRole.admin.op('staff.create', { username: 'office.user', displayName: 'Someone Else', role: 'office', password: 'another fine password' });
    // (the first admin is a head now; use the deputy)
    const deputy = t.browser();
    await deputy.logIn('deputy.admin', 'deputy admin passphrase');
    const again = await deputy.op('staff.create', { username: 'OFFICE.USER', displayName: 'Someone Else', role: 'office', password: 'another fine password' });
    expect(res.status).toBe(403);
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: [{ path: 'username', message: 'taken' }] } });
  });
});

describe('at the hub itself (npm run office -- create-admin / reset-password)', () => {
  it('create-admin makes a working administrator and retires the first-run code', async () => {
    const t = await hub();
    expect(fs.existsSync(path.join(t.dataDir, 'setup-code.txt'))).toBe(true);
    const code = t.setupCode();
    const made = await createAdministrator(t.hub, { username: 'Scripted.Admin', displayName: 'Scripted Admin', password: 'installer chosen passphrase' }, TEST_SCRYPT);
    expect(made).toMatchObject({ username: 'scripted.admin', role: 'admin', active: true });
    expect(fs.existsSync(path.join(t.dataDir, 'setup-code.txt'))).toBe(false);
    expect((await t.browser().post(OFFICE_PATHS.setup, { setupCode: code, ...ADMIN })).status).toBe(409);
    expect((await t.browser().logIn('scripted.admin', 'installer chosen passphrase')).status).toBe(200);
    expect(t.hub.db.prepare("SELECT actor FROM audit_log WHERE action = 'staff.create'").pluck().get()).toBe(COMMAND_LINE_ACTOR);
    await expect(createAdministrator(t.hub, { username: 'scripted.admin', displayName: 'Again', password: 'installer chosen passphrase' }, TEST_SCRYPT)).rejects.toThrow(/already in use/);
    await expect(createAdministrator(t.hub, { username: 'short.pw', displayName: 'Short', password: 'too short' }, TEST_SCRYPT)).rejects.toThrow(/12 to 200 characters/);
  });

  it('reset-password sets the password, unlocks the account and signs it out everywhere', async () => {
    const t = await hub();
    const admin = await setUpHub(t);
    for (let i = 0; i < 5; i++) await t.browser().logIn(ADMIN.username, 'wrong password');
    expect((await admin.get(OFFICE_PATHS.me)).status).toBe(200);
    await resetPassword(t.hub, ADMIN.username.toUpperCase(), 'a recovered passphrase', TEST_SCRYPT);
    expect((await admin.get(OFFICE_PATHS.me)).status).toBe(401);
    expect((await t.browser().logIn(ADMIN.username, ADMIN.password)).status).toBe(401);
    expect((await t.browser().logIn(ADMIN.username, 'a recovered passphrase')).status).toBe(200);
    await expect(resetPassword(t.hub, 'nobody', 'a recovered passphrase', TEST_SCRYPT)).rejects.toThrow(/no account/);
    expect(verifyAudit(t.hub.db)).toMatchObject({ ok: true });
  });
});
