// What the kiosk knows, offline, about admitting a visitor: whether reception recorded an ID
// check for a visit, and whether a typed name matches the restricted list's keys.
import { clearanceOf, type AssuranceEvidence, type Clearance, type IdCheck, type IdCheckSeen } from '../../shared/admission.js';
import type { Db } from '../db/open.js';
import { getSetting } from '../site/settings.js';
import { stmt } from '../db/statements.js';
import { RESTRICTED_SECRET_KEY } from './apply.js';
import { restrictedKey } from './restrictedKey.js';

export function idCheckOf(db: Db, visitId: string): IdCheck | null {
  const r = stmt(db, 'SELECT seen, checked_by, checked_at FROM id_checks WHERE visit_id = ?').get(visitId) as { seen: IdCheckSeen; checked_by: string; checked_at: string } | undefined;
  return r ? { seen: r.seen, by: r.checked_by, at: r.checked_at } : null;
}

/**
 * The assurance on the regular-visitor record this visit was signed in with (a card sign-in,
 * core/regulars/quickSignIn.ts), as the office last sent it: the last day a recorded check covers.
 * None for anyone else, for a person not active, or for one whose checks have all run out.
 */
export function assuranceForVisit(db: Db, visitId: string): AssuranceEvidence | null {
  const r = stmt(
    db,
    'SELECT r.status, r.assurance_valid_until FROM regular_visits rv JOIN regulars r ON r.id = rv.regular_id WHERE rv.visit_id = ?',
  ).get(visitId) as { status: string; assurance_valid_until: string | null } | undefined;
  if (!r || r.status !== 'active' || !r.assurance_valid_until) return null;
  return { what: 'assurance on the regular-visitor register', validUntil: r.assurance_valid_until };
}

/** The visit's clearance now: reception's check, or (regular visitors) an assurance. */
export function visitClearance(db: Db, visitId: string, assurance: AssuranceEvidence | null = assuranceForVisit(db, visitId)): Clearance {
  const v = stmt(db, 'SELECT arrived_at, local_day FROM visits WHERE id = ?').get(visitId) as { arrived_at: string; local_day: string } | undefined;
  if (!v) return { idChecked: false, reason: null };
  return clearanceOf({ arrivedAt: v.arrived_at, localDay: v.local_day, idCheck: idCheckOf(db, visitId) }, assurance);
}

/** The restricted-list entry a typed name matches, or null (also when no list has arrived yet). */
export function restrictedMatch(db: Db, fullName: string): string | null {
  const secret = getSetting(db, RESTRICTED_SECRET_KEY);
  if (!secret) return null;
  const key = restrictedKey(secret, fullName);
  if (!key) return null;
  return (stmt(db, 'SELECT entry_id FROM restricted_keys WHERE key = ? ORDER BY entry_id LIMIT 1').pluck().get(key) as string | undefined) ?? null;
}
