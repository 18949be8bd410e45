// Kiosks paired with a real test hub over HTTP, with a badge printer on a real TCP socket (the
// virtual printer), for tests of what travels between kiosk, hub and printer.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { openKiosk, type Kiosk } from '../../core/kiosk.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../core/printing/virtual/server.js';
import { startSyncAgent } from '../../core/sync/agent.js';
import { disposeKiosk } from './fixtures.js';
import { pairKiosk, type TestHub } from './syncHub.js';
import { tempDir } from './tempKiosk.js';

/** What a test must undo, run in reverse by its afterEach. */
export type Cleanups = (() => Promise<void> | void)[];

/** Wait (polling) until `cond` holds; fail naming `what` after `timeoutMs`. */
export async function until(what: string, cond: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** One sync round of the kiosk with its hub, which must succeed. */
export async function syncOnce(k: Kiosk): Promise<void> {
  const agent = startSyncAgent(k, { log: () => {}, intervalMs: 60_000 });
  try {
    expect((await agent.syncNow()).lastError).toBeNull();
  } finally {
    await agent.stop();
  }
}

/** Sync the kiosk with its hub, trying up to three rounds until one has no failures. */
export async function syncWithRetries(k: Kiosk): Promise<void> {
  const agent = startSyncAgent(k, { log: () => {}, intervalMs: 60_000 });
  try {
    for (let i = 0; i < 3; i++) if ((await agent.syncNow()).failures === 0) return;
    throw new Error('the kiosk could not sync (three rounds failed)');
  } finally {
    await agent.stop();
  }
}

/** A virtual Epson badge printer listening on a free port. */
export async function printerOn(cleanups: Cleanups): Promise<VirtualPrinter> {
  const p = await startVirtualPrinter({ port: 0, model: 'epson' });
  cleanups.push(() => p.close());
  return p;
}

/** A kiosk named `name` with `printer` as its badge printer, paired with the hub. */
export async function pairedKiosk(cleanups: Cleanups, t: TestHub, name: string, printer: VirtualPrinter): Promise<Kiosk> {
  const dir = tempDir('kiosk-paired-');
  fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify({ printer: { type: 'epson', interface: printer.url, paperWidthMm: 80, characterSet: 'PC858', timeoutMs: 2000 } }));
  const k = openKiosk({ dataDir: dir, log: () => {} });
  cleanups.push(() => disposeKiosk(k));
  await pairKiosk(k.db, t, name);
  return k;
}
