// The hub's retention settings (site_settings 'retention_periods') and what kiosks get of
// them: the 'retention' entity of the pull feed, published whenever it changes.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { getSetting, setSetting } from '../../site/settings.js';
import { RetentionPeriods, type PurgeReport } from '../../../shared/retention.js';
import type { RefRetention } from '../../../shared/sync.js';
import { DEFAULT_RETENTION } from '../../retention/defaults.js';
import { appendRefChange } from '../reference/feed.js';

const PERIODS = 'retention_periods';
const LAST_PURGE = 'retention_last_purge';

export function hubRetention(db: Db): RetentionPeriods {
  const raw = getSetting(db, PERIODS);
  if (raw) {
    // A setting from an older version with fewer kinds keeps its values; missing ones are defaults.
    const parsed = RetentionPeriods.safeParse({ ...DEFAULT_RETENTION, ...(JSON.parse(raw) as object) });
    if (parsed.success) return parsed.data;
  }
  return { ...DEFAULT_RETENTION };
}

/** Save and tell kiosks (in the caller's transaction). */
export function saveHubRetention(db: Db, periods: RetentionPeriods, at: Date): void {
  setSetting(db, PERIODS, JSON.stringify(periods));
  publishRetention(db, at);
}

/** Append the kiosks' share of the settings to the feed unless the feed already says it. */
export function publishRetention(db: Db, at: Date): boolean {
  const p = hubRetention(db);
  const body: RefRetention = { visitsMonths: p.visitsMonths, photosMonths: p.photosMonths };
  const last = stmt(db, "SELECT body FROM ref_changes WHERE entity = 'retention' ORDER BY seq DESC LIMIT 1").pluck().get() as string | null | undefined;
  if (last !== undefined && last !== null && last === JSON.stringify(body)) return false;
  appendRefChange(db, 'retention', 'periods', body, at);
  return true;
}

export function lastPurge(db: Db): PurgeReport | null {
  const raw = getSetting(db, LAST_PURGE);
  return raw ? (JSON.parse(raw) as PurgeReport) : null;
}

export function recordLastPurge(db: Db, report: PurgeReport): void {
  setSetting(db, LAST_PURGE, JSON.stringify(report));
}
