// One school's figures for the trust dashboard, read from that school's own records (its SQLite
// file or its PostgreSQL schema) in ONE portable statement: one round trip per school (at 50
// schools, about as fast as one UNION ALL across their schemas, whose planning alone costs as
// much, and simpler: each school is read through its own hub, whatever its version). Each
// part is answered from an index the console's own pages already use (visits_on_site,
// visits_phone_held, visits_reception_held, breaches_by_status, exemptions_by_status). Counts
// only, never a name: the trust's view is aggregate until someone opens the school's console.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import type { SchoolFigures } from '../../../shared/trust.js';

/** A kiosk that has neither sent nor fetched anything for this long is flagged. */
export const KIOSK_STALE_MS = 60 * 60_000;

const FIGURES_SQL = `SELECT
  (SELECT COUNT(*) FROM visits WHERE departed_at IS NULL) AS on_site,
  (SELECT COUNT(*) FROM visits WHERE locker_id IS NOT NULL AND phone_out_at IS NULL)
    + (SELECT COUNT(*) FROM visits WHERE phone_kind = 'reception' AND phone_out_at IS NULL AND locker_id IS NULL) AS phones_held,
  (SELECT COUNT(*) FROM breaches WHERE status = 'open') AS open_concerns,
  (SELECT COUNT(*) FROM breaches WHERE status = 'open' AND seen_by_dsl_at IS NULL) AS unseen_concerns,
  (SELECT COUNT(*) FROM breaches WHERE status = 'open' AND (urgent = 1 OR severity = 'urgent')) AS open_urgent,
  (SELECT COUNT(*) FROM breaches WHERE status = 'open' AND urgent = 0 AND severity = 'high') AS open_high,
  (SELECT COUNT(*) FROM breaches WHERE status = 'open' AND urgent = 0 AND severity = 'medium') AS open_medium,
  (SELECT COUNT(*) FROM breaches WHERE status = 'open' AND urgent = 0 AND severity = 'low') AS open_low,
  (SELECT COUNT(*) FROM exemptions WHERE status = 'requested') AS pending_requests,
  (SELECT COUNT(*) FROM kiosks WHERE revoked_at IS NULL) AS kiosks,
  (SELECT COUNT(*) FROM kiosks WHERE revoked_at IS NULL AND paired_at < @cutoff
     AND (last_push_at IS NULL OR last_push_at < @cutoff) AND (last_pull_at IS NULL OR last_pull_at < @cutoff)) AS kiosks_stale`;

type Row = Record<
  'on_site' | 'phones_held' | 'open_concerns' | 'unseen_concerns' | 'open_urgent' | 'open_high' | 'open_medium' | 'open_low' | 'pending_requests' | 'kiosks' | 'kiosks_stale',
  number | string | bigint
>;

const cutoff = (now: Date) => ({ cutoff: new Date(now.getTime() - KIOSK_STALE_MS).toISOString() });

export function schoolFigures(db: Db, now: Date): SchoolFigures {
  return toFigures(stmt(db, FIGURES_SQL).get(cutoff(now)) as Row);
}

function toFigures(r: Row): SchoolFigures {
  // PostgreSQL's COUNT is a bigint, which may come back as a string.
  const n = (v: number | string | bigint) => Number(v);
  return {
    onSite: n(r.on_site),
    phonesHeld: n(r.phones_held),
    openConcerns: n(r.open_concerns),
    unseenConcerns: n(r.unseen_concerns),
    // An urgent kind counts as urgent whatever severity was picked (core/office/concerns/urgent.ts).
    openBySeverity: { urgent: n(r.open_urgent), high: n(r.open_high), medium: n(r.open_medium), low: n(r.open_low) },
    pendingRequests: n(r.pending_requests),
    kiosks: n(r.kiosks),
    kiosksStale: n(r.kiosks_stale),
  };
}
