// Two hub processes on one PostgreSQL database (issue #16: several hub processes behind a load
// balancer). Each is the real `office --database URL` command in its own Node process, on its
// own port, serving the trust's school under /s/<slug>/ with the same TLS certificate. Three
// real kiosks sync through either process, alternately, while a hub process is SIGKILLed in the
// middle of pushes and a kiosk is SIGKILLed mid-push. Afterwards every event is on the hub
// once, the hub's visits agree with each kiosk, the audit chain verifies and the scheduled work
// ran once per slot. What a request leans on (the console session, the pairing code, the
// signed request's nonce) lives in the database, so any process accepts what the other issued.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { openKiosk } from '../../core/kiosk.js';
import { runOfficeHub } from '../../core/host/officeHub.js';
import { verifyAudit } from '../../core/office/audit.js';
import { schoolDataDir } from '../../core/office/http/schools.js';
import { openHub, type Hub } from '../../core/office/hub.js';
import { createAdministrator } from '../../core/office/staff/provision.js';
import { ensureHubTls, type HubTls } from '../../core/office/tls/certificate.js';
import { addSchool, openTrustDirectory, type TrustDirectory } from '../../core/office/trust/directory.js';
import { createSyncClient, SyncError } from '../../core/sync/client.js';
import { pairWithHub } from '../../core/sync/pair.js';
import { pullAll } from '../../core/sync/pull.js';
import { pushOutbox } from '../../core/sync/push.js';
import { syncStatus } from '../../core/sync/status.js';
import { hubFetch } from '../../core/sync/transport.js';
import { OFFICE_PATHS } from '../../shared/office.js';
import { SIGNED_HEADERS, SYNC_PATHS } from '../../shared/sync.js';
import { compileCore, PROJECT_ROOT } from '../support/compileCore.js';
import { ackedBatches, killWorkerMidPush } from '../support/killMidPush.js';
import { disposeKiosk } from '../support/fixtures.js';
import { OfficeBrowser } from '../support/officeHub.js';
import { TEST_DATABASE_ENV, testingOnPostgres } from '../support/postgres.js';
import { signInInput, tempDir, tempKiosk } from '../support/tempKiosk.js';
import { uniqueSlug } from '../support/trustHub.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(25);
  }
}

const ADMIN = { username: 'trust.admin', displayName: 'Tess Admin', password: 'two processes one database' };

/** One `office --database URL` process (the trust hub), started and stopped by the test. */
class HubProcess {
  child: ChildProcess | null = null;
  port = 0;
  out = '';
  constructor(
    readonly name: string,
    private readonly compiled: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Starts it (on its earlier port after a restart) and waits until it listens. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, [path.join(this.compiled, 'scripts', 'office.js'), ...this.args, '--port', String(this.port)], {
      cwd: PROJECT_ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let out = '';
    child.stdout!.on('data', (d: Buffer) => ((out += d.toString()), (this.out += d.toString())));
    child.stderr!.on('data', (d: Buffer) => (this.out += d.toString()));
    await until(`hub process ${this.name} listens`, () => {
      if (child.exitCode !== null) throw new Error(`hub process ${this.name} stopped by itself:\n${this.out}`);
      const m = /Trust hub on https:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) this.port = Number(m[1]);
      return m !== null;
    });
  }

  /** A power cut: no chance to finish anything. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  schoolUrl(slug: string): string {
    return `https://127.0.0.1:${this.port}/s/${slug}/`;
  }
}

describe.runIf(testingOnPostgres())('two hub processes on one PostgreSQL database', () => {
  const databaseUrl = process.env[TEST_DATABASE_ENV] || 'postgres://skipped@127.0.0.1/none';
  const slug = uniqueSlug('twoproc');
  let compiled: string;
  let dataDir: string;
  let tls: HubTls;
  let directory: TrustDirectory;
  let hub: Hub; // the test's own view of the school's records (as `office audit-verify` opens it)
  let a: HubProcess;
  let b: HubProcess;
  const kiosks: Kiosk[] = [];
  const tlsFetch = () => hubFetch({ pins: tls.pins });

  beforeAll(async () => {
    compiled = compileCore(path.join(PROJECT_ROOT, 'node_modules', '.cache', `two-processes-${process.pid}`), ['core', 'shared', 'scripts']);
    dataDir = tempDir('two-processes-');
    directory = openTrustDirectory(databaseUrl);
    addSchool(directory, { slug, name: 'Two Process Academy', by: 'test', at: new Date() });
    hub = openHub({ dataDir: schoolDataDir(dataDir, slug), database: { url: databaseUrl, school: slug }, log: () => {} });
    await createAdministrator(hub, ADMIN);
    // One certificate for both, as two machines behind one address would share it.
    tls = await ensureHubTls(dataDir);
    const args = ['--host', '127.0.0.1', '--data-dir', dataDir, '--tls-cert', tls.certFile, '--tls-key', tls.keyFile];
    const env = { ...process.env, OFFICE_DATABASE: databaseUrl }; // the password stays out of the process list
    a = new HubProcess('A', compiled, args, env);
    b = new HubProcess('B', compiled, args, env);
    await Promise.all([a.start(), b.start()]);
  }, 120_000);

  afterAll(async () => {
    await a?.kill();
    await b?.kill();
    for (const k of kiosks) disposeKiosk(k);
    hub?.close();
    directory?.close();
    if (compiled) fs.rmSync(compiled, { recursive: true, force: true });
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const browser = (p: HubProcess) => new OfficeBrowser(p.schoolUrl(slug).replace(/\/$/, ''), tlsFetch());

  it('a console session made on one process works on the other, CSRF token and all, and signing out on one ends it on both', async () => {
    const onA = browser(a);
    expect((await onA.logIn(ADMIN.username, ADMIN.password)).status).toBe(200);
    const onB = browser(b);
    onB.cookie = onA.cookie;
    onB.csrf = onA.csrf;
    expect(await onB.get(OFFICE_PATHS.me)).toMatchObject({ status: 200, json: { ok: true, value: { staff: { username: ADMIN.username } } } });
    expect((await onB.op('kiosks.list')).status).toBe(200);
    expect((await onB.op('kiosks.list', {}, { csrf: 'not-the-token' })).status).toBe(403);

    expect((await onB.post(OFFICE_PATHS.logout)).status).toBe(200);
    expect((await onA.get(OFFICE_PATHS.me)).status).toBe(401);
  });

  it('pairs three kiosks (one with a code made on A and redeemed through B), and a nonce used on A is a replay on B', async () => {
    const admin = browser(a);
    expect((await admin.logIn(ADMIN.username, ADMIN.password)).status).toBe(200);
    for (const [i, through] of [a, a, b].entries()) {
      const made = await admin.op('kiosks.createPairingCode', { kioskName: `Entrance ${i + 1}` });
      expect(made.status).toBe(200);
      const k = tempKiosk();
      kiosks.push(k);
      await pairWithHub(k.db, through.schoolUrl(slug), (made.json as { value: { code: string } }).value.code, `Entrance ${i + 1}`);
    }
    expect(hub.db.prepare('SELECT COUNT(*) FROM kiosks').pluck().get()).toBe(3);

    // A signed pull, captured on its way to A and sent again, byte for byte, to B.
    let captured: { url: string; init: RequestInit } | null = null;
    const capture: typeof fetch = (url, init) => ((captured = { url: String(url), init: init! }), tlsFetch()(url, init));
    await createSyncClient(kiosks[0]!.db, { hubUrl: a.schoolUrl(slug), fetch: capture }).post(SYNC_PATHS.pull, { cursor: 0, limit: 10 });
    const sent = captured as unknown as { url: string; init: RequestInit };
    expect(new Headers(sent.init.headers).get(SIGNED_HEADERS.nonce)).toBeTruthy();
    const replay = await tlsFetch()(sent.url.replace(`:${a.port}/`, `:${b.port}/`), sent.init);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ code: 'REPLAY' });
  });

  it('loses and doubles nothing while kiosks alternate between the processes, one process is SIGKILLed mid-push and a kiosk is SIGKILLed mid-push', async () => {
    expect(kiosks).toHaveLength(3);
    const [k1, k2, k3] = kiosks as [Kiosk, Kiosk, Kiosk];
    const procs = [a, b];
    let pushes = 0;
    let failovers = 0;

    /** A push through one process; if it cannot be reached (killed), through the other, as a
     *  load balancer would send the retry. Transient failures only: a refusal fails the test. */
    const push = async (k: Kiosk, first: number): Promise<void> => {
      for (let attempt = 0; ; attempt++) {
        const p = procs[(first + attempt) % 2]!;
        try {
          await pushOutbox(createSyncClient(k.db, { hubUrl: p.schoolUrl(slug), timeoutMs: 20_000 }), k.db, { batchMax: 2 });
          await pullAll(createSyncClient(k.db, { hubUrl: p.schoolUrl(slug), timeoutMs: 20_000 }), k.db);
          pushes++;
          return;
        } catch (e) {
          if (!(e instanceof SyncError) || !e.transient || attempt > 40) throw e;
          failovers++;
          await sleep(50);
        }
      }
    };
    const visitors = new Map<Kiosk, string[]>();
    const busy = async (k: Kiosk, rounds: number, offset: number) => {
      for (let i = 0; i < rounds; i++) {
        const ids = visitors.get(k) ?? [];
        ids.push(k.core.run('visit.signIn', signInInput(k, { fullName: `Visitor ${offset}-${i}-${ids.length}` }), 'kiosk').visitId);
        ids.push(k.core.run('visit.signIn', signInInput(k, { fullName: `Visitor ${offset}-${i}-${ids.length}` }), 'kiosk').visitId);
        if (ids.length > 3) k.core.run('visit.signOut', { visitId: ids.shift()!, phoneCollected: true }, 'kiosk');
        visitors.set(k, ids);
        await push(k, i + offset);
      }
    };

    // 1. Two kiosks busy through A and B in turn; A is SIGKILLed while they push, then restarted.
    const working = Promise.all([busy(k1, 10, 0), busy(k2, 10, 1)]);
    await until('a few pushes went through', () => pushes >= 4);
    await a.kill();
    await until('pushes carried on through B', () => pushes >= 9);
    await a.start();
    await working;

    // 2. The third kiosk's own process, SIGKILLed mid-push; between rounds a load balancer sends
    //    it to the other process (its stored address changes, as the worker reads it).
    const kioskDir = k3.dataDir;
    k3.close();
    kiosks.splice(2, 1);
    const journal = path.join(kioskDir, 'journal.log');
    const acked = () => ackedBatches(journal);
    for (let round = 0; round < 2; round++) {
      {
        const k = openKiosk({ dataDir: kioskDir, log: () => {} });
        k.db.prepare('UPDATE sync_state SET hub_url = ? WHERE id = 1').run(procs[round % 2]!.schoolUrl(slug));
        k.close();
      }
      expect(await killWorkerMidPush(compiled, kioskDir, journal)).toBe('SIGKILL');
    }
    const k3again = openKiosk({ dataDir: kioskDir, log: () => {} });
    kiosks.push(k3again);

    // 3. Everyone catches up, each through the process it did not use last.
    await push(k1, 1);
    await push(k2, 0);
    await push(k3again, 0);
    expect(failovers).toBeGreaterThan(0); // the kill did land in the middle of pushes

    for (const k of [k1, k2, k3again]) {
      const kioskId = syncStatus(k.db).kioskId;
      expect(syncStatus(k.db).outbox).toBe(0);
      // Every event the kiosk made is on the hub, once.
      const kioskIds = k.db.prepare('SELECT id FROM visit_events ORDER BY id').pluck().all();
      const hubIds = hub.db.prepare('SELECT id FROM hub_events WHERE kiosk_id = ? ORDER BY id').pluck().all(kioskId);
      expect(hubIds).toEqual(kioskIds);
      // The hub's visits are the kiosk's, who is on site included.
      const kioskVisits = k.db.prepare('SELECT id, departed_at FROM visits ORDER BY id').all();
      const hubVisits = hub.db.prepare('SELECT id, departed_at FROM visits WHERE kiosk_id = ? ORDER BY id').all(kioskId);
      expect(hubVisits).toEqual(kioskVisits);
    }
    expect(hub.db.prepare('SELECT COUNT(*) - COUNT(DISTINCT id) FROM hub_events').pluck().get()).toBe(0);
    expect(hub.db.prepare('SELECT COUNT(*) - COUNT(DISTINCT seq) FROM ref_changes').pluck().get()).toBe(0);
    expect(verifyAudit(hub.db)).toMatchObject({ ok: true });
  }, 120_000);

  it('runs the scheduled work once per slot with both processes ticking', async () => {
    // Both processes opened the school (requests reached each) and so run its job schedule.
    await until('the retention jobs have run', () => (hub.db.prepare("SELECT COUNT(*) FROM job_runs WHERE finished_at IS NOT NULL AND job = 'retention.purge'").pluck().get() as number) >= 1);
    await until('the holds job has run', () => (hub.db.prepare("SELECT COUNT(*) FROM job_runs WHERE finished_at IS NOT NULL AND job = 'retention.holds'").pluck().get() as number) >= 1);
    // (job, slot) is the table's key, so "one row per slot" holds by construction; what shows a
    // second run is its work: each purge writes one audit entry, so one per purge slot.
    const runs = hub.db.prepare('SELECT job, slot, claimed_by, finished_at FROM job_runs ORDER BY job, slot').all() as { job: string; slot: string; claimed_by: string; finished_at: string | null }[];
    const purgeSlots = runs.filter((r) => r.job === 'retention.purge');
    expect(purgeSlots).toHaveLength(1); // one school day in this test
    expect(hub.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'retention.purge'").pluck().get()).toBe(1);
    expect(purgeSlots[0]!.finished_at).not.toBeNull();
  }, 60_000);
});

describe.runIf(testingOnPostgres())('two hubs started for one school of a trust database (--school)', () => {
  const databaseUrl = process.env[TEST_DATABASE_ENV] || 'postgres://skipped@127.0.0.1/none';

  it('the second keeps the set-up code the first told, and that code works through the second', async () => {
    const slug = uniqueSlug('solo-two');
    const directory = openTrustDirectory(databaseUrl);
    const started: { stop(): Promise<void> }[] = [];
    const dirs: string[] = [];
    try {
      addSchool(directory, { slug, name: 'Twice Started School', by: 'test', at: new Date() });
      const logs: string[][] = [[], []];
      for (const i of [0, 1]) {
        const dataDir = tempDir('solo-two-');
        dirs.push(dataDir);
        started.push(await runOfficeHub({ dataDir, port: 0, host: '127.0.0.1', database: { url: databaseUrl, school: slug }, log: (l) => logs[i]!.push(l) }));
      }
      const code = logs[0]!.join('\n').match(/Set-up code: (\S+)/)?.[1];
      expect(code).toBeDefined();
      expect(logs[1]!.join('\n')).not.toMatch(/Set-up code:/);
      expect(logs[1]!.join('\n')).toMatch(/use the set-up code already made/);
      const second = started[1] as Awaited<ReturnType<typeof runOfficeHub>>;
      const b = new OfficeBrowser(second.http.url.replace(/\/$/, ''));
      expect((await b.post(OFFICE_PATHS.setup, { setupCode: code, ...ADMIN })).status).toBe(200);
    } finally {
      for (const s of started) await s.stop();
      directory.close();
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
