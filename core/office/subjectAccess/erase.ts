// Erasing a person's records on request (UK GDPR article 17), and when the school must say no.
//
// The rule: everything confirmed is erased, or nothing is and staff are told which records
// stand in the way and why —
//  - a record under an open breach/concern (linked to it, or the person it names: see
//    retention/holds.ts): the school needs it to deal with the concern and may need it to
//    defend a claim (art. 17(3)(e)) or for its safeguarding duty (art. 17(3)(b), Keeping
//    Children Safe in Education). Once the DSL closes the concern, the request can be granted.
//  - a visit still open (no sign-out): the fire roll call relies on it while they may be on
//    site (Regulatory Reform (Fire Safety) Order 2005). Sign them out first.
//  - an exemption approved and still in force: kiosks act on it; revoke it first (the
//    revocation is recorded), then erase.
//  - breach/concern records and restricted-list entries are never erasable on request: they
//    are the school's safeguarding records (art. 17(3)(b)/(e)) and go when their retention
//    period ends. Asked for, they are refused with that reason (SAFEGUARDING_KEPT). A record
//    naming the wrong person is corrected with subjectAccess.rectify.
//  - a register entry whose card still opens the building: revoke the card first.
//  - a register entry or expected visitor named by an open concern: held, as visits are.
// A register entry goes with its assurance records, agreement acknowledgements, card sign-in
// links and reminders; an expected visitor with its invitations, their messages and pre-visit
// requests (retention/remove.ts deleteExpected); kiosks are told to drop their copies.
// Erased visits are deleted with their events, and kiosks are told (an 'erasure' in the pull
// feed) so they delete their copies; that feed entry also lets the purge erase again a visit
// a kiosk pushed before it heard of the erasure.
import { ContractError, type FieldProblem } from '../../../shared/errors.js';
import { SAFEGUARDING_KEPT } from '../../../shared/subjectAccessRecords.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { secureDeleteOn, truncateWalWhenFree } from '../../retention/wipe.js';
import { appendRefChange } from '../reference/feed.js';
import { hubToday } from '../reference/site.js';
import { currentHolds, exemptionHeld } from '../retention/holds.js';
import { deleteExemption, deleteExpected, deleteHubVisits } from '../retention/remove.js';
import type { Confirmed, ConfirmedIds } from './document.js';

const WHY = {
  held: 'under an open breach or concern',
  onSite: 'not signed out (the fire roll call needs it)',
  inForce: 'an approved exemption still in force (revoke it first)',
  cardActive: 'a regular visitor\u2019s card that still opens the building (revoke it first)',
} as const;

type EraseIds = ConfirmedIds;

export function refusals(db: Db, records: Confirmed, at: Date, ids: EraseIds): FieldProblem[] {
  const holds = currentHolds(db);
  const today = hubToday(db, at);
  const out: FieldProblem[] = [];
  const visitIndex = (id: string) => [...new Set(ids.visitIds)].indexOf(id);
  const exemptionIndex = (id: string) => [...new Set(ids.exemptionIds)].indexOf(id);
  for (const v of records.visits) {
    if (holds.visitIds.has(v.id)) out.push({ path: `visitIds.${visitIndex(v.id)}`, message: 'held' });
    else if (v.departed_at === null) out.push({ path: `visitIds.${visitIndex(v.id)}`, message: 'onSite' });
  }
  for (const e of records.exemptions) {
    if (exemptionHeld(db, holds, e)) out.push({ path: `exemptionIds.${exemptionIndex(e.id)}`, message: 'held' });
    else if (e.status === 'approved' && (e.valid_to ?? '') >= today) out.push({ path: `exemptionIds.${exemptionIndex(e.id)}`, message: 'inForce' });
  }
  const index = (list: readonly string[] | undefined, id: string) => [...new Set(list ?? [])].indexOf(id);
  for (const r of records.regulars) {
    if (holds.nameKeys.has(r.name_key)) out.push({ path: `regularIds.${index(ids.regularIds, r.id)}`, message: 'held' });
    else if (r.card_hash !== null) out.push({ path: `regularIds.${index(ids.regularIds, r.id)}`, message: 'cardActive' });
  }
  for (const e of records.expected) if (holds.nameKeys.has(e.name_key)) out.push({ path: `expectedIds.${index(ids.expectedIds, e.id)}`, message: 'held' });
  return out;
}

/** Concerns and restricted-list entries chosen for erasure: each refused, for the reason in SAFEGUARDING_KEPT. */
function safeguardingRecords(records: Confirmed, ids: EraseIds): FieldProblem[] {
  return [
    ...records.breaches.map((b) => ({ path: `breachIds.${[...new Set(ids.breachIds ?? [])].indexOf(b.id)}`, message: 'safeguardingRecord' })),
    ...records.restricted.map((r) => ({ path: `restrictedIds.${[...new Set(ids.restrictedIds ?? [])].indexOf(r.id)}`, message: 'safeguardingRecord' })),
  ];
}

export type Erased = { visits: number; exemptions: number; events: number; regulars: number; expected: number; notifications: number };

/** All or nothing, in the caller's transaction. */
export function erase(db: Db, records: Confirmed, at: Date, ids: EraseIds): Erased {
  const kept = safeguardingRecords(records, ids);
  if (kept.length) throw new ContractError('CONFLICT', `Nothing was erased. ${SAFEGUARDING_KEPT}`, kept);
  const refused = refusals(db, records, at, ids);
  if (refused.length) {
    const reasons = [...new Set(refused.map((r) => WHY[r.message as keyof typeof WHY]))];
    throw new ContractError('CONFLICT', `Nothing was erased: ${refused.length} of the chosen records must be kept for now — ${reasons.join('; ')}.`, refused);
  }
  secureDeleteOn(db);
  const deleted = deleteHubVisits(db, records.visits.map((v) => v.id));
  for (const v of records.visits) appendRefChange(db, 'erasure', v.id, { visitId: v.id, erasedAt: at.toISOString() }, at);
  let exemptions = 0;
  for (const e of records.exemptions) exemptions += deleteExemption(db, e.id, at);
  // Messages first: an expected visitor's invitations take their messages with them.
  let notifications = 0;
  for (const n of records.notifications) notifications += stmt(db, 'DELETE FROM notify_outbox WHERE id = ?').run(n.id).changes;
  let regulars = 0;
  for (const r of records.regulars) regulars += deleteRegular(db, r.id, at);
  let expected = 0;
  for (const e of records.expected) expected += deleteExpected(db, e.id, at);
  truncateWalWhenFree(db);
  return { visits: deleted.visits, exemptions, events: deleted.events, regulars, expected, notifications };
}

/** A register entry with everything kept about it; kiosks drop their copy and the feed keeps no old one. */
function deleteRegular(db: Db, id: string, at: Date): number {
  for (const a of stmt(db, 'SELECT id FROM regular_assurances WHERE regular_id = ?').pluck().all(id) as string[])
    stmt(db, 'DELETE FROM notify_outbox WHERE ref = ?').run(`regular-assurance:${a}`); // staff reminders name them
  stmt(db, 'DELETE FROM regular_assurances WHERE regular_id = ?').run(id);
  stmt(db, 'DELETE FROM agreement_acks WHERE regular_id = ?').run(id);
  stmt(db, 'DELETE FROM regular_visits WHERE regular_id = ?').run(id);
  const n = stmt(db, 'DELETE FROM regulars WHERE id = ?').run(id).changes;
  if (n) {
    stmt(db, "DELETE FROM ref_changes WHERE entity = 'regular' AND key = ?").run(id);
    appendRefChange(db, 'regular', id, null, at);
  }
  return n;
}
