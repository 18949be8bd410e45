// Visitors' "report a concern" from a kiosk's help screen: each report arrives as a pushed
// event of its own and becomes an open record in the DSL's concern queue, marked with where it
// came from. Called after each push, inside its transaction, with the events new to the hub.
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { CONCERN_EVENT_KIND, KIOSK_REPORT_SOURCE } from '../../../shared/signage.js';
import { appendAudit } from '../audit.js';
import { notifyConcernLogged } from '../notifications/notices.js';
import type { StoredEvent } from '../visits/projection.js';

/** The one insert: a record with no visit, the visitor's words, and the kiosk as its source. */
export function logVisitorReport(db: Db, r: { kioskId: string; text: string; name: string; at: string }): string {
  const id = uuidv7();
  const kiosk = stmt(db, 'SELECT name FROM kiosks WHERE id = ?').pluck().get(r.kioskId) as string | undefined;
  stmt(
    db,
    `INSERT INTO breaches (id, visit_id, person, location, what, action_taken, logged_by, logged_at, status)
     VALUES (?, NULL, ?, ?, ?, '', ?, ?, 'open')`,
  ).run(id, r.name, `Kiosk: ${kiosk ?? r.kioskId}`, r.text, KIOSK_REPORT_SOURCE, r.at);
  return id;
}

/** One record per new report event (a re-pushed event is not new: the hub stores each id once). */
export function recordVisitorReports(db: Db, stored: readonly StoredEvent[], at: Date): number {
  let n = 0;
  for (const ev of stored) {
    if (ev.kind !== CONCERN_EVENT_KIND) continue;
    const text = typeof ev.body.text === 'string' ? ev.body.text.trim() : '';
    if (text === '') continue;
    const name = typeof ev.body.name === 'string' ? ev.body.name.trim() : '';
    const id = logVisitorReport(db, { kioskId: ev.kioskId, text: text.slice(0, 2000), name: name.slice(0, 200), at: ev.at });
    appendAudit(db, { at, actor: `kiosk:${ev.kioskId}`, action: 'breach.log', target: `breach:${id}`, detail: { source: KIOSK_REPORT_SOURCE, eventId: ev.id } });
    notifyConcernLogged(db, id, { urgent: false, at }); // the DSL hears that a report came in, never what it says
    n++;
  }
  return n;
}
