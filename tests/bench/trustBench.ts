// The office hub on PostgreSQL at trust size (issue #16): a trust of 50 schools x 3 kiosks with
// 10 M historic visits (trustSeed.ts: built once into a persistent server data folder under the
// bench work dir, reused while its marker row says it is complete). Every figure is a ratio to
// a bare baseline on the same server, measured in the same run, samples interleaved:
//
//   on site / custody board   one school's console ops onSite.list and custody.board through
//                             hub.core.run (the synchronous PostgreSQL store), vs a bare
//                             primary-key lookup of one visits row through the same store.
//                                                                       Target: p99 < 50 ms
//   trust dashboard           every school's figures (people on site, phones not collected,
//                             open concerns, pending device-use requests, kiosks silent for an
//                             hour): the dashboard's schoolFigures, one statement per school
//                             through its own hub, vs one bare primary-key lookup per school.
//                                                                       Target: p99 < 200 ms
//   push under load           150 kiosks, 3 at each school, paired through the trust hub's
//                             /s/<slug>/ routes, each pushing 1-3 events every 5 s
//                             (30 pushes/s) for 60 s to the real office server over pinned TLS,
//                             from a load generator in a worker thread, vs a signed pull with
//                             nothing to fetch from the same kiosks, interleaved. Target: p99 < 100 ms
//   catch-up                  10,000 events pushed to a fresh PostgreSQL school through the
//                             office server (syncBench.ts), vs multi-row INSERTs of the same
//                             rows into a plain table on the same server.  Target: <= 3x
//
// Environment: KIOSK_BENCH_DIR as run.ts; TRUST_BENCH_PUSH_SECONDS (default 60).
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Actor } from '../../core/office/context.js';
import { openHub, type Hub } from '../../core/office/hub.js';
import { startOfficeHttp } from '../../core/office/http/server.js';
import { createPairingCode } from '../../core/office/sync/pairing.js';
import { makeSelfSigned, spkiPin } from '../../core/office/tls/certificate.js';
import { HUB_ON_SITE_SQL, HUB_PHONES_HELD_SQL, HUB_RECEPTION_HELD_SQL } from '../../core/office/visits/queries.js';
import { schoolFigures } from '../../core/office/trust/schoolFigures.js';
import { addSchool, findSchool, openTrustDirectory } from '../../core/office/trust/directory.js';
import { startTestPostgres } from '../support/postgres.js';
import type { PushLoadJob, PushLoadResult } from './pushLoadWorker.js';
import { fmtMs, fmtRatio, nowMs, prng, summarise, table, timeMs, type Stats } from './stats.js';
import { benchSyncCatchUp, type SyncBenchResult } from './syncBench.js';
import { ensureTrustSeed, expectedFigures, KIOSKS_PER_SCHOOL, ON_SITE, PHONES_HELD, refreshToday, schoolSlug, TRUST_SCHOOLS, type TrustSeedMeta } from './trustSeed.js';

const ONE_SCHOOL_MAX_MS = 50;
const DASHBOARD_MAX_MS = 200;
const PUSH_MAX_MS = 100;
const PUSH_KIOSKS = TRUST_SCHOOLS * KIOSKS_PER_SCHOOL;
const PUSH_EVERY_MS = 5000;
const WARMUP = 10;
const BENCH_ACTOR: Actor = { staffId: 'bench', username: 'bench', displayName: 'Bench', role: 'office' };

type Ratio = { p50: number; p99: number };
const ratio = (s: Stats, b: Stats): Ratio => ({ p50: s.p50 / b.p50, p99: s.p99 / b.p99 });

export type TrustBenchResult = {
  postgres: { version: string; settings: string; dataDir: string };
  seed: TrustSeedMeta & { cached: boolean; todayRefreshMs: number };
  oneSchool: { school: string; n: number; queryPlans: Record<string, string[]>; baseline: Stats; onSite: Stats & { rows: number }; custodyBoard: Stats & { held: number }; ratio: { onSite: Ratio; custodyBoard: Ratio }; pass: { onSite: boolean; custodyBoard: boolean } };
  dashboard: { what: string; schools: number; n: number; baseline: Stats; dashboard: Stats; ratio: Ratio; pass: boolean };
  push: { what: string; kiosks: number; seconds: number; offeredPerSecond: number; achievedPerSecond: number; events: number; pairMs: number; errors: string[]; baseline: Stats; push: Stats; ratio: Ratio; pass: boolean };
  catchUp: SyncBenchResult;
  target: { oneSchoolMaxMs: number; dashboardMaxMs: number; pushMaxMs: number };
};

function pgPlan(hub: Hub, sql: string): string[] {
  return (hub.db.prepare(`EXPLAIN ${sql}`).all() as Record<string, string>[]).map((r) => Object.values(r)[0]!.trim());
}

/** onSite.list and custody.board at one school, against a primary-key lookup through the same store. */
function benchOneSchool(hub: Hub, n: number, say: (s?: string) => void): TrustBenchResult['oneSchool'] {
  const queryPlans = { onSite: pgPlan(hub, HUB_ON_SITE_SQL), phonesHeld: pgPlan(hub, HUB_PHONES_HELD_SQL), reception: pgPlan(hub, HUB_RECEPTION_HELD_SQL) };
  say(`PostgreSQL plans: on site: ${queryPlans.onSite.join(' | ')}`);
  say(`  phones held: ${queryPlans.phonesHeld.join(' | ')}; reception: ${queryPlans.reception.join(' | ')}`);
  const ids = hub.db.prepare("SELECT id FROM visits TABLESAMPLE SYSTEM (1) WHERE badge_code LIKE 'B%' LIMIT 1000").pluck().all() as string[];
  if (ids.length < 500) throw new Error(`only ${ids.length} historic visit ids sampled`);
  const rnd = prng(7);
  ids.sort(() => rnd() - 0.5);
  let j = 0;
  const byId = hub.db.prepare('SELECT id, full_name, arrived_at, departed_at FROM visits WHERE id = ?');
  const pkLookup = () => {
    const id = ids[j++ % ids.length]!;
    if ((byId.get(id) as { id: string } | undefined)?.id !== id) throw new Error(`primary-key lookup of ${id} failed`);
  };
  let rows = -1;
  const onSite = () => {
    rows = hub.core.run('onSite.list', {}, BENCH_ACTOR).visits.length;
    if (rows !== ON_SITE) throw new Error(`on-site list has ${rows} people, expected ${ON_SITE}`);
  };
  let held = -1;
  const board = () => {
    const b = hub.core.run('custody.board', {}, BENCH_ACTOR);
    held = b.lockers.filter((l) => l.holder).length + b.withReception.length;
    if (held !== PHONES_HELD) throw new Error(`custody board shows ${held} phones, expected ${PHONES_HELD}`);
  };
  for (let i = 0; i < WARMUP; i++) {
    pkLookup();
    onSite();
    board();
  }
  const base: number[] = [];
  const os: number[] = [];
  const cb: number[] = [];
  const steps = [() => base.push(timeMs(pkLookup)), () => os.push(timeMs(onSite)), () => cb.push(timeMs(board))];
  for (let i = 0; i < n; i++) for (let s = 0; s < 3; s++) steps[(i + s) % 3]!();
  const baseline = summarise(base);
  const onSiteStats = { ...summarise(os), rows };
  const boardStats = { ...summarise(cb), held };
  return {
    school: schoolSlug(0),
    n,
    queryPlans,
    baseline,
    onSite: onSiteStats,
    custodyBoard: boardStats,
    ratio: { onSite: ratio(onSiteStats, baseline), custodyBoard: ratio(boardStats, baseline) },
    pass: { onSite: onSiteStats.p99 < ONE_SCHOOL_MAX_MS, custodyBoard: boardStats.p99 < ONE_SCHOOL_MAX_MS },
  };
}

/** Every school's figures, one statement per school through its own hub; checked against the seed. */
function benchDashboard(hubs: Hub[], n: number, now: Date): TrustBenchResult['dashboard'] {
  const ids = hubs.map((h) => h.db.prepare("SELECT id FROM visits WHERE badge_code LIKE 'B%' LIMIT 1").pluck().get() as string);
  const byId = hubs.map((h) => h.db.prepare('SELECT id, full_name, arrived_at, departed_at FROM visits WHERE id = ?'));
  const baselineOnce = () => {
    hubs.forEach((_, i) => {
      if ((byId[i]!.get(ids[i]) as { id: string } | undefined)?.id !== ids[i]) throw new Error('primary-key lookup failed');
    });
  };
  const dashboardOnce = () => {
    hubs.forEach((h, i) => {
      const r = schoolFigures(h.db, now);
      const want = expectedFigures(i);
      const got = { onSite: r.onSite, phonesHeld: r.phonesHeld, openConcerns: r.openConcerns, pendingRequests: r.pendingRequests, kiosksStale: r.kiosksStale };
      if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`school ${schoolSlug(i)} figures ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    });
  };
  for (let i = 0; i < 3; i++) {
    baselineOnce();
    dashboardOnce();
  }
  const base: number[] = [];
  const dash: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      base.push(timeMs(baselineOnce));
      dash.push(timeMs(dashboardOnce));
    } else {
      dash.push(timeMs(dashboardOnce));
      base.push(timeMs(baselineOnce));
    }
  }
  const baseline = summarise(base);
  const dashboard = summarise(dash);
  return {
    what: `${hubs.length} schools' figures (on site, phones held, open and unseen concerns, pending requests, kiosks, kiosks silent for an hour): the trust dashboard's schoolFigures (core/office/trust/schoolFigures.ts, one statement per school) through each school's hub, checked against the seed every time`,
    schools: hubs.length,
    n,
    baseline,
    dashboard,
    ratio: ratio(dashboard, baseline),
    pass: dashboard.p99 < DASHBOARD_MAX_MS,
  };
}

/**
 * 150 kiosks (3 at each of the 50 schools) pushing every 5 s to a trust hub (startOfficeHttp
 * with the trust directory: school <slug> under /s/<slug>/) over TLS. `hubs` are the bench's
 * own hubs on the same schools, used to make pairing codes and to count what arrived.
 */
async function benchPushLoad(url: string, hubs: Hub[], runDir: string, seconds: number, say: (s?: string) => void): Promise<TrustBenchResult['push']> {
  const directory = openTrustDirectory(url);
  for (let i = 0; i < hubs.length; i++) if (!findSchool(directory, schoolSlug(i))) addSchool(directory, { slug: schoolSlug(i), name: `Bench school ${i + 1}`, by: 'bench', at: new Date() });
  const trustDir = path.join(runDir, 'trust-hub');
  const logged: string[] = [];
  const cert = await makeSelfSigned(['bench-hub']);
  const server = await startOfficeHttp({
    trust: { directory, dataDir: trustDir, log: (m, e) => void (logged.length < 20 && logged.push(`${m} ${e instanceof Error ? e.message : ''}`)) },
    port: 0,
    host: '127.0.0.1',
    consoleDir: path.join(trustDir, 'no-console'),
    log: () => {},
    https: { ...cert, pins: [spkiPin(cert.cert)] },
  });
  const count = () => hubs.reduce((n, h) => n + (h.db.prepare('SELECT COUNT(*) FROM hub_events').pluck().get() as number), 0);
  try {
    const heldBefore = count();
    const base = server.url.endsWith('/') ? server.url : `${server.url}/`;
    const kiosks = Array.from({ length: PUSH_KIOSKS }, (_, k) => {
      const i = k % hubs.length;
      const hub = hubs[i]!;
      const name = `Kiosk ${k + 1}`;
      const code = hub.db.transaction(() => createPairingCode(hub.db, name, 'bench', new Date()).code)();
      return { dir: path.join(runDir, `push-kiosk-${k}`), code, name, hubUrl: `${base}s/${schoolSlug(i)}/` };
    });
    const job: PushLoadJob = { kiosks, everyMs: PUSH_EVERY_MS, durationMs: seconds * 1000, baselinePerSecond: 5 };
    const t0 = nowMs();
    const result = await new Promise<PushLoadResult>((resolve, reject) => {
      const w = new Worker(new URL('./pushLoadWorker.js', import.meta.url), { workerData: job });
      w.on('message', (m: { type: string; pairMs?: number; result?: PushLoadResult; message?: string }) => {
        if (m.type === 'paired') say(`  ${PUSH_KIOSKS} kiosks paired with ${hubs.length} schools through /s/<slug>/ in ${((m.pairMs ?? 0) / 1000).toFixed(1)} s; pushing for ${seconds} s…`);
        else if (m.type === 'done') resolve(m.result!);
        else if (m.type === 'failed') reject(new Error(`push load worker: ${m.message}`));
      });
      w.on('error', reject);
    });
    const wallS = (nowMs() - t0 - result.pairMs) / 1000;
    if (result.errors.length) say(`  push errors: ${result.errors.slice(0, 3).join('; ')}`);
    if (logged.length) say(`  trust hub logged: ${logged.slice(0, 3).join('; ')}`);
    if (result.push.length === 0 || result.baseline.length === 0) throw new Error(`no push measured: ${result.errors.slice(0, 3).join('; ')}`);
    const held = count() - heldBefore;
    if (held !== result.events) throw new Error(`the schools hold ${held} new events, the kiosks had ${result.events} acked`);
    const push = summarise(result.push);
    const baseline = summarise(result.baseline);
    return {
      what: `${PUSH_KIOSKS} kiosks, ${KIOSKS_PER_SCHOOL} at each of ${hubs.length} schools, paired with a trust hub (startOfficeHttp with the trust directory; each school under /s/<slug>/, one process, one PostgreSQL connection), each pushing 1-3 events every ${PUSH_EVERY_MS / 1000} s over pinned TLS (each kiosk keeping its connection open, as kiosks do) from a worker thread; baseline: a signed pull with nothing to fetch from the same kiosks, 5/s, interleaved`,
      kiosks: PUSH_KIOSKS,
      seconds,
      offeredPerSecond: result.offeredPerSecond,
      achievedPerSecond: result.push.length / Math.max(1, wallS),
      events: result.events,
      pairMs: result.pairMs,
      errors: result.errors,
      baseline,
      push,
      ratio: ratio(push, baseline),
      pass: result.errors.length === 0 && push.p99 < PUSH_MAX_MS,
    };
  } finally {
    await server.close();
    directory.close();
  }
}

export async function benchTrust(opts: { workDir: string; samples: number; say: (s?: string) => void }): Promise<TrustBenchResult> {
  const { say } = opts;
  const pushSeconds = Number(process.env.TRUST_BENCH_PUSH_SECONDS ?? 60);
  if (!Number.isFinite(pushSeconds) || pushSeconds < 5) throw new Error('TRUST_BENCH_PUSH_SECONDS must be a number >= 5');
  const pgDir = path.join(opts.workDir, 'pg');
  fs.mkdirSync(opts.workDir, { recursive: true });
  const server = await startTestPostgres({ dataDir: pgDir, persistent: true });
  const runDir = fs.mkdtempSync(path.join(opts.workDir, 'run-trust-'));
  const hubs: Hub[] = [];
  try {
    const seed = await ensureTrustSeed(server.url, path.join(opts.workDir, 'trust-hubs'), (s) => say(s));
    say(
      seed.cached
        ? `Trust on PostgreSQL: cached (${seed.meta.schools} schools, ${seed.meta.visits.toLocaleString('en')} historic visits, built ${seed.meta.builtAt} in ${(seed.meta.buildMs / 1000).toFixed(0)} s)`
        : `Trust on PostgreSQL: built in ${(seed.meta.buildMs / 1000).toFixed(0)} s (${seed.meta.schools} schools, ${seed.meta.visits.toLocaleString('en')} historic visits), kept in ${pgDir}`,
    );
    const now = new Date();
    const tToday = Date.now();
    for (let i = 0; i < TRUST_SCHOOLS; i++) {
      const hub = openHub({ dataDir: path.join(runDir, 'hubs'), database: { url: server.url, school: schoolSlug(i) }, log: (m, e) => { throw new Error(`office core logged: ${m}: ${e instanceof Error ? e.stack : String(e)}`); } });
      hubs.push(hub);
      refreshToday(hub, i, now);
    }
    const todayRefreshMs = Date.now() - tToday;
    const version = hubs[0]!.db.prepare('SHOW server_version').pluck().get() as string;
    const settings = ['fsync', 'synchronous_commit', 'shared_buffers'].map((s) => `${s}=${hubs[0]!.db.prepare(`SHOW ${s}`).pluck().get() as string}`).join(', ');
    say(`PostgreSQL ${version} (${settings}; the embedded test server, durability off), this morning rewritten at ${TRUST_SCHOOLS} schools in ${(todayRefreshMs / 1000).toFixed(1)} s`);

    say('Measuring one school on PostgreSQL: onSite.list and custody.board vs a primary-key lookup…');
    const oneSchool = benchOneSchool(hubs[0]!, Math.max(opts.samples, 300), say);
    say(`  onSite.list p50 ${fmtMs(oneSchool.onSite.p50)} / p99 ${fmtMs(oneSchool.onSite.p99)} ms, custody.board ${fmtMs(oneSchool.custodyBoard.p50)} / ${fmtMs(oneSchool.custodyBoard.p99)} ms, primary-key lookup ${fmtMs(oneSchool.baseline.p50)} / ${fmtMs(oneSchool.baseline.p99)} ms`);
    say(`Measuring the trust dashboard's figures across ${TRUST_SCHOOLS} schools vs one primary-key lookup per school…`);
    const dashboard = benchDashboard(hubs, Math.max(100, Math.min(opts.samples, 200)), now);
    say(`  dashboard p50 ${fmtMs(dashboard.dashboard.p50)} / p99 ${fmtMs(dashboard.dashboard.p99)} ms; ${dashboard.schools} lookups ${fmtMs(dashboard.baseline.p50)} / ${fmtMs(dashboard.baseline.p99)} ms`);
    say(`Measuring ${PUSH_KIOSKS} kiosks pushing every ${PUSH_EVERY_MS / 1000} s to the trust hub (${TRUST_SCHOOLS} schools) over TLS…`);
    const push = await benchPushLoad(server.url, hubs, runDir, pushSeconds, say);
    for (const h of hubs.splice(0)) h.close();
    say(`  push p50 ${fmtMs(push.push.p50)} / p99 ${fmtMs(push.push.p99)} ms (${push.push.n} pushes, ${push.events} events), signed empty pull ${fmtMs(push.baseline.p50)} / ${fmtMs(push.baseline.p99)} ms`);
    say('Measuring sync catch-up of 10,000 events to a fresh PostgreSQL school vs a bare multi-row insert on the same server…');
    const catchUp = await benchSyncCatchUp({ workDir: runDir, samples: Math.min(opts.samples, 5), say, pgUrl: server.url });
    return { postgres: { version, settings, dataDir: pgDir }, seed: { ...seed.meta, cached: seed.cached, todayRefreshMs }, oneSchool, dashboard, push, catchUp, target: { oneSchoolMaxMs: ONE_SCHOOL_MAX_MS, dashboardMaxMs: DASHBOARD_MAX_MS, pushMaxMs: PUSH_MAX_MS } };
  } finally {
    for (const h of hubs) h.close();
    fs.rmSync(runDir, { recursive: true, force: true });
    await server.stop();
  }
}

type SqliteFigures = { office?: { baseline: Stats; onSite: Stats; custodyBoard: Stats }; syncCatchUp?: SyncBenchResult };

/** The PostgreSQL figures with the SQLite ones beside them; returns the targets missed. */
export function reportTrust(t: TrustBenchResult, sqlite: SqliteFigures, say: (s?: string) => void): string[] {
  const row = (label: string, s: Stats, vs?: Stats): string[] => [label, String(s.n), fmtMs(s.p50), fmtMs(s.p99), fmtMs(s.max), vs ? fmtRatio(s.p50 / vs.p50) : '', vs ? fmtRatio(s.p99 / vs.p99) : ''];
  const o = t.oneSchool;
  const rows: string[][] = [
    ['measure', 'n', 'p50 ms', 'p99 ms', 'max ms', 'p50 ratio', 'p99 ratio'],
    row('PostgreSQL: primary-key lookup (baseline)', o.baseline),
    row(`PostgreSQL: onSite.list (${o.onSite.rows} of ${(t.seed.visits / t.seed.schools).toLocaleString('en')}+ visits)`, o.onSite, o.baseline),
    row(`PostgreSQL: custody.board (${o.custodyBoard.held} phones)`, o.custodyBoard, o.baseline),
  ];
  if (sqlite.office)
    rows.push(row('SQLite: primary-key lookup (baseline)', sqlite.office.baseline), row('SQLite: onSite.list', sqlite.office.onSite, sqlite.office.baseline), row('SQLite: custody.board', sqlite.office.custodyBoard, sqlite.office.baseline));
  rows.push(
    row(`PostgreSQL: ${t.dashboard.schools} primary-key lookups, one per school (baseline)`, t.dashboard.baseline),
    row(`PostgreSQL: trust dashboard figures, ${t.dashboard.schools} schools`, t.dashboard.dashboard, t.dashboard.baseline),
    row('PostgreSQL: signed pull, nothing to fetch, under load (baseline)', t.push.baseline),
    row(`PostgreSQL: push of 1-3 events, ${t.push.kiosks} kiosks every 5 s`, t.push.push, t.push.baseline),
  );
  say();
  say(table(rows));
  const c = t.catchUp;
  say(
    table([
      ['catch-up of 10,000 events', 'n', 'baseline p50 ms', 'catch-up p50 ms', 'p50 ratio', 'events/s'],
      ['PostgreSQL', String(c.n), fmtMs(c.baseline.p50), fmtMs(c.catchUp.p50), fmtRatio(c.ratio.p50), String(Math.round(c.eventsPerSecond))],
      ...(sqlite.syncCatchUp ? [['SQLite', String(sqlite.syncCatchUp.n), fmtMs(sqlite.syncCatchUp.baseline.p50), fmtMs(sqlite.syncCatchUp.catchUp.p50), fmtRatio(sqlite.syncCatchUp.ratio.p50), String(Math.round(sqlite.syncCatchUp.eventsPerSecond))]] : []),
    ]),
  );
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  say(`${verdict(o.pass.onSite)}  PostgreSQL onSite.list p99 = ${fmtMs(o.onSite.p99)} ms (target < ${ONE_SCHOOL_MAX_MS} ms; ${fmtRatio(o.ratio.onSite.p99)} a primary-key lookup at p99)`);
  say(`${verdict(o.pass.custodyBoard)}  PostgreSQL custody.board p99 = ${fmtMs(o.custodyBoard.p99)} ms (target < ${ONE_SCHOOL_MAX_MS} ms; ${fmtRatio(o.ratio.custodyBoard.p99)} a primary-key lookup at p99)`);
  say(`${verdict(t.dashboard.pass)}  trust dashboard p99 = ${fmtMs(t.dashboard.dashboard.p99)} ms for ${t.dashboard.schools} schools (target < ${DASHBOARD_MAX_MS} ms; ${fmtRatio(t.dashboard.ratio.p99)} one lookup per school at p99)`);
  say(
    `${verdict(t.push.pass)}  push p99 = ${fmtMs(t.push.push.p99)} ms with ${t.push.kiosks} kiosks, ${t.push.achievedPerSecond.toFixed(1)} pushes/s of ${t.push.offeredPerSecond} offered, ${t.push.seconds} s, ${t.push.errors.length} errors (target < ${PUSH_MAX_MS} ms; ${fmtRatio(t.push.ratio.p99)} a signed empty pull at p99)`,
  );
  const missed: string[] = [];
  if (!o.pass.onSite) missed.push('PostgreSQL on site');
  if (!o.pass.custodyBoard) missed.push('PostgreSQL custody board');
  if (!t.dashboard.pass) missed.push('trust dashboard');
  if (!t.push.pass) missed.push('PostgreSQL push under load');
  if (!c.target.pass) missed.push('PostgreSQL sync catch-up');
  return missed;
}
