// Keeps the print worker running. The worker catches the errors of each print attempt itself;
// if its loop still ends with an error (the database refused to record an attempt, a callback
// threw), this starts a fresh one after a pause that grows while it keeps dying (1 s, 2 s, 4 s…
// up to a minute). A fresh worker marks a job cut off mid-send as interrupted for reception to
// reprint, exactly as after a restart of the kiosk. Plain Node: the Electron main process and
// the browser-kiosk host both use it.
import type { PrintWorker } from './worker.js';

export type SupervisorEvent = 'print-worker-died' | 'print-worker-restarted' | 'print-worker-start-failed';

export type SupervisorOptions = {
  /** Told about every death and restart (the watchdog log). */
  onEvent?: (event: SupervisorEvent, detail: Record<string, unknown>) => void;
  /** Pause before restart number n (1-based) of the recent run of failures. */
  restartDelayMs?: (recentFailures: number) => number;
  /** Failures older than this no longer count towards the pause. */
  failureWindowMs?: number;
  now?: () => number;
};

export function defaultRestartDelayMs(recentFailures: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, recentFailures - 1));
}

export function superviseWorker(start: () => PrintWorker, opts: SupervisorOptions = {}): PrintWorker {
  const now = opts.now ?? Date.now;
  const windowMs = opts.failureWindowMs ?? 10 * 60_000;
  const delayFor = opts.restartDelayMs ?? defaultRestartDelayMs;
  const emit = (event: SupervisorEvent, detail: Record<string, unknown>) => {
    try {
      opts.onEvent?.(event, detail);
    } catch {
      // the log must not take the supervisor down with it
    }
  };
  let current: PrintWorker | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let failures: number[] = [];
  let restarts = 0;
  let resolveDone!: (v: Error | null) => void;
  const done = new Promise<Error | null>((r) => (resolveDone = r));

  function failed(event: SupervisorEvent, error: unknown): void {
    const t = now();
    failures = [...failures.filter((f) => t - f <= windowMs), t];
    const delayMs = delayFor(failures.length);
    emit(event, { error, restartInMs: delayMs, recentFailures: failures.length });
    timer = setTimeout(() => {
      timer = undefined;
      restarts++;
      launch(true);
    }, delayMs);
  }

  function launch(isRestart: boolean): void {
    if (stopped) return;
    let worker: PrintWorker;
    try {
      worker = start();
    } catch (e) {
      current = null;
      failed('print-worker-start-failed', e);
      return;
    }
    current = worker;
    if (isRestart) emit('print-worker-restarted', { restarts });
    void worker.done.then((err) => {
      if (stopped || current !== worker) return;
      current = null;
      if (err) failed('print-worker-died', err);
    });
  }

  launch(false);
  return {
    kick: () => current?.kick(),
    drained: () => current?.drained() ?? Promise.resolve(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const w = current;
      current = null;
      if (w) await w.stop();
      resolveDone(null);
    },
    done,
  };
}
