// Crash-test worker: a real kiosk core (compiled JS, see tsconfig.crash.json) signing visitors
// in and out as fast as it can until the test SIGKILLs it. After each committed operation it
// appends one line to a journal file ("in <visitId>" / "out <visitId>"), so the test can check
// that everything reported as done survived the kill.
//   node crashWorker.mjs <compiledDir> <dataDir> <journalFile>
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [compiledDir, dataDir, journalFile] = process.argv.slice(2);
if (!compiledDir || !dataDir || !journalFile) {
  console.error('usage: crashWorker.mjs <compiledDir> <dataDir> <journalFile>');
  process.exit(2);
}
const { openKiosk } = await import(pathToFileURL(path.join(compiledDir, 'core', 'kiosk.js')).href);

const kiosk = openKiosk({ dataDir, log: (m, e) => console.error(`[worker] ${m}`, e) });
const journal = fs.openSync(journalFile, 'a');
const note = (line) => fs.writeSync(journal, `${line}\n`);

const boot = kiosk.core.run('kiosk.bootstrap', { language: 'en' });
const lockerIds = boot.lockers.map((l) => l.id);
const NAMES = ['Jane Smith', 'Zoë Ångström', 'محمد عبد الله', '王小明', "Siobhán O'Brien", 'Łukasz Kowalski', 'Sam 🙂 Lee'];
const CATEGORIES = ['parent_carer', 'volunteer', 'visitor', 'contractor', 'professional'];
const pick = (a) => a[Math.floor(Math.random() * a.length)];
const onSite = kiosk.core.run('visit.onSite', {}).visits.map((v) => v.visitId);

function phone() {
  const r = Math.random();
  if (r < 0.5) return { choice: 'locker', lockerId: pick(lockerIds) };
  if (r < 0.75) return { choice: 'reception' };
  if (r < 0.9) return { choice: 'none' };
  return { choice: 'exemption' };
}

function step() {
  if (onSite.length === 0 || (onSite.length < 25 && Math.random() < 0.55)) {
    const category = pick(CATEGORIES);
    const env = kiosk.core.call(
      'visit.signIn',
      {
        category,
        fullName: `${pick(NAMES)} ${Math.floor(Math.random() * 1000)}`,
        organisation: category === 'contractor' || category === 'professional' ? 'Acme Ltd' : '',
        agencyRole: category === 'professional' ? 'Therapist' : '',
        hostId: pick(boot.hosts).id,
        purpose: 'Crash test visit',
        needsEvacuationHelp: Math.random() < 0.1,
        language: 'en',
        policy: { versionId: boot.policy.versionId, textHash: boot.policy.textHash },
        phone: phone(),
      },
      'kiosk',
    );
    if (env.ok) {
      onSite.push(env.value.visitId);
      note(`in ${env.value.visitId}`);
    } else if (env.error.code !== 'LOCKER_TAKEN') {
      throw new Error(`sign-in refused: ${JSON.stringify(env.error)}`);
    }
  } else {
    const [visitId] = onSite.splice(Math.floor(Math.random() * onSite.length), 1);
    const env = kiosk.core.call('visit.signOut', { visitId, phoneCollected: Math.random() < 0.7 }, 'kiosk');
    if (!env.ok) throw new Error(`sign-out refused: ${JSON.stringify(env.error)}`);
    note(`out ${visitId}`);
  }
}

note('ready');
// Small batches with a turn of the event loop between them, so the process stays killable
// at any point but spends nearly all its time inside SQLite transactions.
function loop() {
  for (let i = 0; i < 25; i++) step();
  setImmediate(loop);
}
loop();
