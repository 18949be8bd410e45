// "Moving up" (issue #16): a school that ran its own hub (one SQLite file) joins a trust. Over
// real parts: a SQLite hub served over HTTPS with its console, staff, exemptions, concerns and a
// real kiosk syncing with it; the hub announces the trust hub's certificate, is stopped and
// migrated into the trust's PostgreSQL; the school's records, audit chain and passwords are
// there, and the same kiosk, moved to the new address without pairing again, pushes what it
// took offline and pulls. Refusals leave nothing behind.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { appendAudit, verifyAudit } from '../../core/office/audit.js';
import { openDb } from '../../core/db/open.js';
import { HUB_SCHEMA_VERSION, migrateHub } from '../../core/office/db/migrations.js';
import { runOfficeHub } from '../../core/host/officeHub.js';
import { SETUP_CODE_FILE } from '../../core/office/auth/setup.js';
import { HUB_DB_FILE_NAME, openHub, type Hub } from '../../core/office/hub.js';
import { startOfficeHttp, type OfficeHttp } from '../../core/office/http/server.js';
import { createAdministrator } from '../../core/office/staff/provision.js';
import { announceCertificate, ensureHubTls, spkiPin } from '../../core/office/tls/certificate.js';
import { addSchool, findSchool, openTrustDirectory } from '../../core/office/trust/directory.js';
import { MigrateRefusal, migrateTo } from '../../core/office/trust/migrateTo.js';
import { schoolSchema } from '../../core/office/store/open.js';
import { createSyncClient } from '../../core/sync/client.js';
import { pairWithHub } from '../../core/sync/pair.js';
import { pullAll } from '../../core/sync/pull.js';
import { pushOutbox } from '../../core/sync/push.js';
import { changeHubUrl, hubUrlHistory } from '../../core/sync/rehome.js';
import { readSyncState } from '../../core/sync/status.js';
import { OFFICE_PATHS } from '../../shared/office.js';
import { disposeKiosk } from '../support/fixtures.js';
import { eventSource, ingest, registerKiosk } from '../support/officeDomain.js';
import { ADMIN, OfficeBrowser, PASSWORDS, staffAccount, TEST_SCRYPT, type TestHub } from '../support/officeHub.js';
import { TEST_DATABASE_ENV, testingOnPostgres } from '../support/postgres.js';
import { signInInput, tempKiosk } from '../support/tempKiosk.js';
import { compileCore, PROJECT_ROOT } from '../support/compileCore.js';
import { setStaffPin } from '../../core/staff/pin.js';

// The console "browser" is global fetch, which would refuse the hubs' self-signed certificates;
// the kiosk never relies on this (its transport pins, core/sync/transport.ts).
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

const url = () => process.env[TEST_DATABASE_ENV]!;
let slugs = 0;
const newSlug = () => `move-${process.pid}-${++slugs}`;
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

type Served = { hub: Hub; http: OfficeHttp; base: string; close(): Promise<void> };

async function serve(hub: Hub, tlsDir: string, port = 0): Promise<Served> {
  const tls = await ensureHubTls(tlsDir);
  const http = await startOfficeHttp({ hub, port, host: '127.0.0.1', consoleDir: path.join(tlsDir, 'none'), scrypt: TEST_SCRYPT, log: () => {}, https: { key: tls.key, cert: tls.cert, pins: tls.pins } });
  return { hub, http, base: http.url.replace(/\/$/, ''), close: () => http.close() };
}

function pg() {
  const dir = openTrustDirectory(url());
  const schemaExists = (slug: string) => !!dir.db.prepare('SELECT 1 FROM pg_namespace WHERE nspname = ?').get(schoolSchema(slug));
  return { dir, schemaExists, listed: (slug: string) => findSchool(dir, slug) };
}

/** Every row of a table, sorted, as plain values (the same whatever the engine). */
function rows(db: Hub['db'], table: string, where = ''): string[] {
  return (db.prepare(`SELECT * FROM ${table} ${where}`).all() as Record<string, unknown>[]).map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))).sort();
}

let compiled: string | undefined;
/** The command-line tools as their own processes, compiled outside the shared node_modules. */
function cli(script: 'office' | 'kioskAdmin', args: string[], o: { env?: Record<string, string>; input?: string } = {}): Promise<{ code: number; out: string }> {
  if (!compiled) {
    const dir = tmp('cli-');
    fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    compiled = compileCore(path.join(dir, 'out'), ['core', 'shared', 'scripts']);
    fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(compiled, 'node_modules'));
  }
  const env = { ...process.env, ...o.env };
  delete env.NODE_TLS_REJECT_UNAUTHORIZED;
  const child = spawn(process.execPath, [path.join(compiled, 'scripts', `${script}.js`), ...args], { stdio: ['pipe', 'pipe', 'pipe'], env });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  child.stdin.end(o.input ?? '');
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, out })));
}

/** A small SQLite hub with visits from a kiosk's events, an administrator and audit entries. */
async function smallSqliteHub(): Promise<{ dataDir: string; hub: Hub }> {
  const dataDir = tmp('hub-small-');
  const hub = openHub({ dataDir, log: () => {} });
  await createAdministrator(hub, { username: 'ada', displayName: 'Ada Admin', password: ADMIN.password }, TEST_SCRYPT);
  registerKiosk(hub, 'k-1', 'Front');
  const src = eventSource('k-1');
  ingest(hub, [...src.arrive({ fullName: 'Rita Moss', at: '2026-03-02T08:30:00.000Z' }).events, ...src.arrive({ fullName: 'Tom Vale', at: '2026-03-02T08:40:00.000Z' }).events]);
  return { dataDir, hub };
}

describe.runIf(testingOnPostgres())('moving a school hub into a trust (migrate-to)', () => {
  afterAll(() => {
    if (compiled) fs.rmSync(path.dirname(compiled), { recursive: true, force: true });
  });
  describe('a working school with a kiosk', () => {
    const slug = newSlug();
    const oldDir = tmp('hub-old-');
    const trustDir = tmp('hub-trust-');
    let old: Served;
    let kiosk: Kiosk;
    let trust: Served | undefined;
    let result: ReturnType<typeof migrateTo>;
    const before: Record<string, string[]> = {};
    let visitsBefore: string[] = [];
    let auditBefore: { entries: number; last: string };

    beforeAll(async () => {
      old = await serve(openHub({ dataDir: oldDir, log: () => {} }), oldDir);
      // First run of the console, the school's staff, a device-use request refused, concerns.
      const admin = new OfficeBrowser(old.base);
      const setup = await admin.post(OFFICE_PATHS.setup, { setupCode: fs.readFileSync(path.join(oldDir, SETUP_CODE_FILE), 'utf8').trim(), ...ADMIN });
      expect(setup.status).toBe(200);
      const t = { browser: () => new OfficeBrowser(old.base) } as unknown as TestHub;
      const office = await staffAccount(t, admin, { username: 'office.user', displayName: 'Olive Office', role: 'office', password: PASSWORDS.office });
      const dsl = await staffAccount(t, admin, { username: 'dsl.user', displayName: 'Dee Lead', role: 'dsl', password: PASSWORDS.dsl });
      const head = await staffAccount(t, admin, { username: 'head.user', displayName: 'Hal Head', role: 'head', password: PASSWORDS.head });
      const req = (await office.op('exemptions.request', { fullName: 'Ivo Renn', organisation: 'Photography Ltd', agencyRole: 'Photographer', purpose: 'Class photos', devices: 'Camera' })).json as { ok: true; value: { exemption: { id: string } } };
      const refused = await head.op('exemptions.refuse', { id: req.value.exemption.id, reason: 'Disclosure check outstanding' });
      expect(refused.status, refused.text).toBe(200);
      const breach = (await office.op('breaches.log', { visitId: null, person: 'Man by the gate', location: 'Playground', what: 'Filming at pick-up.', actionTaken: 'Asked him to stop.' })).json as { ok: true; value: { breach: { id: string } } };
      expect((await dsl.op('breaches.close', { id: breach.value.breach.id, outcome: 'Spoken to; banned from site', lessonsLearnt: 'Remind visitors of the policy at sign-in.' })).status).toBe(200);
      expect((await office.op('breaches.log', { visitId: null, person: 'Parent', location: 'Hall', what: 'Phone out during assembly.', actionTaken: 'Reminded of the policy.' })).status).toBe(200);

      // A real kiosk pairs over HTTPS (pinning the school hub's certificate) and syncs visits.
      const code = (await admin.op('kiosks.createPairingCode', { kioskName: 'Main entrance' })).json as { ok: true; value: { code: string } };
      kiosk = tempKiosk();
      await pairWithHub(kiosk.db, old.base, code.value.code, 'Main entrance');
      for (const name of ['Jane Smith', 'Omar Haddad']) kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: name }), 'kiosk');
      const client = createSyncClient(kiosk.db);
      expect((await pushOutbox(client, kiosk.db)).pushed).toBeGreaterThan(0);
      await pullAll(client, kiosk.db);

      // Step 1: the school hub announces the trust hub's certificate; after a sync the kiosk pins it too.
      const trustTls = await ensureHubTls(trustDir);
      announceCertificate(oldDir, trustTls.cert);
      await old.close();
      old = await serve(old.hub, oldDir, Number(new URL(old.base).port));
      kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Lena Brook' }), 'kiosk');
      await pushOutbox(createSyncClient(kiosk.db), kiosk.db);
      await pullAll(createSyncClient(kiosk.db), kiosk.db);
      expect(JSON.parse(readSyncState(kiosk.db)!.hub_pins)).toContain(spkiPin(trustTls.cert));

      visitsBefore = ((await office.op('visits.search', { from: '2020-01-01' })).json as { ok: true; value: { visits: { fullName: string }[] } }).value.visits.map((v) => v.fullName).sort();
      expect(visitsBefore).toEqual(['Jane Smith', 'Lena Brook', 'Omar Haddad']);
    });

    afterAll(async () => {
      await trust?.close();
      if (trust?.hub.db.open) trust.hub.close();
      await old?.close().catch(() => {});
      if (old?.hub.db.open) old.hub.close();
      if (kiosk) disposeKiosk(kiosk);
      fs.rmSync(oldDir, { recursive: true, force: true });
      fs.rmSync(trustDir, { recursive: true, force: true });
    });

    it('refuses while the school hub is running, and leaves nothing behind', () => {
      expect(() => migrateTo({ dataDir: oldDir, url: url(), school: slug })).toThrow(/in use: stop the office hub/);
      const p = pg();
      try {
        expect(p.listed(slug)).toBeUndefined();
        expect(p.schemaExists(slug)).toBe(false);
      } finally {
        p.dir.close();
      }
    });

    it('copies every table, proves the copy and records the move; a dry run first keeps nothing', async () => {
      await old.close();
      for (const table of ['visits', 'hub_events', 'staff', 'exemptions', 'breaches', 'audit_log', 'kiosks', 'pairing_codes', 'ref_changes', 'site_settings', 'visit_owners', 'policy_texts']) before[table] = rows(old.hub.db, table);
      const v = verifyAudit(old.hub.db);
      auditBefore = { entries: v.entries, last: old.hub.db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as string };
      old.hub.close();
      // The kiosk keeps taking visitors while the hub is away.
      kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Priya Offline' }), 'kiosk');

      const dry = migrateTo({ dataDir: oldDir, url: url(), school: slug, name: 'Riverside Primary', dryRun: true });
      expect(dry.dryRun).toBe(true);
      const p = pg();
      try {
        expect(p.listed(slug)).toBeUndefined();
        expect(p.schemaExists(slug)).toBe(false);
      } finally {
        p.dir.close();
      }

      result = migrateTo({ dataDir: oldDir, url: url(), school: slug, name: 'Riverside Primary' });
      expect(result.dryRun).toBe(false);
      expect(result.target).not.toContain('test-only-password');
      const count = (name: string) => result.tables.find((t) => t.name === name)!.rows;
      expect(count('visits')).toBe(3);
      expect(count('staff')).toBe(4);
      expect(count('exemptions')).toBe(1);
      expect(count('breaches')).toBe(2);
      expect(count('kiosks')).toBe(1);
      expect(dry.tables).toEqual(result.tables);
      expect(result.audit).toEqual({ entries: auditBefore.entries, lastHash: auditBefore.last });
      expect(result.migratedEntrySeq).toBe(auditBefore.entries + 1);

      trust = await serve(openHub({ dataDir: trustDir, database: { url: url(), school: slug }, log: () => {} }), trustDir);
      const db = trust.hub.db;
      for (const [table, was] of Object.entries(before)) {
        if (table === 'audit_log' || table === 'site_settings') continue; // one entry more: the move
        expect(rows(db, table), table).toEqual(was);
      }
      expect(rows(db, 'audit_log', `WHERE seq <= ${auditBefore.entries}`)).toEqual(before.audit_log);
      expect(rows(db, 'site_settings', "WHERE key <> 'audit_anchor'")).toEqual(before.site_settings!.filter((r) => !r.includes('audit_anchor')));
      expect(verifyAudit(db)).toEqual({ ok: true, entries: auditBefore.entries + 1 });
      const moved = db.prepare('SELECT actor, action, detail, prev_hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { action: string; detail: string; prev_hash: string };
      expect(moved.action).toBe('hub.migratedFrom');
      expect(moved.prev_hash).toBe(auditBefore.last);
      expect(JSON.parse(moved.detail)).toMatchObject({ sourceFile: HUB_DB_FILE_NAME, sourceLastHash: auditBefore.last, sourceAuditEntries: auditBefore.entries, rows: { visits: 3, staff: 4 } });
      const p2 = pg();
      try {
        expect(p2.listed(slug)).toMatchObject({ slug, name: 'Riverside Primary', status: 'active' });
      } finally {
        p2.dir.close();
      }
    });

    it('the console of the new school signs in with the same passwords and lists the same visits', async () => {
      const office = new OfficeBrowser(trust!.base);
      expect((await office.logIn('office.user', PASSWORDS.office)).status).toBe(200);
      const found = ((await office.op('visits.search', { from: '2020-01-01' })).json as { ok: true; value: { visits: { fullName: string }[] } }).value.visits.map((v) => v.fullName).sort();
      expect(found).toEqual(visitsBefore);
      expect((await new OfficeBrowser(trust!.base).logIn('office.user', 'not the password at all')).status).toBe(401);
    });

    it('the kiosk moves to the new address without pairing again, pushes what it took offline and pulls', async () => {
      const db = trust!.hub.db;
      const seqBefore = db.prepare('SELECT MAX(seq) FROM hub_events').pluck().get() as number;
      const refBefore = db.prepare('SELECT MAX(seq) FROM ref_changes').pluck().get() as number;
      const pairedBefore = readSyncState(kiosk.db)!;

      setStaffPin(kiosk.db, '482613');
      const args = ['set-hub-url', `${trust!.base}/`, '--data-dir', kiosk.dataDir, '--by', 'IT (test)'];
      const wrong = await cli('kioskAdmin', args, { input: '000000\n' });
      expect(wrong).toMatchObject({ code: 1, out: expect.stringContaining('Not changed: That PIN is not right') });
      expect(readSyncState(kiosk.db)!.hub_url).toBe(old.base);
      // Not a hub that can prove it is this one (the school hub is stopped): nothing changes.
      expect(await changeHubUrl(kiosk.db, `${old.base}/s/elsewhere/`, 'IT (test)').catch((e: Error) => e.message)).toMatch(/cannot be reached/);
      expect(hubUrlHistory(kiosk.db)).toEqual([]);
      const moved = await cli('kioskAdmin', args, { input: '482613\n' });
      expect(moved, moved.out).toMatchObject({ code: 0, out: expect.stringContaining(`now syncs with ${trust!.base}`) });
      expect(hubUrlHistory(kiosk.db)).toEqual([expect.objectContaining({ from: old.base, to: trust!.base, by: 'kiosk PIN holder (IT (test), kiosk:admin)' })]);
      const state = readSyncState(kiosk.db)!;
      expect(state).toMatchObject({ hub_url: trust!.base, hub_id: pairedBefore.hub_id, hub_public_key: pairedBefore.hub_public_key, private_key: pairedBefore.private_key });

      const client = createSyncClient(kiosk.db);
      expect((await pushOutbox(client, kiosk.db)).pushed).toBeGreaterThan(0);
      expect(db.prepare("SELECT COUNT(*) FROM visits WHERE full_name = 'Priya Offline'").pluck().get()).toBe(1);
      // New events and feed changes continue the copied numbering.
      expect(db.prepare('SELECT MIN(seq) FROM hub_events WHERE seq > ?').pluck().get(seqBefore)).toBe(seqBefore + 1);
      const added = db.transaction(() => db.prepare("INSERT INTO ref_changes (entity, key, body, at) VALUES ('host', 'no-such-host', NULL, ?) RETURNING seq").pluck().get(new Date().toISOString()))() as number;
      expect(added).toBeGreaterThan(refBefore);
      await pullAll(client, kiosk.db);
      expect(readSyncState(kiosk.db)!.pull_cursor).toBe(added);
      // The trust hub announces only its own pin: the school hub's is dropped.
      expect(JSON.parse(readSyncState(kiosk.db)!.hub_pins)).toEqual([spkiPin((await ensureHubTls(trustDir)).cert)]);
    });

    it('the old hub records the move, will not serve again, and is not moved twice', async () => {
      const file = openHub({ dataDir: oldDir, log: () => {} });
      try {
        expect(verifyAudit(file.db)).toEqual({ ok: true, entries: auditBefore.entries + 1 });
        const last = file.db.prepare('SELECT action, detail FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { action: string; detail: string };
        expect(last.action).toBe('hub.migratedTo');
        expect(JSON.parse(last.detail)).toMatchObject({ school: slug, migratedEntrySeq: auditBefore.entries + 1 });
        expect(last.detail).not.toContain(new URL(url()).password);
      } finally {
        file.close();
      }
      await expect(runOfficeHub({ dataDir: oldDir, port: 0, host: '127.0.0.1', log: () => {} })).rejects.toThrow(/moved into a trust .* Start the trust's hub instead/);
      expect(() => migrateTo({ dataDir: oldDir, url: url(), school: newSlug() })).toThrow(/already moved into a trust/);
    });
  });

  describe('the office command', () => {
    it('migrate-to: a dry run, the move, a refusal; the database password is never printed', async () => {
      const slug = newSlug();
      const { dataDir, hub } = await smallSqliteHub();
      hub.close();
      const env = { OFFICE_DATABASE: url() };
      try {
        const dry = await cli('office', ['migrate-to', '--data-dir', dataDir, '--school', slug, '--name', 'Hillside', '--dry-run'], { env });
        expect(dry, dry.out).toMatchObject({ code: 0, out: expect.stringContaining('Dry run: nothing was copied') });
        expect(dry.out).toMatch(/visits\s+2 row\(s\)/);
        const moved = await cli('office', ['migrate-to', url(), '--data-dir', dataDir, '--school', slug, '--name', 'Hillside'], { env: { OFFICE_DATABASE: '' } });
        expect(moved, moved.out).toMatchObject({ code: 0, out: expect.stringContaining(`school "${slug}" (Hillside)`) });
        expect(moved.out).toMatch(/chain verified on PostgreSQL, move recorded as entry 2/);
        const again = await cli('office', ['migrate-to', '--database', url(), '--data-dir', dataDir, '--school', slug], { env: { OFFICE_DATABASE: '' } });
        expect(again).toMatchObject({ code: 1, out: expect.stringContaining('Refused: This hub was already moved into a trust') });
        for (const r of [dry, moved, again]) expect(r.out).not.toContain(new URL(url()).password);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }, 120_000);
  });

  describe('refusals leave nothing behind', () => {
    it('a school the trust already runs (added and opened by a trust admin)', async () => {
      const slug = newSlug();
      const p = pg();
      addSchool(p.dir, { slug, name: 'Added by the trust', by: 'trust admin', at: new Date() });
      const opened = openHub({ dataDir: tmp('hub-opened-'), database: { url: url(), school: slug }, log: () => {} });
      opened.close();
      const { dataDir, hub } = await smallSqliteHub();
      hub.close();
      try {
        expect(() => migrateTo({ dataDir, url: url(), school: slug })).toThrow(MigrateRefusal);
        expect(p.listed(slug)!.name).toBe('Added by the trust');
      } finally {
        p.dir.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('a hub file from a newer app version', async () => {
      const slug = newSlug();
      const { dataDir, hub } = await smallSqliteHub();
      hub.db.pragma('user_version = 9990');
      hub.close();
      const p = pg();
      try {
        expect(() => migrateTo({ dataDir, url: url(), school: slug })).toThrow(/newer than this app understands/);
        expect(p.listed(slug)).toBeUndefined();
        expect(p.schemaExists(slug)).toBe(false);
      } finally {
        p.dir.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('a row PostgreSQL refuses half-way through the copy: no school, no schema, the file untouched and free', async () => {
      const slug = newSlug();
      const { dataDir, hub } = await smallSqliteHub();
      // Text with a NUL character: SQLite keeps it, PostgreSQL text cannot hold it.
      hub.db.prepare("UPDATE visits SET full_name = ? WHERE full_name = 'Tom Vale'").run('Tom\u0000Vale');
      hub.close();
      const file = path.join(dataDir, HUB_DB_FILE_NAME);
      const p = pg();
      try {
        expect(() => migrateTo({ dataDir, url: url(), school: slug, batchRows: 1 })).toThrow(/Copying visits failed/);
        expect(p.listed(slug)).toBeUndefined();
        expect(p.schemaExists(slug)).toBe(false);
        const again = openHub({ dataDir, log: () => {} }); // the lock went with the failed move
        expect(again.db.prepare('SELECT COUNT(*) FROM visits').pluck().get()).toBe(2);
        again.close();
        expect(fs.existsSync(file)).toBe(true);
      } finally {
        p.dir.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('a hub file from an older app version is brought up to date first, then moved', () => {
      const slug = newSlug();
      const dataDir = tmp('hub-older-');
      const file = path.join(dataDir, HUB_DB_FILE_NAME);
      const older = openDb(file, { migrateWith: (db) => migrateHub(db, 90) });
      older.transaction(() => appendAudit(older, { at: new Date(), actor: 'test', action: 'test.entry', target: 'x' }))();
      older.close();
      try {
        const r = migrateTo({ dataDir, url: url(), school: slug });
        expect(r.schemaVersion).toBe(HUB_SCHEMA_VERSION);
        expect(r.audit.entries).toBe(1);
        expect(r.migratedEntrySeq).toBe(2);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('a folder without a hub', () => {
      const dataDir = tmp('hub-none-');
      try {
        expect(() => migrateTo({ dataDir, url: url(), school: newSlug() })).toThrow(/no office hub database/);
        expect(fs.existsSync(path.join(dataDir, HUB_DB_FILE_NAME))).toBe(false);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
});
