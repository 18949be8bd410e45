// The escort rule's clearance for a visit as the hub knows it: the same rule the kiosk uses
// (clearanceOf in shared/admission.ts: reception's ID check for this visit, or a valid assurance
// on the regular-visitor register), fed with the hub's own records: its ID checks, and the
// register entry the visit was signed in with by card (regular_visits, core/office/regulars/fromKiosk.ts).
// The hub reads the register itself rather than a kiosk's copy, so a check recorded or corrected
// in the console counts here at once.
import { clearanceOf, type AssuranceEvidence, type Clearance } from '../../../shared/admission.js';
import { assuranceValidUntil, type RegularStatus } from '../../../shared/regulars.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { hubIdCheck } from './handlers.js';

/**
 * The assurance on the register entry this visit was signed in with, valid on `day` (the visit's
 * site day): the last day the checks valid then cover. None for a visit not made by card, for a
 * person not active, or when no check covers that day (expired, or not yet started).
 */
export function hubAssuranceForVisit(db: Db, visitId: string, day: string): AssuranceEvidence | null {
  const person = stmt(db, 'SELECT r.id, r.status FROM regular_visits rv JOIN regulars r ON r.id = rv.regular_id WHERE rv.visit_id = ?').get(visitId) as
    | { id: string; status: RegularStatus }
    | undefined;
  if (!person) return null;
  const assurances = (stmt(db, 'SELECT checked_on, expires_on FROM regular_assurances WHERE regular_id = ?').all(person.id) as { checked_on: string; expires_on: string }[]).map((a) => ({
    checkedOn: a.checked_on,
    expiresOn: a.expires_on,
  }));
  const until = assuranceValidUntil({ status: person.status, assurances }, day);
  return until ? { what: 'assurance on the regular-visitor register', validUntil: until } : null;
}

/** The visit's clearance now, as the hub knows it (roll call and its PDF). */
export function hubVisitClearance(db: Db, visitId: string): Clearance {
  const v = stmt(db, 'SELECT arrived_at, local_day FROM visits WHERE id = ?').get(visitId) as { arrived_at: string | null; local_day: string } | undefined;
  if (!v || !v.arrived_at) return { idChecked: false, reason: null };
  const check = hubIdCheck(db, visitId);
  return clearanceOf({ arrivedAt: v.arrived_at, localDay: v.local_day, idCheck: check ? { seen: check.seen, by: check.by, at: check.at } : null }, hubAssuranceForVisit(db, visitId, v.local_day));
}
