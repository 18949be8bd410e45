// The kiosk's purge: deletes (not hides) visits whose retention period is over, in small
// batches each in its own transaction (sign-ins keep flowing between them), then zeroes and
// checkpoints so the deleted text is gone from the file and the WAL (see wipe.ts). Visits the
// office holds (an open breach/concern is about them) are skipped: a kiosk knows nothing of
// breaches, so the office tells it which visit ids to keep ('hold' in the pull feed).
// What was removed is written to purge_log as counts per kind.
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { getSetting, localDay, readSettings } from '../site/settings.js';
import type { RefRetention } from '../../shared/sync.js';
import { DEFAULT_RETENTION } from './defaults.js';
import { visitsExpireOnOrBefore } from './cutoffs.js';
import { addCounts, deleteKioskVisits, logPurge, zeroCounts } from './deleteVisits.js';
import { DAY_MS, repeat, type Schedule } from './schedule.js';
import { secureDeleteOn, truncateWal } from './wipe.js';
import { sweepRollCallPdfs } from '../rollcall/retention.js';

export const RETENTION_SETTING = 'retention';

/** The periods last pulled from the office, else the defaults (an unpaired kiosk). */
export function kioskRetention(db: Db): RefRetention {
  const raw = getSetting(db, RETENTION_SETTING);
  if (raw) {
    try {
      const r = JSON.parse(raw) as Partial<RefRetention>;
      if (Number.isInteger(r.visitsMonths) && Number.isInteger(r.photosMonths)) return { visitsMonths: r.visitsMonths!, photosMonths: r.photosMonths! };
    } catch {
      // a damaged setting falls back to the defaults, never to "keep nothing"
    }
  }
  return { visitsMonths: DEFAULT_RETENTION.visitsMonths, photosMonths: DEFAULT_RETENTION.photosMonths };
}

export type KioskPurgeReport = { at: string; trigger: 'schedule' | 'manual'; expiredOnOrBefore: string; counts: Record<string, number>; held: number };

/** `dataDir`: where the kiosk keeps roll-call PDFs, which go by the same calendar. */
export function purgeKiosk(db: Db, now: Date, opts: { trigger?: 'schedule' | 'manual'; batchSize?: number; log?: (m: string, e?: unknown) => void; dataDir?: string } = {}): KioskPurgeReport {
  const batchSize = opts.batchSize ?? 200;
  const trigger = opts.trigger ?? 'schedule';
  secureDeleteOn(db);
  const lastDay = visitsExpireOnOrBefore(localDay(now, readSettings(db).timeZone), kioskRetention(db).visitsMonths);
  const counts: Record<string, number> = { ...zeroCounts(), otherPrintJobs: 0, expected: 0 };

  // visits_by_day (local_day, badge_number) finds the expired ones without reading the rest.
  const batch = stmt(db, 'SELECT id FROM visits WHERE local_day <= ? AND id NOT IN (SELECT visit_id FROM retention_holds) ORDER BY local_day LIMIT ?').pluck();
  for (;;) {
    const ids = batch.all(lastDay, batchSize) as string[];
    if (ids.length === 0) break;
    addCounts(counts, db.transaction(() => deleteKioskVisits(db, ids)).immediate());
    if (ids.length < batchSize) break;
  }
  // Print jobs of no visit (fire roll calls list everyone on site; test prints) and
  // pre-registered visitors go by the same calendar. created_at is UTC: a day's slack either
  // way against a period of months is immaterial.
  const firstKeptInstant = new Date(Date.parse(`${lastDay}T00:00:00.000Z`) + DAY_MS).toISOString();
  if (opts.dataDir) {
    const pdfs = sweepRollCallPdfs(db, opts.dataDir, now);
    counts.rollCallPdfs = pdfs.expired + pdfs.erased;
  }
  db.transaction(() => {
    counts.otherPrintJobs! += stmt(db, 'DELETE FROM print_jobs WHERE visit_id IS NULL AND created_at < ?').run(firstKeptInstant).changes;
    // The console's test-badge and printer-check requests: staff names and times only.
    stmt(db, 'DELETE FROM print_requests WHERE visit_id IS NULL AND requested_at < ?').run(firstKeptInstant);
    counts.expected! += stmt(db, 'DELETE FROM expected_visitors WHERE expected_on <= ?').run(lastDay).changes;
    // Visitors' "report a concern" (issue #15): kept here by the same calendar once the office
    // has it (the office keeps its concern record by its own, longer rule).
    const reports = stmt(db, "SELECT DISTINCT e.visit_id FROM visit_events e WHERE e.kind = 'concern_reported' AND e.at < ? AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = e.id)").pluck().all(firstKeptInstant) as string[];
    counts.concernReports = deleteKioskVisits(db, reports).events;
    logPurge(db, now, trigger, counts);
  }).immediate();

  const checkpoint = truncateWal(db);
  if (checkpoint?.busy) opts.log?.('retention: purge done but the WAL is still in use; it will be truncated at the next purge');
  const held = stmt(db, 'SELECT COUNT(*) FROM retention_holds').pluck().get() as number;
  return { at: now.toISOString(), trigger, expiredOnOrBefore: lastDay, counts, held };
}

/** What the purges removed, newest first (counts only: that is all there is). */
export function purgeLog(db: Db, limit = 30): { at: string; trigger: string; counts: Record<string, number> }[] {
  return (stmt(db, 'SELECT at, trigger, counts FROM purge_log ORDER BY id DESC LIMIT ?').all(limit) as { at: string; trigger: string; counts: string }[]).map((r) => ({
    at: r.at,
    trigger: r.trigger,
    counts: JSON.parse(r.counts) as Record<string, number>,
  }));
}

/** Daily, and once at start. The host wires it: `startPurgeSchedule(kiosk.db, now, log, kiosk.dataDir)`. */
export function startPurgeSchedule(db: Db, now: () => Date, log: (m: string, e?: unknown) => void, dataDir?: string): Schedule {
  return repeat(
    () => {
      if (!db.open) return;
      const r = purgeKiosk(db, now(), { log, ...(dataDir ? { dataDir } : {}) });
      if (r.counts.visits || r.counts.otherPrintJobs || r.counts.expected || r.counts.rollCallPdfs) log(`retention: removed ${JSON.stringify(r.counts)} (visits on or before ${r.expiredOnOrBefore})`);
    },
    DAY_MS,
    log,
    'kiosk retention purge',
  );
}
