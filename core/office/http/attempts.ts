// Attempts counted per address: sign-in and set-up tries (@fastify/rate-limit) and wrong pairing
// codes (core/office/sync/routes.ts); and per made-up username, the lockout that makes an unknown
// name lock as an account does (core/office/auth/lockout.ts). In memory is right for one hub process. Several processes
// behind a load balancer must share the counts, or each grants its own allowance (two processes,
// twice the guesses): DatabaseAttempts keeps them in the trust's database, in the table
// ATTEMPTS_TABLE_PG describes, and any process sees every other's.
//
// Fixed windows, as @fastify/rate-limit's own store counts: the first attempt opens a window of
// `windowMs`; attempts in it add up; the first one after it opens a new window at 1.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../../db/open.js';

export type AttemptCount = { count: number; ttlMs: number };

export interface AttemptCounter {
  /** One more attempt for `key` at `now` (ms): the count in its window, this one included, and
   *  the time left in that window. */
  hit(key: string, windowMs: number, now: number): AttemptCount;
  /** The window open for `key` at `now` (null when none is), adding nothing. */
  peek(key: string, now: number): AttemptCount | null;
  /** Forget `key`'s window (a count that starts again from nothing). */
  clear(key: string): void;
}

/** One process's counts (the default). Forgets closed windows as it goes, so a scan from many
 *  addresses cannot grow it without bound for longer than a window. */
export class MemoryAttempts implements AttemptCounter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  hit(key: string, windowMs: number, now: number): AttemptCount {
    if (this.windows.size > 10_000) for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
    const open = this.windows.get(key);
    const w = open && open.endsAt > now ? { count: open.count + 1, endsAt: open.endsAt } : { count: 1, endsAt: now + windowMs };
    this.windows.set(key, w);
    return { count: w.count, ttlMs: w.endsAt - now };
  }

  peek(key: string, now: number): AttemptCount | null {
    const w = this.windows.get(key);
    return w && w.endsAt > now ? { count: w.count, ttlMs: w.endsAt - now } : null;
  }

  clear(key: string): void {
    this.windows.delete(key);
  }
}

/** The table DatabaseAttempts needs, in the trust's schema (trust directory migration 40). */
export const ATTEMPTS_TABLE = 'rate_attempts';
export const ATTEMPTS_TABLE_PG = `
  CREATE TABLE rate_attempts (
    key TEXT PRIMARY KEY,
    hits BIGINT NOT NULL,
    window_ends BIGINT NOT NULL
  );
  CREATE INDEX rate_attempts_by_end ON rate_attempts(window_ends);
`;

/** Counts shared by every process on the database: one atomic upsert per attempt (no
 *  transaction: the row lock orders processes that count the same address at once). */
export class DatabaseAttempts implements AttemptCounter {
  private hits = 0;
  constructor(private readonly db: Db) {}

  hit(key: string, windowMs: number, now: number): AttemptCount {
    // Now and then, closed windows go (a scan of many addresses leaves many rows).
    if (++this.hits % 500 === 0) this.db.prepare('DELETE FROM rate_attempts WHERE window_ends <= ?').run(now);
    const row = this.db
      .prepare(
        `INSERT INTO rate_attempts (key, hits, window_ends) VALUES (@key, 1, @ends)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN rate_attempts.window_ends <= @now THEN 1 ELSE rate_attempts.hits + 1 END,
           window_ends = CASE WHEN rate_attempts.window_ends <= @now THEN @ends ELSE rate_attempts.window_ends END
         RETURNING hits, window_ends`,
      )
      .get({ key, ends: now + windowMs, now }) as { hits: number | string; window_ends: number | string };
    return { count: Number(row.hits), ttlMs: Number(row.window_ends) - now };
  }

  peek(key: string, now: number): AttemptCount | null {
    const row = this.db.prepare('SELECT hits, window_ends FROM rate_attempts WHERE key = ? AND window_ends > ?').get(key, now) as { hits: number | string; window_ends: number | string } | undefined;
    return row ? { count: Number(row.hits), ttlMs: Number(row.window_ends) - now } : null;
  }

  clear(key: string): void {
    this.db.prepare('DELETE FROM rate_attempts WHERE key = ?').run(key);
  }
}

/** Whether the database has the table DatabaseAttempts counts in. */
export function hasAttemptsTable(db: Db): boolean {
  try {
    db.prepare('SELECT COUNT(*) FROM rate_attempts WHERE key = ?').get('');
    return true;
  } catch {
    return false;
  }
}

/** @fastify/rate-limit's `store` option over a counter: its keys (the address) under `prefix`.
 *  Each limiter (`app.rateLimit(...)`: the schools' sign-in, the trust's) gets its own count, as
 *  with the plugin's own store, numbered in the order they are made: the same in every process,
 *  since every process registers the same routes in the same order. */
export function rateLimitStore(counter: AttemptCounter, prefix: string): FastifyRateLimitStoreCtor {
  let limiters = 0;
  class CounterStore implements FastifyRateLimitStore {
    // The plugin makes the first with its options (unused here); child() the others.
    constructor(_options?: unknown, private readonly namespace: string = prefix) {}
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      let r: AttemptCount;
      try {
        r = counter.hit(`${this.namespace}:${key}`, timeWindow, Date.now());
      } catch (e) {
        return callback(e instanceof Error ? e : new Error(String(e)));
      }
      callback(null, { current: r.count, ttl: r.ttlMs });
    }
    child(): FastifyRateLimitStore {
      return new CounterStore(undefined, `${prefix}-${++limiters}`);
    }
  }
  return CounterStore;
}
