// Quarantine reports: a kiosk tells the hub which of its events it set aside because the hub
// refused each of them alone (core/sync/push.ts). The hub lists them for the console (Kiosks
// page) and audits the report; the events themselves stay on the kiosk.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { QuarantineReport, type QuarantineReportResponse } from '../../../shared/sync.js';
import type { QuarantinedEvent } from '../../../shared/office.js';
import { appendAudit } from '../audit.js';
import type { KioskRow } from './auth.js';
import { parseBody } from './push.js';

export function handleQuarantineReport(db: Db, kiosk: KioskRow, rawBody: string, at: Date): QuarantineReportResponse {
  const req = parseBody(rawBody, QuarantineReport);
  const iso = at.toISOString();
  const insert = stmt(
    db,
    `INSERT INTO sync_quarantine (kiosk_id, event_id, visit_id, kind, reason, quarantined_at, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (kiosk_id, event_id) DO NOTHING`,
  );
  let fresh = 0;
  for (const e of req.events) fresh += insert.run(kiosk.id, e.eventId, e.visitId, e.kind, e.reason, e.quarantinedAt, iso).changes;
  if (fresh > 0)
    appendAudit(db, { at, actor: `kiosk:${kiosk.id}`, action: 'sync.quarantine', target: kiosk.id, detail: { events: req.events.slice(0, 20).map((e) => ({ eventId: e.eventId, kind: e.kind })), count: fresh } });
  stmt(db, 'UPDATE kiosks SET last_seen_at = ? WHERE id = ?').run(iso, kiosk.id);
  return { received: req.events.map((e) => e.eventId), serverTime: iso };
}

/** Every quarantined event reported, newest first, with its kiosk's name. */
export function listQuarantined(db: Db): QuarantinedEvent[] {
  const rows = stmt(
    db,
    `SELECT q.kiosk_id, k.name AS kiosk_name, q.event_id, q.visit_id, q.kind, q.reason, q.quarantined_at, q.reported_at
       FROM sync_quarantine q LEFT JOIN kiosks k ON k.id = q.kiosk_id ORDER BY q.reported_at DESC, q.event_id LIMIT 500`,
  ).all() as { kiosk_id: string; kiosk_name: string | null; event_id: string; visit_id: string; kind: string; reason: string; quarantined_at: string; reported_at: string }[];
  return rows.map((r) => ({ kioskId: r.kiosk_id, kioskName: r.kiosk_name ?? r.kiosk_id, eventId: r.event_id, visitId: r.visit_id, kind: r.kind, reason: r.reason, quarantinedAt: r.quarantined_at, reportedAt: r.reported_at }));
}
