// Push: a kiosk sends outbox events; the hub stores each id once and acks every id it holds.
// Runs inside the request's immediate transaction (routes.ts), so the events, the projection,
// the audit entry and the kiosk's last contact commit together or not at all.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import type { PushResponse, SyncEvent } from '../../../shared/sync.js';
import { appendAudit } from '../audit.js';
import { recordKioskRequests } from '../exemptions/fromKiosk.js';
import { recordRegularSignIns } from '../regulars/fromKiosk.js';
import { recordVisitorReports } from '../breaches/fromKiosk.js';
import { recordAdmissionArrivals } from '../admission/fromKiosk.js';
import { ingestEvents } from '../visits/projection.js';
import { notifyArrivals } from '../notifications/notices.js';
import type { KioskRow } from './auth.js';
import { parsePush } from './pushShape.js';
import { SyncRefusal } from './refusal.js';
import { jsonArrayValues } from '../../db/dialect.js';

/** Parse a JSON body as `schema`, or refuse with what is wrong (the first few problems). */
export function parseBody<T>(raw: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }): T {
  let json: unknown;
  try {
    json = raw === '' ? {} : JSON.parse(raw);
  } catch {
    throw new SyncRefusal('INVALID_INPUT', 'The request body is not JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`);
    throw new SyncRefusal('INVALID_INPUT', `The request was not understood: ${problems.join('; ')}.`);
  }
  return parsed.data;
}

/**
 * Events of the push for visits another kiosk owns (visit_owners: the kiosk that sent a
 * visit's first event). A kiosk may only add to its own visits: a signed 'departed' from
 * kiosk A must never take kiosk B's visitor off the on-site list.
 */
function foreignVisitEvents(db: Db, kioskId: string, events: readonly SyncEvent[]): { event: SyncEvent; owner: string }[] {
  // Only the visits someone else owns come back (none, for an honest kiosk).
  const owners = new Map(
    (
      stmt(db, `SELECT visit_id, kiosk_id FROM visit_owners WHERE visit_id IN (SELECT value FROM ${jsonArrayValues(db, '?')}) AND kiosk_id <> ?`).all(
        JSON.stringify([...new Set(events.map((e) => e.visitId))]),
        kioskId,
      ) as { visit_id: string; kiosk_id: string }[]
    ).map((r) => [r.visit_id, r.kiosk_id]),
  );
  if (owners.size === 0) return [];
  return events.flatMap((event) => {
    const owner = owners.get(event.visitId);
    return owner !== undefined ? [{ event, owner }] : [];
  });
}

/**
 * Store a push, or answer the refusal. A refusal of the kiosk's own events is returned, not
 * thrown, so that its audit entry commits with the request (routes.ts answers it as an error).
 */
export function handlePush(db: Db, kiosk: KioskRow, rawBody: string, at: Date): PushResponse | SyncRefusal {
  const req = parseBody(rawBody, { safeParse: parsePush });
  const iso = at.toISOString();
  // A kiosk speaks only for itself: one event naming another kiosk refuses the whole push.
  const foreign = req.events.find((e) => e.kioskId !== kiosk.id);
  if (foreign) {
    appendAudit(db, { at, actor: `kiosk:${kiosk.id}`, action: 'sync.push.refused', target: kiosk.id, detail: { reason: 'other_kiosk', eventId: foreign.id, claimedKiosk: foreign.kioskId, kind: foreign.kind, received: req.events.length } });
    return new SyncRefusal('INVALID_INPUT', `Event ${foreign.id} claims to come from kiosk ${foreign.kioskId}, but this is kiosk ${kiosk.id}. Nothing was stored.`, 403, [foreign.id]);
  }
  // The whole batch is refused (nothing half-stored, one clear answer); the answer names the
  // offending events so the kiosk can quarantine them and send the rest again.
  const notOwned = foreignVisitEvents(db, kiosk.id, req.events);
  if (notOwned.length > 0) {
    appendAudit(db, {
      at,
      actor: `kiosk:${kiosk.id}`,
      action: 'sync.push.refused',
      target: kiosk.id,
      detail: { reason: 'not_owner', received: req.events.length, refused: notOwned.slice(0, 20).map(({ event, owner }) => ({ eventId: event.id, visitId: event.visitId, kind: event.kind, owner })) },
    });
    const first = notOwned[0]!;
    return new SyncRefusal(
      'NOT_OWNER',
      `Event ${first.event.id} (${first.event.kind}) is for visit ${first.event.visitId}, which kiosk ${first.owner} owns${notOwned.length > 1 ? ` (and ${notOwned.length - 1} more like it)` : ''}; a kiosk may only add to its own visits. Nothing was stored.`,
      403,
      notOwned.map(({ event }) => event.id),
    );
  }

  // A visit erased at the office stays erased: an event for it pushed late (a kiosk that had not
  // heard yet, an ack lost on the way) is acknowledged and dropped, never stored again.
  const erased = new Set(
    stmt(db, `SELECT DISTINCT key FROM ref_changes WHERE entity = 'erasure' AND key IN (SELECT value FROM ${jsonArrayValues(db, '?')})`).pluck().all(JSON.stringify([...new Set(req.events.map((e) => e.visitId))])) as string[],
  );
  const result = ingestEvents(db, erased.size ? req.events.filter((e) => !erased.has(e.visitId)) : req.events, iso);
  if (erased.size) result.acked = req.events.map((e) => e.id);
  if (result.stored.length > 0) {
    // Counts only: what the visitors said is in the events themselves.
    appendAudit(db, {
      at,
      actor: `kiosk:${kiosk.id}`,
      action: 'sync.push',
      target: kiosk.id,
      detail: { received: req.events.length, stored: result.stored.length, duplicates: req.events.length - result.stored.length, visits: result.visits.length },
    });
  }
  stmt(db, 'UPDATE kiosks SET last_push_at = ?, last_seen_at = ? WHERE id = ?').run(iso, iso, kiosk.id);
  recordKioskRequests(db, result.visits, at);
  // Hosts hear of their visitors: queued in this transaction, sent later (notifications/).
  notifyArrivals(db, result.stored, result.visits, at);
  recordRegularSignIns(db, result.stored, at);
  recordVisitorReports(db, result.stored, at); // visitors' "report a concern" (issue #15)
  recordAdmissionArrivals(db, result.stored, at);
  return { acked: result.acked, serverTime: iso };
}
