// Sync when things go wrong: the hub is down while visitors sign in, the hub restarts between
// two batches, the kiosk is killed mid-push, the kiosk's clock is 10 minutes out, and a kiosk
// is cut off for a week. In every case sign-in never waits for the network, and once the hub
// is reachable again the kiosk catches up by itself with nothing lost and nothing doubled.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { openKiosk } from '../../core/kiosk.js';
import { rebuildHubProjection } from '../../core/office/visits/projection.js';
import { startSyncAgent, type SyncAgent } from '../../core/sync/agent.js';
import { createSyncClient, SyncError } from '../../core/sync/client.js';
import { pushOutbox } from '../../core/sync/push.js';
import { readSyncState, syncStatus } from '../../core/sync/status.js';
import { compileCore, PROJECT_ROOT } from '../support/compileCore.js';
import { ackedBatches, killWorkerMidPush } from '../support/killMidPush.js';
import { disposeKiosk } from '../support/fixtures.js';
import { hubCount, pairKiosk, startTestHub, type TestHub } from '../support/syncHub.js';
import { fakeClock, signInInput, tempDir, tempKiosk } from '../support/tempKiosk.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function hubAndKiosk(opts: { hubNow?: () => Date; kioskNow?: () => Date } = {}): Promise<{ t: TestHub; k: Kiosk }> {
  const t = await startTestHub(opts.hubNow ? { now: opts.hubNow } : {});
  cleanups.push(() => t.dispose());
  const k = tempKiosk(opts.kioskNow ? { now: opts.kioskNow } : {});
  cleanups.push(() => disposeKiosk(k));
  await pairKiosk(k.db, t);
  return { t, k };
}

function agentFor(k: Kiosk, opts: Parameters<typeof startSyncAgent>[1]): SyncAgent {
  const a = startSyncAgent(k, { log: () => {}, ...opts });
  cleanups.push(() => a.stop());
  return a;
}

async function until(what: string, cond: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

function signIn(k: Kiosk, fullName: string): string {
  return k.core.run('visit.signIn', signInInput(k, { fullName }), 'kiosk').visitId;
}

/** The hub holds each of the kiosk's events once, and its visits are what the events say. */
function expectAllOnHubOnce(t: TestHub, k: Kiosk): void {
  const kioskIds = k.db.prepare('SELECT id FROM visit_events ORDER BY id').pluck().all();
  const hubIds = t.hub.db.prepare('SELECT id FROM hub_events WHERE kiosk_id = ? ORDER BY id').pluck().all(syncStatus(k.db).kioskId);
  expect(hubIds).toEqual(kioskIds);
  expect(syncStatus(k.db).outbox).toBe(0);
  const visits = () => t.hub.db.prepare('SELECT * FROM visits ORDER BY id').all();
  const before = visits();
  rebuildHubProjection(t.hub.db);
  expect(visits()).toEqual(before);
  expect(before).toHaveLength(k.db.prepare('SELECT COUNT(*) FROM visits').pluck().get() as number);
}

describe('the hub is down while visitors sign in', () => {
  it('signs them in at once, keeps the events, and catches up when the hub is back', async () => {
    const { t, k } = await hubAndKiosk();
    await t.stop();
    const agent = agentFor(k, { intervalMs: 30, maxBackoffMs: 150 });
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      signIn(k, `Offline Visitor ${i}`);
      expect(performance.now() - started).toBeLessThan(500); // a local commit, no network wait
      await sleep(40);
    }
    expect(syncStatus(k.db).outbox).toBeGreaterThanOrEqual(5 * 3);
    // Between two tries the agent backs off; on a slow machine it may already be trying again
    // when first looked at, so wait for it to be between tries.
    await until('the agent has failed to reach the hub and is backing off', () => agent.status().failures >= 2 && agent.status().state === 'backing_off');
    expect(agent.status()).toMatchObject({ state: 'backing_off', lastError: expect.stringMatching(/cannot be reached/) });
    expect(hubCount(t.hub, 'SELECT COUNT(*) FROM hub_events')).toBe(0);

    await t.start();
    await until('the outbox is empty', () => syncStatus(k.db).outbox === 0);
    await until('the agent is back to idle', () => agent.status().state === 'idle' && agent.status().failures === 0);
    expect(agent.status().lastError).toBeNull();
    expectAllOnHubOnce(t, k);
  });
});

describe('the hub restarts between two batches', () => {
  it('keeps what was acked, refuses nothing twice, and the next push finishes the job', async () => {
    const { t, k } = await hubAndKiosk();
    for (let i = 0; i < 6; i++) signIn(k, `Visitor ${i}`);
    const total = syncStatus(k.db).outbox;
    let answered = 0;
    const stopAfterFirst: typeof fetch = async (url, init) => {
      const res = await fetch(url, init);
      if (++answered === 1) await t.stop(); // the hub goes down after answering the first batch
      return res;
    };
    const e = await pushOutbox(createSyncClient(k.db, { fetch: stopAfterFirst, timeoutMs: 2000 }), k.db, { batchMax: 5 }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(SyncError);
    expect((e as SyncError).code).toBe('UNREACHABLE');
    expect(syncStatus(k.db).outbox).toBe(total - 5);
    expect(hubCount(t.hub, 'SELECT COUNT(*) FROM hub_events')).toBe(5);

    await t.restart(); // the hub process starts again from its file
    const done = await pushOutbox(createSyncClient(k.db), k.db, { batchMax: 5 });
    expect(done.pushed).toBe(total - 5);
    expectAllOnHubOnce(t, k);
    expect(hubCount(t.hub, "SELECT COUNT(*) FROM audit_log WHERE action = 'sync.push'")).toBe(done.batches + 1);
  });
});

describe('the kiosk is killed mid-push (SIGKILL)', () => {
  let compiled: string;
  beforeAll(() => {
    compiled = compileCore();
  }, 60_000);
  afterAll(() => fs.rmSync(compiled, { recursive: true, force: true }));

  it('resumes after each kill with nothing lost and nothing doubled', async () => {
    const t = await startTestHub();
    cleanups.push(() => t.dispose());
    const dataDir = tempDir('kiosk-sync-crash-');
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const journal = path.join(dataDir, 'journal.log');
    {
      const k = openKiosk({ dataDir, log: () => {} });
      await pairKiosk(k.db, t);
      k.close();
    }
    const acked = () => ackedBatches(journal);

    for (let round = 0; round < 3; round++) {
      expect(await killWorkerMidPush(compiled, dataDir, journal)).toBe('SIGKILL');
    }

    const k = openKiosk({ dataDir, log: () => {} });
    try {
      expect(k.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const before = hubCount(t.hub, 'SELECT COUNT(*) FROM hub_events');
      expect(before).toBeGreaterThan(0);
      await pushOutbox(createSyncClient(k.db), k.db);
      expectAllOnHubOnce(t, k);
    } finally {
      k.close();
    }
  }, 60_000);
});

describe('a kiosk clock 10 minutes out', () => {
  for (const skewMin of [10, -10]) {
    it(`${skewMin > 0 ? '+' : ''}${skewMin} min: costs one retry, then signs with the learned offset`, async () => {
      let skew = 0;
      const kioskNow = () => new Date(Date.now() + skew);
      const { t, k } = await hubAndKiosk({ kioskNow });
      skew = skewMin * 60_000; // the clock drifts after pairing
      signIn(k, 'Skewed Visitor');
      let requests = 0;
      const counting: typeof fetch = (url, init) => (requests++, fetch(url, init));
      const client = createSyncClient(k.db, { now: kioskNow, fetch: counting });
      await pushOutbox(client, k.db);
      expect(requests).toBe(2); // refused for skew, retried with the hub's time
      expect(readSyncState(k.db)!.clock_offset_ms).toBeGreaterThan(skew - 3000);
      expect(readSyncState(k.db)!.clock_offset_ms).toBeLessThan(skew + 3000);
      // The console shows the kiosk's real drift.
      const offset = t.hub.db.prepare('SELECT clock_offset_ms FROM kiosks').pluck().get() as number;
      expect(Math.abs(offset - skew)).toBeLessThan(3000);

      signIn(k, 'Second Visitor');
      requests = 0;
      await pushOutbox(client, k.db);
      expect(requests).toBe(1);
      expectAllOnHubOnce(t, k);
    });
  }
});

describe('a kiosk offline for a week', () => {
  it('catches up by itself through the agent loop when the hub is reachable again', async () => {
    const clock = fakeClock('2026-03-02T07:00:00.000Z');
    const { t, k } = await hubAndKiosk({ hubNow: clock.now, kioskNow: clock.now });
    await t.stop();
    const agent = agentFor(k, { now: clock.now, intervalMs: 20, maxBackoffMs: 100 });

    for (let day = 0; day < 7; day++) {
      clock.set(`2026-03-${String(2 + day).padStart(2, '0')}T08:00:00.000Z`);
      const ids = [0, 1, 2, 3].map((i) => signIn(k, `Day ${day} Visitor ${i}`));
      await sleep(25); // the agent keeps trying in the background
      clock.advance(6 * 3600_000);
      for (const id of ids) k.core.run('visit.signOut', { visitId: id, phoneCollected: true }, 'kiosk');
      await sleep(25);
    }
    const waiting = syncStatus(k.db).outbox;
    expect(waiting).toBeGreaterThanOrEqual(7 * 4 * 4);
    expect(agent.status().failures).toBeGreaterThan(3);
    expect(agent.status().lastPushAt).toBeNull();

    clock.advance(24 * 3600_000);
    await t.start();
    await until('the week has been sent', () => syncStatus(k.db).outbox === 0);
    await until('the agent is idle', () => agent.status().state === 'idle');
    expectAllOnHubOnce(t, k);
    expect(hubCount(t.hub, 'SELECT COUNT(*) FROM visits WHERE departed_at IS NULL')).toBe(0);
    expect(hubCount(t.hub, 'SELECT COUNT(DISTINCT local_day) FROM visits')).toBe(7);
  });
});
