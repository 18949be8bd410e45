// The hub's purge: deletes (not hides) records whose retention period is over — visits with
// their events, exemptions, pre-registered visitors, closed breaches/concerns — in batches,
// each in its own transaction when run on its own (a console op runs it inside its own
// transaction), then zeroes and checkpoints so the text is gone from the file and the WAL
// (core/retention/wipe.ts). Nothing under an open breach/concern goes (holds.ts). The audit
// log gets one entry with counts per kind, never content. Before purging it publishes the
// current holds, so kiosks (which purge their own copies) keep the same visits.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import type { PurgeReport } from '../../../shared/retention.js';
import { endedBefore, visitsExpireOnOrBefore } from '../../retention/cutoffs.js';
import { DAY_MS } from '../../retention/schedule.js';
import { bucketSlot, pruneSlots } from '../jobs/slots.js';
import type { JobDef } from '../jobs/run.js';
import { secureDeleteOn, truncateWal, truncateWalWhenFree } from '../../retention/wipe.js';
import { appendAudit } from '../audit.js';
import { hubToday } from '../reference/site.js';
import { currentHolds, exemptionHeld, publishHolds } from './holds.js';
import { deleteExemption, deleteExpected, deleteHubVisits, erasedVisitIds } from './remove.js';
import { hubRetention, publishRetention, recordLastPurge } from './settings.js';

export const SYSTEM_ACTOR = 'system (retention)';

type Audit = (action: string, target: string, detail: unknown) => void;

const dayStart = (day: string) => `${day}T00:00:00.000Z`;
const nextDayStart = (day: string) => new Date(Date.parse(dayStart(day)) + DAY_MS).toISOString();

export function purgeHub(
  db: Db,
  now: Date,
  opts: { trigger?: 'schedule' | 'manual'; audit?: Audit; batchSize?: number; log?: (m: string, e?: unknown) => void } = {},
): PurgeReport {
  const trigger = opts.trigger ?? 'schedule';
  const batchSize = opts.batchSize ?? 200;
  const tx = <T>(fn: () => T): T => db.transaction(fn).immediate();
  secureDeleteOn(db);

  const periods = hubRetention(db);
  const today = hubToday(db, now);
  tx(() => {
    publishRetention(db, now);
    publishHolds(db, now);
  });
  const holds = currentHolds(db);
  const counts: Record<string, number> = { visits: 0, events: 0, rollCallMarks: 0, exemptions: 0, expected: 0, breaches: 0, photos: 0, erasedAgain: 0 };
  const add = (n: Record<string, number>) => {
    for (const [k, v] of Object.entries(n)) counts[k] = (counts[k] ?? 0) + v;
  };

  // Visits: by the school's day; arrived_at (indexed) only narrows the scan, a day wider than
  // any time zone. Keyset paging walks past held visits instead of finding them again.
  const lastVisitDay = visitsExpireOnOrBefore(today, periods.visitsMonths);
  const page = stmt(
    db,
    `SELECT id, arrived_at FROM visits
      WHERE arrived_at < :until AND local_day <= :last AND (arrived_at > :afterAt OR (arrived_at = :afterAt AND id > :afterId))
      ORDER BY arrived_at, id LIMIT :limit`,
  );
  let after = { at: '', id: '' };
  for (;;) {
    const rows = page.all({ until: new Date(Date.parse(dayStart(lastVisitDay)) + 2 * DAY_MS).toISOString(), last: lastVisitDay, afterAt: after.at, afterId: after.id, limit: batchSize }) as { id: string; arrived_at: string }[];
    if (rows.length === 0) break;
    after = { at: rows[rows.length - 1]!.arrived_at, id: rows[rows.length - 1]!.id };
    const ids = rows.map((r) => r.id).filter((id) => !holds.visitIds.has(id));
    if (ids.length) add(tx(() => deleteHubVisits(db, ids)));
    if (rows.length < batchSize) break;
  }
  // Events of a visit whose 'arrived' never came (no row to find them by), old enough.
  counts.events! += tx(() => stmt(db, 'DELETE FROM hub_events WHERE at < ? AND visit_id NOT IN (SELECT id FROM visits)').run(nextDayStart(lastVisitDay)).changes);
  // A kiosk that had not yet pulled an erasure may have pushed the visit again: erase it again.
  const again = erasedVisitIds(db).filter((id) => stmt(db, 'SELECT 1 FROM hub_events WHERE visit_id = ? LIMIT 1').get(id) !== undefined);
  if (again.length) counts.erasedAgain = tx(() => deleteHubVisits(db, again)).events;

  // Exemptions: from the day they stopped applying, and never before the last visit that used them.
  const exemptionCutoff = endedBefore(today, periods.exemptionsMonths);
  const expiredExemptions = stmt(
    db,
    `SELECT id, name_key, visit_id FROM exemptions e
      WHERE CASE status
              WHEN 'approved' THEN valid_to
              WHEN 'revoked' THEN CASE WHEN COALESCE(valid_to, '9999-12-31') < substr(revoked_at, 1, 10) THEN COALESCE(valid_to, '9999-12-31') ELSE substr(revoked_at, 1, 10) END
              WHEN 'refused' THEN substr(decided_at, 1, 10)
              ELSE substr(created_at, 1, 10)
            END < ?
        AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.exemption_id = e.id)`,
  ).all(exemptionCutoff) as { id: string; name_key: string; visit_id: string | null }[];
  const goingExemptions = expiredExemptions.filter((e) => !exemptionHeld(db, holds, e)).map((e) => e.id);
  for (let i = 0; i < goingExemptions.length; i += batchSize) {
    const ids = goingExemptions.slice(i, i + batchSize);
    counts.exemptions! += tx(() => ids.reduce((n, id) => n + deleteExemption(db, id, now), 0));
  }

  // Pre-registered visitors go with the visits of their day.
  const expected = stmt(db, 'SELECT id FROM expected_visitors WHERE expected_on <= ?').pluck().all(lastVisitDay) as string[];
  for (let i = 0; i < expected.length; i += batchSize) {
    const ids = expected.slice(i, i + batchSize);
    counts.expected! += tx(() => ids.reduce((n, id) => n + deleteExpected(db, id, now), 0));
  }

  // Breaches/concerns: closed ones only, from the day they were closed.
  counts.breaches = tx(() => stmt(db, "DELETE FROM breaches WHERE status = 'closed' AND closed_at < ?").run(dayStart(endedBefore(today, periods.breachesMonths))).changes);

  const report: PurgeReport = { at: now.toISOString(), trigger, counts, held: holds.visitIds.size };
  tx(() => {
    const detail = { trigger, counts, held: report.held, visitsOnOrBefore: lastVisitDay, exemptionsEndedBefore: exemptionCutoff };
    if (opts.audit) opts.audit('retention.purge', 'retention', detail);
    else appendAudit(db, { at: now, actor: SYSTEM_ACTOR, action: 'retention.purge', target: 'retention', detail });
    recordLastPurge(db, report);
  });

  if (db.inTransaction) truncateWalWhenFree(db, opts.log);
  else if (truncateWal(db)?.busy) opts.log?.('retention: purge done but the WAL is still in use; it will be truncated at the next purge');
  return report;
}

const HOUR_MS = 3_600_000;
const HOLDS_EVERY_MS = 5 * 60_000;
/** Finished job_runs rows are kept this long (they show when each job last ran, and by whom). */
const JOB_RUNS_KEPT_MS = 30 * DAY_MS;

/**
 * The hub's retention work as job slots (core/office/jobs): the purge once per school day
 * (each process looks hourly; the first to look on a new day runs it), and the holds every few
 * minutes, so a concern logged today about an old visit reaches kiosks well before their
 * nightly purge. Each runs once across all the hub's processes.
 */
export function retentionJobs(db: Db, log: (m: string, e?: unknown) => void): JobDef[] {
  return [
    {
      name: 'retention.purge',
      everyMs: HOUR_MS,
      slot: (now) => hubToday(db, now),
      staleAfterMs: 2 * HOUR_MS,
      run: (now) => {
        const r = purgeHub(db, now, { log });
        pruneSlots(db, new Date(now.getTime() - JOB_RUNS_KEPT_MS));
        log(`retention: purge removed ${JSON.stringify(r.counts)}; ${r.held} visit(s) held by open concerns`);
        return r;
      },
    },
    {
      name: 'retention.holds',
      everyMs: HOLDS_EVERY_MS,
      slot: (now) => bucketSlot(now, HOLDS_EVERY_MS),
      staleAfterMs: 60_000,
      run: (now) => db.transaction(() => publishHolds(db, now)).immediate(),
    },
  ];
}
