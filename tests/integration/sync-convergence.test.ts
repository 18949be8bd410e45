// Sync converges whatever the network does. Two or three real kiosks sign visitors in and out
// while their pushes and pulls travel through a hostile "network": requests are captured and
// delivered later, in any order, twice, or never, and answers are lost. Meanwhile the office
// changes reference data, signs visits out (end of day), keeps the exemptions register, puts
// holds on visits and erases visits. After the network heals the hub holds every kiosk event
// exactly once (but none of an erased visit), its visit table equals a rebuild from the events
// and agrees with each kiosk's, who is on site agrees (a kiosk keeps an erased visitor who is
// still inside on its fire list until they leave), and each kiosk's copy of the office's data
// equals the hub's latest state.
//
// Runs: 200 by default (CI); SYNC_PROPERTY_RUNS=5000 for a long soak; SYNC_SEED to replay one.
// To keep 200 runs to seconds: each run gets a fresh hub and three fresh kiosks copied from
// databases made once (migrated, seeded, paired and up to date with the hub), requests
// go through the hub's real sync routes, signatures and all, by fastify's inject (no socket),
// and the test databases skip fsync (synchronous=OFF). Durability and real HTTP are what
// sync-faults, crash and sync-ownership test.
import Fastify from 'fastify';
import fs from 'node:fs';
import type { Hub } from '../../core/office/hub.js';
import { copyTestHub, openTestHub, testingOnPostgres } from '../support/postgres.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import type { Actor } from '../../core/office/context.js';
import { appendRefChange } from '../../core/office/reference/feed.js';
import { deleteHubVisits } from '../../core/office/retention/remove.js';
import { registerSyncRoutes } from '../../core/office/sync/routes.js';
import { rebuildHubProjection } from '../../core/office/visits/projection.js';
import { createSyncClient, type SyncClient } from '../../core/sync/client.js';
import { pairWithHub } from '../../core/sync/pair.js';
import { applyPullPage, pullAll, pullCursor } from '../../core/sync/pull.js';
import { applyPushAck, pushOutbox, readOutboxBatch } from '../../core/sync/push.js';
import { syncStatus } from '../../core/sync/status.js';
import { currentPolicy } from '../../core/policy/policy.js';
import { getSetting } from '../../core/site/settings.js';
import { ContractError } from '../../shared/errors.js';
import { SYNC_PATHS, type KioskExemption, type PullResponse, type PushResponse, type RefBody, type RefEntity } from '../../shared/sync.js';
import { disposeKiosk } from '../support/fixtures.js';
import { pairKiosk, pairingCode, startTestHub, type TestHub } from '../support/syncHub.js';
import { signInInput, tempDir, tempKiosk } from '../support/tempKiosk.js';

const RUNS = testingOnPostgres() ? 40 : Number(process.env.SYNC_PROPERTY_RUNS ?? 200); // fewer on PostgreSQL: each run makes and fills a school of its own
const OFFICE: Actor = { staffId: 'st-office', username: 'pat', displayName: 'Pat Office', role: 'office' };

let t: TestHub;
/** This run's hub (each run has its own). */
let hub: Hub;
let hubTemplate: string;
/** Kiosks paired with the template hub and up to date with it. */
let kioskTemplates: string[] = [];
/** The hub's sync routes without a socket: the same handlers, signatures checked, by inject. */
let inProcess: typeof fetch;
let closeApp: () => Promise<void>;
beforeAll(async () => {
  t = await startTestHub();
  hubTemplate = tempDir('hub-template-');
  hub = openTestHub({ dataDir: hubTemplate, log: () => {} });
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
  // The routes serve whichever hub the current run has.
  registerSyncRoutes(app, new Proxy({} as Hub, { get: (_, p) => hub[p as keyof Hub] }));
  await app.ready();
  closeApp = () => app.close();
  inProcess = async (input, init) => {
    const res = await app.inject({ method: 'POST', url: new URL(String(input)).pathname, headers: init?.headers as Record<string, string>, payload: String(init?.body ?? '') });
    // The hub's own headers too: kiosks believe only answers the hub signed.
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : String(v));
    return new Response(res.body, { status: res.statusCode, headers });
  };
  for (let n = 0; n < 3; n++) {
    const k = tempKiosk();
    await pairWithHub(k.db, 'http://hub.test', pairingCode(hub, `Kiosk ${n}`), `Kiosk ${n}`, { fetch: inProcess });
    await pullAll(createSyncClient(k.db, { fetch: inProcess }), k.db);
    kioskTemplates.push(k.dataDir);
    k.close();
  }
  hub.close();
});
afterAll(async () => {
  await closeApp();
  await t.dispose();
  for (const dir of [hubTemplate, ...kioskTemplates]) fs.rmSync(dir, { recursive: true, force: true });
});

// ---- what can happen -------------------------------------------------------------------------

type Step =
  | { t: 'signIn'; k: number; name: number; phone: 'none' | 'reception' | 'locker' }
  | { t: 'signOut'; k: number; pick: number; collected: boolean }
  | { t: 'capturePush'; k: number; skip: number; max: number }
  | { t: 'deliverPush'; pick: number; keep: boolean; loseAnswer: boolean }
  | { t: 'dropPush'; pick: number }
  | { t: 'office'; entity: 'locker' | 'location' | 'host' | 'site' | 'policy'; key: number; variant: number; remove: boolean }
  | { t: 'officeSignOut'; pick: number; phoneReturned: boolean }
  | { t: 'exemption'; key: number; status: KioskExemption['status'] | 'removed' }
  | { t: 'hold'; pick: number; release: boolean }
  | { t: 'erase'; pick: number }
  | { t: 'capturePull'; k: number; fromStart: boolean; limit: number }
  | { t: 'deliverPull'; pick: number; keep: boolean };

const kiosk = fc.nat(2);
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('signIn' as const), k: kiosk, name: fc.nat(20), phone: fc.constantFrom('none' as const, 'reception' as const, 'locker' as const) }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant('signOut' as const), k: kiosk, pick: fc.nat(), collected: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('capturePush' as const), k: kiosk, skip: fc.nat(6), max: fc.integer({ min: 1, max: 8 }) }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('deliverPush' as const), pick: fc.nat(), keep: fc.boolean(), loseAnswer: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('dropPush' as const), pick: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({
      t: fc.constant('office' as const),
      entity: fc.constantFrom('locker' as const, 'location' as const, 'host' as const, 'site' as const, 'policy' as const),
      key: fc.nat(3),
      variant: fc.nat(5),
      remove: fc.boolean(),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ t: fc.constant('officeSignOut' as const), pick: fc.nat(), phoneReturned: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('exemption' as const), key: fc.nat(3), status: fc.constantFrom('approved' as const, 'revoked' as const, 'refused' as const, 'requested' as const, 'removed' as const) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('hold' as const), pick: fc.nat(), release: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('erase' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('capturePull' as const), k: kiosk, fromStart: fc.boolean(), limit: fc.integer({ min: 1, max: 4 }) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('deliverPull' as const), pick: fc.nat(), keep: fc.boolean() }), weight: 2 },
);

// ---- the office's side -------------------------------------------------------------------------

let published = 0;
/** The next version number after every version the hub has sent (the hub may publish its own default). */
function nextPolicyVersion(): number {
  const versions = (hub.db.prepare("SELECT body FROM ref_changes WHERE entity = 'policy' AND body IS NOT NULL").pluck().all() as string[]).map((b) => (JSON.parse(b) as { version: number }).version);
  return Math.max(0, ...versions) + 1;
}
/** Change one item of reference data on the hub, as the console's handlers do (feed row). */
function officeChange(s: Extract<Step, { t: 'office' }>): void {
  const at = new Date();
  const db = hub.db;
  const v = `v${s.variant}`;
  switch (s.entity) {
    case 'locker':
      appendRefChange(db, 'locker', `OL${s.key}`, s.remove ? null : { id: `OL${s.key}`, label: `Office locker ${s.key} ${v}`, kind: s.variant % 2 ? 'pouch' : 'locker', sort: s.key, active: s.variant !== 0 }, at);
      return;
    case 'location':
      appendRefChange(db, 'location', `OP${s.key}`, s.remove ? null : { id: `OP${s.key}`, name: `Staff room ${s.key} ${v}`, sort: s.key, active: s.variant !== 0 }, at);
      return;
    case 'host':
      // Host 0 always stays: a school always has someone to visit.
      appendRefChange(db, 'host', `OH${s.key}`, s.remove && s.key > 0 ? null : { id: `OH${s.key}`, name: `Teacher ${s.key} ${v}`, sort: s.key, active: s.key === 0 || s.variant !== 0 }, at);
      return;
    case 'site':
      appendRefChange(db, 'site', 'site', { siteName: `Hillside Primary ${v}`, timeZone: s.variant % 2 ? 'Europe/London' : 'Europe/Dublin' }, at);
      return;
    case 'policy': {
      const version = nextPolicyVersion();
      const id = `office-policy-${++published}`;
      appendRefChange(db, 'policy', id, { versionId: id, version, publishedAt: at.toISOString(), texts: { en: { title: `Phones policy ${version}`, points: [`Phones stay in lockers (${v}).`, 'Use them only in {locations}.'] } } }, at);
      return;
    }
  }
}

function exemptionBody(id: string, status: KioskExemption['status']): KioskExemption {
  const approved = status === 'approved' || status === 'revoked';
  return {
    id, status, nameKey: `visitor ${id}`, organisationKey: '', validFrom: approved ? '2026-01-01' : '', validTo: approved ? '2026-12-31' : '',
    dailyFrom: null, dailyTo: null, weekdays: null, locations: ['Staff room'], devices: 'Phone', conditions: 'Only in the staff room.',
  };
}

/** Visits the hub lists, oldest first (what the console picks from). */
const hubVisits = (where = '1 = 1'): { id: string; departed_at: string | null }[] =>
  hub.db.prepare(`SELECT id, departed_at FROM visits WHERE ${where} ORDER BY arrived_at, id`).all() as { id: string; departed_at: string | null }[];

/** The hub's latest body for every (entity, key) it has ever sent. */
function latestOfficeState(): Map<string, unknown> {
  const rows = hub.db.prepare('SELECT entity, key, body FROM ref_changes ORDER BY seq').all() as { entity: RefEntity; key: string; body: string | null }[];
  const m = new Map<string, unknown>();
  for (const r of rows) m.set(`${r.entity}:${r.key}`, r.body === null ? null : JSON.parse(r.body));
  return m;
}
const erasedOnHub = (): Set<string> => new Set(hub.db.prepare("SELECT key FROM ref_changes WHERE entity = 'erasure'").pluck().all() as string[]);

// ---- checks --------------------------------------------------------------------------------------

const COMPARED = ['id', 'kiosk_id', 'badge_code', 'badge_number', 'full_name', 'arrived_at', 'policy_version_id', 'policy_text_hash', 'acknowledged_at', 'phone_kind', 'locker_id', 'device_request_id', 'exemption_id', 'phone_in_at', 'phone_out_at', 'departed_at', 'departed_by'];
const pickCols = (r: Record<string, unknown>) => Object.fromEntries(COMPARED.map((c) => [c, r[c]]));

function checkEvents(k: Kiosk, erased: Set<string>): void {
  const kioskId = syncStatus(k.db).kioskId;
  const kioskEvents = k.db.prepare('SELECT id, visit_id FROM visit_events ORDER BY id').all() as { id: string; visit_id: string }[];
  const hubEvents = hub.db.prepare('SELECT id, visit_id FROM hub_events WHERE kiosk_id = ? ORDER BY id').all(kioskId) as { id: string; visit_id: string }[];
  // Every event of a visit not erased, each once (ids are unique on the hub).
  expect(hubEvents.filter((e) => !erased.has(e.visit_id)).map((e) => e.id)).toEqual(kioskEvents.filter((e) => !erased.has(e.visit_id)).map((e) => e.id));
  expect(syncStatus(k.db)).toMatchObject({ outbox: 0, quarantined: 0 });
  // An erased visit: nothing about the person is left at the hub, and the kiosk keeps it only
  // while they are still on site (then it goes).
  const pending = new Set(k.db.prepare('SELECT visit_id FROM pending_erasures').pluck().all() as string[]);
  for (const id of erased) {
    expect(hub.db.prepare("SELECT COUNT(*) FROM hub_events WHERE visit_id = ? AND kind = 'arrived'").pluck().get(id), `erased ${id} at hub`).toBe(0);
    if (!pending.has(id)) expect(k.db.prepare('SELECT COUNT(*) FROM visit_events WHERE visit_id = ?').pluck().get(id), `erased ${id} at kiosk`).toBe(0);
  }
  for (const id of pending) expect(k.db.prepare('SELECT departed_at FROM visits WHERE id = ?').pluck().get(id), `pending ${id} still on site`).toBeNull();
}

function checkVisits(k: Kiosk, erased: Set<string>): void {
  const kioskId = syncStatus(k.db).kioskId;
  const before = hub.db.prepare('SELECT * FROM visits ORDER BY id').all() as Record<string, unknown>[];
  const mine = before.filter((v) => v.kiosk_id === kioskId).map(pickCols);
  const local = (k.db.prepare('SELECT * FROM visits ORDER BY id').all() as Record<string, unknown>[]).filter((v) => !erased.has(v.id as string)).map(pickCols);
  expect(mine).toEqual(local);
  const hubOnSite = hub.db.prepare('SELECT id FROM visits WHERE kiosk_id = ? AND departed_at IS NULL ORDER BY id').pluck().all(kioskId);
  const kioskOnSite = k.core.run('visit.onSite', {}).visits.map((v) => v.visitId).filter((id) => !erased.has(id)).sort();
  expect(hubOnSite).toEqual(kioskOnSite);
}

function checkOfficeActions(k: Kiosk, latest: Map<string, unknown>, erased: Set<string>): void {
  const kioskId = syncStatus(k.db).kioskId;
  for (const [key, body] of latest) {
    if (key.startsWith('signout:')) {
      const b = body as RefBody['signout'];
      if (b.kioskId !== kioskId || erased.has(b.visitId)) continue;
      // Signed out at the office: signed out at its kiosk and back at the office.
      expect(k.db.prepare('SELECT departed_at FROM visits WHERE id = ?').pluck().get(b.visitId), `signout ${b.visitId}`).not.toBeNull();
      if (b.phoneReturned) {
        const phone = k.db.prepare('SELECT phone_in_at, phone_out_at FROM visits WHERE id = ?').get(b.visitId) as { phone_in_at: string | null; phone_out_at: string | null };
        if (phone.phone_in_at !== null) expect(phone.phone_out_at, `phone of ${b.visitId}`).not.toBeNull();
      }
    }
  }
  const holds = [...latest].filter(([key, body]) => key.startsWith('hold:') && body !== null).map(([key]) => key.slice(5)).filter((id) => !erased.has(id)).sort();
  expect(k.db.prepare('SELECT visit_id FROM retention_holds ORDER BY visit_id').pluck().all()).toEqual(holds);
  const exemptions = [...latest].filter(([key, body]) => key.startsWith('exemption:') && body !== null).map(([, body]) => body as KioskExemption);
  const rows = k.db.prepare('SELECT id, status FROM exemptions ORDER BY id').all();
  expect(rows).toEqual(exemptions.map((e) => ({ id: e.id, status: e.status })).sort((a, b) => a.id.localeCompare(b.id)));
}

function checkReference(k: Kiosk, latest: Map<string, unknown>): void {
  const owned = { locker: 'lockers', location: 'locations', host: 'hosts' } as const;
  for (const [entity, table] of Object.entries(owned) as [keyof typeof owned, string][]) {
    const officeKeys = [...latest.keys()].filter((key) => key.startsWith(`${entity}:`));
    if (officeKeys.length === 0) continue;
    const rows = new Map((k.db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]).map((r) => [r.id as string, r]));
    for (const key of officeKeys) {
      const body = latest.get(key) as RefBody['locker'] | RefBody['host'] | null;
      const row = rows.get(key.slice(entity.length + 1));
      if (body === null) {
        if (row) expect(row.active, key).toBe(0);
        continue;
      }
      expect(row, key).toBeDefined();
      expect({ ...row }, key).toMatchObject({ sort: body.sort, active: body.active ? 1 : 0, ...('label' in body ? { label: body.label, kind: body.kind } : { name: body.name }) });
    }
    // The office's list is the list: none of the kiosk's own rows of that kind is still offered.
    for (const [id, row] of rows) if (!latest.has(`${entity}:${id}`)) expect(row.active, `${entity} ${id} kept active`).toBe(0);
  }
  const site = latest.get('site:site') as RefBody['site'] | undefined;
  if (site) {
    expect(getSetting(k.db, 'site_name')).toBe(site.siteName);
    expect(getSetting(k.db, 'time_zone')).toBe(site.timeZone);
  }
  const policies = [...latest.entries()].filter(([key]) => key.startsWith('policy:')).map(([, b]) => b as RefBody['policy']);
  if (policies.length) {
    const newest = policies.reduce((a, b) => (b.version > a.version ? b : a));
    expect(currentPolicy(k.db, 'en')).toMatchObject({ versionId: newest.versionId, version: newest.version, title: newest.texts.en!.title });
    for (const p of policies) expect(k.db.prepare('SELECT version FROM policy_versions WHERE id = ?').pluck().get(p.versionId)).toBe(p.version);
    // Every acknowledgement the kiosk recorded still points at a text it holds.
    const orphans = k.db.prepare('SELECT COUNT(*) FROM visits v WHERE v.policy_version_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM policy_texts t WHERE t.version_id = v.policy_version_id)').pluck().get();
    expect(orphans).toBe(0);
  }
}

// ---- one run ------------------------------------------------------------------------------------

async function openKiosk(n: number): Promise<{ k: Kiosk; client: SyncClient; onSite: string[] }> {
  const dataDir = tempDir();
  fs.cpSync(kioskTemplates[n]!, dataDir, { recursive: true });
  const k = tempKiosk({ dataDir });
  k.db.pragma('synchronous = OFF');
  return { k, client: createSyncClient(k.db, { fetch: inProcess }), onSite: [] };
}

async function run(kioskCount: number, steps: Step[]): Promise<void> {
  const ks: Awaited<ReturnType<typeof openKiosk>>[] = [];
  const hubDir = tempDir('hub-run-');
  copyTestHub(hubTemplate, hubDir);
  hub = openTestHub({ dataDir: hubDir, log: () => {} });
  if (hub.engine === 'sqlite') hub.db.pragma('synchronous = OFF');
  try {
    for (let i = 0; i < kioskCount; i++) ks.push(await openKiosk(i));
    const pushes: { to: number; body: string }[] = [];
    const pulls: { to: number; page: PullResponse }[] = [];
    const at = () => new Date();
    const of = (i: number) => ks[i % ks.length]!;

    for (const s of steps) {
      switch (s.t) {
        case 'signIn': {
          const { k, onSite } = of(s.k);
          const boot = k.core.run('kiosk.bootstrap', { language: 'en' });
          const free = boot.lockers.find((l) => l.free);
          const phone = s.phone === 'locker' && free ? { choice: 'locker' as const, lockerId: free.id } : { choice: s.phone === 'locker' ? ('none' as const) : s.phone };
          if (boot.hosts.length === 0) break;
          try {
            onSite.push(k.core.run('visit.signIn', signInInput(k, { fullName: `Visitor ${s.name}`, hostId: boot.hosts[0]!.id, phone }), 'kiosk').visitId);
          } catch (e) {
            if (!(e instanceof ContractError)) throw e; // e.g. a locker retired by the office a moment ago
          }
          break;
        }
        case 'signOut': {
          const { k, onSite } = of(s.k);
          if (!onSite.length) break;
          const visitId = onSite.splice(s.pick % onSite.length, 1)[0]!;
          try {
            k.core.run('visit.signOut', { visitId, phoneCollected: s.collected }, 'kiosk');
          } catch (e) {
            if (!(e instanceof ContractError)) throw e; // already signed out by the office's end of day
          }
          break;
        }
        case 'capturePush': {
          const events = readOutboxBatch(of(s.k).k.db, s.skip + s.max).slice(s.skip);
          if (events.length) pushes.push({ to: s.k % ks.length, body: JSON.stringify({ events }) });
          break;
        }
        case 'deliverPush': {
          if (!pushes.length) break;
          const i = s.pick % pushes.length;
          const { to, body } = pushes[i]!;
          if (!s.keep) pushes.splice(i, 1);
          // Delivered late and possibly again: the client signs each delivery afresh, as a retry would be.
          const res = await ks[to]!.client.post<PushResponse>(SYNC_PATHS.push, body);
          if (!s.loseAnswer) applyPushAck(ks[to]!.k.db, res.acked, at());
          break;
        }
        case 'dropPush':
          if (pushes.length) pushes.splice(s.pick % pushes.length, 1);
          break;
        case 'office':
          officeChange(s);
          break;
        case 'officeSignOut': {
          const open = hubVisits('departed_at IS NULL');
          if (open.length) hub.core.run('endOfDay.signOut', { visitIds: [open[s.pick % open.length]!.id], phoneReturned: s.phoneReturned }, OFFICE);
          break;
        }
        case 'exemption': {
          const id = `EX${s.key}`;
          appendRefChange(hub.db, 'exemption', id, s.status === 'removed' ? null : exemptionBody(id, s.status), at());
          break;
        }
        case 'hold': {
          const all = hubVisits();
          if (!all.length) break;
          const id = all[s.pick % all.length]!.id;
          appendRefChange(hub.db, 'hold', id, s.release ? null : { visitId: id }, at());
          break;
        }
        case 'erase': {
          // As subjectAccess.erase does: only visits signed out at the office, with their events.
          const gone = hubVisits('departed_at IS NOT NULL');
          if (!gone.length) break;
          const id = gone[s.pick % gone.length]!.id;
          hub.db.transaction(() => {
            deleteHubVisits(hub.db, [id]);
            appendRefChange(hub.db, 'erasure', id, { visitId: id, erasedAt: at().toISOString() }, at());
          })();
          break;
        }
        case 'capturePull': {
          const { k, client } = of(s.k);
          pulls.push({ to: s.k % ks.length, page: await client.post<PullResponse>(SYNC_PATHS.pull, { cursor: s.fromStart ? 0 : pullCursor(k.db), limit: s.limit }) });
          break;
        }
        case 'deliverPull': {
          if (!pulls.length) break;
          const i = s.pick % pulls.length;
          const { to, page } = pulls[i]!;
          if (!s.keep) pulls.splice(i, 1);
          applyPullPage(ks[to]!.k.db, page, at());
          break;
        }
      }
    }

    // The network heals: clean rounds until nothing moves (an office sign-out pulled is written
    // by the kiosk, then pushed back).
    // (Pages of a few changes are what capturePull exercises; here the default page size.)
    for (const { k, client } of ks) {
      await pushOutbox(client, k.db);
      await pullAll(client, k.db);
      await pushOutbox(client, k.db);
    }

    // The hub's visit table is what a rebuild from its events gives.
    const visits = () => hub.db.prepare('SELECT * FROM visits ORDER BY id').all();
    const projected = visits();
    rebuildHubProjection(hub.db);
    expect(visits()).toEqual(projected);
    const latest = latestOfficeState();
    const erased = erasedOnHub();
    for (const { k } of ks) {
      checkEvents(k, erased);
      checkVisits(k, erased);
      checkOfficeActions(k, latest, erased);
      checkReference(k, latest);
    }
  } finally {
    for (const { k } of ks) disposeKiosk(k);
    hub.close();
    fs.rmSync(hubDir, { recursive: true, force: true });
  }
}

describe('kiosk ↔ hub sync under a hostile network', () => {
  it(`converges (${RUNS} runs): every event once, visits and who is on site agree, office actions and reference data reach every kiosk`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 3 }), fc.array(step, { minLength: 10, maxLength: 40 }), (n, steps) => run(n, steps)),
      { numRuns: RUNS, endOnFailure: true, ...(process.env.SYNC_SEED ? { seed: Number(process.env.SYNC_SEED) } : {}) },
    );
  }, Math.max(120_000, RUNS * 2_000));

  it('applies a pull page only if it starts at or before the cursor, and never goes back', async () => {
    const k = tempKiosk();
    try {
      await pairKiosk(k.db, t);
      const client = createSyncClient(k.db);
      await pullAll(client, k.db);
      // Everything in the feed, including the badge letter the hub gave this kiosk on its first pull.
      const base = (t.hub.db.prepare('SELECT COALESCE(MAX(seq), 0) FROM ref_changes').pluck().get() as number);
      expect(pullCursor(k.db)).toBe(base);
      const s1 = appendRefChange(t.hub.db, 'site', 'site', { siteName: 'First', timeZone: 'Europe/London' }, new Date());
      const s2 = appendRefChange(t.hub.db, 'site', 'site', { siteName: 'Second', timeZone: 'Europe/London' }, new Date());
      const later: PullResponse = { from: s1, to: s2, changes: [{ seq: s2, entity: 'site', key: 'site', body: { siteName: 'Second', timeZone: 'Europe/London' } }], more: false, serverTime: '' };
      // A page after a gap is ignored: applying it would skip change s1.
      expect(applyPullPage(k.db, later, new Date())).toMatchObject({ stale: true, cursor: base });
      const all = await client.post<PullResponse>(SYNC_PATHS.pull, { cursor: base });
      expect(applyPullPage(k.db, all, new Date())).toMatchObject({ applied: 2, cursor: s2 });
      expect(getSetting(k.db, 'site_name')).toBe('Second');
      // An old page delivered late changes nothing.
      const old: PullResponse = { from: base, to: s1, changes: [{ seq: s1, entity: 'site', key: 'site', body: { siteName: 'First', timeZone: 'Europe/London' } }], more: false, serverTime: '' };
      expect(applyPullPage(k.db, old, new Date())).toMatchObject({ applied: 0, cursor: s2 });
      expect(getSetting(k.db, 'site_name')).toBe('Second');
    } finally {
      disposeKiosk(k);
    }
  });
});
