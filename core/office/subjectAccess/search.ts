// Finding a person's records for a subject access request: by name (case and spacing aside,
// part of a name matches) and/or by email address (the whole address), optionally in a date
// range, across every kiosk's visits (with reception's ID checks), the exemptions register, the
// breach log, the regular-visitor register, expected visitors (invitations, pre-visit requests),
// the restricted list and the messages sent to them. The answer is grouped by the name as
// written, for staff to confirm which groups really are the person before anything is exported
// or changed. Concerns and the restricted list are searched for SAR_SAFEGUARDING_ROLES only.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import type { OfficeOpParsed, Role } from '../../../shared/office.js';
import type { SubjectCandidate, SubjectSearchResult } from '../../../shared/retention.js';
import { RESTRICTED_MARKER, SAR_SAFEGUARDING_ROLES } from '../../../shared/subjectAccessRecords.js';
import { nameKey } from '../../../shared/text.js';
import { containsText } from '../../db/dialect.js';

const LIMIT = 500;

type Found = Map<string, SubjectCandidate>;

export function searchSubject(db: Db, input: OfficeOpParsed<'subjectAccess.search'>, role: Role): SubjectSearchResult {
  const q = input.name === undefined ? null : nameKey(input.name);
  const email = input.email ?? null;
  const from = input.from ?? '0000-01-01';
  const to = input.to ?? '9999-12-31';
  const safeguarding = SAR_SAFEGUARDING_ROLES.includes(role);
  const people: Found = new Map();
  const person = (key: string, fullName: string): SubjectCandidate => {
    let p = people.get(key);
    if (!p) people.set(key, (p = { fullName, visits: [], exemptions: [], breaches: [], regulars: [], expected: [], restricted: [], notifications: [] }));
    return p;
  };
  let more = false;

  if (q !== null) {
    // A substring of the normalised key, not LIKE: nothing typed is a wildcard.
    const visits = stmt(
      db,
      `SELECT v.id, v.full_name, v.name_key, v.local_day, v.arrived_at, COALESCE(k.name, v.kiosk_id) AS kiosk_name, v.organisation, v.category,
              (SELECT COUNT(*) FROM id_checks c WHERE c.visit_id = v.id) AS id_checks
         FROM visits v LEFT JOIN kiosks k ON k.id = v.kiosk_id
        WHERE ${containsText(db, 'v.name_key', '?')} AND v.local_day >= ? AND v.local_day <= ?
        ORDER BY v.arrived_at DESC, v.id LIMIT ?`,
    ).all(q, from, to, LIMIT + 1) as { id: string; full_name: string; name_key: string; local_day: string; arrived_at: string; kiosk_name: string; organisation: string; category: string; id_checks: number }[];
    if (visits.length > LIMIT) more = true;
    for (const v of visits.slice(0, LIMIT))
      person(v.name_key, v.full_name).visits.push({ visitId: v.id, localDay: v.local_day, arrivedAt: v.arrived_at, kioskName: v.kiosk_name, organisation: v.organisation, category: v.category, idChecks: Number(v.id_checks) });

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

    // The register is a standing record: listed whatever the date range.
    const regulars = stmt(db, `SELECT id, full_name, name_key, status, organisation, category, created_at FROM regulars WHERE ${containsText(db, 'name_key', '?')} ORDER BY created_at, id`).all(q) as {
      id: string; full_name: string; name_key: string; status: string; organisation: string; category: string; created_at: string;
    }[];
    for (const r of regulars) person(r.name_key, r.full_name).regulars.push({ id: r.id, status: r.status, organisation: r.organisation, category: r.category, createdAt: r.created_at });

    expectedRows(db, `${containsText(db, 'e.name_key', '?')} AND e.expected_on >= ? AND e.expected_on <= ?`, [q, from, to], person);
  }

  if (email !== null) {
    // Invitations and pre-visit requests keep the address in lower case (invitations/checks.ts).
    expectedRows(
      db,
      `(e.id IN (SELECT expected_id FROM invitations WHERE email = ?) OR e.id IN (SELECT expected_id FROM previsit_requests WHERE email = ?)) AND e.expected_on >= ? AND e.expected_on <= ?`,
      [email, email, from, to],
      person,
    );
  }

  if (safeguarding) {
    // The breach log names people in free text; it is small, so it is matched here row by row.
    // A concern linked to one of the person's visits is theirs too, whatever name it gives.
    const visitIds = new Map<string, SubjectCandidate>();
    for (const p of people.values()) for (const v of p.visits) visitIds.set(v.visitId, p);
    const breaches = stmt(db, 'SELECT id, person, visit_id, logged_at, status, location FROM breaches WHERE substr(logged_at, 1, 10) >= ? AND substr(logged_at, 1, 10) <= ? ORDER BY logged_at DESC').all(from, to) as {
      id: string; person: string; visit_id: string | null; logged_at: string; status: 'open' | 'closed'; location: string;
    }[];
    for (const b of breaches) {
      const key = nameKey(b.person);
      const owner = q !== null && key.includes(q) ? person(key, b.person) : b.visit_id ? visitIds.get(b.visit_id) : undefined;
      if (owner) owner.breaches.push({ id: b.id, loggedAt: b.logged_at, status: b.status, location: b.location });
    }
    // The restricted list: by the entry's name or any alias. Standing records, like the register.
    if (q !== null) {
      const entries = stmt(db, 'SELECT id, full_name, aliases, review_on, created_at, removed_at FROM restricted_people ORDER BY created_at, id').all() as {
        id: string; full_name: string; aliases: string; review_on: string; created_at: string; removed_at: string | null;
      }[];
      for (const r of entries) {
        const keys = [r.full_name, ...(JSON.parse(r.aliases) as string[])].map(nameKey);
        if (keys.some((k) => k.includes(q)))
          person(nameKey(r.full_name), r.full_name).restricted.push({ id: r.id, createdAt: r.created_at, reviewOn: r.review_on, removedAt: r.removed_at, marker: RESTRICTED_MARKER });
      }
    }
  }

  // Messages addressed to them: to an address their invitations or requests hold, or the one searched for.
  const byAddress = new Map<string, SubjectCandidate>();
  for (const p of people.values()) for (const e of p.expected) for (const a of e.emails) if (!byAddress.has(a)) byAddress.set(a, p);
  if (email !== null && !byAddress.has(email)) byAddress.set(email, person(`@${email}`, email));
  const messages = stmt(
    db,
    "SELECT id, kind, recipient, created_at, status FROM notify_outbox WHERE channel = 'email' AND lower(recipient) = ? AND substr(created_at, 1, 10) >= ? AND substr(created_at, 1, 10) <= ? ORDER BY created_at, id",
  );
  for (const [address, p] of byAddress)
    for (const m of messages.all(address, from, to) as { id: string; kind: string; recipient: string; created_at: string; status: string }[])
      p.notifications.push({ id: m.id, kind: m.kind, recipient: m.recipient, createdAt: m.created_at, status: m.status });
  // An address searched for that nothing holds is no person.
  if (email !== null) {
    const bare = people.get(`@${email}`);
    if (bare && bare.notifications.length === 0) people.delete(`@${email}`);
  }

  return { people: [...people.values()].sort((a, b) => a.fullName.localeCompare(b.fullName, 'en-GB')), more };
}

/** Expected visitors matching `where` (alias e), each with its invitations and pre-visit requests counted and its addresses. */
function expectedRows(db: Db, where: string, params: unknown[], person: (key: string, fullName: string) => SubjectCandidate): void {
  const rows = stmt(
    db,
    `SELECT e.id, e.full_name, e.name_key, e.expected_on, e.organisation, e.category,
            (SELECT COUNT(*) FROM invitations i WHERE i.expected_id = e.id) AS invitations,
            (SELECT COUNT(*) FROM previsit_requests r WHERE r.expected_id = e.id) AS previsit
       FROM expected_visitors e WHERE ${where} ORDER BY e.expected_on, e.id LIMIT ${LIMIT}`,
  ).all(...params) as { id: string; full_name: string; name_key: string; expected_on: string; organisation: string; category: string; invitations: number; previsit: number }[];
  const addresses = stmt(db, 'SELECT email FROM invitations WHERE expected_id = ? UNION SELECT email FROM previsit_requests WHERE expected_id = ?').pluck();
  for (const e of rows) {
    const p = person(e.name_key, e.full_name);
    if (p.expected.some((x) => x.id === e.id)) continue; // found by name and by address
    const emails = (addresses.all(e.id, e.id) as string[]).map((a) => a.toLowerCase()).sort();
    p.expected.push({ id: e.id, expectedOn: e.expected_on, organisation: e.organisation, category: e.category, invitations: Number(e.invitations), previsitRequests: Number(e.previsit), emails });
  }
}
