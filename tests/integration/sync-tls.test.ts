// A school network is hostile. Over real sockets: the office hub serves HTTPS with its own
// certificate; a kiosk pins it at pairing without anyone typing a fingerprint; a TLS-
// intercepting proxy with another certificate is caught at pairing and after it; answers not
// signed by the paired hub change nothing; a pairing code never re-keys an existing kiosk; a
// certificate rotation needs no re-pairing; the hub refuses plain HTTP on the network and
// foreign Host names.
import fs from 'node:fs';
import http from 'node:http';
import { request as https_request } from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { startOfficeHttp, type OfficeHttp } from '../../core/office/http/server.js';
import type { Hub } from '../../core/office/hub.js';
import { openTestHub } from '../support/postgres.js';
import { createPairingCode } from '../../core/office/sync/pairing.js';
import { activateRotation, ensureHubTls, makeSelfSigned, prepareRotation, spkiPin } from '../../core/office/tls/certificate.js';
import { createSyncClient, SyncError } from '../../core/sync/client.js';
import { pairWithHub } from '../../core/sync/pair.js';
import { pullAll } from '../../core/sync/pull.js';
import { pushOutbox } from '../../core/sync/push.js';
import { readSyncState, syncStatus } from '../../core/sync/status.js';
import { disposeKiosk } from '../support/fixtures.js';
import { ADMIN as CONSOLE_ADMIN, startTestHub as startConsoleHub, TEST_SCRYPT } from '../support/officeHub.js';
import { OFFICE_PATHS } from '../../shared/office.js';
import { signInInput, tempKiosk } from '../support/tempKiosk.js';

type RealHub = { hub: Hub; http: OfficeHttp; url: string; dataDir: string; restart(): Promise<void>; close(): Promise<void> };

/** The real office server (console + sync) over HTTPS with the hub's own certificate. */
async function startHttpsHub(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-tls-'))): Promise<RealHub> {
  const hub = openTestHub({ dataDir, log: () => {} });
  let port = 0;
  const serve = async () => {
    const cert = await ensureHubTls(dataDir);
    const server = await startOfficeHttp({ hub, port, host: '127.0.0.1', consoleDir: path.join(dataDir, 'none'), scrypt: TEST_SCRYPT, log: () => {}, https: { key: cert.key, cert: cert.cert, pins: cert.pins } });
    port = Number(new URL(server.url).port);
    return server;
  };
  const t: RealHub = {
    hub,
    http: await serve(),
    url: '',
    dataDir,
    async restart() {
      await t.http.close();
      t.http = await serve();
    },
    async close() {
      await t.http.close();
      hub.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  t.url = t.http.url.replace(/\/$/, '');
  return t;
}

/** A TLS-intercepting proxy: terminates TLS with its own certificate and re-encrypts to the hub,
 *  as a school's "HTTPS inspection" box or an attacker's laptop would. Counts what it relays. */
async function startInterceptingProxy(target: URL): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const own = await makeSelfSigned(['proxy.example']);
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key: own.key, cert: own.cert }, (client) => {
    sockets.add(client);
    const upstream = tls.connect({ host: target.hostname, port: Number(target.port), rejectUnauthorized: false });
    sockets.add(upstream);
    client.on('data', (d: Buffer) => {
      const line = d.toString('latin1').split('\r\n')[0]!;
      if (/^(GET|POST) /.test(line)) requests.push(line);
    });
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

function code(h: Hub, replaces: string | null = null): string {
  return h.db.transaction(() => createPairingCode(h.db, 'Main entrance', 'Ada Admin (admin)', new Date(), replaces).code)();
}

async function refusal(p: Promise<unknown>): Promise<SyncError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(SyncError);
  return e as SyncError;
}

const count = (h: Hub, sql: string): number => (h.db.prepare(sql).pluck().get() as number) ?? 0;

let t: RealHub;
let kiosk: Kiosk;
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  t = await startHttpsHub();
  kiosk = tempKiosk();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  disposeKiosk(kiosk);
  await t.close();
});

function signIn(fullName = 'Jane Smith') {
  return kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName }), 'kiosk');
}

describe('pairing over HTTPS pins the hub without a fingerprint', () => {
  it('pins the certificate the hub proved with the code, then syncs over it', async () => {
    const res = await pairWithHub(kiosk.db, t.url, code(t.hub), 'Front desk');
    expect(res.hubId).toMatch(/^hub-/);
    const state = readSyncState(kiosk.db)!;
    const served = await ensureHubTls(t.dataDir);
    expect(JSON.parse(state.hub_pins)).toEqual([spkiPin(served.cert)]);
    expect(state.hub_public_key).toBeTruthy();
    signIn();
    const pushed = await pushOutbox(createSyncClient(kiosk.db), kiosk.db);
    expect(pushed.pushed).toBeGreaterThan(0);
    expect(count(t.hub, 'SELECT COUNT(*) FROM hub_events')).toBe(pushed.pushed);
  });

  it('catches a TLS-intercepting proxy at pairing: refused before anything secret is sent, code still usable', async () => {
    const proxy = await startInterceptingProxy(new URL(t.url));
    cleanups.push(proxy.close);
    const c = code(t.hub);
    const e = await refusal(pairWithHub(kiosk.db, proxy.url, c, 'Front desk'));
    expect(e.code).toBe('HUB_MISMATCH');
    expect(e.message).toMatch(/intercepted/);
    // Only the first step (an id derived from the code and a nonce) crossed the proxy.
    expect(proxy.requests).toEqual([expect.stringMatching(/^POST \/sync\/v1\/pair\/hello /)]);
    expect(readSyncState(kiosk.db)).toBeNull();
    expect(count(t.hub, 'SELECT COUNT(*) FROM kiosks')).toBe(0);
    expect(count(t.hub, 'SELECT COUNT(*) FROM pairing_codes WHERE used_at IS NOT NULL')).toBe(0);
    // The code was not burnt: straight to the hub, it pairs.
    await pairWithHub(kiosk.db, t.url, c, 'Front desk');
    expect(count(t.hub, 'SELECT COUNT(*) FROM kiosks')).toBe(1);
  });

  it('refuses a machine that does not hold the code (wrong proof), whatever its certificate', async () => {
    const other = await startHttpsHub();
    cleanups.push(() => other.close());
    code(t.hub);
    // A code of the real hub typed at a kiosk pointed at another hub: that hub cannot prove it.
    const e = await refusal(pairWithHub(kiosk.db, other.url, code(t.hub), 'Front desk'));
    expect(e.code).toBe('BAD_CODE');
    expect(readSyncState(kiosk.db)).toBeNull();
  });
});

describe('after pairing the kiosk talks only to the pinned hub', () => {
  beforeEach(async () => {
    await pairWithHub(kiosk.db, t.url, code(t.hub), 'Front desk');
    signIn('Jane Smith');
    await pushOutbox(createSyncClient(kiosk.db), kiosk.db);
    signIn('Priya Patel');
  });

  it('a proxy with another certificate: refused at the handshake, nothing sent or acked, outbox intact, status says why', async () => {
    const proxy = await startInterceptingProxy(new URL(t.url));
    cleanups.push(proxy.close);
    const before = count(t.hub, 'SELECT COUNT(*) FROM hub_events');
    const outbox = syncStatus(kiosk.db).outbox;
    expect(outbox).toBeGreaterThan(0);
    kiosk.db.prepare('UPDATE sync_state SET hub_url = ?').run(proxy.url);
    const client = createSyncClient(kiosk.db);
    const e = await refusal(pushOutbox(client, kiosk.db));
    expect(e.code).toBe('HUB_MISMATCH');
    expect(e.message).toMatch(/did not pin/);
    expect(proxy.requests).toEqual([]); // not even the request line
    expect((await refusal(pullAll(client, kiosk.db))).code).toBe('HUB_MISMATCH');
    expect(count(t.hub, 'SELECT COUNT(*) FROM hub_events')).toBe(before);
    expect(syncStatus(kiosk.db).outbox).toBe(outbox);
    expect(kiosk.core.run('visit.onSite', {}, 'staff').visits.map((v) => v.fullName).sort()).toEqual(['Jane Smith', 'Priya Patel']);
  });

  it('another hub answering at the address (its own certificate and key) is refused', async () => {
    const other = await startHttpsHub();
    cleanups.push(() => other.close());
    kiosk.db.prepare('UPDATE sync_state SET hub_url = ?').run(other.url);
    expect((await refusal(pushOutbox(createSyncClient(kiosk.db), kiosk.db))).code).toBe('HUB_MISMATCH');
    expect(count(other.hub, 'SELECT COUNT(*) FROM hub_events')).toBe(0);
  });

  it('learns a rotated certificate over the pinned channel and keeps syncing without re-pairing', async () => {
    const { pin: nextPin } = await prepareRotation(t.dataDir);
    await t.restart(); // now announcing current + next
    await pullAll(createSyncClient(kiosk.db), kiosk.db);
    expect(JSON.parse(readSyncState(kiosk.db)!.hub_pins)).toContain(nextPin);
    activateRotation(t.dataDir);
    await t.restart(); // serving the new certificate only
    const pushed = await pushOutbox(createSyncClient(kiosk.db), kiosk.db);
    expect(pushed.pushed).toBeGreaterThan(0);
    expect(JSON.parse(readSyncState(kiosk.db)!.hub_pins)).toEqual([nextPin]);
  });
});

describe('a sync client keeps its pinned connection open', () => {
  it('one handshake for a round of syncs; the pin is checked before every request; a connection to a certificate no longer accepted is dropped, not reused', async () => {
    await pairWithHub(kiosk.db, t.url, code(t.hub), 'Front desk');
    const server = t.http.app.server;
    let handshakes = 0;
    let requests = 0;
    const onTls = () => handshakes++;
    const onRequest = () => requests++;
    server.on('secureConnection', onTls);
    server.on('request', onRequest);
    cleanups.push(() => void server.off('secureConnection', onTls).off('request', onRequest));
    const client = createSyncClient(kiosk.db);
    cleanups.push(() => client.close());

    signIn('Jane Smith');
    await pushOutbox(client, kiosk.db);
    await pullAll(client, kiosk.db);
    signIn('Priya Patel');
    await pushOutbox(client, kiosk.db);
    expect(requests).toBeGreaterThanOrEqual(3);
    expect(handshakes).toBe(1);

    // The kiosk stops accepting the certificate that connection showed (as after a rotation):
    // the kept connection is refused before a byte is written, and then closed.
    const pins = readSyncState(kiosk.db)!.hub_pins;
    kiosk.db.prepare('UPDATE sync_state SET hub_pins = ?').run(JSON.stringify(['bm90LXRoZS1odWJzLXBpbg==']));
    signIn('Omar Haddad');
    const before = requests;
    expect((await refusal(pushOutbox(client, kiosk.db))).code).toBe('HUB_MISMATCH');
    expect(requests).toBe(before);
    expect(syncStatus(kiosk.db).outbox).toBeGreaterThan(0);

    kiosk.db.prepare('UPDATE sync_state SET hub_pins = ?').run(pins);
    await pushOutbox(client, kiosk.db);
    expect(handshakes).toBe(2); // a fresh connection, whose certificate was checked again
    expect(syncStatus(kiosk.db).outbox).toBe(0);
  });
});

describe('forged answers from a machine at the hub address change nothing', () => {
  // Plain HTTP on loopback (the one-PC set-up) has no TLS to lean on: the answer signature alone
  // must stop a forger. The forger knows the hub's id (it is no secret) and answers everything.
  let forger: http.Server;
  let forged: string[];
  beforeEach(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-plain-'));
    const plain = openTestHub({ dataDir, log: () => {} });
    const server = await startOfficeHttp({ hub: plain, port: 0, host: '127.0.0.1', consoleDir: path.join(dataDir, 'none'), scrypt: TEST_SCRYPT, log: () => {} });
    cleanups.push(async () => {
      await server.close();
      plain.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    await pairWithHub(kiosk.db, server.url, code(plain), 'Front desk');
    signIn('Jane Smith');
    const hubId = readSyncState(kiosk.db)!.hub_id;
    const visitId = kiosk.core.run('visit.onSite', {}, 'staff').visits[0]!.visitId;
    forged = [];
    forger = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        forged.push(req.url ?? '');
        const now = new Date().toISOString();
        const ids = req.url?.endsWith('/push') ? (JSON.parse(body) as { events: { id: string }[] }).events.map((e) => e.id) : [];
        const answer = req.url?.endsWith('/push')
          ? { acked: ids, serverTime: now }
          : {
              from: 0,
              to: Number.MAX_SAFE_INTEGER,
              more: false,
              serverTime: now,
              changes: [
                { seq: 1, entity: 'erasure', key: visitId, body: { visitId, erasedAt: now } },
                { seq: 2, entity: 'site', key: 'site', body: { siteName: 'Forged', timeZone: 'Europe/London', autoSignOutAt: '00:00' } },
              ],
            };
        res.writeHead(200, { 'content-type': 'application/json', 'x-hub-id': hubId, 'x-hub-signature': Buffer.alloc(64).toString('base64'), 'x-hub-pins': '' });
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((r) => forger.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => forger.close(() => r())));
    kiosk.db.prepare('UPDATE sync_state SET hub_url = ?').run(`http://127.0.0.1:${(forger.address() as net.AddressInfo).port}`);
  });

  it('fake acks do not clear the outbox; a forged erasure, auto sign-out and huge cursor are not applied', async () => {
    const client = createSyncClient(kiosk.db);
    const outbox = syncStatus(kiosk.db).outbox;
    expect((await refusal(pushOutbox(client, kiosk.db))).code).toBe('HUB_MISMATCH');
    expect((await refusal(pullAll(client, kiosk.db))).code).toBe('HUB_MISMATCH');
    expect(forged.length).toBe(2);
    expect(syncStatus(kiosk.db).outbox).toBe(outbox);
    expect(syncStatus(kiosk.db).pullCursor).toBe(readSyncState(kiosk.db)!.pull_cursor);
    expect(readSyncState(kiosk.db)!.pull_cursor).toBeLessThan(1000);
    expect(kiosk.core.run('visit.onSite', {}, 'staff').visits.map((v) => v.fullName)).toEqual(['Jane Smith']);
  });
});

describe('pairing codes make new kiosks; replacing one is its own action', () => {
  it('a new-kiosk code cannot re-key a kiosk that is already paired; a replacement code naming it can', async () => {
    await pairWithHub(kiosk.db, t.url, code(t.hub), 'Front desk');
    const kioskId = syncStatus(kiosk.db).kioskId;
    const keyBefore = t.hub.db.prepare('SELECT public_key FROM kiosks WHERE id = ?').pluck().get(kioskId);
    const e = await refusal(pairWithHub(kiosk.db, t.url, code(t.hub), 'Front desk'));
    expect(e.code).toBe('ALREADY_PAIRED');
    expect(e.message).toMatch(/Replace this kiosk/);
    expect(t.hub.db.prepare('SELECT public_key FROM kiosks WHERE id = ?').pluck().get(kioskId)).toBe(keyBefore);

    // A replacement code for another kiosk id does not fit this one.
    const other = tempKiosk();
    cleanups.push(() => disposeKiosk(other));
    expect((await refusal(pairWithHub(other.db, t.url, code(t.hub, kioskId), 'x'))).code).toBe('BAD_CODE');

    await pairWithHub(kiosk.db, t.url, code(t.hub, kioskId), 'ignored');
    expect(t.hub.db.prepare('SELECT public_key FROM kiosks WHERE id = ?').pluck().get(kioskId)).toBe(readSyncState(kiosk.db)!.public_key);
    expect(count(t.hub, "SELECT COUNT(*) FROM audit_log WHERE action = 'sync.replace'")).toBe(1);
  });
});

describe('the hub on the network', () => {
  it('will not serve plain HTTP beyond loopback unless told to, and then says so loudly', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-plain-'));
    const h = openTestHub({ dataDir, log: () => {} });
    cleanups.push(() => {
      h.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    await expect(startOfficeHttp({ hub: h, port: 0, host: '0.0.0.0', consoleDir: dataDir, log: () => {} })).rejects.toThrow(/plain HTTP/);
    const logged: string[] = [];
    const s = await startOfficeHttp({ hub: h, port: 0, host: '0.0.0.0', consoleDir: dataDir, insecureHttp: true, log: (l) => logged.push(l) });
    await s.close();
    expect(logged.join('\n')).toMatch(/WARNING: --insecure-http/);
  });

  it('answers only to its own host names (DNS rebinding)', async () => {
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const u = new URL(t.url);
        const req = https_request({ host: u.hostname, port: u.port, path: '/api/office/session', method: 'GET', headers: { host }, rejectUnauthorized: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await status('evil.example')).toBe(421);
    expect(await status(`127.0.0.1:${new URL(t.url).port}`)).not.toBe(421);
  });
});

describe('behind a reverse proxy that terminates TLS', () => {
  it('with trust-proxy and the public origin, sign-in works and the session cookie is Secure', async () => {
    const c = await startConsoleHub({ trustProxy: '127.0.0.1', publicOrigin: 'https://office.school.example' });
    cleanups.push(() => c.close());
    const viaProxy = { host: 'office.school.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'office.school.example', origin: 'https://office.school.example' };
    const b = c.browser();
    const res = await b.post(OFFICE_PATHS.setup, { setupCode: c.setupCode(), ...CONSOLE_ADMIN }, { headers: viaProxy });
    expect(res.status).toBe(200);
    expect(b.lastSetCookie).toMatch(/; Secure/);
    expect((await b.op('kiosks.list', {}, { headers: viaProxy })).status).toBe(200);
    // A page on another site is still refused, and so is a Host the hub does not know.
    expect((await b.op('kiosks.list', {}, { headers: { ...viaProxy, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await b.op('kiosks.list', {}, { headers: { ...viaProxy, 'x-forwarded-host': 'evil.example' } })).status).toBe(421);
  });
});
