// Push: a kiosk sends outbox events; the hub stores each id once and acks every id it holds.
// Runs inside the request's immediate transaction (routes.ts), so the events, the projection,
// the audit entry and the kiosk's last contact commit together or not at all.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import type { PushResponse } from '../../../shared/sync.js';
import { appendAudit } from '../audit.js';
import { recordKioskRequests } from '../exemptions/fromKiosk.js';
import { ingestEvents } from '../visits/projection.js';
import type { KioskRow } from './auth.js';
import { parsePush } from './pushShape.js';
import { SyncRefusal } from './refusal.js';

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

export function handlePush(db: Db, kiosk: KioskRow, rawBody: string, at: Date): PushResponse {
  const req = parseBody(rawBody, { safeParse: parsePush });
  // A kiosk speaks only for itself: one event naming another kiosk refuses the whole push.
  const foreign = req.events.find((e) => e.kioskId !== kiosk.id);
  if (foreign)
    throw new SyncRefusal('INVALID_INPUT', `Event ${foreign.id} claims to come from kiosk ${foreign.kioskId}, but this is kiosk ${kiosk.id}. Nothing was stored.`, 403);

  const iso = at.toISOString();
  const result = ingestEvents(db, req.events, iso);
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
  return { acked: result.acked, serverTime: iso };
}
