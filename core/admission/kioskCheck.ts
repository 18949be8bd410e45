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
 * The seam for the regular-visitor register (issue #13 part A): the assurance on the record of
 * the regular this visit belongs to, valid or not (clearanceOf judges the dates). Until the
 * register is on this kiosk no visit belongs to a regular, so none has one.
 */
export function assuranceForVisit(_db: Db, _visitId: string): AssuranceEvidence | null {
  return null;
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
