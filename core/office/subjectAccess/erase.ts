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
//  - breach/concern records themselves are never erasable on request: they are the school's
//    safeguarding record (art. 17(3)(b)/(e)) and go when their retention period ends. A
//    record naming the wrong person is corrected with subjectAccess.rectify.
// Erased visits are deleted with their events, and kiosks are told (an 'erasure' in the pull
// feed) so they delete their copies; that feed entry also lets the purge erase again a visit
// a kiosk pushed before it heard of the erasure.
import { ContractError, type FieldProblem } from '../../../shared/errors.js';
import type { Db } from '../../db/open.js';
import { secureDeleteOn, truncateWalWhenFree } from '../../retention/wipe.js';
import { appendRefChange } from '../reference/feed.js';
import { hubToday } from '../reference/site.js';
import { currentHolds, exemptionHeld } from '../retention/holds.js';
import { deleteExemption, deleteHubVisits } from '../retention/remove.js';
import type { Confirmed } from './document.js';

const WHY = {
  held: 'under an open breach or concern',
  onSite: 'not signed out (the fire roll call needs it)',
  inForce: 'an approved exemption still in force (revoke it first)',
} as const;

export function refusals(db: Db, records: Confirmed, at: Date, ids: { visitIds: readonly string[]; exemptionIds: readonly string[] }): FieldProblem[] {
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
  return out;
}

/** All or nothing, in the caller's transaction. */
export function erase(db: Db, records: Confirmed, at: Date, ids: { visitIds: readonly string[]; exemptionIds: readonly string[] }): { visits: number; exemptions: number; events: number } {
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
  truncateWalWhenFree(db);
  return { visits: deleted.visits, exemptions, events: deleted.events };
}
