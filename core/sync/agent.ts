// The kiosk's background sync: push the outbox, report quarantined events, then pull reference
// data, every few seconds; the pull runs even when the push failed.
// It never blocks a sign-in (the network waits hold no transaction; each database step is one
// short transaction), never throws into the kiosk, and when the hub cannot be reached it backs
// off exponentially with jitter (up to a minute) and catches up by itself when the hub is back,
// however long that took. Refused as revoked, it records that and stops; the kiosk keeps
// working offline on its last copy of the reference data.
import type { Db } from '../db/open.js';
import { createSyncClient, SyncError, type ClientOptions } from './client.js';
import { pullAll } from './pull.js';
import { pushOutbox, reportQuarantine } from './push.js';
import type { KioskDeskStatus } from '../../shared/sync.js';
import { clearSyncError, isPaired, readSyncState, recordRevoked, recordSyncError, syncStatus, type SyncStatus } from './status.js';

export type AgentOptions = ClientOptions & {
  /** Between successful rounds; default 5 s. */
  intervalMs?: number;
  /** Longest wait between failed attempts; default 60 s. */
  maxBackoffMs?: number;
  /** Events per push request (≤ PUSH_BATCH_MAX). */
  batchMax?: number;
  log?: (msg: string, err?: unknown) => void;
  /** For tests: the jitter's randomness. */
  random?: () => number;
  /** Reception's desk (core/printing/requests.ts): what to report with each pull, told when the
   *  office has it, and run after each pull (to queue print requests that came with it). */
  desk?: {
    status(): KioskDeskStatus;
    reported(status: KioskDeskStatus): void;
    afterPull(): void | Promise<void>;
  };
};

export type AgentState = 'starting' | 'syncing' | 'idle' | 'backing_off' | 'unpaired' | 'stopped';

export type AgentStatus = SyncStatus & {
  state: AgentState;
  /** Failed rounds in a row (0 after a success). */
  failures: number;
  lastSuccessAt: string | null;
  nextAttemptAt: string | null;
};

export type SyncAgent = {
  status(): AgentStatus;
  /** Run a round now (after the one in progress, if any); resolves with the status after it. */
  syncNow(): Promise<AgentStatus>;
  /**
   * A visitor is waiting on something the office may have done a moment ago (the head approved
   * their device use, reception added them as expected, a card was issued): make sure a round
   * that started no more than `maxAgeMs` before this call has run, starting one if need be,
   * instead of waiting for the next round; wait for it at most `maxWaitMs`. Never throws, never
   * waits on an office that is failing (the answer is then what the kiosk already has). Callers
   * asking together share one round (a search asks at every letter typed).
   */
  refresh(maxWaitMs: number, maxAgeMs?: number): Promise<void>;
  /** Stop the loop; resolves when any round in progress has finished. */
  stop(): Promise<void>;
};

/** Wait after `failures` failed rounds in a row: doubling from the interval, capped, with jitter. */
export function backoffMs(failures: number, intervalMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, intervalMs * 2 ** Math.min(failures - 1, 30));
  // "Equal jitter": at least half the ceiling, so kiosks that lost the hub together spread out
  // without any of them hammering it.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function startSyncAgent(target: { db: Db } | Db, opts: AgentOptions = {}): SyncAgent {
  const db: Db = 'prepare' in target ? target : target.db;
  const intervalMs = opts.intervalMs ?? 5_000;
  const maxBackoffMs = Math.max(intervalMs, opts.maxBackoffMs ?? 60_000);
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((m: string, e?: unknown) => console.error(`[sync] ${m}`, e ?? ''));
  const random = opts.random ?? Math.random;
  const client = createSyncClient(db, opts);

  let state: AgentState = 'starting';
  let failures = 0;
  let lastSuccessAt: string | null = null;
  let nextAttemptAt: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  // For refresh(), in performance.now() time: when the round running (or the last one) started,
  // and when the last finished round had started.
  let roundStartedAt = Number.NEGATIVE_INFINITY;
  let lastDoneStartedAt = Number.NEGATIVE_INFINITY;
  let queued: Promise<void> | null = null; // a round refresh() asked for, to start after the running one
  let stopped = false;
  // A hub from before reception's desk refuses the extra field (its schema is strict): this
  // kiosk then pulls without it until it restarts (the hub may be upgraded meanwhile).
  let deskRefused = false;

  const safeStatus = (): SyncStatus | null => {
    try {
      return db.open ? syncStatus(db) : null;
    } catch {
      return null;
    }
  };

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    nextAttemptAt = new Date(now().getTime() + ms).toISOString();
    timer = setTimeout(() => void kick(), ms);
    timer.unref(); // a kiosk (or a test) may exit with the loop still running
  }

  async function round(): Promise<void> {
    if (!db.open) return stop();
    if (!isPaired(db)) {
      state = 'unpaired'; // an administrator may pair it from another process: look again later
      return schedule(intervalMs);
    }
    if (readSyncState(db)?.revoked_at) {
      state = 'stopped';
      stopped = true;
      return;
    }
    state = 'syncing';
    try {
      // Each part runs whatever happened to the one before: a push the hub keeps refusing must
      // not stop this kiosk getting the office's revocations, erasures and sign-outs. The
      // first failure is reported after all three have had their turn (REVOKED first of all).
      // A hub that cannot be reached at all is the exception: the round ends at once (one
      // that answers, even with an error, is asked for its changes all the same).
      const failed: unknown[] = [];
      const part = async (work: () => Promise<unknown>) => {
        try {
          await work();
        } catch (e) {
          if (e instanceof SyncError && (e.code === 'UNREACHABLE' || e.code === 'TIMEOUT')) throw e;
          failed.push(e);
        }
      };
      await part(() => pushOutbox(client, db, { ...(opts.batchMax ? { batchMax: opts.batchMax } : {}), now }));
      if (db.open) await part(() => reportQuarantine(client, db, { now }));
      if (db.open) await part(() => pullWithDesk());
      if (failed.length > 0) throw failed.find((e) => e instanceof SyncError && e.code === 'REVOKED') ?? failed[0];
      if (!db.open) return stop();
      clearSyncError(db);
      failures = 0;
      lastSuccessAt = now().toISOString();
      state = 'idle';
      schedule(intervalMs);
    } catch (e) {
      if (!db.open) return stop();
      const message = e instanceof Error ? e.message : String(e);
      try {
        if (e instanceof SyncError && e.code === 'REVOKED') {
          recordRevoked(db, now());
          recordSyncError(db, message, now());
          log(`this kiosk was revoked by the office; sync has stopped (the kiosk keeps working): ${message}`);
          state = 'stopped';
          stopped = true;
          return;
        }
        recordSyncError(db, message, now());
      } catch (inner) {
        log('could not record the sync error', inner);
      }
      failures++;
      // Transient failures are expected (the hub PC asleep): log the first of a run only.
      if (failures === 1 || !(e instanceof SyncError && e.transient)) log(`sync failed: ${message}`);
      state = 'backing_off';
      schedule(backoffMs(failures, intervalMs, maxBackoffMs, random));
    }
  }

  async function pullWithDesk(): Promise<void> {
    const desk = opts.desk && !deskRefused ? deskStatusSafe() : null;
    if (!desk) {
      await pullAll(client, db, { now });
    } else {
      try {
        await pullAll(client, db, { now, desk });
      } catch (e) {
        if (!(e instanceof SyncError && e.code === 'INVALID_INPUT')) throw e;
        deskRefused = true;
        log(`the office hub does not take printer status yet (${e.message}); syncing without it`);
        await pullAll(client, db, { now });
      }
      if (!deskRefused) opts.desk!.reported(desk);
    }
    try {
      await opts.desk?.afterPull();
    } catch (e) {
      log('handling print requests from the office failed', e);
    }
  }

  function deskStatusSafe(): KioskDeskStatus | null {
    try {
      return opts.desk!.status();
    } catch (e) {
      log('could not read the printer status to report', e);
      return null;
    }
  }

  function kick(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (!running) {
      roundStartedAt = performance.now();
      running = round()
        .catch((e: unknown) => {
          // Nothing may escape into the kiosk: note it and try again later.
          log('sync round failed unexpectedly', e);
          schedule(maxBackoffMs);
        })
        .finally(() => {
          running = null;
          lastDoneStartedAt = roundStartedAt;
        });
    }
    return running;
  }

  async function stop(): Promise<void> {
    stopped = true;
    state = 'stopped';
    if (timer) clearTimeout(timer);
    timer = null;
    nextAttemptAt = null;
    if (running) await running;
    client.close();
  }

  const status = (): AgentStatus => {
    const base = safeStatus() ?? { paired: false, kioskId: 'unset', hubUrl: null, hubId: null, kioskName: null, pairedAt: null, revokedAt: null, outbox: 0, quarantined: 0, pendingErasures: 0, pullCursor: 0, clockOffsetMs: 0, lastPushAt: null, lastPullAt: null, lastError: null, lastErrorAt: null };
    return { ...base, state, failures, lastSuccessAt, nextAttemptAt: stopped ? null : nextAttemptAt };
  };

  // First round soon, not at once: the kiosk's window comes up before any network work.
  schedule(Math.min(intervalMs, 250));

  return {
    status,
    async syncNow() {
      if (running) await running;
      if (timer) clearTimeout(timer);
      await kick();
      return status();
    },
    async refresh(maxWaitMs, maxAgeMs = 0) {
      if (stopped || failures > 0 || !db.open || !isPaired(db)) return;
      const asked = performance.now();
      let wait: Promise<void>;
      if (running && roundStartedAt >= asked - maxAgeMs) wait = running;
      else if (!running && lastDoneStartedAt >= asked - maxAgeMs) return;
      else {
        // The running round may have pulled before the office's change: the next one, shared
        // by everyone who asks before it starts.
        if (!queued) {
          const next = (async () => {
            await null; // (so that `queued` below is set before it is cleared here)
            if (running) await running;
            queued = null; // from here on it has started: later callers want a later one
            if (stopped) return;
            if (timer) clearTimeout(timer);
            await kick();
          })();
          queued = next.catch(() => {});
        }
        wait = queued;
      }
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([wait.catch(() => {}), new Promise<void>((r) => (waited = setTimeout(r, maxWaitMs)))]);
      clearTimeout(waited);
    },
    stop,
  };
}
