// Deleting records from the hub: the purge and an erasure share these, so a visit always goes
// with its events (hub_events) and roll-call marks, and a removed exemption or expected
// visitor leaves nothing of its old bodies in the pull feed. Call inside a transaction.
import type { Db } from '../../db/open.js';
import { tableExists } from '../../db/dialect.js';
import { stmt } from '../../db/statements.js';
import { appendRefChange } from '../reference/feed.js';

export type HubDeleted = { visits: number; events: number; rollCallMarks: number };

const hasTable = tableExists;

export function deleteHubVisits(db: Db, visitIds: readonly string[]): HubDeleted {
  const n: HubDeleted = { visits: 0, events: 0, rollCallMarks: 0 };
  const marks = hasTable(db, 'roll_call_marks');
  const printRequests = hasTable(db, 'print_requests');
  const notices = hasTable(db, 'notify_outbox');
  const regularVisits = hasTable(db, 'regular_visits');
  const admission = hasTable(db, 'id_checks');
  for (const id of visitIds) {
    // The host's notice names the visitor: it goes too (sent or not).
    if (notices) stmt(db, 'DELETE FROM notify_outbox WHERE ref = ?').run(`visit:${id}`);
    // Reception's ID checks and a held sign-in's alert go with the visit (issue #13).
    if (admission) {
      stmt(db, 'DELETE FROM id_checks WHERE visit_id = ?').run(id);
      stmt(db, "DELETE FROM ref_changes WHERE entity = 'idcheck' AND key = ?").run(id);
      stmt(db, 'DELETE FROM restricted_alerts WHERE visit_id = ?').run(id);
      stmt(db, 'UPDATE expected_visitors SET arrived_visit_id = NULL WHERE arrived_visit_id = ?').run(id);
    }
    // Reception's reprint requests for the visit go with it (staff names and times only, not counted).
    if (printRequests) stmt(db, 'DELETE FROM print_requests WHERE visit_id = ?').run(id);
    n.events += stmt(db, 'DELETE FROM hub_events WHERE visit_id = ?').run(id).changes;
    if (marks) n.rollCallMarks += stmt(db, 'DELETE FROM roll_call_marks WHERE visit_id = ?').run(id).changes;
    n.visits += stmt(db, 'DELETE FROM visits WHERE id = ?').run(id).changes;
    // A card sign-in's link to the register goes too (the agreement acknowledged stays: it is the person's, not the visit's).
    if (regularVisits) stmt(db, 'DELETE FROM regular_visits WHERE visit_id = ?').run(id);
  }
  return n;
}

/** Replace every earlier feed row of a key with one removal: a removed record's old bodies
 *  (names, conditions) must not live on in the feed. A kiosk behind applies just the removal. */
export function retireFeedKey(db: Db, entity: 'exemption' | 'expected', key: string, at: Date): void {
  stmt(db, 'DELETE FROM ref_changes WHERE entity = ? AND key = ?').run(entity, key);
  appendRefChange(db, entity, key, null, at);
}

export function deleteExemption(db: Db, id: string, at: Date): number {
  // A request made before the visit (its risk assessment, the visitor's address) and its expiry
  // reminder go with the register entry.
  if (hasTable(db, 'previsit_requests')) {
    stmt(db, 'DELETE FROM previsit_requests WHERE exemption_id = ?').run(id);
    stmt(db, 'DELETE FROM notify_expiry WHERE exemption_id = ?').run(id);
  }
  const n = stmt(db, 'DELETE FROM exemptions WHERE id = ?').run(id).changes;
  if (n) retireFeedKey(db, 'exemption', id, at);
  if (hasTable(db, 'notify_outbox')) stmt(db, 'DELETE FROM notify_outbox WHERE ref = ?').run(`exemption:${id}`); // the head's notice names them
  return n;
}

export function deleteExpected(db: Db, id: string, at: Date): number {
  // Invitations (and their messages, which name the visitor) and requests made before the visit
  // go with the expected visitor: the address and the risk assessment were kept for that visit.
  if (hasTable(db, 'invitations')) {
    for (const inv of stmt(db, 'SELECT id FROM invitations WHERE expected_id = ?').all(id) as { id: string }[])
      stmt(db, 'DELETE FROM notify_outbox WHERE ref = ?').run(`invitation:${inv.id}`);
    if (hasTable(db, 'invitation_rule_notices')) {
      stmt(db, 'DELETE FROM invitation_rule_notices WHERE invitation_id IN (SELECT id FROM invitations WHERE expected_id = ?)').run(id);
      stmt(db, 'DELETE FROM invitation_letters WHERE expected_id = ?').run(id);
    }
    stmt(db, 'DELETE FROM invitations WHERE expected_id = ?').run(id);
    stmt(db, 'DELETE FROM previsit_requests WHERE expected_id = ?').run(id);
  }
  const n = stmt(db, 'DELETE FROM expected_visitors WHERE id = ?').run(id).changes;
  if (n) retireFeedKey(db, 'expected', id, at);
  return n;
}

/** Visits erased on request: the feed's 'erasure' keys are the hub's memory of them. */
export function erasedVisitIds(db: Db): string[] {
  return stmt(db, "SELECT DISTINCT key FROM ref_changes WHERE entity = 'erasure'").pluck().all() as string[];
}
