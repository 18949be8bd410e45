// Deleting whole visits from a kiosk: the only code that deletes from visit_events. The purge
// (expired visits) and an erasure pulled from the office both come through here, so a visit
// always goes with everything that hangs off it: its events, their outbox rows, the derived
// visits row and its badge print jobs (payloads hold the name as printed).
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';

export type DeletedCounts = { visits: number; events: number; outbox: number; printJobs: number };

export const zeroCounts = (): DeletedCounts => ({ visits: 0, events: 0, outbox: 0, printJobs: 0 });

/** Call inside a transaction. The flag row that lets visit_events rows be deleted (migration
 *  60) exists only for the duration of this call and never reaches a commit. */
export function deleteKioskVisits(db: Db, visitIds: readonly string[]): DeletedCounts {
  if (!db.inTransaction) throw new Error('deleteKioskVisits must run inside a transaction');
  const n = zeroCounts();
  if (visitIds.length === 0) return n;
  stmt(db, 'INSERT INTO retention_purge_running (id) VALUES (1)').run();
  try {
    for (const id of visitIds) {
      n.printJobs += stmt(db, 'DELETE FROM print_jobs WHERE visit_id = ?').run(id).changes;
      stmt(db, 'DELETE FROM print_requests WHERE visit_id = ?').run(id);
      n.outbox += stmt(db, 'DELETE FROM outbox WHERE event_id IN (SELECT id FROM visit_events WHERE visit_id = ?)').run(id).changes;
      n.events += stmt(db, 'DELETE FROM visit_events WHERE visit_id = ?').run(id).changes;
      n.visits += stmt(db, 'DELETE FROM visits WHERE id = ?').run(id).changes;
      stmt(db, 'DELETE FROM regular_visits WHERE visit_id = ?').run(id); // a card sign-in's link to the person
    }
  } finally {
    stmt(db, 'DELETE FROM retention_purge_running').run();
  }
  return n;
}

export function addCounts(into: Record<string, number>, more: Record<string, number>): void {
  for (const [k, v] of Object.entries(more)) into[k] = (into[k] ?? 0) + v;
}

export function logPurge(db: Db, at: Date, trigger: 'schedule' | 'manual' | 'erasure', counts: Record<string, number>): void {
  stmt(db, 'INSERT INTO purge_log (at, trigger, counts) VALUES (?, ?, ?)').run(at.toISOString(), trigger, JSON.stringify(counts));
}
