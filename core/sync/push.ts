// Push: send the outbox (events not yet held by the hub) in append order, in batches; the hub
// acks every id it holds and the kiosk clears those outbox rows. Nothing is held open across a
// network wait: a read, a request, then one short transaction for the acks. A kiosk killed at
// any point re-sends at most one batch, which the hub stores once.
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { PUSH_BATCH_MAX, SYNC_PATHS, type PushResponse, type SyncEvent } from '../../shared/sync.js';
import type { SyncClient } from './client.js';

type Row = { seq: number; id: string; visit_id: string; kiosk_id: string; kind: string; at: string; body: string };

/** The kiosk seq just before the oldest event still in the outbox (null: the outbox is empty). */
export function outboxStart(db: Db): number | null {
  // Driven from the outbox (small) rather than visit_events (everything ever): CROSS JOIN keeps
  // SQLite from choosing to walk all events.
  const min = stmt(db, 'SELECT MIN(e.seq) AS s FROM outbox o CROSS JOIN visit_events e ON e.id = o.event_id').get() as { s: number | null };
  return min.s === null ? null : min.s - 1;
}

/**
 * Up to `max` outbox events after kiosk seq `afterSeq` (default: from the oldest), oldest first,
 * as pushed. Walks visit_events in seq order from there, keeping those still in the outbox:
 * unsent events are the tail of the log, so this reads little more than it returns (a kiosk
 * with a million synced events and ten unsent ones reads about ten).
 */
function outboxRows(db: Db, max: number, afterSeq: number | undefined): Row[] {
  const start = afterSeq ?? outboxStart(db);
  if (start === null) return [];
  return stmt(
    db,
    `SELECT e.seq, e.id, e.visit_id, e.kiosk_id, e.kind, e.at, e.body
       FROM visit_events e
      WHERE e.seq > ? AND EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = e.id)
      ORDER BY e.seq LIMIT ?`,
  ).all(start, Math.min(Math.max(1, max), PUSH_BATCH_MAX)) as Row[];
}

/** The batch as SyncEvents (tests, tools; pushOutbox sends the JSON text below). */
export function readOutboxBatch(db: Db, max = PUSH_BATCH_MAX, afterSeq?: number): SyncEvent[] {
  return outboxRows(db, max, afterSeq).map((r) => ({ id: r.id, seq: r.seq, visitId: r.visit_id, kioskId: r.kiosk_id, kind: r.kind, at: r.at, body: JSON.parse(r.body) as Record<string, unknown> }));
}

/**
 * The same batch as the JSON text of a PushRequest, built around each event's stored body text
 * (already JSON, checked by the table) instead of parsing and re-serialising it.
 */
export function readOutboxBatchJson(db: Db, max = PUSH_BATCH_MAX, afterSeq?: number): { json: string; ids: string[]; lastSeq: number } | null {
  const start = afterSeq ?? outboxStart(db);
  if (start === null) return null;
  // SQLite writes the JSON text itself (json_quote for strings, the stored body as is): a
  // catch-up of thousands of events never turns each row into a JavaScript object.
  const r = stmt(
    db,
    `SELECT group_concat(j, ',' ORDER BY seq) AS events, json_group_array(id ORDER BY seq) AS ids, MAX(seq) AS last, COUNT(*) AS n FROM (
       SELECT e.seq, e.id,
              '{"id":' || json_quote(e.id) || ',"seq":' || e.seq || ',"visitId":' || json_quote(e.visit_id) || ',"kioskId":' || json_quote(e.kiosk_id) ||
              ',"kind":' || json_quote(e.kind) || ',"at":' || json_quote(e.at) || ',"body":' || e.body || '}' AS j
         FROM visit_events e
        WHERE e.seq > ? AND EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = e.id)
        ORDER BY e.seq LIMIT ?)`,
  ).get(start, Math.min(Math.max(1, max), PUSH_BATCH_MAX)) as { events: string | null; ids: string; last: number | null; n: number };
  if (r.n === 0 || r.events === null || r.last === null) return null;
  return { json: `{"events":[${r.events}]}`, ids: JSON.parse(r.ids) as string[], lastSeq: r.last };
}

/** Clear acked outbox rows (one transaction). Ids the kiosk never queued are ignored. */
export function applyPushAck(db: Db, acked: readonly string[], at: Date): number {
  return db.transaction(() => {
    // One statement for the whole batch (a catch-up acks thousands of ids).
    const n = stmt(db, 'DELETE FROM outbox WHERE event_id IN (SELECT value FROM json_each(?))').run(JSON.stringify(acked)).changes;
    stmt(db, 'UPDATE sync_state SET last_push_at = ? WHERE id = 1').run(at.toISOString());
    return n;
  })();
}

export type PushResult = { pushed: number; batches: number };

/** Push everything in the outbox (including what is added meanwhile). Throws SyncError. */
export async function pushOutbox(client: SyncClient, db: Db, opts: { batchMax?: number; now?: () => Date } = {}): Promise<PushResult> {
  const now = opts.now ?? (() => new Date());
  let after = outboxStart(db);
  const result: PushResult = { pushed: 0, batches: 0 };
  if (after === null) return result;
  for (;;) {
    const batch = readOutboxBatchJson(db, opts.batchMax, after);
    if (!batch) return result;
    const res = await client.post<PushResponse>(SYNC_PATHS.push, batch.json);
    // Only ids of this batch count: an answer is never trusted to clear anything else.
    const sent = new Set(batch.ids);
    result.pushed += applyPushAck(db, (Array.isArray(res.acked) ? res.acked : []).filter((id) => sent.has(id)), now());
    result.batches++;
    after = batch.lastSeq;
  }
}
