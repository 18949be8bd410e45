// The per-address limits (sign-in and set-up attempts, wrong pairing codes) with several hub
// servers on one database. Counted in each process's memory, every process grants its own
// allowance; counted in the database (DatabaseAttempts, core/office/http/attempts.ts), the
// allowance is the trust's, whichever process a load balancer sends each try to. Two real
// servers here, each with its own @fastify/rate-limit and sync routes, the counts in a table made
// as ATTEMPTS_TABLE_PG says (in a schema of this test's own: the table has no migration yet).
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseAttempts, ATTEMPTS_TABLE_PG, hasAttemptsTable, MemoryAttempts, type AttemptCounter } from '../../core/office/http/attempts.js';
import { pgConnection } from '../../core/office/store/open.js';
import { PgDatabase } from '../../core/office/store/pgDatabase.js';
import type { Db } from '../../core/db/open.js';
import { OFFICE_PATHS } from '../../shared/office.js';
import { SYNC_PATHS } from '../../shared/sync.js';
import { TEST_DATABASE_ENV, testingOnPostgres } from '../support/postgres.js';
import { ADMIN } from '../support/officeHub.js';
import { addTestSchool, startTrustTestHub, uniqueSlug, type TrustTestHub } from '../support/trustHub.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.runIf(testingOnPostgres())('attempt limits across two hub servers on one database', () => {
  const url = process.env[TEST_DATABASE_ENV] || 'postgres://skipped@127.0.0.1/none';
  const schema = `attempts_${randomBytes(4).toString('hex')}`;
  let pg: PgDatabase;
  let db: Db;

  beforeAll(() => {
    pg = new PgDatabase(pgConnection(url), schema);
    pg.exec(`CREATE SCHEMA ${schema}`);
    pg.exec(ATTEMPTS_TABLE_PG);
    db = pg as unknown as Db;
  });
  afterAll(() => {
    pg.exec(`DROP SCHEMA ${schema} CASCADE`);
    pg.close();
  });

  /** Two servers of one trust (as two processes would be), counting in `counter(i)`. */
  async function twoServers(counter: (i: number) => AttemptCounter, max = 5): Promise<{ hubs: [TrustTestHub, TrustTestHub]; slug: string }> {
    const hubs: TrustTestHub[] = [];
    for (const i of [0, 1]) {
      const t = await startTrustTestHub({ signInRateLimit: { max, timeWindowMs: 60_000 }, attempts: counter(i) });
      cleanups.push(() => t.close());
      hubs.push(t);
    }
    const slug = uniqueSlug('limits');
    await addTestSchool(hubs[0]!, slug, 'Limits Primary'); // its set-up is the first attempt counted
    return { hubs: hubs as [TrustTestHub, TrustTestHub], slug };
  }

  const wrongSignIn = (t: TrustTestHub, slug: string) => t.browser(slug).logIn(`nobody.${randomBytes(3).toString('hex')}`, 'not the password at all');
  const wrongCode = (t: TrustTestHub, slug: string) =>
    fetch(`${t.schoolUrl(slug)}${SYNC_PATHS.pairHello}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ codeId: randomBytes(32).toString('hex'), kioskNonce: randomBytes(16).toString('hex') }),
    });

  it('in the database: the sign-in allowance is shared, so the sixth try is refused on either server', async () => {
    db.exec('DELETE FROM rate_attempts');
    const { hubs: [a, b], slug } = await twoServers(() => new DatabaseAttempts(db));
    for (const t of [a, a, b, b]) expect((await wrongSignIn(t, slug)).status).toBe(401);
    expect((await wrongSignIn(b, slug)).status).toBe(429);
    expect((await wrongSignIn(a, slug)).status).toBe(429);
    expect((await a.browser(slug).get(OFFICE_PATHS.setupStatus)).status).toBe(200); // only the doors are limited
  });

  it('in each process\'s memory: each server grants its own allowance (why a load-balanced trust needs the table)', async () => {
    const { hubs: [a, b], slug } = await twoServers(() => new MemoryAttempts());
    // Seven tries let through where the limit is five: A's two, and B's own five.
    for (const t of [a, a, b, b, b, b, b]) expect((await wrongSignIn(t, slug)).status).toBe(401);
    expect((await wrongSignIn(b, slug)).status).toBe(429); // B's own sixth
  });

  it('in the database: ten wrong pairing codes through either server shut both doors', async () => {
    db.exec('DELETE FROM rate_attempts');
    const { hubs: [a, b], slug } = await twoServers(() => new DatabaseAttempts(db));
    for (let i = 0; i < 10; i++) {
      const res = await wrongCode(i % 2 ? b : a, slug);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'BAD_CODE' });
    }
    for (const t of [a, b]) expect((await wrongCode(t, slug)).status).toBe(429);
  });

  it('in the database: a made-up username locks after five wrong passwords across both servers, as an account does', async () => {
    db.exec('DELETE FROM rate_attempts');
    const { hubs: [a, b], slug } = await twoServers(() => new DatabaseAttempts(db), 100);
    const tries = async (username: string) => {
      const answers: number[] = [];
      for (const t of [a, a, a, b, b, a]) answers.push((await t.browser(slug).logIn(username, 'not the password at all')).status);
      return answers;
    };
    const account = await tries(ADMIN.username);
    const madeUp = await tries('no.such.person');
    expect(account.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(account[4]).not.toBe(401); // the fifth locks (across the two servers: the staff row)
    expect(account[5]).toBe(account[4]);
    expect(madeUp).toEqual(account); // a guesser cannot tell them apart
  });

  it('counts in fixed windows, atomically per address, and knows whether its table is there', () => {
    db.exec('DELETE FROM rate_attempts');
    const counter = new DatabaseAttempts(db);
    expect(counter.peek('x', 1000)).toBeNull();
    expect(counter.hit('x', 500, 1000)).toEqual({ count: 1, ttlMs: 500 });
    expect(counter.hit('x', 500, 1200)).toEqual({ count: 2, ttlMs: 300 });
    expect(counter.peek('x', 1499)).toEqual({ count: 2, ttlMs: 1 });
    expect(counter.peek('x', 1500)).toBeNull();
    expect(counter.hit('x', 500, 1500)).toEqual({ count: 1, ttlMs: 500 }); // a new window
    expect(counter.hit('y', 500, 1500)).toEqual({ count: 1, ttlMs: 500 });
    counter.clear('x');
    expect(counter.peek('x', 1600)).toBeNull();
    expect(counter.peek('y', 1600)).toEqual({ count: 1, ttlMs: 400 });
    expect(hasAttemptsTable(db)).toBe(true);
    const bare = new PgDatabase(pgConnection(url), `${schema}_none`);
    try {
      expect(hasAttemptsTable(bare as unknown as Db)).toBe(false);
    } finally {
      bare.close();
    }
  });
});
