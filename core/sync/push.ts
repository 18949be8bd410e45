// Push: send the outbox (events not yet held by the hub) in append order, in batches; the hub
// acks every id it holds and the kiosk clears those outbox rows. Nothing is held open across a
// network wait: a read, a request, then one short transaction for the acks. A kiosk killed at
// any point re-sends at most one batch, which the hub stores once.
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { PUSH_BATCH_MAX, PUSH_BODY_MAX_BYTES, PUSH_ENVELOPE_BYTES, QUARANTINE_REPORT_MAX, SYNC_PATHS, type PushResponse, type QuarantineReport, type QuarantineReportResponse, type SyncEvent } from '../../shared/sync.js';
import { SyncError, type SyncClient } from './client.js';

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
export function readOutboxBatchJson(db: Db, max = PUSH_BATCH_MAX, afterSeq?: number, maxBytes = PUSH_BODY_MAX_BYTES): { json: string; ids: string[]; lastSeq: number } | null {
  const start = afterSeq ?? outboxStart(db);
  if (start === null) return null;
  // SQLite writes the JSON text itself (json_quote for strings, the stored body as is): a
  // catch-up of thousands of events never turns each row into a JavaScript object.
  // Cut at PUSH_BATCH_MAX events or PUSH_BODY_MAX_BYTES, whichever comes first (the running
  // byte count is a window sum), so no batch the kiosk builds is too large for the hub. The first
  // event always goes: one event too large on its own is refused (413) and quarantined.
  const r = stmt(
    db,
    `SELECT group_concat(j, ',' ORDER BY seq) AS events, json_group_array(id ORDER BY seq) AS ids, MAX(seq) AS last, COUNT(*) AS n FROM (
       SELECT seq, id, j, ROW_NUMBER() OVER w AS i, SUM(length(CAST(j AS BLOB)) + 1) OVER w AS bytes FROM (
         SELECT e.seq, e.id,
                '{"id":' || json_quote(e.id) || ',"seq":' || e.seq || ',"visitId":' || json_quote(e.visit_id) || ',"kioskId":' || json_quote(e.kiosk_id) ||
                ',"kind":' || json_quote(e.kind) || ',"at":' || json_quote(e.at) || ',"body":' || e.body || '}' AS j
           FROM visit_events e
          WHERE e.seq > ? AND EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = e.id)
          ORDER BY e.seq LIMIT ?)
       WINDOW w AS (ORDER BY seq ROWS UNBOUNDED PRECEDING))
     WHERE i = 1 OR bytes <= ?`,
  ).get(start, Math.min(Math.max(1, max), PUSH_BATCH_MAX), maxBytes - PUSH_ENVELOPE_BYTES) as { events: string | null; ids: string; last: number | null; n: number };
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

export type PushResult = { pushed: number; batches: number; quarantined: number };

/**
 * A refusal that is about what was sent, not about who sent it: the body too large (413), not
 * understood (400), or holding an event the hub will not take from this kiosk (403 with
 * INVALID_INPUT or NOT_OWNER). A 413 counts whoever sent it: a proxy in front of the hub with a
 * smaller limit answers in HTML. Sending fewer events may get the rest through; REVOKED, bad
 * signatures and network failures are not this.
 */
export function isBatchRefusal(e: unknown): e is SyncError {
  if (!(e instanceof SyncError)) return false;
  return e.status === 413 || ((e.code === 'INVALID_INPUT' || e.code === 'NOT_OWNER') && (e.status === 400 || e.status === 403));
}

/** Set an event aside: out of the outbox (so the rest flows), kept in visit_events, listed in
 *  sync_quarantine until someone looks. One transaction. */
export function quarantineEvent(db: Db, eventId: string, reason: string, at: Date): void {
  db.transaction(() => {
    stmt(db, 'INSERT INTO sync_quarantine (event_id, reason, quarantined_at) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING').run(eventId, reason.slice(0, 500), at.toISOString());
    stmt(db, 'DELETE FROM outbox WHERE event_id = ?').run(eventId);
  })();
}

/**
 * Push everything in the outbox (including what is added meanwhile). Throws SyncError.
 *
 * Sync must not jam on one bad event: when the hub refuses a batch for what is in it
 * (isBatchRefusal) the kiosk sends half as many, and so on down to one; an event the hub
 * refuses on its own is quarantined (quarantineEvent) and the push goes on with the next. After
 * a batch gets through the size doubles again, so one poison event costs about log2(batch)
 * extra requests.
 */
export async function pushOutbox(client: SyncClient, db: Db, opts: { batchMax?: number; now?: () => Date } = {}): Promise<PushResult> {
  const now = opts.now ?? (() => new Date());
  const max = Math.min(Math.max(1, opts.batchMax ?? PUSH_BATCH_MAX), PUSH_BATCH_MAX);
  let size = max;
  let after = outboxStart(db);
  const result: PushResult = { pushed: 0, batches: 0, quarantined: 0 };
  if (after === null) return result;
  for (;;) {
    const batch = readOutboxBatchJson(db, size, after);
    if (!batch) return result;
    if (batch.ids.length === 1 && Buffer.byteLength(batch.json, 'utf8') > PUSH_BODY_MAX_BYTES) {
      // No hub takes it (its body limit); sending it would only fail, over and over.
      quarantineEvent(db, batch.ids[0]!, `TOO_LARGE: this event alone is larger than a push may be (${Math.floor(PUSH_BODY_MAX_BYTES / 1024)} KiB).`, now());
      result.quarantined++;
      continue;
    }
    let res: PushResponse;
    try {
      res = await client.post<PushResponse>(SYNC_PATHS.push, batch.json);
    } catch (e) {
      if (!isBatchRefusal(e)) throw e;
      if (batch.ids.length > 1) {
        size = Math.ceil(batch.ids.length / 2);
        continue;
      }
      quarantineEvent(db, batch.ids[0]!, `${e.code} (${e.status}): ${e.message}`, now());
      result.quarantined++;
      continue; // the next read starts at the same place and no longer sees it
    }
    // Only ids of this batch count: an answer is never trusted to clear anything else.
    const sent = new Set(batch.ids);
    result.pushed += applyPushAck(db, (Array.isArray(res.acked) ? res.acked : []).filter((id) => sent.has(id)), now());
    result.batches++;
    after = batch.lastSeq;
    size = Math.min(max, size * 2);
  }
}

// ---- telling the office about quarantined events ----------------------------------------------

type QuarantineRow = { event_id: string; visit_id: string; kind: string; reason: string; quarantined_at: string };

/** Quarantined events the hub has not been told about yet (oldest first). */
export function unreportedQuarantine(db: Db, max = QUARANTINE_REPORT_MAX): QuarantineRow[] {
  return stmt(
    db,
    `SELECT q.event_id, e.visit_id, e.kind, q.reason, q.quarantined_at FROM sync_quarantine q JOIN visit_events e ON e.id = q.event_id
      WHERE q.reported_at IS NULL ORDER BY q.quarantined_at, q.event_id LIMIT ?`,
  ).all(max) as QuarantineRow[];
}

/** Report quarantined events to the hub (shown in the console's Kiosks page). Throws SyncError. */
export async function reportQuarantine(client: SyncClient, db: Db, opts: { now?: () => Date } = {}): Promise<number> {
  const now = opts.now ?? (() => new Date());
  let reported = 0;
  for (;;) {
    const rows = unreportedQuarantine(db);
    if (rows.length === 0) return reported;
    const body: QuarantineReport = { events: rows.map((r) => ({ eventId: r.event_id, visitId: r.visit_id.slice(0, 64) || '?', kind: r.kind.slice(0, 40) || '?', reason: r.reason, quarantinedAt: r.quarantined_at })) };
    const res = await client.post<QuarantineReportResponse>(SYNC_PATHS.quarantine, body);
    const sent = new Set(rows.map((r) => r.event_id));
    const ids = (Array.isArray(res.received) ? res.received : []).filter((id) => sent.has(id));
    if (ids.length === 0) return reported; // nothing taken: try again next round, never loop
    stmt(db, 'UPDATE sync_quarantine SET reported_at = ? WHERE event_id IN (SELECT value FROM json_each(?))').run(now().toISOString(), JSON.stringify(ids));
    reported += ids.length;
  }
}

/** Put every quarantined event back in the outbox (after the office was updated or the cause
 *  fixed): the next push sends them again, and any still refused are set aside again. */
export function releaseQuarantine(db: Db): number {
  return db.transaction(() => {
    stmt(db, 'INSERT INTO outbox (event_id) SELECT event_id FROM sync_quarantine WHERE true ON CONFLICT (event_id) DO NOTHING').run();
    return stmt(db, 'DELETE FROM sync_quarantine').run().changes;
  })();
}

export function quarantineCount(db: Db): number {
  return (stmt(db, 'SELECT COUNT(*) AS n FROM sync_quarantine').get() as { n: number }).n;
}
