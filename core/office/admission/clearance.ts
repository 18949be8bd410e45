// The escort rule's clearance for visits as the hub knows them: the same rule the kiosk uses
// (clearanceOf in shared/admission.ts: reception's ID check for this visit, or a valid assurance
// on the regular-visitor register), fed with the hub's own records: its ID checks, and the
// register entry a visit was signed in with by card (regular_visits, core/office/regulars/fromKiosk.ts).
// The hub reads the register itself rather than a kiosk's copy, so a check recorded or corrected
// in the console counts here at once.
import { clearanceOf, type Clearance, type IdCheck, type IdCheckSeen } from '../../../shared/admission.js';
import { assuranceValidUntil, type RegularStatus } from '../../../shared/regulars.js';
import type { Db } from '../../db/open.js';
import { jsonArrayValues } from '../../db/dialect.js';
import { stmt } from '../../db/statements.js';

export type ClearanceVisit = { visitId: string; arrivedAt: string | null; localDay: string };

/**
 * The clearance of many visits at once (the roll call: everyone on site) in three statements
 * whatever their number, not a handful per visit: on PostgreSQL each statement is a round trip,
 * and the fire roll call must open at once. A visit not made by card, a person not active, or
 * no check covering the visit's day (expired, or not yet started) gives no assurance.
 */
export function hubClearances(db: Db, visits: readonly ClearanceVisit[]): Map<string, Clearance> {
  const out = new Map<string, Clearance>();
  if (visits.length === 0) return out;
  const ids = JSON.stringify(visits.map((v) => v.visitId));
  const inIds = `IN (SELECT value FROM ${jsonArrayValues(db, '?')})`;
  // The latest check of each visit: rows come newest first, the first one seen wins.
  const checks = new Map<string, IdCheck>();
  const checkRows = stmt(db, `SELECT visit_id, seen, checked_by, checked_at FROM id_checks WHERE visit_id ${inIds} ORDER BY checked_at DESC, id DESC`).all(ids) as {
    visit_id: string;
    seen: IdCheckSeen;
    checked_by: string;
    checked_at: string;
  }[];
  for (const r of checkRows) if (!checks.has(r.visit_id)) checks.set(r.visit_id, { seen: r.seen, by: r.checked_by, at: r.checked_at });

  const people = new Map<string, { id: string; status: RegularStatus }>();
  const personRows = stmt(db, `SELECT rv.visit_id, r.id, r.status FROM regular_visits rv JOIN regulars r ON r.id = rv.regular_id WHERE rv.visit_id ${inIds}`).all(ids) as {
    visit_id: string;
    id: string;
    status: RegularStatus;
  }[];
  for (const r of personRows) people.set(r.visit_id, { id: r.id, status: r.status });

  const assurances = new Map<string, { checkedOn: string; expiresOn: string }[]>();
  if (people.size > 0) {
    const regularIds = JSON.stringify([...new Set([...people.values()].map((p) => p.id))]);
    const rows = stmt(db, `SELECT regular_id, checked_on, expires_on FROM regular_assurances WHERE regular_id ${inIds}`).all(regularIds) as { regular_id: string; checked_on: string; expires_on: string }[];
    for (const a of rows) {
      const one = { checkedOn: a.checked_on, expiresOn: a.expires_on };
      const list = assurances.get(a.regular_id);
      if (list) list.push(one);
      else assurances.set(a.regular_id, [one]);
    }
  }

  for (const v of visits) {
    if (!v.arrivedAt) {
      out.set(v.visitId, { idChecked: false, reason: null });
      continue;
    }
    const person = people.get(v.visitId);
    const until = person ? assuranceValidUntil({ status: person.status, assurances: assurances.get(person.id) ?? [] }, v.localDay) : null;
    const assurance = until ? { what: 'assurance on the regular-visitor register', validUntil: until } : null;
    out.set(v.visitId, clearanceOf({ arrivedAt: v.arrivedAt, localDay: v.localDay, idCheck: checks.get(v.visitId) ?? null }, assurance));
  }
  return out;
}
