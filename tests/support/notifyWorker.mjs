// Notification crash-test worker: an office hub (compiled JS, see compileCore.ts) in a process of
// its own, which the test SIGKILLs.
//   node notifyWorker.mjs <compiledDir> <dataDir> <queue|deliver> [<database JSON>]
// queue:   pushes three sign-ins from kiosk k-1 (each queues a host notice), prints "queued",
//          then keeps trying to deliver (the test's mail server is down) until killed.
// deliver: delivers what is due every 50 ms, holding each claim 1.5 s, until killed (the test
//          kills it while the mail server has the message and has not answered yet).
//          NOTIFY_HOLD_MS sets the claim's hold (two workers sharing a queue: long, so that no
//          claim expires while its worker is still sending).
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [compiledDir, dataDir, mode, database] = process.argv.slice(2);
if (!compiledDir || !dataDir || !mode) {
  console.error('usage: notifyWorker.mjs <compiledDir> <dataDir> <queue|deliver> [<database JSON>]');
  process.exit(2);
}
const load = (p) => import(pathToFileURL(path.join(compiledDir, ...p.split('/'))).href);
const { openHub } = await load('core/office/hub.js');
const { deliverDue } = await load('core/office/notifications/deliver.js');
const { eventSource } = await load('tests/support/officeDomain.js');
const { push } = await load('tests/support/notifyHub.js');

const hub = openHub({ dataDir, ...(database ? { database: JSON.parse(database) } : {}), log: () => {} });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const deliver = () => deliverDue({ db: hub.db, dataDir, now: () => new Date(), log: () => {}, by: `worker-${process.pid}`, holdMs: Number(process.env.NOTIFY_HOLD_MS ?? 1500), batch: 5, smtpTimeouts: { connectionTimeout: 500, greetingTimeout: 500, socketTimeout: 1000 } });

if (mode === 'queue') {
  const src = eventSource('k-1');
  for (let i = 0; i < 3; i++) push(hub, src.arrive({ fullName: `Crash Visitor ${i}`, at: new Date().toISOString() }).events, new Date());
  process.stdout.write('queued\n');
}
for (;;) {
  await deliver();
  await sleep(50);
}
