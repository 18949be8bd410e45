// The nightly backup of a SQLite hub, as a job slot (core/office/jobs): once per school day
// across the hub's processes. Recorded as the last backup and in the audit log.
import type { Db } from '../../db/open.js';
import type { JobDef } from '../jobs/run.js';
import { hubToday } from '../reference/site.js';
import { recordBackup } from './handlers.js';
import { writeBackup } from './take.js';

export const BACKUP_ACTOR = 'system (backup)';
const HOUR_MS = 3_600_000;

export function backupJob(db: Db, dataDir: string, log: (m: string, e?: unknown) => void): JobDef {
  return {
    name: 'backup.daily',
    everyMs: HOUR_MS,
    slot: (now) => hubToday(db, now),
    staleAfterMs: 2 * HOUR_MS,
    run: async (now) => {
      const r = await writeBackup(db, dataDir, now, 'schedule');
      recordBackup(db, r, BACKUP_ACTOR, now);
      if (r.ok) log(`backup: ${r.name} written and checked (${r.size} bytes); ${r.removed.length} older file(s) removed`);
      else log(`backup: ${r.name} written but its check FAILED (integrity: ${r.check.integrity}; audit: ${r.check.audit.problem ?? 'ok'}); older backups are kept`);
      return { name: r.name, size: r.size, ok: r.ok, removed: r.removed };
    },
  };
}
