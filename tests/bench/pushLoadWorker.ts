// The load generator for the trust bench's push figure, in a worker thread of its own (its own
// event loop, so its timing is not queued behind the hub's synchronous database calls): real
// kiosk cores, each paired with the hub through pairWithHub, each signing a visitor in now and
// then (untimed) and pushing 1 to 3 outbox events every `everyMs`, phases spread evenly so the
// hub sees a steady stream. Each push is createSyncClient's signed POST over its kept pinned TLS
// connection, as a kiosk sends it. Interleaved with the pushes, at `baselinePerSecond`, a
// kiosk sends the bare round trip: a signed pull from its current cursor (same transport,
// signature check, nonce and transaction; nothing to fetch).
import { parentPort, workerData } from 'node:worker_threads';
import { openKiosk, type Kiosk } from '../../core/kiosk.js';
import { createSyncClient, type SyncClient } from '../../core/sync/client.js';
import { pairWithHub } from '../../core/sync/pair.js';
import { applyPullPage, pullCursor } from '../../core/sync/pull.js';
import { applyPushAck, readOutboxBatch } from '../../core/sync/push.js';
import { SYNC_PATHS, type PullResponse, type PushResponse } from '../../shared/sync.js';
import { nowMs } from './stats.js';

export type PushLoadJob = { kiosks: { dir: string; code: string; name: string; hubUrl: string }[]; everyMs: number; durationMs: number; baselinePerSecond: number };
export type PushLoadResult = { push: number[]; baseline: number[]; events: number; errors: string[]; pairMs: number; offeredPerSecond: number };

const job = workerData as PushLoadJob;

async function main(): Promise<PushLoadResult> {
  const kiosks: { k: Kiosk; client: SyncClient; boot: ReturnType<Kiosk['core']['run']> & { hosts: { id: string }[]; policy: { versionId: string; textHash: string } } }[] = [];
  const tPair = nowMs();
  for (const spec of job.kiosks) {
    const k = openKiosk({ dataDir: spec.dir, log: () => {} });
    await pairWithHub(k.db, spec.hubUrl, spec.code, spec.name);
    kiosks.push({ k, client: createSyncClient(k.db), boot: null as never });
  }
  const pairMs = nowMs() - tPair;
  parentPort!.postMessage({ type: 'paired', pairMs });

  const push: number[] = [];
  const baseline: number[] = [];
  const errors: string[] = [];
  let events = 0;
  let visitor = 0;
  const signIn = (x: (typeof kiosks)[number]) =>
    x.k.core.run(
      'visit.signIn',
      {
        category: 'visitor',
        fullName: `Load Visitor ${visitor++}`,
        hostId: x.boot.hosts[0]!.id,
        purpose: 'Push load',
        language: 'en',
        policy: { versionId: x.boot.policy.versionId, textHash: x.boot.policy.textHash },
        phone: { choice: 'none' },
      },
      'kiosk',
    );
  const pushOnce = async (x: (typeof kiosks)[number], size: number) => {
    if (readOutboxBatch(x.k.db, 3).length < size) signIn(x);
    const batch = readOutboxBatch(x.k.db, size);
    const t0 = nowMs();
    const res = await x.client.post<PushResponse>(SYNC_PATHS.push, { events: batch });
    push.push(nowMs() - t0);
    events += applyPushAck(x.k.db, res.acked, new Date());
  };
  const pullOnce = async (x: (typeof kiosks)[number]) => {
    const t0 = nowMs();
    await x.client.post<PullResponse>(SYNC_PATHS.pull, { cursor: pullCursor(x.k.db), limit: 1 });
    baseline.push(nowMs() - t0);
  };
  const guard = (p: Promise<void>) => p.catch((e: unknown) => void (errors.length < 20 && errors.push(e instanceof Error ? e.message : String(e))));
  // Bring every kiosk's pull cursor to the head first, so the baseline pull fetches nothing.
  for (const x of kiosks) {
    for (let i = 0; i < 20; i++) {
      const page = await x.client.post<PullResponse>(SYNC_PATHS.pull, { cursor: pullCursor(x.k.db) });
      applyPullPage(x.k.db, page, new Date());
      if (!page.more) break;
    }
    // After the pull: the hub's policy is the one its visitors now acknowledge.
    x.boot = x.k.core.run('kiosk.bootstrap', { language: 'en' }) as (typeof kiosks)[number]['boot'];
  }

  const start = nowMs() + 200;
  const pending = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  let seq = 0;
  const timers: NodeJS.Timeout[] = [];
  kiosks.forEach((x, i) => {
    const phase = (i / kiosks.length) * job.everyMs;
    const first = setTimeout(() => {
      const tick = () => track(guard(pushOnce(x, 1 + (seq++ % 3))));
      tick();
      timers.push(setInterval(tick, job.everyMs));
    }, start - nowMs() + phase);
    timers.push(first);
  });
  if (job.baselinePerSecond > 0) {
    let b = 0;
    const bt = setTimeout(() => {
      timers.push(setInterval(() => track(guard(pullOnce(kiosks[b++ % kiosks.length]!))), 1000 / job.baselinePerSecond));
    }, start - nowMs() + 97);
    timers.push(bt);
  }
  await new Promise((r) => setTimeout(r, start - nowMs() + job.durationMs));
  for (const t of timers) clearTimeout(t);
  await Promise.all([...pending]);
  for (const x of kiosks) x.k.close();
  return { push, baseline, events, errors, pairMs, offeredPerSecond: kiosks.length / (job.everyMs / 1000) };
}

main().then(
  (r) => parentPort!.postMessage({ type: 'done', result: r }),
  (e: unknown) => parentPort!.postMessage({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
);
