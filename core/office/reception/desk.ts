// What a kiosk reports about reception's desk with each pull (shared/sync.ts KioskDeskStatus):
// its printer's state and interrupted jobs, kept on the kiosk's row for the console, and the
// outcome of each print request the console sent it.
import type { KioskDeskStatus } from '../../../shared/sync.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';

/** Call inside the pull's transaction. A kiosk can only report on requests made to it. */
export function recordDeskStatus(db: Db, kioskId: string, desk: KioskDeskStatus, at: Date): void {
  const { requests, ...status } = desk;
  stmt(db, 'UPDATE kiosks SET desk_status = ?, desk_status_at = ? WHERE id = ?').run(JSON.stringify(status), at.toISOString(), kioskId);
  const done = stmt(db, 'UPDATE print_requests SET outcome = ?, job_id = ?, outcome_at = ? WHERE id = ? AND kiosk_id = ? AND outcome IS NULL');
  for (const r of requests) done.run(r.outcome, r.jobId, r.handledAt, r.requestId, kioskId);
}

export function deskStatusOf(db: Db, kioskId: string): { status: Omit<KioskDeskStatus, 'requests'>; at: string } | null {
  const row = stmt(db, 'SELECT desk_status, desk_status_at FROM kiosks WHERE id = ?').get(kioskId) as { desk_status: string | null; desk_status_at: string | null } | undefined;
  if (!row?.desk_status || !row.desk_status_at) return null;
  return { status: JSON.parse(row.desk_status) as Omit<KioskDeskStatus, 'requests'>, at: row.desk_status_at };
}
