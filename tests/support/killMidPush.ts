// A kiosk killed in the middle of pushing: tests/support/syncPushWorker.mjs pushes the kiosk's
// outbox in a process of its own, writing a journal line per acked batch; it is SIGKILLed at a
// random moment after a few batches. No test-runner imports (compiled for the bench too).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './compileCore.js';

/** Batches the worker has had acked so far (lines of its journal). */
export function ackedBatches(journal: string): number {
  return fs.existsSync(journal) ? fs.readFileSync(journal, 'utf8').split('\n').filter((l) => l.startsWith('acked')).length : 0;
}

/** Starts the worker on the kiosk in `dataDir`, waits until it has had `batches` more batches
 *  acked, then SIGKILLs it; resolves with the signal it died of. */
export async function killWorkerMidPush(compiled: string, dataDir: string, journal: string, opts: { batches?: number; timeoutMs?: number } = {}): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'tests', 'support', 'syncPushWorker.mjs'), compiled, dataDir, journal], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_c, sig) => r(sig)));
  const start = ackedBatches(journal);
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  try {
    while (ackedBatches(journal) < start + (opts.batches ?? 3)) {
      if (child.exitCode !== null) throw new Error(`the push worker stopped by itself:\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`the push worker had no batches acked in time:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 60)));
  } finally {
    child.kill('SIGKILL');
  }
  return await exited;
}
