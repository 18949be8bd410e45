// Read-only questions the office console asks of the hub's visits table: who is on site, whose
// phone is where, and the history. The first two run every few seconds on a screen left open
// all day, against years of history, so each reads only through a partial index whose size is
// the number of people (or phones) here now, never the number of past visits.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import type { LockerKind, PhoneCustody, VisitorCategory } from '../../../shared/domain.js';
import type { CustodyRow, HubVisit } from '../../../shared/office.js';
import { nameKey } from '../../../shared/text.js';
import { containsText } from '../../db/dialect.js';

type VisitListRow = {
  id: string;
  kiosk_id: string;
  kiosk_name: string;
  full_name: string;
  category: VisitorCategory;
  organisation: string;
  agency_role: string;
  host_name: string;
  purpose: string;
  badge_number: number;
  badge_prefix: string;
  badge_code: string;
  arrived_at: string;
  departed_at: string | null;
  departed_by: string | null;
  needs_evac_help: number;
  id_check_required: number;
  policy_version: number | null;
  language: string;
  phone_custody: string | null;
  phone_in_at: string | null;
  phone_out_at: string | null;
  exemption_revoked: number | null;
};

/** A regular's card sign-in reaches the hub under the masked name the kiosk holds ("Jane S."):
 *  the office shows the name on the register, so on-site lists, the custody board and the fire
 *  roll call say who is really in the building. */
const REGULAR_JOINS = 'LEFT JOIN regular_visits rv ON rv.visit_id = v.id LEFT JOIN regulars reg ON reg.id = rv.regular_id';
const VISITOR_NAME = 'COALESCE(reg.full_name, v.full_name)';

/** Everything a HubVisit shows. The exemption counts as revoked for this visit only if it was
 *  revoked before they left: revoking it next week says nothing about today's visit. */
const VISIT_COLUMNS = `
  v.id, v.kiosk_id, COALESCE(k.name, v.kiosk_id) AS kiosk_name, ${VISITOR_NAME} AS full_name, v.category, v.organisation, v.agency_role,
  v.host_name, v.purpose, v.badge_number, v.badge_prefix, v.badge_code, v.arrived_at, v.departed_at, v.departed_by, v.needs_evac_help,
  v.id_check_required, v.policy_version, v.language, v.phone_custody, v.phone_in_at, v.phone_out_at,
  (e.status = 'revoked' AND (v.departed_at IS NULL OR e.revoked_at <= v.departed_at)) AS exemption_revoked`;
// LEFT JOINs keep the visit as the outer loop, so the partial index on visits drives the query.
const VISIT_JOINS = `LEFT JOIN kiosks k ON k.id = v.kiosk_id LEFT JOIN exemptions e ON e.id = v.exemption_id ${REGULAR_JOINS}`;

function parseCustody(json: string | null): PhoneCustody | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as PhoneCustody;
  } catch {
    return null; // the column is CHECKed json_valid; this is only belt and braces
  }
}

export function toHubVisit(r: VisitListRow): HubVisit {
  return {
    visitId: r.id,
    kioskId: r.kiosk_id,
    kioskName: r.kiosk_name,
    fullName: r.full_name,
    category: r.category,
    organisation: r.organisation,
    agencyRole: r.agency_role,
    hostName: r.host_name,
    purpose: r.purpose,
    badgeNumber: r.badge_number,
    badgePrefix: r.badge_prefix,
    badgeCode: r.badge_code,
    arrivedAt: r.arrived_at,
    departedAt: r.departed_at,
    departedBy: r.departed_by,
    needsEvacuationHelp: r.needs_evac_help === 1,
    idCheckRequired: r.id_check_required === 1,
    policyVersion: r.policy_version,
    language: r.language,
    phone: parseCustody(r.phone_custody),
    phoneInAt: r.phone_in_at,
    phoneOutAt: r.phone_out_at,
    exemptionRevoked: r.exemption_revoked === 1,
  };
}

// ---- who is on site -------------------------------------------------------------------------

/** Uses visits_on_site (arrived_at WHERE departed_at IS NULL), already in arrival order. */
export const HUB_ON_SITE_SQL = `SELECT ${VISIT_COLUMNS} FROM visits v ${VISIT_JOINS} WHERE v.departed_at IS NULL ORDER BY v.arrived_at`;

export function hubOnSite(db: Db): HubVisit[] {
  return (stmt(db, HUB_ON_SITE_SQL).all() as VisitListRow[]).map(toHubVisit);
}

// ---- phone custody --------------------------------------------------------------------------

/** Phones in a locker or pouch and not yet given back: visits_phone_held, whose condition
 *  this WHERE repeats word for word so the planner can prove the partial index applies. */
export const HUB_PHONES_HELD_SQL = `
  SELECT v.id, ${VISITOR_NAME} AS full_name, v.locker_id, v.phone_in_at, v.departed_at, v.local_day, v.phone_custody
    FROM visits v ${REGULAR_JOINS}
   WHERE v.locker_id IS NOT NULL AND v.phone_out_at IS NULL
   ORDER BY v.phone_in_at, v.id`;

/** Phones handed to reception and not yet given back: visits_reception_held. */
export const HUB_RECEPTION_HELD_SQL = `SELECT ${VISIT_COLUMNS} FROM visits v ${VISIT_JOINS}
   WHERE v.phone_kind = 'reception' AND v.phone_out_at IS NULL ORDER BY v.phone_in_at`;

const ACTIVE_LOCKERS_SQL = 'SELECT id, label, kind FROM lockers WHERE active = 1 ORDER BY kind, sort, id';

type HeldRow = { id: string; full_name: string; locker_id: string; phone_in_at: string | null; departed_at: string | null; local_day: string; phone_custody: string | null };

/**
 * Every active locker and pouch with the phone in it, if any. A phone still held after its
 * owner left, or from an earlier day, is `uncollected`. A phone is never hidden: one in a
 * locker since retired, or in one this hub does not know (a kiosk's own list), gets a row of
 * its own; two phones in one locker (two kiosks offline gave out the same one) give two rows.
 */
export function custodyBoard(db: Db, today: string): CustodyRow[] {
  const held = new Map<string, HeldRow[]>();
  for (const h of stmt(db, HUB_PHONES_HELD_SQL).all() as HeldRow[]) {
    const list = held.get(h.locker_id);
    if (list) list.push(h);
    else held.set(h.locker_id, [h]);
  }
  const rowsFor = (lockerId: string, label: string, kind: LockerKind): CustodyRow[] => {
    const phones = held.get(lockerId);
    held.delete(lockerId);
    if (!phones) return [{ lockerId, label, kind, holder: null, uncollected: false }];
    return phones.map((h) => ({
      lockerId,
      label,
      kind,
      holder: { visitId: h.id, fullName: h.full_name, phoneInAt: h.phone_in_at ?? '', departedAt: h.departed_at },
      uncollected: h.departed_at !== null || h.local_day < today,
    }));
  };
  const out: CustodyRow[] = [];
  for (const l of stmt(db, ACTIVE_LOCKERS_SQL).all() as { id: string; label: string; kind: LockerKind }[]) out.push(...rowsFor(l.id, l.label, l.kind));
  // What is left is held somewhere not on the active list.
  for (const [lockerId, phones] of [...held]) {
    const known = stmt(db, 'SELECT label, kind FROM lockers WHERE id = ?').get(lockerId) as { label: string; kind: LockerKind } | undefined;
    const c = parseCustody(phones[0]!.phone_custody);
    const label = known?.label ?? (c?.kind === 'locker' ? c.lockerLabel : lockerId);
    const kind = known?.kind ?? (c?.kind === 'locker' ? c.lockerKind : 'locker');
    out.push(...rowsFor(lockerId, label, kind));
  }
  return out;
}

/** Phones still held (locker, pouch or reception) whose owner has gone or whose visit was on an
 *  earlier day: the end-of-day list of phones to hand back. */
export function uncollectedPhones(db: Db, today: string): HubVisit[] {
  const rows = [
    ...(stmt(db, `SELECT ${VISIT_COLUMNS}, v.local_day FROM visits v ${VISIT_JOINS} WHERE v.locker_id IS NOT NULL AND v.phone_out_at IS NULL ORDER BY v.phone_in_at`).all() as (VisitListRow & { local_day: string })[]),
    ...(stmt(db, `SELECT ${VISIT_COLUMNS}, v.local_day FROM visits v ${VISIT_JOINS} WHERE v.phone_kind = 'reception' AND v.phone_out_at IS NULL ORDER BY v.phone_in_at`).all() as (VisitListRow & { local_day: string })[]),
  ];
  return rows.filter((r) => r.departed_at !== null || r.local_day < today).map(toHubVisit);
}

export function receptionHeld(db: Db): HubVisit[] {
  return (stmt(db, HUB_RECEPTION_HELD_SQL).all() as VisitListRow[]).map(toHubVisit);
}

// ---- history --------------------------------------------------------------------------------

export type VisitSearch = { query: string; from?: string | undefined; to?: string | undefined; category?: VisitorCategory | undefined; limit: number; before?: string | undefined };

const DAY_MS = 86_400_000;
const isoDayShift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString();

/** The (arrived_at, id) position of the visit a page ended with; null when there is no such visit. */
export function searchCursor(db: Db, visitId: string): { at: string; id: string } | null {
  const r = stmt(db, 'SELECT arrived_at, id FROM visits WHERE id = ?').get(visitId) as { arrived_at: string; id: string } | undefined;
  return r ? { at: r.arrived_at, id: r.id } : null;
}

/**
 * History, newest first, a page at a time. The page after one ending with visit X is asked
 * for with `before: X`: keyset paging on (arrived_at, id), so a page costs the same however
 * deep, and visits arriving meanwhile do not shift it. Dates are the school's calendar days
 * (local_day); the arrival-time bounds, a day wider than any time zone needs, only let the
 * visits_by_arrival index skip to the right stretch of history.
 */
export function searchVisits(db: Db, s: VisitSearch, cursor: { at: string; id: string } | null): { visits: HubVisit[]; more: boolean } {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: s.limit + 1 };
  const q = nameKey(s.query);
  if (q) {
    // A substring of the normalised key, not LIKE: nothing the person types is a wildcard.
    // A regular's card visit is found by the name on the register too.
    where.push(`(${containsText(db, 'v.name_key', ':q')} OR ${containsText(db, 'reg.name_key', ':q')})`);
    params.q = q;
  }
  if (s.from) {
    where.push('v.arrived_at >= :fromAt AND v.local_day >= :from');
    Object.assign(params, { from: s.from, fromAt: isoDayShift(s.from, -1) });
  }
  if (s.to) {
    where.push('v.arrived_at < :toAt AND v.local_day <= :to');
    Object.assign(params, { to: s.to, toAt: isoDayShift(s.to, 2) });
  }
  if (s.category) {
    where.push('v.category = :category');
    params.category = s.category;
  }
  if (cursor) {
    where.push('v.arrived_at <= :beforeAt AND (v.arrived_at < :beforeAt OR v.id < :beforeId)');
    Object.assign(params, { beforeAt: cursor.at, beforeId: cursor.id });
  }
  const sql = `SELECT ${VISIT_COLUMNS} FROM visits v ${VISIT_JOINS}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY v.arrived_at DESC, v.id DESC LIMIT :limit`;
  const rows = stmt(db, sql).all(params) as VisitListRow[];
  return { visits: rows.slice(0, s.limit).map(toHubVisit), more: rows.length > s.limit };
}

/** Visits on which an exemption was used (shown with the exemption), newest first. */
export function visitsUsingExemption(db: Db, exemptionId: string): HubVisit[] {
  return (stmt(db, `SELECT ${VISIT_COLUMNS} FROM visits v ${VISIT_JOINS} WHERE v.exemption_id = ? ORDER BY v.arrived_at DESC LIMIT 200`).all(exemptionId) as VisitListRow[]).map(
    toHubVisit,
  );
}
