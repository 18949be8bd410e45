// Running scheduled hub work through job slots (slots.ts): every process ticks each job on its
// own timer, and each tick runs the job only if this process wins the current period's slot
// (or takes over one whose claimer died). A run that fails leaves its slot unfinished with the
// error as outcome, so it is retried, by any process, once the job's timeout has passed.
import type { Db } from '../../db/open.js';
import { claimSlot, finishSlot, takeOverSlot } from './slots.js';
import { stmt } from '../../db/statements.js';

export type JobDef = {
  /** job_runs.job */
  name: string;
  /** How often each process looks (the slot decides whether anything runs). */
  everyMs: number;
  /** The period `now` falls in: the local day, a 5-minute bucket. */
  slot(now: Date): string;
  /** A claim older than this and not finished is taken to be dead. Longer than any real run. */
  staleAfterMs: number;
  /** The work; what it returns is recorded as the slot's outcome (JSON). */
  run(now: Date): unknown;
};

export type JobTick = { job: string; slot: string; ran: boolean; tookOverFrom?: string; outcome?: unknown; error?: string };

export type JobDeps = { db: Db; by: string; now: () => Date; log: (m: string, e?: unknown) => void };

/** One tick of one job: claim (or take over) the current slot, and run it if this process won. */
export async function runJobOnce(def: JobDef, deps: JobDeps): Promise<JobTick> {
  const { db, by } = deps;
  const at = deps.now();
  const slot = def.slot(at);
  let tookOverFrom: string | undefined;
  if (!claimSlot(db, def.name, slot, by, at)) {
    const t = takeOverSlot(db, def.name, slot, by, at, def.staleAfterMs);
    if (!t.won) return { job: def.name, slot, ran: false };
    tookOverFrom = t.from;
    deps.log(`jobs: ${def.name} ${slot} was claimed by ${t.from} and not finished; this process (${by}) runs it`);
  }
  const extra = tookOverFrom ? { tookOverFrom } : {};
  try {
    const outcome = await def.run(at);
    if (!finishSlot(db, def.name, slot, by, deps.now(), outcome ?? null)) deps.log(`jobs: ${def.name} ${slot} finished here, but another process had taken it over`);
    return { job: def.name, slot, ran: true, outcome, ...extra };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    deps.log(`jobs: ${def.name} ${slot} failed; it is retried after ${Math.round(def.staleAfterMs / 60_000)} minutes`, e);
    if (db.open) stmt(db, 'UPDATE job_runs SET outcome = ? WHERE job = ? AND slot = ? AND claimed_by = ? AND finished_at IS NULL').run(JSON.stringify({ error }), def.name, slot, by);
    return { job: def.name, slot, ran: true, error, ...extra };
  }
}

export type JobSchedule = { stop(): Promise<void> };

/**
 * Tick every job soon after start and then every `everyMs`. A job never overlaps itself within
 * a process; timers are unref'd (a schedule never keeps a process alive); stop() waits for runs
 * in progress, so the database can be closed after it.
 */
export function startJobs(defs: readonly JobDef[], deps: JobDeps): JobSchedule {
  const running = new Set<Promise<unknown>>();
  const busy = new Set<string>();
  let stopped = false;
  const timers: NodeJS.Timeout[] = [];
  const tick = (def: JobDef) => {
    if (stopped || busy.has(def.name) || !deps.db.open) return;
    busy.add(def.name);
    const p = runJobOnce(def, deps)
      .catch((e) => deps.log(`jobs: ${def.name} could not claim its slot; it will try again later`, e))
      .finally(() => {
        busy.delete(def.name);
        running.delete(p);
      });
    running.add(p);
  };
  for (const def of defs) {
    // After the host has finished opening: a long purge must not delay it.
    timers.push(setTimeout(() => tick(def), 1000), setInterval(() => tick(def), def.everyMs));
  }
  for (const t of timers) t.unref?.();
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.all([...running]);
    },
  };
}
