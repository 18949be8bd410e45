// What a pushed sign-in tells the office about admission, applied after each push inside its
// transaction (like core/office/exemptions/fromKiosk.ts): an expected visitor who found
// themselves at the kiosk is marked arrived; a sign-in held because the name matched the
// restricted list raises an alert for reception and the DSL. Both idempotent: a re-pushed
// or refolded visit changes nothing twice.
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { appendAudit } from '../audit.js';
import type { StoredEvent } from '../visits/projection.js';

/** `stored`: the events this push added (each 'arrived' once, however often it is re-pushed). */
export function recordAdmissionArrivals(db: Db, stored: readonly StoredEvent[], at: Date): void {
  // Read from the push itself: one look per arrival in a 2,000-event catch-up was most of its time.
  const arrivals = stored.filter((e) => e.kind === 'arrived' && (typeof e.body.expectedId === 'string' || typeof e.body.restrictedEntryId === 'string'));
  if (arrivals.length === 0) return;
  const markExpected = stmt(db, 'UPDATE expected_visitors SET arrived_visit_id = ?, arrived_at = ? WHERE id = ? AND arrived_visit_id IS NULL');
  const entryExists = stmt(db, 'SELECT 1 FROM restricted_people WHERE id = ?');
  const alert = stmt(db, 'INSERT INTO restricted_alerts (id, visit_id, entry_id, typed_name, kiosk_id, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (visit_id) DO NOTHING');
  for (const ev of arrivals) {
    const { expectedId, restrictedEntryId, fullName } = ev.body;
    if (typeof expectedId === 'string') markExpected.run(ev.visitId, ev.at, expectedId);
    if (typeof restrictedEntryId === 'string' && entryExists.get(restrictedEntryId)) {
      const id = uuidv7();
      if (alert.run(id, ev.visitId, restrictedEntryId, typeof fullName === 'string' ? fullName : '', ev.kioskId, ev.at).changes === 1)
        appendAudit(db, { at: at.toISOString(), actor: `kiosk:${ev.kioskId}`, action: 'restricted.match', target: `visit:${ev.visitId}`, detail: { alert: id, entry: restrictedEntryId } });
    }
  }
}
