// Sync crash-test worker: a real kiosk core (compiled JS, see compileCore.ts) that signs a
// visitor in and pushes its outbox to the hub in small batches, over and over, until the test
// SIGKILLs it. After each acked batch it appends "acked <n>" to a journal, so the test knows
// it was killed mid-sync rather than before it began.
//   node syncPushWorker.mjs <compiledDir> <dataDir> <journalFile>
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [compiledDir, dataDir, journalFile] = process.argv.slice(2);
if (!compiledDir || !dataDir || !journalFile) {
  console.error('usage: syncPushWorker.mjs <compiledDir> <dataDir> <journalFile>');
  process.exit(2);
}
const load = (p) => import(pathToFileURL(path.join(compiledDir, ...p.split('/'))).href);
const { openKiosk } = await load('core/kiosk.js');
const { createSyncClient } = await load('core/sync/client.js');
const { readOutboxBatch, applyPushAck } = await load('core/sync/push.js');
const { SYNC_PATHS } = await load('shared/sync.js');

const kiosk = openKiosk({ dataDir, log: (m, e) => console.error(`[worker] ${m}`, e) });
const client = createSyncClient(kiosk.db);
const journal = fs.openSync(journalFile, 'a');
const note = (line) => fs.writeSync(journal, `${line}\n`);
const boot = kiosk.core.run('kiosk.bootstrap', { language: 'en' });
let n = 0;

note('ready');
for (;;) {
  kiosk.core.run(
    'visit.signIn',
    {
      category: 'visitor',
      fullName: `Worker Visitor ${n++}`,
      hostId: boot.hosts[0].id,
      purpose: 'Sync crash test',
      language: 'en',
      policy: { versionId: boot.policy.versionId, textHash: boot.policy.textHash },
      phone: { choice: 'none' },
    },
    'kiosk',
  );
  const batch = readOutboxBatch(kiosk.db, 3);
  if (batch.length === 0) continue;
  const res = await client.post(SYNC_PATHS.push, { events: batch });
  note(`acked ${applyPushAck(kiosk.db, res.acked, new Date())}`);
}
