// A paired kiosk moved to its hub's new address (kiosk:admin set-hub-url; README: Moving a school
// hub into a trust): the new address is kept only if the SAME hub answers there, proved by its
// signature; anything else changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startOfficeHttp } from '../../core/office/http/server.js';
import { ensureHubTls, makeSelfSigned, spkiPin } from '../../core/office/tls/certificate.js';
import { TEST_SCRYPT } from '../support/officeHub.js';
import { tempDir, tempKiosk } from '../support/tempKiosk.js';
import type { Kiosk } from '../../core/kiosk.js';
import { SyncError } from '../../core/sync/client.js';
import { changeHubUrl, hubUrlHistory } from '../../core/sync/rehome.js';
import { readSyncState } from '../../core/sync/status.js';
import { disposeKiosk } from '../support/fixtures.js';
import { pairKiosk, startTestHub, type TestHub } from '../support/syncHub.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function pairedKiosk(): Promise<{ t: TestHub; k: Kiosk }> {
  const t = await startTestHub();
  cleanups.push(() => t.dispose());
  const k = tempKiosk();
  cleanups.push(() => disposeKiosk(k));
  await pairKiosk(k.db, t);
  return { t, k };
}

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as SyncError);

describe('moving a kiosk to its hub\'s new address', () => {
  it('keeps the new address when the same hub answers there, and writes the change down', async () => {
    const { t, k } = await pairedKiosk();
    const before = readSyncState(k.db)!;
    const to = `http://localhost:${t.port}/`;
    const change = await changeHubUrl(k.db, to, 'IT');
    expect(change).toMatchObject({ from: t.url, to: `http://localhost:${t.port}`, by: 'IT' });
    const after = readSyncState(k.db)!;
    expect(after).toMatchObject({ hub_url: `http://localhost:${t.port}`, hub_id: before.hub_id, hub_public_key: before.hub_public_key, private_key: before.private_key, pull_cursor: before.pull_cursor });
    expect(hubUrlHistory(k.db)).toEqual([change]);
  });

  it('refuses another hub at the new address, and changes nothing', async () => {
    const { t, k } = await pairedKiosk();
    const other = await startTestHub();
    cleanups.push(() => other.dispose());
    const e = await failure(changeHubUrl(k.db, other.url, 'IT'));
    expect(e).toBeInstanceOf(SyncError);
    expect(e!.code).toBe('HUB_MISMATCH');
    expect(readSyncState(k.db)!.hub_url).toBe(t.url);
    expect(hubUrlHistory(k.db)).toEqual([]);
  });

  it('refuses an address nobody answers at, the same address, an https address it has no pin for, and an unpaired kiosk', async () => {
    const { t, k } = await pairedKiosk();
    expect((await failure(changeHubUrl(k.db, 'http://127.0.0.1:9/', 'IT')))!.code).toBe('UNREACHABLE');
    expect((await failure(changeHubUrl(k.db, `${t.url}/`, 'IT')))!.message).toMatch(/already syncs with/);
    expect((await failure(changeHubUrl(k.db, `https://127.0.0.1:${t.port}/s/riverside/`, 'IT')))!.message).toMatch(/pins no certificate/);
    expect((await failure(changeHubUrl(k.db, 'ftp://hub/', 'IT')))!.code).toBe('INVALID_INPUT');
    expect(readSyncState(k.db)!.hub_url).toBe(t.url);
    const lone = tempKiosk();
    cleanups.push(() => disposeKiosk(lone));
    expect((await failure(changeHubUrl(lone.db, t.url, 'IT')))!.code).toBe('NOT_PAIRED');
  });

  it('a kiosk paired over plain http moves to https with the pin an administrator gives, and only with the right one', async () => {
    const { t, k } = await pairedKiosk();
    const dir = tempDir('hub-tls-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const tls = await ensureHubTls(dir);
    const served = await startOfficeHttp({ hub: t.hub, port: 0, host: '127.0.0.1', consoleDir: path.join(dir, 'none'), scrypt: TEST_SCRYPT, log: () => {}, https: { key: tls.key, cert: tls.cert, pins: tls.pins } });
    cleanups.push(() => served.close());
    const to = `${served.url.replace(/\/$/, '')}/`;
    const otherPin = spkiPin((await makeSelfSigned()).cert);
    expect((await failure(changeHubUrl(k.db, to, 'IT', { hubPin: otherPin })))!.code).toBe('HUB_MISMATCH');
    expect((await failure(changeHubUrl(k.db, to, 'IT', { hubPin: 'not a pin' })))!.code).toBe('INVALID_INPUT');
    expect(readSyncState(k.db)).toMatchObject({ hub_url: t.url, hub_pins: '[]' });
    const pin = spkiPin(tls.cert);
    const change = await changeHubUrl(k.db, to, 'IT', { hubPin: pin });
    expect(change.pinGiven).toBe(pin);
    expect(readSyncState(k.db)).toMatchObject({ hub_url: to.replace(/\/$/, ''), hub_pins: JSON.stringify([pin]) });
    // Once it pins, a pin from the command line is no longer taken.
    expect((await failure(changeHubUrl(k.db, t.url, 'IT', { hubPin: pin })))!.code).toBe('INVALID_INPUT');
  });
});
