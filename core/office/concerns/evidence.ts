// The DSL's evidence view: for a day, a term or a person, each visit with the device approval
// it was under (who approved it, the conditions, any revocation), what the visitor acknowledged
// (policy version, text hash, time), where their phone was otherwise, and any concern logged
// against the visit. Reads through visits' arrival index (or the partial index of visits under an
// approval, or the name index), so a term costs the term's visits, not the whole history.
import type { Evidence, EvidenceQuery, EvidenceRow } from '../../../shared/concerns.js';
import type { PhoneCustody } from '../../../shared/domain.js';
import { nameKey } from '../../../shared/text.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { hubToday } from '../reference/site.js';

type Row = {
  id: string;
  kiosk_name: string;
  full_name: string;
  organisation: string;
  category: string;
  local_day: string;
  arrived_at: string;
  departed_at: string | null;
  policy_version: number | null;
  policy_text_hash: string | null;
  acknowledged_at: string | null;
  language: string;
  phone_custody: string | null;
  phone_in_at: string | null;
  phone_out_at: string | null;
  exemption_id: string | null;
  e_status: string | null;
  e_devices: string | null;
  e_location_ids: string | null;
  e_conditions: string | null;
  e_valid_from: string | null;
  e_valid_to: string | null;
  e_decided_by: string | null;
  e_decided_at: string | null;
  e_revoked_by: string | null;
  e_revoked_at: string | null;
  e_revoke_reason: string | null;
};

const COLUMNS = `v.id, COALESCE(k.name, v.kiosk_id) AS kiosk_name, v.full_name, v.organisation, v.category, v.local_day, v.arrived_at,
  v.departed_at, v.policy_version, v.policy_text_hash, v.acknowledged_at, v.language, v.phone_custody, v.phone_in_at, v.phone_out_at,
  v.exemption_id, e.status AS e_status, e.devices AS e_devices, e.location_ids AS e_location_ids, e.conditions AS e_conditions,
  e.valid_from AS e_valid_from, e.valid_to AS e_valid_to, e.decided_by AS e_decided_by, e.decided_at AS e_decided_at,
  e.revoked_by AS e_revoked_by, e.revoked_at AS e_revoked_at, e.revoke_reason AS e_revoke_reason`;
const JOINS = 'LEFT JOIN kiosks k ON k.id = v.kiosk_id LEFT JOIN exemptions e ON e.id = v.exemption_id';

/** A day range as arrival times wide enough for any time zone (UTC-12 … UTC+14); the exact
 *  school day is then checked on local_day. */
function arrivalBounds(from: string, to: string): { lo: string; hi: string } {
  const shift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString();
  return { lo: shift(from, -1), hi: shift(to, 2) };
}

/** The days the query covers: a person with no dates is looked up over their whole history. */
export function evidenceRange(db: Db, q: EvidenceQuery, now: Date): { from: string; to: string } {
  switch (q.scope) {
    case 'day':
      return { from: q.day, to: q.day };
    case 'term':
      return { from: q.from, to: q.to };
    case 'person':
      return { from: q.from ?? '0000-01-01', to: q.to ?? hubToday(db, now) };
  }
}

export function custodyText(json: string | null): string {
  if (!json) return 'Not recorded';
  const p = JSON.parse(json) as PhoneCustody;
  switch (p.kind) {
    case 'locker': {
      // A label may already say "Locker 4" (the default lockers do): not "Locker Locker 4".
      const word = p.lockerKind === 'pouch' ? 'Pouch' : 'Locker';
      return new RegExp(`^${word}\\b`, 'i').test(p.lockerLabel.trim()) ? p.lockerLabel.trim() : `${word} ${p.lockerLabel.trim()}`;
    }
    case 'reception':
      return 'Handed to reception';
    case 'none':
      return 'No phone';
    case 'exemption_pending':
      return 'Device-use request pending';
    case 'exemption':
      return 'Kept under an approval';
  }
}

/** The SQL for the query's shape: each text is fixed so its index is chosen when prepared. */
export function evidenceSql(q: EvidenceQuery): string {
  const where = ['v.arrived_at >= @lo', 'v.arrived_at < @hi', 'v.local_day >= @from', 'v.local_day <= @to'];
  if (q.devicesOnly) where.push('v.exemption_id IS NOT NULL');
  if (q.scope === 'person') where.push('v.name_key = @key');
  return `SELECT ${COLUMNS} FROM visits v ${JOINS} WHERE ${where.join(' AND ')} ORDER BY v.arrived_at, v.id LIMIT @limit`;
}

export function evidence(db: Db, q: EvidenceQuery, now: Date, limit: number): Evidence {
  const { from, to } = evidenceRange(db, q, now);
  const { lo, hi } = arrivalBounds(from, to);
  const params: Record<string, unknown> = { lo, hi, from, to, limit: limit + 1 };
  if (q.scope === 'person') params.key = nameKey(q.name);
  const found = stmt(db, evidenceSql(q)).all(params) as Row[];
  const more = found.length > limit;
  const rows = found.slice(0, limit);
  const concerns = concernsOf(db, rows.map((r) => r.id));
  const places = placeNames(db);
  return {
    query: q,
    from,
    to,
    rows: rows.map((r) => toRow(r, concerns.get(r.id) ?? [], places)),
    more,
    generatedAt: now.toISOString(),
  };
}

function placeNames(db: Db): Map<string, string> {
  return new Map((stmt(db, 'SELECT id, name FROM locations').all() as { id: string; name: string }[]).map((l) => [l.id, l.name]));
}

type ConcernRef = EvidenceRow['concerns'][number];

/** Concerns logged against these visits, by visit (through breaches_by_visit, 500 ids a time). */
function concernsOf(db: Db, visitIds: string[]): Map<string, ConcernRef[]> {
  const out = new Map<string, ConcernRef[]>();
  for (let i = 0; i < visitIds.length; i += 500) {
    const chunk = visitIds.slice(i, i + 500);
    const found = db
      .prepare(`SELECT id, visit_id, kind, severity, status, logged_at FROM breaches WHERE visit_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY logged_at, id`)
      .all(...chunk) as (Omit<ConcernRef, 'loggedAt'> & { visit_id: string; logged_at: string })[];
    for (const c of found) {
      const list = out.get(c.visit_id) ?? [];
      list.push({ id: c.id, kind: c.kind, severity: c.severity, status: c.status, loggedAt: c.logged_at });
      out.set(c.visit_id, list);
    }
  }
  return out;
}

function toRow(r: Row, concerns: ConcernRef[], places: Map<string, string>): EvidenceRow {
  // Revoked after they left says nothing about this visit (as on the console's lists).
  const revokedHere = r.e_revoked_at !== null && (r.departed_at === null || r.e_revoked_at <= r.departed_at);
  return {
    visitId: r.id,
    kioskName: r.kiosk_name,
    fullName: r.full_name,
    organisation: r.organisation,
    category: r.category,
    day: r.local_day,
    arrivedAt: r.arrived_at,
    departedAt: r.departed_at,
    policyVersion: r.policy_version,
    policyTextHash: r.policy_text_hash,
    acknowledgedAt: r.acknowledged_at,
    language: r.language,
    custody: custodyText(r.phone_custody),
    phoneInAt: r.phone_in_at,
    phoneOutAt: r.phone_out_at,
    approval:
      r.exemption_id === null
        ? null
        : {
            exemptionId: r.exemption_id,
            status: r.e_status ?? 'unknown',
            devices: r.e_devices ?? '',
            locations: (JSON.parse(r.e_location_ids ?? '[]') as string[]).map((id) => places.get(id) ?? id),
            conditions: r.e_conditions ?? '',
            validFrom: r.e_valid_from,
            validTo: r.e_valid_to,
            approvedBy: r.e_decided_by,
            approvedAt: r.e_decided_at,
            revokedBy: revokedHere ? r.e_revoked_by : null,
            revokedAt: revokedHere ? r.e_revoked_at : null,
            revokeReason: revokedHere ? r.e_revoke_reason : null,
          },
    concerns,
  };
}
