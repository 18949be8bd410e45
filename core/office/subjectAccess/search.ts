// Finding a person's records for a subject access request: by name (case and spacing aside,
// part of a name matches) and optionally a date range, across every kiosk's visits, the
// exemptions register and the breach log. The answer is grouped by the name as written, for
// staff to confirm which groups really are the person before anything is exported or changed.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import type { OfficeOpParsed } from '../../../shared/office.js';
import type { SubjectCandidate, SubjectSearchResult } from '../../../shared/retention.js';
import { nameKey } from '../../../shared/text.js';
import { containsText } from '../../db/dialect.js';

const LIMIT = 500;

export function searchSubject(db: Db, input: OfficeOpParsed<'subjectAccess.search'>): SubjectSearchResult {
  const q = nameKey(input.name);
  const from = input.from ?? '0000-01-01';
  const to = input.to ?? '9999-12-31';
  const people = new Map<string, SubjectCandidate>();
  const person = (key: string, fullName: string): SubjectCandidate => {
    let p = people.get(key);
    if (!p) people.set(key, (p = { fullName, visits: [], exemptions: [], breaches: [] }));
    return p;
  };
  let more = false;

  // A substring of the normalised key, not LIKE: nothing typed is a wildcard.
  const visits = stmt(
    db,
    `SELECT v.id, v.full_name, v.name_key, v.local_day, v.arrived_at, COALESCE(k.name, v.kiosk_id) AS kiosk_name, v.organisation, v.category
       FROM visits v LEFT JOIN kiosks k ON k.id = v.kiosk_id
      WHERE ${containsText(db, 'v.name_key', '?')} AND v.local_day >= ? AND v.local_day <= ?
      ORDER BY v.arrived_at DESC, v.id LIMIT ?`,
  ).all(q, from, to, LIMIT + 1) as { id: string; full_name: string; name_key: string; local_day: string; arrived_at: string; kiosk_name: string; organisation: string; category: string }[];
  if (visits.length > LIMIT) more = true;
  for (const v of visits.slice(0, LIMIT))
    person(v.name_key, v.full_name).visits.push({ visitId: v.id, localDay: v.local_day, arrivedAt: v.arrived_at, kioskName: v.kiosk_name, organisation: v.organisation, category: v.category });

  // An exemption is in the range when its life (request to end of validity) overlaps it.
  const exemptions = stmt(
    db,
    `SELECT id, full_name, name_key, status, organisation, created_at, valid_from, valid_to FROM exemptions
      WHERE ${containsText(db, 'name_key', '?')}
        AND COALESCE(valid_to, substr(created_at, 1, 10)) >= ? AND CASE WHEN COALESCE(valid_from, '9999-12-31') < substr(created_at, 1, 10) THEN COALESCE(valid_from, '9999-12-31') ELSE substr(created_at, 1, 10) END <= ?
      ORDER BY created_at DESC LIMIT ?`,
  ).all(q, from, to, LIMIT + 1) as { id: string; full_name: string; name_key: string; status: string; organisation: string; created_at: string; valid_from: string | null; valid_to: string | null }[];
  if (exemptions.length > LIMIT) more = true;
  for (const e of exemptions.slice(0, LIMIT))
    person(e.name_key, e.full_name).exemptions.push({ id: e.id, status: e.status, organisation: e.organisation, createdAt: e.created_at, validFrom: e.valid_from, validTo: e.valid_to });

  // The breach log names people in free text; it is small, so it is matched here row by row.
  const breaches = stmt(db, 'SELECT id, person, logged_at, status, location FROM breaches WHERE substr(logged_at, 1, 10) >= ? AND substr(logged_at, 1, 10) <= ? ORDER BY logged_at DESC').all(from, to) as {
    id: string;
    person: string;
    logged_at: string;
    status: 'open' | 'closed';
    location: string;
  }[];
  for (const b of breaches) {
    const key = nameKey(b.person);
    if (key.includes(q)) person(key, b.person).breaches.push({ id: b.id, loggedAt: b.logged_at, status: b.status, location: b.location });
  }

  return { people: [...people.values()].sort((a, b) => a.fullName.localeCompare(b.fullName, 'en-GB')), more };
}
