// The print worker: one job at a time, oldest due first. It never blocks a sign-in (the
// job is already safe in the database); it retries with backoff and records the outcome.
import type { Db } from '../db/open.js';
import { claimDueJob, markFailed, markPrinted, nextDueAt, recoverInterrupted, type PrintJob } from './queue.js';
import { PrinterError, sendToPrinter } from './send.js';
import type { PrinterConfig } from './types.js';

export type WorkerDeps = {
  db: Db;
  now: () => Date;
  printer: () => PrinterConfig | null;
  /** The bytes for a job, made with the printer's current configuration. */
  render: (job: PrintJob, cfg: PrinterConfig) => Buffer | Promise<Buffer>;
  log?: (msg: string, err?: unknown) => void;
  /** Called after each attempt, e.g. to time "committed → bytes on the socket" or notify screens. */
  onAttempt?: (job: PrintJob, outcome: 'printed' | 'retry' | 'gave_up', error?: string) => void;
  /** Longest sleep between checks when nothing is due (ms). */
  idleMs?: number;
};

export type PrintWorker = {
  kick(): void;
  stop(): Promise<void>;
  /** resolves when no job is due now (at once when the loop has ended) */
  drained(): Promise<void>;
  /** Settles when the loop ends: null after stop(), the error if the loop itself died (e.g. the
   *  database refused to record an attempt). Never rejects; superviseWorker restarts on an error. */
  readonly done: Promise<Error | null>;
};

export function startPrintWorker(deps: WorkerDeps): PrintWorker {
  const log = deps.log ?? (() => {});
  const recovered = recoverInterrupted(deps.db);
  if (recovered) log(`${recovered} print job(s) were interrupted by a restart; reception can reprint them`);

  let running = true;
  let wake: (() => void) | null = null;
  let drainedWaiters: (() => void)[] = [];
  const sleep = (ms: number) =>
    new Promise<void>((r) => {
      const t = setTimeout(r, ms);
      wake = () => {
        clearTimeout(t);
        r();
      };
    });

  /** A throwing observer is logged, never allowed to end the loop or change a job's outcome. */
  function tell(...args: Parameters<NonNullable<WorkerDeps['onAttempt']>>): void {
    try {
      deps.onAttempt?.(...args);
    } catch (e) {
      log('onAttempt failed', e);
    }
  }

  async function attempt(job: PrintJob): Promise<void> {
    const cfg = deps.printer();
    let failure: string | null = null;
    try {
      if (!cfg) throw new PrinterError('unreachable', 'no printer is configured');
      await sendToPrinter(cfg, await deps.render(job, cfg));
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e);
    }
    if (failure === null) {
      // Printed. If recording that fails, the loop ends with the job still 'sending': the next
      // worker marks it interrupted (it did print, so it is not sent again by itself).
      markPrinted(deps.db, job, deps.now());
      tell(job, 'printed');
      return;
    }
    const status = markFailed(deps.db, job, failure, deps.now());
    log(`print job ${job.id} (${job.kind}) failed, attempt ${job.attempts}: ${failure}${status === 'gave_up' ? ' — given up' : ''}`);
    tell(job, status === 'gave_up' ? 'gave_up' : 'retry', failure);
  }

  // Each attempt catches the printer's errors itself; what can still end the loop is recording
  // the outcome (markPrinted or markFailed on a database that is full, read-only, closed or
  // locked too long). That ends it as a value on `done`, never as an unhandled rejection.
  const loop: Promise<Error | null> = (async () => {
    while (running) {
      let job: PrintJob | null = null;
      try {
        job = claimDueJob(deps.db, deps.now());
      } catch (e) {
        log('could not read the print queue; will retry', e); // e.g. the database is busy
      }
      if (job) {
        await attempt(job);
        continue;
      }
      for (const w of drainedWaiters) w();
      drainedWaiters = [];
      const due = nextDueAtSafe();
      const wait = due ? Math.max(0, new Date(due).getTime() - deps.now().getTime()) : (deps.idleMs ?? 30_000);
      await sleep(Math.min(wait, deps.idleMs ?? 30_000));
    }
    return null;
  })().catch((e: unknown) => {
    running = false;
    for (const w of drainedWaiters) w();
    drainedWaiters = [];
    return e instanceof Error ? e : new Error(String(e));
  });

  function nextDueAtSafe(): string | null {
    try {
      return nextDueAt(deps.db);
    } catch {
      return null;
    }
  }

  return {
    kick: () => wake?.(),
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
    drained: () =>
      new Promise<void>((r) => {
        if (!running) return r();
        drainedWaiters.push(r);
        wake?.();
      }),
    done: loop,
  };
}
