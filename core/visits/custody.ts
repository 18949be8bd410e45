// Reading phone custody back from the visit table, and which lockers are free.
import type { PhoneCustody, LockerKind } from '../../shared/domain.js';
import type { Locker } from '../../shared/contract.js';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';

export type CustodyColumns = {
  phone_kind: string | null;
  locker_id: string | null;
  locker_label: string | null;
  locker_kind: string | null;
  device_request_id: string | null;
  exemption_id: string | null;
};

/** SQL fragment: join that brings the locker's label/kind next to a visit row `v`. */
export const LOCKER_JOIN = 'LEFT JOIN lockers l ON l.id = v.locker_id';
export const CUSTODY_COLUMNS = 'v.phone_kind, v.locker_id, l.label AS locker_label, l.kind AS locker_kind, v.device_request_id, v.exemption_id';

export function custodyOf(r: CustodyColumns): PhoneCustody {
  switch (r.phone_kind) {
    case 'locker':
      return { kind: 'locker', lockerId: r.locker_id!, lockerLabel: r.locker_label ?? r.locker_id!, lockerKind: (r.locker_kind ?? 'locker') as LockerKind };
    case 'reception':
      return { kind: 'reception' };
    case 'exemption':
      return { kind: 'exemption', exemptionId: r.exemption_id ?? '' };
    case 'exemption_pending':
      return { kind: 'exemption_pending', requestId: r.device_request_id ?? '' };
    default:
      return { kind: 'none' };
  }
}

export function lockersWithAvailability(db: Db): Locker[] {
  const rows = stmt(db, 
      `SELECT l.id, l.label, l.kind,
              NOT EXISTS (SELECT 1 FROM visits v WHERE v.locker_id = l.id AND v.phone_out_at IS NULL) AS free
         FROM lockers l WHERE l.active = 1 ORDER BY l.kind, l.sort`,
    )
    .all() as { id: string; label: string; kind: LockerKind; free: number }[];
  return rows.map((r) => ({ id: r.id, label: r.label, kind: r.kind, free: r.free === 1 }));
}
