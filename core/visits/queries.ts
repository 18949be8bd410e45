// Read-only questions about visits: who is on site, find my visit to sign out, policy status.
import type { OnSiteVisit, SignOutMatch } from '../../shared/contract.js';
import type { VisitorCategory } from '../../shared/domain.js';
import { maskName, nameKey } from '../../shared/text.js';
import { ContractError } from '../../shared/errors.js';
import type { Db } from '../db/open.js';
import { CUSTODY_COLUMNS, LOCKER_JOIN, custodyOf, type CustodyColumns } from './custody.js';
import { stmt } from '../db/statements.js';

type OnSiteRow = CustodyColumns & {
  id: string;
  full_name: string;
  name_key: string;
  category: VisitorCategory;
  organisation: string;
  host_name: string;
  arrived_at: string;
  badge_number: number;
  badge_prefix: string;
  needs_evac_help: number;
  id_check_required: number;
};

/** Uses the partial index visits_on_site: cost grows with people on site, not with history. */
export const ON_SITE_SQL = `
  SELECT v.id, v.full_name, v.name_key, v.category, v.organisation, v.host_name, v.arrived_at, v.badge_number, v.badge_prefix,
         v.needs_evac_help, v.id_check_required, ${CUSTODY_COLUMNS}
    FROM visits v ${LOCKER_JOIN}
   WHERE v.departed_at IS NULL
   ORDER BY v.arrived_at`;

function onSiteRows(db: Db): OnSiteRow[] {
  return stmt(db, ON_SITE_SQL).all() as OnSiteRow[];
}

export function onSite(db: Db): OnSiteVisit[] {
  return onSiteRows(db).map((r) => ({
    visitId: r.id,
    fullName: r.full_name,
    category: r.category,
    organisation: r.organisation,
    hostName: r.host_name,
    arrivedAt: r.arrived_at,
    badgeNumber: r.badge_number,
    badgePrefix: r.badge_prefix,
    phone: custodyOf(r),
    needsEvacuationHelp: r.needs_evac_help === 1,
    idCheckRequired: r.id_check_required === 1,
  }));
}

const MAX_MATCHES = 6;

/** Typed name → masked matches among people on site. A match needs the query to start the
 *  full name or one of its words (split at spaces and hyphens), so typing "a" cannot list everybody. */
export function findForSignOut(db: Db, query: string): SignOutMatch[] {
  const q = nameKey(query);
  return onSiteRows(db)
    .filter((r) => r.name_key.startsWith(q) || r.name_key.split(/[\s\-‐‑]+/u).some((w) => w.startsWith(q)))
    .slice(0, MAX_MATCHES)
    .map(toMatch);
}

export function findByBadgeCode(db: Db, code: string): SignOutMatch {
  const r = stmt(db, 
      `SELECT v.id, v.full_name, v.arrived_at, v.departed_at, ${CUSTODY_COLUMNS} FROM visits v ${LOCKER_JOIN} WHERE v.badge_code = ?`,
    )
    .get(code) as (CustodyColumns & { id: string; full_name: string; arrived_at: string; departed_at: string | null }) | undefined;
  if (!r) throw new ContractError('NOT_FOUND', 'No visit has that badge code. Please check the code on your badge, or ask reception.');
  if (r.departed_at) throw new ContractError('ALREADY_SIGNED_OUT', 'This visit has already been signed out.');
  return toMatch(r);
}

function toMatch(r: CustodyColumns & { id: string; full_name: string; arrived_at: string }): SignOutMatch {
  return { visitId: r.id, maskedName: maskName(r.full_name), arrivedAt: r.arrived_at, phone: custodyOf(r) };
}

/** Did this returning visitor last agree to an older policy version than the one in force? */
export function changedSinceLastVisit(db: Db, fullName: string, currentVersionId: string): boolean {
  const last = stmt(db, 'SELECT policy_version_id FROM visits WHERE name_key = ? AND policy_version_id IS NOT NULL ORDER BY arrived_at DESC, rowid DESC LIMIT 1')
    .get(nameKey(fullName)) as { policy_version_id: string } | undefined;
  return last !== undefined && last.policy_version_id !== currentVersionId;
}
