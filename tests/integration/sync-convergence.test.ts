// Sync converges whatever the network does. A real kiosk signs visitors in and out while its
// pushes and pulls travel over real HTTP through a hostile "network": requests are captured and
// delivered later, in any order, twice, or never, and answers are lost. After one final clean
// sync the hub holds every kiosk event exactly once, its visit table equals a rebuild from the
// events and agrees with the kiosk's, and the kiosk's copy of the office's reference data
// equals the hub's latest state.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { appendRefChange } from '../../core/office/reference/feed.js';
import { rebuildHubProjection } from '../../core/office/visits/projection.js';
import { createSyncClient, type SyncClient } from '../../core/sync/client.js';
import { applyPullPage, pullAll, pullCursor } from '../../core/sync/pull.js';
import { applyPushAck, pushOutbox, readOutboxBatch } from '../../core/sync/push.js';
import { syncStatus } from '../../core/sync/status.js';
import { currentPolicy } from '../../core/policy/policy.js';
import { getSetting } from '../../core/site/settings.js';
import { ContractError } from '../../shared/errors.js';
import { SYNC_PATHS, type PullResponse, type PushResponse, type RefBody, type RefEntity } from '../../shared/sync.js';
import { disposeKiosk } from '../support/fixtures.js';
import { pairKiosk, startTestHub, type TestHub } from '../support/syncHub.js';
import { signInInput, tempKiosk } from '../support/tempKiosk.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.dispose();
});

// ---- what can happen -------------------------------------------------------------------------

type Step =
  | { t: 'signIn'; name: number; phone: 'none' | 'reception' | 'locker' }
  | { t: 'signOut'; pick: number; collected: boolean }
  | { t: 'capturePush'; skip: number; max: number }
  | { t: 'deliverPush'; pick: number; keep: boolean; loseAnswer: boolean }
  | { t: 'dropPush'; pick: number }
  | { t: 'office'; entity: 'locker' | 'location' | 'host' | 'site' | 'policy'; key: number; variant: number; remove: boolean }
  | { t: 'capturePull'; fromStart: boolean; limit: number }
  | { t: 'deliverPull'; pick: number; keep: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('signIn' as const), name: fc.nat(20), phone: fc.constantFrom('none' as const, 'reception' as const, 'locker' as const) }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant('signOut' as const), pick: fc.nat(), collected: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('capturePush' as const), skip: fc.nat(6), max: fc.integer({ min: 1, max: 8 }) }), weight: 3 },
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
    weight: 3,
  },
  { arbitrary: fc.record({ t: fc.constant('capturePull' as const), fromStart: fc.boolean(), limit: fc.integer({ min: 1, max: 4 }) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('deliverPull' as const), pick: fc.nat(), keep: fc.boolean() }), weight: 2 },
);

// ---- the office's side -------------------------------------------------------------------------

let published = 0;
/** The next version number after every version the hub has sent (the hub may publish its own default). */
function nextPolicyVersion(): number {
  const versions = t.hub.db.prepare("SELECT json_extract(body, '$.version') FROM ref_changes WHERE entity = 'policy' AND body IS NOT NULL").pluck().all() as number[];
  return Math.max(0, ...versions) + 1;
}
/** Change one item of reference data on the hub, as the console's handlers do (feed row). */
function officeChange(s: Extract<Step, { t: 'office' }>): void {
  const at = new Date();
  const db = t.hub.db;
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

/** The hub's latest body for every (entity, key) it has ever sent. */
function latestOfficeState(): Map<string, unknown> {
  const rows = t.hub.db.prepare('SELECT entity, key, body FROM ref_changes ORDER BY seq').all() as { entity: RefEntity; key: string; body: string | null }[];
  const m = new Map<string, unknown>();
  for (const r of rows) m.set(`${r.entity}:${r.key}`, r.body === null ? null : JSON.parse(r.body));
  return m;
}

// ---- checks --------------------------------------------------------------------------------------

const COMPARED = ['id', 'kiosk_id', 'badge_code', 'badge_number', 'full_name', 'arrived_at', 'policy_version_id', 'policy_text_hash', 'acknowledged_at', 'phone_kind', 'locker_id', 'device_request_id', 'exemption_id', 'phone_in_at', 'phone_out_at', 'departed_at', 'departed_by'];
const pickCols = (r: Record<string, unknown>) => Object.fromEntries(COMPARED.map((c) => [c, r[c]]));

function checkEvents(k: Kiosk): void {
  const kioskId = syncStatus(k.db).kioskId;
  const kioskIds = k.db.prepare('SELECT id FROM visit_events ORDER BY id').pluck().all() as string[];
  const hubIds = t.hub.db.prepare('SELECT id FROM hub_events WHERE kiosk_id = ? ORDER BY id').pluck().all(kioskId) as string[];
  expect(hubIds).toEqual(kioskIds); // every event, each once (ids are unique on the hub)
  expect(syncStatus(k.db).outbox).toBe(0);
}

function checkVisits(k: Kiosk): void {
  const kioskId = syncStatus(k.db).kioskId;
  const hubVisits = () => t.hub.db.prepare('SELECT * FROM visits ORDER BY id').all() as Record<string, unknown>[];
  const before = hubVisits();
  rebuildHubProjection(t.hub.db);
  expect(hubVisits()).toEqual(before);
  const mine = before.filter((v) => v.kiosk_id === kioskId).map(pickCols);
  const local = (k.db.prepare('SELECT * FROM visits ORDER BY id').all() as Record<string, unknown>[]).map(pickCols);
  expect(mine).toEqual(local);
  const hubOnSite = t.hub.db.prepare('SELECT COUNT(*) FROM visits WHERE kiosk_id = ? AND departed_at IS NULL').pluck().get(kioskId);
  expect(hubOnSite).toBe(k.core.run('visit.onSite', {}).visits.length);
}

function checkReference(k: Kiosk): void {
  const latest = latestOfficeState();
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

async function run(steps: Step[]): Promise<void> {
  const k = tempKiosk();
  try {
    await pairKiosk(k.db, t, `Kiosk ${Math.random().toString(36).slice(2, 6)}`);
    const client: SyncClient = createSyncClient(k.db);
    const pushes: string[] = [];
    const pulls: PullResponse[] = [];
    const onSite: string[] = [];
    const at = () => new Date();

    for (const s of steps) {
      switch (s.t) {
        case 'signIn': {
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
        case 'signOut':
          if (onSite.length) k.core.run('visit.signOut', { visitId: onSite.splice(s.pick % onSite.length, 1)[0]!, phoneCollected: s.collected }, 'kiosk');
          break;
        case 'capturePush': {
          const events = readOutboxBatch(k.db, s.skip + s.max).slice(s.skip);
          if (events.length) pushes.push(JSON.stringify({ events }));
          break;
        }
        case 'deliverPush': {
          if (!pushes.length) break;
          const i = s.pick % pushes.length;
          const body = pushes[i]!;
          if (!s.keep) pushes.splice(i, 1);
          // Delivered late and possibly again: the client signs each delivery afresh, as a retry would be.
          const res = await client.post<PushResponse>(SYNC_PATHS.push, body);
          if (!s.loseAnswer) applyPushAck(k.db, res.acked, at());
          break;
        }
        case 'dropPush':
          if (pushes.length) pushes.splice(s.pick % pushes.length, 1);
          break;
        case 'office':
          officeChange(s);
          break;
        case 'capturePull':
          pulls.push(await client.post<PullResponse>(SYNC_PATHS.pull, { cursor: s.fromStart ? 0 : pullCursor(k.db), limit: s.limit }));
          break;
        case 'deliverPull': {
          if (!pulls.length) break;
          const i = s.pick % pulls.length;
          const page = pulls[i]!;
          if (!s.keep) pulls.splice(i, 1);
          applyPullPage(k.db, page, at());
          break;
        }
      }
    }

    // The network heals: one clean round.
    await pushOutbox(client, k.db);
    await pullAll(client, k.db, { limit: 3 });

    checkEvents(k);
    checkVisits(k);
    checkReference(k);
  } finally {
    disposeKiosk(k);
  }
}

describe('kiosk ↔ hub sync under a hostile network', () => {
  it('converges: every event once, visits agree with a rebuild and with the kiosk, reference data equals the office\'s', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 45 }), (steps) => run(steps)),
      { numRuns: 12, endOnFailure: true, ...(process.env.SYNC_SEED ? { seed: Number(process.env.SYNC_SEED) } : {}) },
    );
  }, 120_000);

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
