// Power-cut-style crash test: a separate Node process runs the real kiosk core, signing people
// in and out in a tight loop, and is SIGKILLed at random moments. After every kill the database
// must open cleanly, pass SQLite's integrity check, and hold only whole visits: every sign-in
// all of its events, every sign-out all of its own, and a visit table equal to a rebuild from
// the events. Everything the worker saw committed must still be there.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKiosk } from '../../core/kiosk.js';
import { rebuildProjection } from '../../core/visits/projection.js';
import { compileCore, PROJECT_ROOT } from '../support/compileCore.js';
import { eventRows, visitsTable } from '../support/fixtures.js';
import { tempDir } from '../support/tempKiosk.js';

const WORKER = path.join(PROJECT_ROOT, 'tests', 'support', 'crashWorker.mjs');
const ROUNDS = 6;

/** The events of one visit, in order: a whole sign-in, then optionally a whole sign-out. */
const WHOLE_VISIT = /^arrived,policy_acknowledged,(device_use_requested,)?phone_stored(,(phone_returned,)?departed)?$/;

let compiled: string;
let dataDir: string;
beforeAll(() => {
  compiled = compileCore();
  dataDir = tempDir('kiosk-crash-');
}, 60_000);
afterAll(() => {
  fs.rmSync(compiled, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function journalLines(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, 'utf8');
  return text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter(Boolean); // whole lines only
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the worker, lets it commit at least `minOps` operations, waits a random moment, kills it. */
async function runAndKill(journal: string, minOps: number): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  const child: ChildProcess = spawn(process.execPath, [WORKER, compiled, dataDir, journal], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));

  const start = journalLines(journal).length;
  const deadline = Date.now() + 15_000;
  while (journalLines(journal).length < start + minOps) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`worker stopped or stalled before doing any work:\n${stderr}`);
    }
    await sleep(5);
  }
  await sleep(Math.floor(Math.random() * 150));
  expect(child.exitCode, `worker died by itself:\n${stderr}`).toBeNull();
  child.kill('SIGKILL');
  const { signal } = await exited;
  return { signal, stderr };
}

describe('a kiosk killed mid-write (SIGKILL)', () => {
  it(`reopens with whole visits only, over ${ROUNDS} random kills`, async () => {
    const journal = path.join(dataDir, 'journal.log');
    let totalIn = 0;
    let totalOut = 0;

    for (let round = 1; round <= ROUNDS; round++) {
      const { signal, stderr } = await runAndKill(journal, 5 + Math.floor(Math.random() * 40));
      expect(signal, stderr).toBe('SIGKILL');

      const k = openKiosk({ dataDir, log: () => {} });
      try {
        expect(k.db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(k.db.pragma('foreign_key_check')).toEqual([]);

        // Every visit in the log is whole.
        const byVisit = new Map<string, string[]>();
        for (const e of eventRows(k.db)) byVisit.set(e.visit_id, [...(byVisit.get(e.visit_id) ?? []), e.kind]);
        for (const [visitId, kinds] of byVisit) expect(kinds.join(','), `visit ${visitId}`).toMatch(WHOLE_VISIT);

        // The visit table is exactly what the events say, one row per visit.
        const kept = visitsTable(k.db);
        expect(new Set(kept.map((v) => v.id))).toEqual(new Set(byVisit.keys()));
        rebuildProjection(k.db);
        expect(visitsTable(k.db)).toEqual(kept);

        // Every event is queued for sync.
        expect(k.db.prepare('SELECT COUNT(*) FROM visit_events e LEFT JOIN outbox o ON o.event_id = e.id WHERE o.event_id IS NULL').pluck().get()).toBe(0);
        expect(k.db.prepare('SELECT COUNT(*) FROM outbox').pluck().get()).toBe(k.db.prepare('SELECT COUNT(*) FROM visit_events').pluck().get());

        // Whatever the worker saw committed survived the kill.
        const departed = new Set(k.db.prepare('SELECT id FROM visits WHERE departed_at IS NOT NULL').pluck().all() as string[]);
        const ins = journalLines(journal).filter((l) => l.startsWith('in ')).map((l) => l.slice(3));
        const outs = journalLines(journal).filter((l) => l.startsWith('out ')).map((l) => l.slice(4));
        for (const id of ins) expect(byVisit.has(id), `signed-in visit ${id} lost`).toBe(true);
        for (const id of outs) expect(departed.has(id), `sign-out of ${id} lost`).toBe(true);
        totalIn = ins.length;
        totalOut = outs.length;

        // And the kiosk still works.
        expect(k.core.call('kiosk.bootstrap', { language: 'en' }, 'kiosk').ok).toBe(true);
      } finally {
        k.close();
      }
    }
    expect(totalIn).toBeGreaterThan(ROUNDS * 2);
    expect(totalOut).toBeGreaterThan(0);
  }, 90_000);
});
