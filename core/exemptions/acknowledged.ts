// The approval a visit signed in under, as it was at sign-in: read back from the visit's own
// event, never from the exemptions table, which the office may change or revoke later.
import type { ApprovedUse } from '../../shared/contract.js';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';

export function approvedUseOfVisit(db: Db, visitId: string): ApprovedUse | undefined {
  const row = stmt(db, "SELECT body FROM visit_events WHERE visit_id = ? AND kind = 'exemption_conditions_acknowledged' ORDER BY seq DESC LIMIT 1").get(visitId) as
    | { body: string }
    | undefined;
  if (!row) return undefined;
  const b = JSON.parse(row.body) as { locations?: unknown; until?: unknown };
  if (!Array.isArray(b.locations) || typeof b.until !== 'string') return undefined;
  return { locations: b.locations.filter((l): l is string => typeof l === 'string'), until: b.until };
}
