// What a pushed sign-in tells the office about admission, applied after each push inside its
// transaction (like core/office/exemptions/fromKiosk.ts): an expected visitor who found
// themselves at the kiosk is marked arrived; a sign-in held because the name matched the
// restricted list raises an alert for reception and the DSL. Both idempotent: a re-pushed
// or refolded visit changes nothing twice.
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { appendAudit } from '../audit.js';
import type { HubVisitRow } from '../visits/projection.js';

export function recordAdmissionArrivals(db: Db, visits: readonly HubVisitRow[], at: Date): void {
  if (visits.length === 0) return;
  const arrived = stmt(db, "SELECT body FROM hub_events WHERE visit_id = ? AND kind = 'arrived' ORDER BY kiosk_seq LIMIT 1").pluck();
  const markExpected = stmt(db, 'UPDATE expected_visitors SET arrived_visit_id = ?, arrived_at = ? WHERE id = ? AND arrived_visit_id IS NULL');
  const entryExists = stmt(db, 'SELECT 1 FROM restricted_people WHERE id = ?');
  const alert = stmt(db, 'INSERT INTO restricted_alerts (id, visit_id, entry_id, typed_name, kiosk_id, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (visit_id) DO NOTHING');
  for (const v of visits) {
    const raw = arrived.get(v.id) as string | undefined;
    if (!raw) continue;
    let body: { expectedId?: unknown; restrictedEntryId?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      continue;
    }
    if (typeof body.expectedId === 'string') markExpected.run(v.id, v.arrived_at, body.expectedId);
    if (typeof body.restrictedEntryId === 'string' && entryExists.get(body.restrictedEntryId)) {
      const id = uuidv7();
      if (alert.run(id, v.id, body.restrictedEntryId, v.full_name, v.kiosk_id, v.arrived_at).changes === 1)
        appendAudit(db, { at: at.toISOString(), actor: `kiosk:${v.kiosk_id}`, action: 'restricted.match', target: `visit:${v.id}`, detail: { alert: id, entry: body.restrictedEntryId } });
    }
  }
}
