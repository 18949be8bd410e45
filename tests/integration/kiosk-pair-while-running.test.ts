// A kiosk paired while it is running starts syncing by itself within one sync interval: the
// kiosk's background services run the sync agent whether or not the kiosk is paired, and
// `kiosk:admin pair` (a separate process writing the same SQLite file) is all reception does.
// Real parts: a real hub over HTTP on 127.0.0.1, the kiosk's own services object, and the
// kioskAdmin command run as its own Node process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startKioskServices } from '../../core/host/kioskServices.js';
import { openKiosk } from '../../core/kiosk.js';
import { syncStatus } from '../../core/sync/status.js';
import { compileCore } from '../support/compileCore.js';
import { disposeKiosk } from '../support/fixtures.js';
import { hubCount, pairingCode, startTestHub } from '../support/syncHub.js';
import { signInInput, tempDir } from '../support/tempKiosk.js';

const INTERVAL_MS = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let compiled: string;
beforeAll(() => {
  compiled = compileCore(undefined, ['core', 'shared', 'scripts']);
}, 60_000);
afterAll(() => fs.rmSync(compiled, { recursive: true, force: true }));

/** Runs `kiosk:admin` as reception does (its own process), resolving with its exit code and output. */
function kioskAdmin(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [path.join(compiled, 'scripts', 'kioskAdmin.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((r) => child.once('exit', (code) => r({ code, out })));
}

async function until(what: string, cond: () => boolean, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(20);
  }
  return Date.now() - start;
}

describe('a kiosk paired while running', () => {
  it('starts syncing within one interval of `kiosk:admin pair`, visits signed in before pairing included', async () => {
    const t = await startTestHub();
    cleanups.push(() => t.dispose());
    const dataDir = tempDir('kiosk-pair-running-');
    const kiosk = openKiosk({ dataDir, log: () => {} });
    cleanups.push(() => disposeKiosk(kiosk));
    const services = await startKioskServices(kiosk, { log: () => {}, embeddedOffice: false, syncIntervalMs: INTERVAL_MS });
    cleanups.push(() => services.stop());

    const before = kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Early Arrival' }), 'kiosk').visitId;
    await until('the agent has looked and found the kiosk unpaired', () => services.sync.status().state === 'unpaired', 5_000);
    expect(hubCount(t.hub, 'SELECT COUNT(*) FROM hub_events')).toBe(0);

    const paired = await kioskAdmin(['pair', t.url, pairingCode(t.hub, 'Side gate'), '--name', 'Side gate', '--data-dir', dataDir]);
    expect(paired.out).toContain('Paired with the office hub');
    expect(paired.code).toBe(0);

    const tookMs = await until(
      'the hub holds the visit signed in before pairing',
      () => hubCount(t.hub, 'SELECT COUNT(*) FROM hub_events WHERE visit_id = ?', before) > 0,
      INTERVAL_MS * 5,
    );
    // One interval until the agent looks again, plus the round itself (loopback, but on a busy
    // test machine). Before, a kiosk paired while running never synced until restarted.
    expect(tookMs).toBeLessThan(INTERVAL_MS * 2);
    await until('the outbox is empty', () => syncStatus(kiosk.db).outbox === 0, INTERVAL_MS * 3);
    expect(services.sync.status().paired).toBe(true);

    // And it keeps syncing: a visit after pairing reaches the hub by itself as well.
    const after = kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Later Arrival' }), 'kiosk').visitId;
    await until('the hub holds the later visit', () => hubCount(t.hub, 'SELECT COUNT(*) FROM hub_events WHERE visit_id = ?', after) > 0, INTERVAL_MS * 3);
  }, 30_000);
});
