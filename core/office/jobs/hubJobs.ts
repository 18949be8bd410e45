// Every scheduled piece of hub work, each through a job slot so that it runs once across the
// hub's processes (several may share one database behind a load balancer, issue #16).
import type { HubEngine } from '../../../shared/backup.js';
import type { Db } from '../../db/open.js';
import { backupJob } from '../backup/job.js';
import { retentionJobs } from '../retention/purge.js';
import { processLabel } from './slots.js';
import { startJobs, type JobDef, type JobSchedule } from './run.js';
import { isPostgres } from '../../db/dialect.js';

export type HubJobDeps = { db: Db; dataDir: string; now: () => Date; log: (m: string, e?: unknown) => void; engine?: HubEngine };

/** The retention purge and holds; the nightly backup on SQLite (PostgreSQL has pg_dump). */
export function hubJobs(deps: HubJobDeps): JobDef[] {
  return [...retentionJobs(deps.db, deps.log), ...((deps.engine ?? (isPostgres(deps.db) ? 'postgres' : 'sqlite')) === 'sqlite' ? [backupJob(deps.db, deps.dataDir, deps.log)] : [])];
}

/** The host wires it: `startHubJobs({ db: hub.db, dataDir: hub.dataDir, now: hub.now, log: hub.log })`. */
export function startHubJobs(deps: HubJobDeps & { by?: string }): JobSchedule {
  return startJobs(hubJobs(deps), { db: deps.db, by: deps.by ?? processLabel(), now: deps.now, log: deps.log });
}
