// The push batch size and the hub's body limit agree. The worst case is real: a visitor signs
// in at a real kiosk with every field at its limit in Gurmukhi (3 bytes a letter in UTF-8), to
// a host whose name is at the office's limit; a batch of PUSH_BATCH_MAX such 'arrived' events
// fits the hub's limit and is stored over real HTTP. Larger events make smaller batches (the
// kiosk counts bytes too), and one event too large for any push is quarantined, not retried
// for ever.
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { SYNC_BODY_LIMIT } from '../../core/office/sync/routes.js';
import { startSyncAgent } from '../../core/sync/agent.js';
import { createSyncClient } from '../../core/sync/client.js';
import { pushOutbox, readOutboxBatch } from '../../core/sync/push.js';
import { syncStatus } from '../../core/sync/status.js';
import { readSettings } from '../../core/site/settings.js';
import { FIELD_LIMITS } from '../../shared/contract.js';
import { OFFICE_LIMITS } from '../../shared/office.js';
import { PUSH_BATCH_MAX, PUSH_BODY_MAX_BYTES, PUSH_EVENT_BUDGET_BYTES, SYNC_PATHS, type PushResponse, type SyncEvent } from '../../shared/sync.js';
import { ADMIN, hubWithPairedKiosk } from '../support/syncHub.js';
import { signInInput } from '../support/tempKiosk.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sync(k: Kiosk): Promise<void> {
  const agent = startSyncAgent(k, { log: () => {}, intervalMs: 60_000 });
  try {
    expect((await agent.syncNow()).failures).toBe(0);
  } finally {
    await agent.stop();
  }
}

/** `n` Gurmukhi letters (U+0A15..U+0A28, each 3 bytes in UTF-8), no two neighbours alike. */
const gurmukhi = (n: number): string => Array.from({ length: n }, (_, i) => String.fromCodePoint(0x0a15 + (i % 20))).join('');
const bytes = (v: unknown): number => Buffer.byteLength(typeof v === 'string' ? v : JSON.stringify(v), 'utf8');

/** Write an event straight into the kiosk's log and outbox (a body no screen would make). */
function plant(k: Kiosk, visitId: string, body: Record<string, unknown>): string {
  const id = uuidv7();
  k.db.prepare("INSERT INTO visit_events (id, visit_id, kiosk_id, kind, at, body) VALUES (?, ?, ?, 'note', ?, ?)").run(id, visitId, readSettings(k.db).kioskId, new Date().toISOString(), JSON.stringify(body));
  k.db.prepare('INSERT INTO outbox (event_id) VALUES (?)').run(id);
  return id;
}

describe('push batch size and the hub\'s body limit', () => {
  it('the hub accepts the largest push a kiosk makes, and the limit is that push', () => {
    expect(SYNC_BODY_LIMIT).toBe(PUSH_BODY_MAX_BYTES);
    expect(PUSH_BODY_MAX_BYTES).toBeGreaterThanOrEqual(PUSH_BATCH_MAX * PUSH_EVENT_BUDGET_BYTES);
  });

  it(`a batch of ${PUSH_BATCH_MAX} worst-case sign-ins (every field at its limit, in Gurmukhi) fits and is stored`, async () => {
    const { t, k } = await hubWithPairedKiosk(cleanups);
    t.hub.core.run('hosts.save', { hosts: [{ id: 'far', name: gurmukhi(OFFICE_LIMITS.shortText), active: true }] }, ADMIN);
    await sync(k);
    const host = k.core.run('kiosk.bootstrap', { language: 'pa' }).hosts.find((h) => h.id === 'far');
    expect(host?.name).toHaveLength(OFFICE_LIMITS.shortText);
    k.core.run(
      'visit.signIn',
      signInInput(k, {
        category: 'professional',
        fullName: gurmukhi(FIELD_LIMITS.fullName),
        organisation: gurmukhi(FIELD_LIMITS.organisation),
        agencyRole: gurmukhi(FIELD_LIMITS.agencyRole),
        purpose: gurmukhi(FIELD_LIMITS.purpose),
        hostId: 'far',
      }),
      'kiosk',
    );
    const events = readOutboxBatch(k.db);
    const arrived = events.find((e) => e.kind === 'arrived')!;
    expect(arrived.body).toMatchObject({ fullName: gurmukhi(FIELD_LIMITS.fullName), purpose: gurmukhi(FIELD_LIMITS.purpose), hostName: host!.name });
    // The arrived event is the largest a sign-in writes, and within the budget a batch is sized for.
    for (const e of events) expect(bytes(e), e.kind).toBeLessThanOrEqual(bytes(arrived));
    expect(bytes(arrived)).toBeGreaterThan(4 * 1024); // really the worst case: ~3 bytes a letter
    expect(bytes(arrived)).toBeLessThanOrEqual(PUSH_EVENT_BUDGET_BYTES);

    // PUSH_BATCH_MAX of them (each its own visit), in one request.
    const batch: SyncEvent[] = Array.from({ length: PUSH_BATCH_MAX }, (_, i) => ({ ...arrived, id: uuidv7(), seq: 1000 + i, visitId: uuidv7() }));
    const body = JSON.stringify({ events: batch });
    expect(bytes(body)).toBeLessThanOrEqual(SYNC_BODY_LIMIT);
    const res = await createSyncClient(k.db).post<PushResponse>(SYNC_PATHS.push, body);
    expect(res.acked).toHaveLength(PUSH_BATCH_MAX);
    expect(t.hub.db.prepare('SELECT COUNT(*) FROM visits WHERE full_name = ?').pluck().get(gurmukhi(FIELD_LIMITS.fullName))).toBe(PUSH_BATCH_MAX);
  }, 60_000);

  it('cuts batches by bytes as well as by count, so larger events never meet a 413', async () => {
    const { t, k } = await hubWithPairedKiosk(cleanups);
    await sync(k);
    const visitId = k.core.run('visit.signIn', signInInput(k), 'kiosk').visitId;
    // 420 events of ~30 KiB (an approval acknowledged with 50 long place names is this size):
    // more bytes than one push may carry, far fewer events than PUSH_BATCH_MAX.
    const big = Array.from({ length: 420 }, (_, i) => plant(k, visitId, { places: gurmukhi(10_000), n: i }));
    const sizes: number[] = [];
    const client = createSyncClient(k.db, { fetch: (url, init) => (sizes.push(bytes(String(init?.body ?? ''))), fetch(url, init)) });
    const out = await pushOutbox(client, k.db);
    expect(out).toMatchObject({ quarantined: 0 });
    expect(out.batches).toBeGreaterThanOrEqual(2);
    for (const s of sizes) expect(s).toBeLessThanOrEqual(PUSH_BODY_MAX_BYTES);
    expect(syncStatus(k.db).outbox).toBe(0);
    expect(t.hub.db.prepare("SELECT COUNT(*) FROM hub_events WHERE kind = 'note'").pluck().get()).toBe(big.length);
  }, 60_000);

  it('quarantines an event too large for any push (kept on the kiosk) and sends the rest', async () => {
    const { t, k } = await hubWithPairedKiosk(cleanups);
    await sync(k);
    const visitId = k.core.run('visit.signIn', signInInput(k), 'kiosk').visitId;
    const huge = plant(k, visitId, { blob: 'x'.repeat(PUSH_BODY_MAX_BYTES) });
    const after = k.core.run('visit.signIn', signInInput(k, { fullName: 'After The Blob' }), 'kiosk').visitId;
    const out = await pushOutbox(createSyncClient(k.db), k.db);
    expect(out.quarantined).toBe(1);
    expect(syncStatus(k.db)).toMatchObject({ outbox: 0, quarantined: 1 });
    expect(k.db.prepare('SELECT reason FROM sync_quarantine WHERE event_id = ?').pluck().get(huge)).toMatch(/TOO_LARGE/);
    expect(t.hub.db.prepare('SELECT COUNT(*) FROM visits WHERE id IN (?, ?)').pluck().get(visitId, after)).toBe(2);
  }, 60_000);

  it('halves batches behind a proxy with a smaller limit (413 in HTML) until they pass, losing nothing', async () => {
    const { t, k } = await hubWithPairedKiosk(cleanups);
    await sync(k);
    const visitId = k.core.run('visit.signIn', signInInput(k), 'kiosk').visitId;
    Array.from({ length: 120 }, (_, i) => plant(k, visitId, { places: gurmukhi(10_000), n: i })); // ~3.6 MB
    const PROXY_LIMIT = 1024 * 1024; // nginx's default client_max_body_size
    const sizes: number[] = [];
    const proxy: typeof fetch = (url, init) => {
      const size = bytes(String(init?.body ?? ''));
      sizes.push(size);
      return size > PROXY_LIMIT ? Promise.resolve(new Response('<html><body><h1>413 Request Entity Too Large</h1></body></html>', { status: 413, headers: { 'content-type': 'text/html' } })) : fetch(url, init);
    };
    const out = await pushOutbox(createSyncClient(k.db, { fetch: proxy }), k.db);
    expect(out.quarantined).toBe(0);
    expect(sizes.some((s) => s > PROXY_LIMIT)).toBe(true); // it did meet the proxy's refusal
    expect(syncStatus(k.db).outbox).toBe(0);
    expect(t.hub.db.prepare("SELECT COUNT(*) FROM hub_events WHERE kind = 'note'").pluck().get()).toBe(120);
  }, 60_000);
});
