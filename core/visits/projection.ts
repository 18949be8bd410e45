// The visit table is a projection of visit_events, and this file is its only writer.
// "Who is on site" and "which locker is taken" are read from it; rebuildProjection()
// recomputes it from the events, and tests check that both agree.
import type { Db } from '../db/open.js';
import { allEvents, type VisitEvent } from './events.js';
import { stmt } from '../db/statements.js';

export function applyToProjection(db: Db, ev: VisitEvent): void {
  const b = ev.body;
  switch (b.kind) {
    case 'arrived':
      stmt(db, 
        `INSERT INTO visits (id, kiosk_id, badge_code, badge_number, local_day, category, full_name, name_key,
           organisation, agency_role, host_id, host_name, purpose, language, id_check_required, needs_evac_help, arrived_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        ev.visitId,
        ev.kioskId,
        b.badgeCode,
        b.badgeNumber,
        b.localDay,
        b.category,
        b.fullName,
        b.nameKey,
        b.organisation,
        b.agencyRole,
        b.hostId,
        b.hostName,
        b.purpose,
        b.language,
        b.idCheckRequired ? 1 : 0,
        b.needsEvacuationHelp ? 1 : 0,
        ev.at,
      );
      // Only when there is one: a visit without a letter needs no column written.
      if (b.badgePrefix) stmt(db, 'UPDATE visits SET badge_prefix = ? WHERE id = ?').run(b.badgePrefix, ev.visitId);
      return;
    case 'policy_acknowledged':
      stmt(db, 'UPDATE visits SET policy_version_id = ?, policy_text_hash = ?, acknowledged_at = ? WHERE id = ?').run(b.versionId, b.textHash, ev.at, ev.visitId);
      return;
    case 'device_use_requested':
      stmt(db, 'UPDATE visits SET device_request_id = ? WHERE id = ?').run(b.requestId, ev.visitId);
      return;
    case 'phone_stored': {
      const c = b.custody;
      stmt(db, 'UPDATE visits SET phone_kind = ?, locker_id = ?, exemption_id = ?, phone_in_at = ? WHERE id = ?').run(
        c.kind,
        c.kind === 'locker' ? c.lockerId : null,
        c.kind === 'exemption' ? c.exemptionId : null,
        c.kind === 'none' ? null : ev.at,
        ev.visitId,
      );
      return;
    }
    case 'phone_returned':
      stmt(db, 'UPDATE visits SET phone_out_at = ? WHERE id = ?').run(ev.at, ev.visitId);
      return;
    case 'badge_printed':
    case 'badge_reprint_requested':
      return; // history only: the visit table has no badge columns
    case 'exemption_conditions_acknowledged':
      return; // history only: custody (exemption_id) comes with phone_stored
    case 'roll_call_marked':
      stmt(db, 'UPDATE visits SET roll_call_status = ?, roll_call_by = ?, roll_call_at = ? WHERE id = ?').run(b.status, b.by, ev.at, ev.visitId);
      return;
    case 'departed':
      stmt(db, 'UPDATE visits SET departed_at = ?, departed_by = ? WHERE id = ?').run(ev.at, departedBy(b), ev.visitId);
      return;
  }
}

/** Recompute the visit table from the events (repair, and the check tests rely on). */
export function rebuildProjection(db: Db): void {
  db.transaction(() => {
    stmt(db, 'DELETE FROM visits').run();
    for (const ev of allEvents(db)) applyToProjection(db, ev);
  })();
}

/** How a departure is shown in records: 'visitor', 'auto', or 'staff: <name>'. */
export function departedBy(b: { by: string; staff?: string }): string {
  return b.by === 'staff' ? `staff: ${b.staff ?? 'unknown'}` : b.by;
}
