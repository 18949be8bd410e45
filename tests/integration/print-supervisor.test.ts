// The print worker's loop can still die (its database refuses to record an attempt); the
// supervisor restarts it with a growing pause and says so for the watchdog log. A job cut off by
// the death is left for reception (interrupted), and later jobs print.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb, type Db } from '../../core/db/open.js';
import { openKiosk, type Kiosk } from '../../core/kiosk.js';
import { enqueueJob, getJob } from '../../core/printing/queue.js';
import { defaultRestartDelayMs, superviseWorker, type SupervisorEvent } from '../../core/printing/supervisor.js';
import type { PrinterConfig } from '../../core/printing/types.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../core/printing/virtual/server.js';
import { startPrintWorker, type PrintWorker } from '../../core/printing/worker.js';
import { tempDir } from '../support/tempKiosk.js';

/** A controllable stand-in worker. */
function fakeWorker() {
  let end!: (v: Error | null) => void;
  const done = new Promise<Error | null>((r) => (end = r));
  const w = {
    kick: vi.fn(),
    drained: vi.fn(async () => {}),
    stop: vi.fn(async () => end(null)),
    done,
    die: (e: Error) => end(e),
  };
  return w;
}
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('superviseWorker', () => {
  it('restarts a worker whose loop died, and tells the watchdog both things', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const events: [SupervisorEvent, Record<string, unknown>][] = [];
    const s = superviseWorker(
      () => {
        const w = fakeWorker();
        workers.push(w);
        return w;
      },
      { restartDelayMs: () => 5, onEvent: (e, d) => events.push([e, d]) },
    );
    expect(workers).toHaveLength(1);
    s.kick();
    expect(workers[0]!.kick).toHaveBeenCalledTimes(1);
    workers[0]!.die(new Error('SQLITE_FULL: database or disk is full'));
    await tick(30);
    expect(workers).toHaveLength(2);
    expect(events.map(([e]) => e)).toEqual(['print-worker-died', 'print-worker-restarted']);
    expect(events[0]![1]).toMatchObject({ restartInMs: 5, recentFailures: 1 });
    expect(String(events[0]![1].error)).toContain('SQLITE_FULL');
    s.kick();
    expect(workers[1]!.kick).toHaveBeenCalledTimes(1); // calls go to the new worker
    await s.stop();
    expect(workers[1]!.stop).toHaveBeenCalled();
    await expect(s.done).resolves.toBeNull();
  });

  it('retries a start that throws (e.g. the queue cannot be read yet)', async () => {
    let calls = 0;
    const events: SupervisorEvent[] = [];
    const s = superviseWorker(
      () => {
        calls++;
        if (calls === 1) throw new Error('database is locked');
        return fakeWorker();
      },
      { restartDelayMs: () => 5, onEvent: (e) => events.push(e) },
    );
    await tick(30);
    expect(calls).toBe(2);
    expect(events).toEqual(['print-worker-start-failed', 'print-worker-restarted']);
    await s.stop();
  });

  it('stop() cancels a pending restart', async () => {
    let calls = 0;
    const first = fakeWorker();
    const s = superviseWorker(() => (++calls === 1 ? first : fakeWorker()), { restartDelayMs: () => 20 });
    first.die(new Error('x'));
    await tick(0);
    await s.stop();
    await tick(40);
    expect(calls).toBe(1);
  });

  it('waits longer while it keeps dying (1 s, 2 s, 4 s … at most a minute), counting recent failures only', async () => {
    expect([1, 2, 3, 4, 7, 20].map(defaultRestartDelayMs)).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000]);
    let t = 0;
    const seen: number[] = [];
    let current = fakeWorker();
    const s = superviseWorker(
      () => (current = fakeWorker()),
      { now: () => t, restartDelayMs: (n) => (seen.push(n), 1), failureWindowMs: 1000 },
    );
    for (const at of [0, 100, 200, 5000]) {
      t = at;
      current.die(new Error('again'));
      await tick(15);
    }
    expect(seen).toEqual([1, 2, 3, 1]); // the failure at 5 s starts a new run
    await s.stop();
  });

  it('an onEvent that throws does not stop the restart', async () => {
    let calls = 0;
    const first = fakeWorker();
    const s = superviseWorker(() => (++calls === 1 ? first : fakeWorker()), {
      restartDelayMs: () => 1,
      onEvent: () => {
        throw new Error('log broken');
      },
    });
    first.die(new Error('x'));
    await tick(20);
    expect(calls).toBe(2);
    await s.stop();
  });
});

describe('the real print worker under supervision', () => {
  let printer: VirtualPrinter | null = null;
  let kiosk: Kiosk | null = null;
  let supervised: PrintWorker | null = null;
  const connections: Db[] = [];
  afterEach(async () => {
    await supervised?.stop();
    supervised = null;
    for (const c of connections.splice(0)) if (c.open) c.close();
    kiosk?.close();
    kiosk = null;
    await printer?.close();
    printer = null;
  });

  it('ends its loop as a value (never an unhandled rejection) when the database goes, is restarted, and prints the next job', async () => {
    printer = await startVirtualPrinter({ port: 0, model: 'epson' });
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify({ printer: { type: 'epson', interface: printer.url, paperWidthMm: 80, characterSet: 'PC858', timeoutMs: 800 } }));
    kiosk = openKiosk({ dataDir: dir, log: () => {} });
    const cfg = kiosk.config.printer as PrinterConfig;
    const first = enqueueJob(kiosk.db, { kind: 'test', visitId: null, payload: {}, requestedBy: 'test' }, new Date());

    let sabotage = true;
    const deaths: (Error | null)[] = [];
    const events: SupervisorEvent[] = [];
    supervised = superviseWorker(
      () => {
        const db = openDb(kiosk!.dbFile); // each worker its own connection, so one can be pulled away
        connections.push(db);
        const w = startPrintWorker({
          db,
          now: () => new Date(),
          printer: () => cfg,
          idleMs: 50,
          render: () => {
            if (sabotage) {
              sabotage = false;
              db.close(); // the worker can no longer record the outcome: its loop must end
              throw new Error('render failed and the database went away');
            }
            return Buffer.from('\x1b@TEST BADGE\n\n\n\x1dV\x00', 'latin1');
          },
        });
        void w.done.then((e) => deaths.push(e));
        return w;
      },
      { restartDelayMs: () => 20, onEvent: (e) => events.push(e) },
    );

    const until = async (ok: () => boolean, ms = 5000) => {
      const end = Date.now() + ms;
      while (!ok()) {
        if (Date.now() > end) throw new Error('timed out');
        await tick(20);
      }
    };
    await until(() => events.includes('print-worker-restarted'));
    expect(deaths[0]).toBeInstanceOf(Error);
    expect(deaths[0]!.message).toMatch(/not open/i);
    expect(events.slice(0, 2)).toEqual(['print-worker-died', 'print-worker-restarted']);
    // Cut off mid-attempt: the new worker leaves it for reception rather than risk a double badge.
    expect(getJob(kiosk.db, first)!.status).toBe('interrupted');

    const second = enqueueJob(kiosk.db, { kind: 'test', visitId: null, payload: {}, requestedBy: 'test' }, new Date());
    supervised.kick();
    await until(() => getJob(kiosk!.db, second)!.status === 'printed');
    expect(printer.jobs().length).toBeGreaterThanOrEqual(1);
  });
});
