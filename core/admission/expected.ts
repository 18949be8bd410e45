// Expected visitors at the kiosk: today's list (copied from the office, without staff notes)
// searched by a few letters of a name. Matches are shown masked ("Jane S."), as sign-out does;
// the one the visitor picks fills in their details. Someone already signed in today as that
// expected visitor is no longer offered.
import type { ExpectedDetails, ExpectedMatch } from '../../shared/contract.js';
import { ContractError } from '../../shared/errors.js';
import { VisitorCategory } from '../../shared/domain.js';
import { maskName, nameKey } from '../../shared/text.js';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { localDay, readSettings } from '../site/settings.js';
import { signinCodeHash } from './signinCode.js';

/** Fewer letters than this list nobody: typing "a" must not show the day's list. */
export const EXPECTED_MIN_LETTERS = 3;
const MAX_MATCHES = 6;

type Row = { id: string; full_name: string; name_key: string; organisation: string; category: string; host_id: string; code_hash: string | null; invited_policy_version_id: string | null };

function todays(db: Db, at: Date): Row[] {
  const day = localDay(at, readSettings(db).timeZone);
  return stmt(
    db,
    `SELECT e.id, e.full_name, e.name_key, e.organisation, e.category, e.host_id, e.code_hash, e.invited_policy_version_id FROM expected_visitors e
      WHERE e.expected_on = ? AND e.cancelled = 0
        AND NOT EXISTS (SELECT 1 FROM visit_events ve WHERE ve.kind = 'arrived' AND json_extract(ve.body, '$.expectedId') = e.id)
      ORDER BY e.name_key, e.id`,
  ).all(day) as Row[];
}

/** Today's expected visitors whose name, or a word of it, starts with the letters typed. */
export function findExpected(db: Db, query: string, at: Date): ExpectedMatch[] {
  const q = nameKey(query);
  if ([...q].length < EXPECTED_MIN_LETTERS) return [];
  return todays(db, at)
    .filter((r) => r.name_key.startsWith(q) || r.name_key.split(/[\s\-‐‑]+/u).some((w) => w.startsWith(q)))
    .slice(0, MAX_MATCHES)
    .map((r) => ({ expectedId: r.id, maskedName: maskName(r.full_name) }));
}

/** The details to fill in for the entry the visitor picked (today's, not yet arrived). */
export function expectedDetails(db: Db, expectedId: string, at: Date): ExpectedDetails {
  const r = todays(db, at).find((x) => x.id === expectedId);
  if (!r) throw new ContractError('NOT_FOUND', 'That booking is not on today\'s list. Please fill in your details.');
  return detailsOf(db, r);
}

/** Today's open expected visit whose invitation gave this sign-in code, typed (any case, spaces
 *  or dashes) or scanned; null when no visit today has it. Only the code's hash is compared:
 *  the kiosk never holds the code. */
export function expectedByCode(db: Db, code: string, at: Date): ExpectedDetails | null {
  const hash = signinCodeHash(code);
  if (hash === null) return null;
  const r = todays(db, at).find((x) => x.code_hash === hash);
  return r ? detailsOf(db, r) : null;
}

function detailsOf(db: Db, r: Row): ExpectedDetails {
  const host = stmt(db, 'SELECT id FROM hosts WHERE id = ? AND active = 1').pluck().get(r.host_id) as string | undefined;
  const category = VisitorCategory.safeParse(r.category);
  // The version in force here now: an invitation that sent another one asks the visitor to read again.
  const inForce = stmt(db, 'SELECT id FROM policy_versions ORDER BY version DESC LIMIT 1').get() as { id: string } | undefined;
  return {
    expectedId: r.id,
    fullName: r.full_name,
    organisation: r.organisation,
    category: category.success ? category.data : 'visitor',
    hostId: host ?? null,
    policyChangedSinceInvitation: r.invited_policy_version_id !== null && inForce !== undefined && inForce.id !== r.invited_policy_version_id,
  };
}

/** The expected entry a sign-in names, when it is still today's and open; else null (the
 *  sign-in goes ahead as an ordinary one). */
export function expectedForSignIn(db: Db, expectedId: string | undefined, at: Date): string | null {
  if (!expectedId) return null;
  return todays(db, at).some((r) => r.id === expectedId) ? expectedId : null;
}
