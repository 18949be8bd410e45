// Trust roles on a trust hub (PostgreSQL, real HTTP on 127.0.0.1): the trust's own staff sign
// in under /trust/ with the school console's rules, see every school's figures (counts only),
// and open a school's console read-mostly, audited in the trust's log and the school's. A
// school's staff cannot use the trust's API. The figures themselves are also checked on
// whichever engine the run uses (a SQLite hub in the sqlite run).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../core/office/audit.js';
import type { Hub } from '../../core/office/hub.js';
import { createAdministrator } from '../../core/office/staff/provision.js';
import { schoolFigures } from '../../core/office/trust/schoolFigures.js';
import { addSchool } from '../../core/office/trust/directory.js';
import { createTrustStaff, TRUST_AUDIT, TRUST_COMMAND_LINE } from '../../core/office/trust/staff.js';
import { CSRF_HEADER, OFFICE_PATHS, SESSION_COOKIE } from '../../shared/office.js';
import { TRUST_PATHS, TRUST_SESSION_COOKIE, type DashboardSchool, type TrustDashboard, type TrustStaffMember } from '../../shared/trust.js';
import { compileCore, PROJECT_ROOT } from '../support/compileCore.js';
import { ACTORS, disposeHub, eventSource, ingest, locker, registerKiosk, tempHub } from '../support/officeDomain.js';
import { TEST_SCRYPT } from '../support/officeHub.js';
import type { SchoolFigures } from '../../shared/trust.js';
import { TEST_DATABASE_ENV, testingOnPostgres } from '../support/postgres.js';
import { startTrustTestHub, uniqueSlug, type Jar, type TrustTestHub } from '../support/trustRolesHub.js';

const NOW = new Date('2026-03-02T12:00:00.000Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

type Seeded = SchoolFigures;

/** A busy school: four visits (two still here; two phones still held, one of a visitor who has
 *  left), two concerns (one closed), two device-use requests, two kiosks (one silent for 90 minutes). */
function seedBusySchool(hub: Hub): Seeded {
  const k = eventSource('k-main');
  const a = k.arrive({ fullName: 'Alice Here', at: minutesAgo(100), phone: locker(1) });
  const b = k.arrive({ fullName: 'Bob NoPhone', at: minutesAgo(90) });
  const c = k.arrive({ fullName: 'Cara Gone', at: minutesAgo(80), phone: locker(2) });
  const d = k.arrive({ fullName: 'Dev Forgot', at: minutesAgo(70), phone: locker(3) });
  ingest(hub, [...a.events, ...b.events, ...c.events, ...d.events, ...k.depart(c.visitId, minutesAgo(20)), ...k.depart(d.visitId, minutesAgo(10), false)]);
  const concern = { visitId: null, person: 'Visitor in hall', location: 'Hall', what: 'Phone out near pupils', actionTaken: 'Asked to put it away' };
  hub.core.run('breaches.log', { ...concern, kind: 'phone_use_seen', severity: 'high' }, ACTORS.office);
  const closed = hub.core.run('breaches.log', { ...concern, person: 'Another visitor' }, ACTORS.office).breach;
  hub.core.run('breaches.close', { id: closed.id, outcome: 'Spoken to', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }, ACTORS.dsl);
  const request = { fullName: 'Pat Therapist', organisation: 'NHS', agencyRole: 'Speech therapist', purpose: 'Recording exercises', devices: 'Tablet', locationIds: [] };
  hub.core.run('exemptions.request', request, ACTORS.office);
  hub.core.run('exemptions.request', { ...request, fullName: 'Sam Social' }, ACTORS.office);
  registerKiosk(hub, 'k-main', 'Main entrance');
  registerKiosk(hub, 'k-side', 'Side gate');
  hub.db.prepare('UPDATE kiosks SET last_pull_at = ?, last_push_at = ? WHERE id = ?').run(minutesAgo(2), minutesAgo(5), 'k-main');
  hub.db.prepare('UPDATE kiosks SET last_pull_at = ? WHERE id = ?').run(minutesAgo(90), 'k-side');
  return { onSite: 2, phonesHeld: 2, openConcerns: 1, unseenConcerns: 1, openBySeverity: { urgent: 0, high: 1, medium: 0, low: 0 }, pendingRequests: 2, kiosks: 2, kiosksStale: 1 };
}

/** A quiet school: one visitor, no phone, one kiosk that synced a minute ago. */
function seedQuietSchool(hub: Hub): Seeded {
  const k = eventSource('k-1');
  ingest(hub, k.arrive({ fullName: 'Quinn Quiet', at: minutesAgo(30) }).events);
  registerKiosk(hub, 'k-1', 'Reception');
  hub.db.prepare('UPDATE kiosks SET last_pull_at = ? WHERE id = ?').run(minutesAgo(1), 'k-1');
  return { onSite: 1, phonesHeld: 0, openConcerns: 0, unseenConcerns: 0, openBySeverity: { urgent: 0, high: 0, medium: 0, low: 0 }, pendingRequests: 0, kiosks: 1, kiosksStale: 0 };
}

describe('school figures for the trust dashboard (either engine)', () => {
  it('counts what the school holds, never a name', () => {
    const hub = tempHub(() => NOW);
    try {
      const expected = seedBusySchool(hub);
      const figures = schoolFigures(hub.db, NOW);
      expect(figures).toEqual(expected);
      expect(JSON.stringify(figures)).not.toMatch(/Alice|Dev|Pat|Visitor/);
    } finally {
      disposeHub(hub);
    }
  });
});

const TRUST_DSL = { username: 'tina.trust', displayName: 'Tina Trustlead', password: 'lighthouse over the moor' };
const TRUST_ADMIN = { username: 'ian.trust', displayName: 'Ian Trustadmin', password: 'copper kettle on the hill' };
const SCHOOL_ADMIN = { username: 'sam.school', displayName: 'Sam School', password: 'orchard gate at dawn' };

describe.runIf(testingOnPostgres())('trust roles on a trust hub', () => {
  let t: TrustTestHub;
  const riverside = uniqueSlug('riverside');
  const hilltop = uniqueSlug('hilltop');
  /** In the directory, but its records cannot be opened (made by a newer hub). */
  const unreachable = uniqueSlug('unreachable');
  const expected: Record<string, Seeded> = {};
  let clock = NOW;
  const names = { dsl: '', admin: '' };

  async function signedIn(who: { username: string; password: string }): Promise<Jar> {
    const b = t.browser();
    const res = await b.post(TRUST_PATHS.login, { username: who.username, password: who.password });
    if (res.status !== 200) throw new Error(`trust sign-in failed: ${res.status} ${JSON.stringify(res.json)}`);
    return b;
  }

  beforeAll(async () => {
    t = await startTrustTestHub([
      { slug: riverside, name: 'Riverside Primary' },
      { slug: hilltop, name: 'Hilltop Academy' },
    ], { now: () => clock });
    expected[riverside] = seedBusySchool(t.hubs.get(riverside)!);
    expected[hilltop] = seedQuietSchool(t.hubs.get(hilltop)!);
    addSchool(t.directory, { slug: unreachable, name: 'Unreachable School', by: 'test', at: NOW });
    // Its records were made by a newer hub: this one refuses to open them (the migrations' guard).
    const schema = `school_${unreachable.replace(/-/g, '_')}`;
    t.directory.db.exec(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.hub_schema_version (version BIGINT NOT NULL); INSERT INTO ${schema}.hub_schema_version VALUES (999999);`);
    // Usernames unique in the shared directory.
    const suffix = riverside.slice(-8);
    names.dsl = `${TRUST_DSL.username}${suffix}`;
    names.admin = `${TRUST_ADMIN.username}${suffix}`;
    await createTrustStaff(t.directory.db, { ...TRUST_ADMIN, username: names.admin, role: 'trust_admin' }, { label: TRUST_COMMAND_LINE, commandLine: true }, NOW, TEST_SCRYPT);
    await createTrustStaff(t.directory.db, { ...TRUST_DSL, username: names.dsl, role: 'trust_dsl' }, { label: TRUST_COMMAND_LINE, commandLine: true }, NOW, TEST_SCRYPT);
    await createAdministrator(t.hubs.get(riverside)!, SCHOOL_ADMIN, TEST_SCRYPT);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a trust account signs in under /trust/ with a cookie of its own, scoped to /trust/', async () => {
    const b = t.browser();
    const res = await b.post(TRUST_PATHS.login, { username: names.dsl, password: TRUST_DSL.password });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: true, value: { staff: { username: names.dsl, role: 'trust_dsl', mustChangePassword: false } } });
    const cookie = res.setCookies.find((c) => c.startsWith(`${TRUST_SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/trust\//);
    expect((await b.get(TRUST_PATHS.me)).json).toMatchObject({ ok: true, value: { staff: { username: names.dsl } } });
  });

  it('a wrong password is refused like the school console refuses it, and audited in the trust log', async () => {
    const res = await t.browser().post(TRUST_PATHS.login, { username: names.admin, password: 'not the right one at all' });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Wrong username or password.' } });
    const row = t.directory.db.prepare("SELECT actor, detail FROM trust_audit WHERE action = 'session.loginFailed' ORDER BY seq DESC LIMIT 1").get() as { detail: string };
    expect(JSON.parse(row.detail)).toMatchObject({ username: names.admin, failedInARow: 1 });
  });

  it('the dashboard shows each school\'s figures as seeded, and nothing without a trust session', async () => {
    expect((await t.browser().get(TRUST_PATHS.dashboard)).status).toBe(401);
    const b = await signedIn({ username: names.dsl, password: TRUST_DSL.password });
    const res = await b.get(TRUST_PATHS.dashboard);
    expect(res.status).toBe(200);
    const dash = (res.json as { value: TrustDashboard }).value;
    const row = (slug: string) => dash.schools.find((s) => s.slug === slug) as DashboardSchool;
    expect(row(riverside)).toEqual({ slug: riverside, name: 'Riverside Primary', figures: expected[riverside] });
    expect(row(hilltop)).toEqual({ slug: hilltop, name: 'Hilltop Academy', figures: expected[hilltop] });
    // One school's trouble leaves the others' figures standing.
    expect(row(unreachable)).toEqual({ slug: unreachable, name: 'Unreachable School', figures: null, problem: expect.stringMatching(/could not be opened/) });
    // Aggregate only: no visitor's name anywhere in the answer.
    expect(JSON.stringify(dash)).not.toMatch(/Alice|Quinn|Pat Therapist/);
  });

  it('trust staff management is for trust administrators only', async () => {
    const dsl = await signedIn({ username: names.dsl, password: TRUST_DSL.password });
    expect((await dsl.get(TRUST_PATHS.staff)).json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const admin = await signedIn({ username: names.admin, password: TRUST_ADMIN.password });
    const username = `new.lead${riverside.slice(-8)}`;
    const made = await admin.post(TRUST_PATHS.staff, { username, displayName: 'Nia New', role: 'trust_dsl', password: 'first given password 9' });
    expect(made.status).toBe(200);
    expect((made.json as { value: { staff: TrustStaffMember } }).value.staff).toMatchObject({ username, role: 'trust_dsl', mustChangePassword: true });
    // Without the CSRF token, nothing changes.
    expect((await admin.post(TRUST_PATHS.staff, { username: `${username}x`, displayName: 'X', role: 'trust_dsl', password: 'first given password 9' }, { csrf: null })).status).toBe(403);
    // The new account must choose its own password before anything else.
    const nia = await signedIn({ username, password: 'first given password 9' });
    expect((await nia.get(TRUST_PATHS.dashboard)).json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await nia.post(TRUST_PATHS.changePassword, { currentPassword: 'first given password 9', newPassword: 'marble stairs in winter' })).status).toBe(200);
    expect((await nia.get(TRUST_PATHS.dashboard)).status).toBe(200);
  });

  it('a trust DSL opens a school read-only: reads work, every write is refused, and both logs name them', async () => {
    const b = await signedIn({ username: names.dsl, password: TRUST_DSL.password });
    const opened = await b.post(TRUST_PATHS.openSchool(riverside));
    expect(opened.status).toBe(200);
    expect(opened.json).toEqual({ ok: true, value: { url: `/s/${riverside}/` } });
    const schoolCookie = opened.setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(schoolCookie).toMatch(new RegExp(`Path=/s/${riverside}/`));
    expect(schoolCookie).toMatch(/HttpOnly/i);

    const base = `/s/${riverside}`;
    const me = await b.get(`${base}${OFFICE_PATHS.me}`);
    expect(me.json).toMatchObject({ ok: true, value: { staff: { role: 'dsl', username: `trust:${names.dsl}` } } });
    const schoolCsrf = (me.json as { value: { csrfToken: string } }).value.csrfToken;
    const op = (name: string, input: unknown = {}) => b.post(`${base}/api/office/${name}`, input, { csrf: schoolCsrf });

    // Reading as the school's DSL does, including what only safeguarding roles see.
    expect((await op('onSite.list')).json).toMatchObject({ ok: true, value: { visits: [{}, {}] } });
    const concerns = await op('breaches.list', { status: 'open' });
    expect(concerns.json).toMatchObject({ ok: true, value: { openCount: 1 } });
    // ...without marking the concern as seen by the school's DSL.
    expect(schoolFigures(t.hubs.get(riverside)!.db, NOW).unseenConcerns).toBe(1);

    const open = (concerns.json as { value: { breaches: { id: string }[] } }).value.breaches[0]!;
    for (const [name, input] of [
      ['breaches.close', { id: open.id, outcome: 'closed by the trust', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }],
      ['breaches.log', { visitId: null, person: 'X', location: 'Y', what: 'Z', actionTaken: 'W' }],
      ['rollCall.start', {}],
      ['account.changePassword', { currentPassword: 'anything', newPassword: 'another long password' }],
    ] as const) {
      const res = await op(name, input);
      expect(res.status, name).toBe(403);
      expect(res.json, name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/from the trust/) } });
    }
    expect(schoolFigures(t.hubs.get(riverside)!.db, NOW).openConcerns).toBe(1);

    // The trust's log and the school's both say who opened what.
    const trustRow = t.directory.db.prepare("SELECT actor, target, detail FROM trust_audit WHERE action = 'school.open' ORDER BY seq DESC LIMIT 1").get() as { actor: string; target: string; detail: string };
    expect(trustRow).toMatchObject({ actor: `${TRUST_DSL.displayName} (${names.dsl}, trust)`, target: `school:${riverside}` });
    expect(JSON.parse(trustRow.detail)).toMatchObject({ actsAs: 'dsl', readOnly: true });
    const school = t.hubs.get(riverside)!;
    const schoolRow = school.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'trust.openConsole' ORDER BY seq DESC LIMIT 1").get() as { actor: string; detail: string };
    expect(schoolRow.actor).toContain(TRUST_DSL.displayName);
    expect(JSON.parse(schoolRow.detail)).toMatchObject({ trustUsername: names.dsl, trustRole: 'trust_dsl', actsAs: 'dsl' });
    // The reads they made are in the school's log under their name too (breaches.list is audited as the DSL reading).
    expect(verifyAudit(school.db)).toMatchObject({ ok: true });
    expect(verifyAudit(t.directory.db, TRUST_AUDIT)).toMatchObject({ ok: true });
  });

  it('a trust admin opens a school as its administrator: reads, and only account recovery and kiosk revocation change anything', async () => {
    const b = await signedIn({ username: names.admin, password: TRUST_ADMIN.password });
    expect((await b.post(TRUST_PATHS.openSchool(hilltop))).status).toBe(200);
    const base = `/s/${hilltop}`;
    const csrf = ((await b.get(`${base}${OFFICE_PATHS.me}`)).json as { value: { csrfToken: string } }).value.csrfToken;
    const op = (name: string, input: unknown = {}) => b.post(`${base}/api/office/${name}`, input, { csrf });
    expect((await op('staff.list')).status).toBe(200);
    expect((await op('retention.save', { periods: {} })).json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A new school's first administrator, made by the trust.
    const made = await op('staff.create', { username: 'first.admin', displayName: 'First Admin', role: 'admin', password: 'given by the trust 2026' });
    expect(made.json).toMatchObject({ ok: true, value: { staff: { username: 'first.admin', role: 'admin', mustChangePassword: true } } });
    // A trust visitor's own school account is the trust's to manage, not the school's.
    const visitor = (t.hubs.get(hilltop)!.db.prepare('SELECT id FROM staff WHERE username = ?').get(`trust:${names.admin}`) as { id: string }).id;
    expect((await op('staff.update', { id: visitor, role: 'office' })).json).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('a school\'s own staff cannot call the trust API, with their cookie or their token', async () => {
    const s = t.browser();
    const res = await s.post(`/s/${riverside}${OFFICE_PATHS.login}`, { username: SCHOOL_ADMIN.username, password: SCHOOL_ADMIN.password });
    expect(res.status).toBe(200);
    for (const p of [TRUST_PATHS.dashboard, TRUST_PATHS.staff, TRUST_PATHS.me]) expect((await s.get(p)).status, p).toBe(401);
    expect((await s.post(TRUST_PATHS.openSchool(riverside))).status).toBe(401);
    // Their school session token presented as a trust cookie is no trust session either.
    const token = s.cookies.get(SESSION_COOKIE)!.value;
    const forged = await fetch(`${t.url}${TRUST_PATHS.dashboard}`, { headers: { cookie: `${TRUST_SESSION_COOKIE}=${token}`, [CSRF_HEADER]: s.csrf! } });
    expect(forged.status).toBe(401);
    // And a school account's name and password do not sign in to the trust console.
    expect((await t.browser().post(TRUST_PATHS.login, { username: SCHOOL_ADMIN.username, password: SCHOOL_ADMIN.password })).status).toBe(401);
  });

  it('five wrong passwords in a row lock a trust account, as a school account locks', async () => {
    const username = `lock.me${riverside.slice(-8)}`;
    await createTrustStaff(t.directory.db, { username, displayName: 'Lou Locked', role: 'trust_dsl', password: 'the right password 77' }, { label: TRUST_COMMAND_LINE, commandLine: true }, NOW, TEST_SCRYPT);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(((await t.browser().post(TRUST_PATHS.login, { username, password: `wrong guess ${i} here` })).json as { error: { code: string } }).error.code);
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'LOCKED_OUT']);
    // Even the right password waits for the lock to end.
    expect((await t.browser().post(TRUST_PATHS.login, { username, password: 'the right password 77' })).json).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
    expect(t.directory.db.prepare("SELECT COUNT(*) AS n FROM trust_audit WHERE action = 'staff.lockedOut' AND detail LIKE ?").get(`%"${username}"%`)).toEqual({ n: 1 });
  });

  it('a trust session ends after 30 minutes without use', async () => {
    const b = await signedIn({ username: names.dsl, password: TRUST_DSL.password });
    try {
      clock = new Date(NOW.getTime() + 29 * 60_000);
      expect((await b.get(TRUST_PATHS.me)).status).toBe(200);
      clock = new Date(clock.getTime() + 31 * 60_000);
      expect((await b.get(TRUST_PATHS.me)).status).toBe(401);
    } finally {
      clock = NOW;
    }
  });

  it('npm run office -- --database URL create-trust-admin makes a trust administrator from the password on stdin', () => {
    const out = compileCore(path.join(PROJECT_ROOT, 'node_modules', '.cache', `phone-safe-trust-cli-${process.pid}`), ['core', 'shared', 'scripts']);
    const username = `cli.admin${riverside.slice(-8)}`;
    const run = spawnSync(process.execPath, [path.join(out, 'scripts', 'office.js'), '--database', process.env[TEST_DATABASE_ENV]!, 'create-trust-admin', '--username', username, '--display-name', 'Cleo Cli'], {
      input: 'a long enough trust password\n',
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`Trust administrator Cleo Cli (${username}) created`);
    expect(run.status).toBe(0);
    const row = t.directory.db.prepare('SELECT role, must_change_password, created_by FROM trust_staff WHERE username = ?').get(username);
    expect(row).toEqual({ role: 'trust_admin', must_change_password: 0, created_by: TRUST_COMMAND_LINE });
  });
});
