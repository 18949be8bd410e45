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

export type PrintWorker = { kick(): void; stop(): Promise<void>; /** resolves when no job is due now */ drained(): Promise<void> };

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

  async function attempt(job: PrintJob): Promise<void> {
    const cfg = deps.printer();
    try {
      if (!cfg) throw new PrinterError('unreachable', 'no printer is configured');
      await sendToPrinter(cfg, await deps.render(job, cfg));
      markPrinted(deps.db, job, deps.now());
      deps.onAttempt?.(job, 'printed');
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const status = markFailed(deps.db, job, msg, deps.now());
      log(`print job ${job.id} (${job.kind}) failed, attempt ${job.attempts}: ${msg}${status === 'gave_up' ? ' — given up' : ''}`);
      deps.onAttempt?.(job, status === 'gave_up' ? 'gave_up' : 'retry', msg);
    }
  }

  const loop = (async () => {
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
  })();

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
        drainedWaiters.push(r);
        wake?.();
      }),
  };
}
