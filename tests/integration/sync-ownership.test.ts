// A kiosk may only add to its own visits, and one bad event never jams sync. Two real kiosks
// push to a real hub over HTTP: kiosk A (compromised, or simply wrong) sends a signed
// 'departed' for kiosk B's visitor; the hub refuses it (403, audited), the visitor stays on
// site at the hub, and the hub's on-site list agrees with B's after sync. On the kiosk side a
// batch the hub refuses is halved until the one poison event is found; that event is set aside
// (kept, out of the outbox), reported to the hub and listed in the console, and the rest flows.
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { startSyncAgent } from '../../core/sync/agent.js';
import { createSyncClient, SyncError } from '../../core/sync/client.js';
import { pushOutbox, readOutboxBatch, releaseQuarantine } from '../../core/sync/push.js';
import { deleteHubVisits } from '../../core/office/retention/remove.js';
import { syncStatus } from '../../core/sync/status.js';
import { readSettings } from '../../core/site/settings.js';
import type { Actor } from '../../core/office/context.js';
import { appendRefChange } from '../../core/office/reference/feed.js';
import { SYNC_PATHS, type PushResponse } from '../../shared/sync.js';
import { hubWithPairedKiosks, type TestHub } from '../support/syncHub.js';
import { signInInput } from '../support/tempKiosk.js';

const OFFICE: Actor = { staffId: 'st-office', username: 'pat', displayName: 'Pat Office', role: 'office' };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setUp(kiosks: number): Promise<{ t: TestHub; ks: Kiosk[] }> {
  return hubWithPairedKiosks(cleanups, Array.from({ length: kiosks }, (_, i) => `Kiosk ${String.fromCharCode(65 + i)}`));
}

async function sync(k: Kiosk): Promise<ReturnType<ReturnType<typeof startSyncAgent>['status']>> {
  const agent = startSyncAgent(k, { log: () => {}, intervalMs: 60_000 });
  try {
    return await agent.syncNow();
  } finally {
    await agent.stop();
  }
}

/** Write an event straight into a kiosk's log and outbox, as a tampered kiosk could. */
function plantEvent(k: Kiosk, e: { visitId: string; kind: string; body?: Record<string, unknown> }): string {
  const id = uuidv7();
  k.db.prepare('INSERT INTO visit_events (id, visit_id, kiosk_id, kind, at, body) VALUES (?, ?, ?, ?, ?, ?)').run(id, e.visitId, readSettings(k.db).kioskId, e.kind, new Date().toISOString(), JSON.stringify(e.body ?? {}));
  k.db.prepare('INSERT INTO outbox (event_id) VALUES (?)').run(id);
  return id;
}

const hubOnSite = (t: TestHub, kioskId: string): string[] =>
  t.hub.db.prepare('SELECT id FROM visits WHERE kiosk_id = ? AND departed_at IS NULL ORDER BY id').pluck().all(kioskId) as string[];
const kioskOnSite = (k: Kiosk): string[] => k.core.run('visit.onSite', {}).visits.map((v) => v.visitId).sort();

describe('a visit belongs to the kiosk that signed it in', () => {
  it('refuses (403, audited) a departed from kiosk A for kiosk B\'s visitor; hub and B still agree on who is on site', async () => {
    const { t, ks } = await setUp(2);
    const [a, b] = ks as [Kiosk, Kiosk];
    await sync(a);
    await sync(b);
    const bob = b.core.run('visit.signIn', signInInput(b, { fullName: 'Bob Inside' }), 'kiosk').visitId;
    await sync(b);
    const bId = readSettings(b.db).kioskId;
    expect(hubOnSite(t, bId)).toEqual([bob]);

    // Kiosk A signs, with its own valid key, a departed event for Bob's visit.
    const forged = { id: uuidv7(), seq: 999, visitId: bob, kioskId: readSettings(a.db).kioskId, kind: 'departed', at: new Date().toISOString(), body: { by: 'visitor' } };
    const refused = await createSyncClient(a.db).post(SYNC_PATHS.push, { events: [forged] }).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(SyncError);
    expect(refused).toMatchObject({ code: 'NOT_OWNER', status: 403 });
    expect((refused as SyncError).message).toContain(bob);

    expect(t.hub.db.prepare('SELECT COUNT(*) FROM hub_events WHERE id = ?').pluck().get(forged.id)).toBe(0);
    const audit = t.hub.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'sync.push.refused'").all() as { actor: string; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(`kiosk:${forged.kioskId}`);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ reason: 'not_owner', refused: [{ eventId: forged.id, visitId: bob, kind: 'departed', owner: bId }] });

    await sync(b);
    expect(hubOnSite(t, bId)).toEqual([bob]);
    expect(hubOnSite(t, bId)).toEqual(kioskOnSite(b));
    expect(t.hub.core.run('onSite.list', {}, OFFICE).visits.map((v) => v.visitId)).toContain(bob);
  });

  it('the schema itself refuses an event row for a visit another kiosk owns', async () => {
    const { t, ks } = await setUp(1);
    const [a] = ks as [Kiosk];
    await sync(a);
    const ann = a.core.run('visit.signIn', signInInput(a, { fullName: 'Ann Inside' }), 'kiosk').visitId;
    await sync(a);
    const insert = t.hub.db.prepare("INSERT INTO hub_events (id, kiosk_id, kiosk_seq, visit_id, kind, at, body, received_at) VALUES (?, 'intruder', 1, ?, 'departed', ?, '{}', ?)");
    const now = new Date().toISOString();
    expect(() => insert.run(uuidv7(), ann, now, now)).toThrow(/owned by another kiosk/);
    expect(() => t.hub.db.prepare("UPDATE visit_owners SET kiosk_id = 'intruder' WHERE visit_id = ?").run(ann)).toThrow(/keeps its owner/);
  });
});

describe('sync that cannot jam', () => {
  it('halves a refused batch, quarantines the poison event (kept), reports it to the console, and sends the rest', async () => {
    const { t, ks } = await setUp(2);
    const [a, b] = ks as [Kiosk, Kiosk];
    await sync(a);
    await sync(b);
    const bob = b.core.run('visit.signIn', signInInput(b, { fullName: 'Bob Inside' }), 'kiosk').visitId;
    await sync(b);

    // A's outbox: good visits around two poison events, one the hub cannot parse (400) and one
    // for B's visit (403).
    const before = Array.from({ length: 5 }, (_, i) => a.core.run('visit.signIn', signInInput(a, { fullName: `Early ${i}` }), 'kiosk').visitId);
    const unparsable = plantEvent(a, { visitId: before[0]!, kind: 'Not A Kind!' });
    const notMine = plantEvent(a, { visitId: bob, kind: 'departed', body: { by: 'visitor' } });
    const after = Array.from({ length: 5 }, (_, i) => a.core.run('visit.signIn', signInInput(a, { fullName: `Late ${i}` }), 'kiosk').visitId);

    const requests: number[] = [];
    const client = createSyncClient(a.db, { fetch: (url, init) => (requests.push(1), fetch(url, init)) });
    const out = await pushOutbox(client, a.db, { batchMax: 16 });
    expect(out.quarantined).toBe(2);
    expect(syncStatus(a.db)).toMatchObject({ outbox: 0, quarantined: 2 });
    expect(requests.length).toBeLessThan(20); // halving, not one event at a time
    // Kept: both events are still in the kiosk's log.
    expect(a.db.prepare('SELECT COUNT(*) FROM visit_events WHERE id IN (?, ?)').pluck().get(unparsable, notMine)).toBe(2);
    const aId = readSettings(a.db).kioskId;
    expect(hubOnSite(t, aId)).toEqual([...before, ...after].sort());
    expect(hubOnSite(t, aId)).toEqual(kioskOnSite(a));

    // The next round reports them; the console lists kiosk, event, kind and reason.
    const st = await sync(a);
    expect(st.failures).toBe(0);
    const listed = t.hub.core.run('kiosks.quarantined', {}, OFFICE).events;
    expect(listed.map((e) => [e.kioskName, e.eventId, e.kind]).sort()).toEqual([
      ['Kiosk A', notMine, 'departed'],
      ['Kiosk A', unparsable, 'Not A Kind!'],
    ].sort());
    expect(listed.find((e) => e.eventId === notMine)!.reason).toMatch(/NOT_OWNER/);
    expect(listed.find((e) => e.eventId === unparsable)!.reason).toMatch(/INVALID_INPUT \(400\)/);
    expect(a.db.prepare('SELECT COUNT(*) FROM sync_quarantine WHERE reported_at IS NULL').pluck().get()).toBe(0);
    expect(hubOnSite(t, readSettings(b.db).kioskId)).toEqual([bob]);

    // Put back to be sent again (after the cause is fixed): still refused, set aside again, nothing lost.
    expect(releaseQuarantine(a.db)).toBe(2);
    expect(syncStatus(a.db)).toMatchObject({ outbox: 2, quarantined: 0 });
    expect((await pushOutbox(client, a.db)).quarantined).toBe(2);
    expect(syncStatus(a.db)).toMatchObject({ outbox: 0, quarantined: 2 });
  });

  it('pulls the office\'s changes even while every push is refused', async () => {
    const { t, ks } = await setUp(1);
    const [a] = ks as [Kiosk];
    await sync(a);
    a.core.run('visit.signIn', signInInput(a, { fullName: 'Ann Waiting' }), 'kiosk');
    // A hub that refuses every push outright (as a hub in trouble might): the pull still runs.
    const refusing: typeof fetch = (url, init) =>
      String(url).endsWith(SYNC_PATHS.push)
        ? Promise.resolve(new Response(JSON.stringify({ code: 'INVALID_INPUT', message: 'down for maintenance', serverTime: new Date().toISOString() }), { status: 503 }))
        : fetch(url, init);
    appendRefChange(t.hub.db, 'site', 'site', { siteName: 'Renamed Primary', timeZone: 'Europe/London' }, new Date());
    const agent = startSyncAgent(a, { log: () => {}, intervalMs: 60_000, fetch: refusing });
    try {
      const st = await agent.syncNow();
      expect(st.failures).toBe(1);
      expect(st.outbox).toBeGreaterThan(0);
    } finally {
      await agent.stop();
    }
    expect(readSettings(a.db).siteName).toBe('Renamed Primary');
  });

  it('an erased visit stays erased: its events pushed late (an ack lost) are acknowledged and not stored again', async () => {
    const { t, ks } = await setUp(1);
    const [a] = ks as [Kiosk];
    await sync(a);
    const gus = a.core.run('visit.signIn', signInInput(a, { fullName: 'Gus Gone' }), 'kiosk').visitId;
    a.core.run('visit.signOut', { visitId: gus, phoneCollected: true }, 'kiosk');
    // The push arrives but its answer is lost: the kiosk still holds every event in its outbox.
    const client = createSyncClient(a.db);
    const body = JSON.stringify({ events: readOutboxBatch(a.db) });
    await client.post(SYNC_PATHS.push, body);
    // The office erases the visit (as subjectAccess.erase does).
    t.hub.db.transaction(() => {
      deleteHubVisits(t.hub.db, [gus]);
      appendRefChange(t.hub.db, 'erasure', gus, { visitId: gus, erasedAt: new Date().toISOString() }, new Date());
    })();
    const res = await client.post<PushResponse>(SYNC_PATHS.push, body); // the kiosk sends them again
    expect(res.acked).toHaveLength(JSON.parse(body).events.length);
    expect(t.hub.db.prepare('SELECT COUNT(*) FROM hub_events WHERE visit_id = ?').pluck().get(gus)).toBe(0);
    expect(t.hub.db.prepare('SELECT COUNT(*) FROM visits WHERE id = ?').pluck().get(gus)).toBe(0);
  });
});
