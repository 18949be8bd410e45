// Device-use requests made at a kiosk ("I have approval to use my device" with none on file)
// become requests in the office register, for the headteacher to decide. Called after each
// push, inside its transaction, with the visits the push changed.
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { appendAudit } from '../audit.js';
import type { HubVisitRow } from '../visits/projection.js';
import { SINGLE } from './store.js';
import { notifyDeviceRequest } from '../notifications/notices.js';
import { VISITOR_CATEGORIES, type VisitorCategory } from '../../../shared/domain.js';

/**
 * One 'requested' exemption per kiosk request id, with what the visit says about the person.
 * Idempotent: a re-pushed or refolded visit finds its request already there (request_id is
 * UNIQUE). The kiosk does not ask which devices or places, so those are left for the
 * approver to fill in. Returns how many requests were new.
 */
export function recordKioskRequests(db: Db, visits: readonly HubVisitRow[], at: Date): number {
  const insert = stmt(
    db,
    `INSERT INTO exemptions (id, status, source, visit_id, request_id, full_name, name_key, organisation, agency_role, purpose, devices,
       location_ids, requested_window, recurrence, conditions, created_by, created_at, category)
     VALUES (?, 'requested', 'kiosk', ?, ?, ?, ?, ?, ?, ?, '', '[]', ?, ?, '', ?, ?, ?)
     ON CONFLICT (request_id) DO NOTHING`,
  );
  const iso = at.toISOString();
  let created = 0;
  for (const v of visits) {
    if (!v.device_request_id) continue;
    const id = uuidv7();
    const by = `kiosk:${v.kiosk_id}`;
    const res = insert.run(
      id, v.id, v.device_request_id, v.full_name, v.name_key, v.organisation, v.agency_role, v.purpose,
      `On the day of the visit (${v.local_day})`, JSON.stringify(SINGLE), by, iso, VISITOR_CATEGORIES.includes(v.category as VisitorCategory) ? v.category : 'professional',
    );
    if (res.changes === 1) {
      created++;
      appendAudit(db, { at: iso, actor: by, action: 'exemption.request', target: `exemption:${id}`, detail: { source: 'kiosk', visitId: v.id, requestId: v.device_request_id } });
      notifyDeviceRequest(db, id, at); // the head decides it: tell them
    }
  }
  return created;
}
