// Pairing and request authentication between a kiosk and the office hub, over real HTTP:
// a one-time code pairs a kiosk once; afterwards only requests signed by that kiosk's key, with
// a fresh nonce and a current time, are served, and a revoked kiosk is refused.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { PAIRING_CODE_ALPHABET } from '../../core/office/sync/pairing.js';
import { appendRefChange } from '../../core/office/reference/feed.js';
import { currentPolicy } from '../../core/policy/policy.js';
import { getSetting } from '../../core/site/settings.js';
import { startSyncAgent } from '../../core/sync/agent.js';
import { createSyncClient, SyncError } from '../../core/sync/client.js';
import { generateKioskKeys, newNonce, signRequest } from '../../core/sync/keys.js';
import { pairWithHub } from '../../core/sync/pair.js';
import { codeId, codeKey, kioskProof } from '../../core/sync/pairProof.js';
import { pullAll } from '../../core/sync/pull.js';
import { pushOutbox, readOutboxBatch } from '../../core/sync/push.js';
import { readSyncState, syncStatus } from '../../core/sync/status.js';
import { SIGNED_HEADERS, SYNC_PATHS, type SyncErrorBody } from '../../shared/sync.js';
import { disposeKiosk } from '../support/fixtures.js';
import { ADMIN, hubCount, pairingCode, pairKiosk, startTestHub, type TestHub } from '../support/syncHub.js';
import { fakeClock, signInInput, tempKiosk, type Clock } from '../support/tempKiosk.js';

let clock: Clock;
let t: TestHub;
let kiosk: Kiosk;
const others: Kiosk[] = [];

beforeEach(async () => {
  clock = fakeClock(new Date().toISOString());
  t = await startTestHub({ now: clock.now });
  kiosk = tempKiosk({ now: clock.now });
});
afterEach(async () => {
  disposeKiosk(kiosk);
  for (const k of others.splice(0)) disposeKiosk(k);
  await t.dispose();
});

function otherKiosk(): Kiosk {
  const k = tempKiosk({ now: clock.now });
  others.push(k);
  return k;
}

async function refusal(p: Promise<unknown>): Promise<SyncError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(SyncError);
  return e as SyncError;
}

/** A push request signed by hand with `privateKey`, as the kiosk's client would send it. */
function signedPush(kioskId: string, privateKey: string, body: string, over: { nonce?: string; time?: string } = {}) {
  const time = over.time ?? clock.now().toISOString();
  const nonce = over.nonce ?? newNonce();
  const hash = createHash('sha256').update(body).digest('hex');
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SIGNED_HEADERS.kiosk]: kioskId,
      [SIGNED_HEADERS.time]: time,
      [SIGNED_HEADERS.nonce]: nonce,
      [SIGNED_HEADERS.signature]: signRequest(privateKey, 'POST', SYNC_PATHS.push, time, nonce, hash),
    },
    body,
  };
}

async function send(init: { method: string; headers: Record<string, string>; body: string }): Promise<{ status: number; json: SyncErrorBody & Record<string, unknown> }> {
  const res = await fetch(`${t.url}${SYNC_PATHS.push}`, init);
  return { status: res.status, json: (await res.json()) as SyncErrorBody & Record<string, unknown> };
}

function signIn(k: Kiosk = kiosk, fullName = 'Jane Smith') {
  return k.core.run('visit.signIn', signInInput(k, { fullName }), 'kiosk');
}

describe('pairing with a one-time code', () => {
  it('makes an 8-character code from an unambiguous alphabet, kept only as a hash', () => {
    const { code, expiresAt } = t.hub.core.run('kiosks.createPairingCode', { kioskName: 'Main entrance' }, ADMIN);
    expect(code).toMatch(new RegExp(`^[${PAIRING_CODE_ALPHABET}]{4}-[${PAIRING_CODE_ALPHABET}]{4}$`));
    expect(PAIRING_CODE_ALPHABET).not.toMatch(/[01OILSBZ]/);
    expect(Date.parse(expiresAt) - clock.now().getTime()).toBe(15 * 60_000);
    const stored = t.hub.db.prepare('SELECT * FROM pairing_codes').all();
    expect(JSON.stringify(stored)).not.toContain(code.replace('-', ''));
    // The audit log records that a code was made, never the code.
    const audit = t.hub.db.prepare("SELECT action, detail FROM audit_log WHERE action = 'kiosks.createPairingCode'").all() as { detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).not.toContain(code.replace('-', ''));
  });

  it('pairs: the kiosk keeps its private key, the hub only the public key', async () => {
    const code = pairingCode(t.hub, 'Front desk');
    const res = await pairWithHub(kiosk.db, t.url, code.toLowerCase(), 'ignored: the console named it');
    expect(res.kioskName).toBe('Front desk');
    const state = readSyncState(kiosk.db)!;
    expect(state.private_key.length).toBeGreaterThan(40);
    const row = t.hub.db.prepare('SELECT * FROM kiosks').get() as Record<string, unknown>;
    expect(row).toMatchObject({ id: syncStatus(kiosk.db).kioskId, name: 'Front desk', public_key: state.public_key, revoked_at: null });
    const hubFile = JSON.stringify(t.hub.db.prepare('SELECT * FROM kiosks').all());
    expect(hubFile).not.toContain(state.private_key);
    expect(hubCount(t.hub, "SELECT COUNT(*) FROM audit_log WHERE action = 'sync.pair'")).toBe(1);

    // And the paired kiosk can push.
    signIn();
    const pushed = await pushOutbox(createSyncClient(kiosk.db, { now: clock.now }), kiosk.db);
    expect(pushed.pushed).toBeGreaterThan(0);
    const [info] = t.hub.core.run('kiosks.list', {}, ADMIN).kiosks;
    expect(info).toMatchObject({ name: 'Front desk', eventsReceived: pushed.pushed, revokedAt: null });
    expect(info!.lastPushAt).toBe(clock.now().toISOString());
  });

  it('works once: a second kiosk with the same code is refused', async () => {
    const code = pairingCode(t.hub);
    await pairWithHub(kiosk.db, t.url, code, 'A');
    const e = await refusal(pairWithHub(otherKiosk().db, t.url, code, 'B'));
    expect(e.code).toBe('BAD_CODE');
    expect(e.status).toBe(403);
    expect(hubCount(t.hub, 'SELECT COUNT(*) FROM kiosks')).toBe(1);
  });

  it('expires after 15 minutes', async () => {
    const code = pairingCode(t.hub);
    clock.advance(15 * 60_000 + 1000);
    expect((await refusal(pairWithHub(kiosk.db, t.url, code, 'A'))).code).toBe('BAD_CODE');
    expect(readSyncState(kiosk.db)).toBeNull();
  });

  it('refuses a wrong code, changes nothing, and stops a guesser after 10 tries', async () => {
    pairingCode(t.hub);
    const e = await refusal(pairWithHub(kiosk.db, t.url, '2345-6789', 'A'));
    expect(e.code).toBe('BAD_CODE');
    expect(e.message).toMatch(/wrong, already used or expired/);
    expect(readSyncState(kiosk.db)).toBeNull();
    expect(hubCount(t.hub, 'SELECT COUNT(*) FROM kiosks')).toBe(0);
    for (let i = 0; i < 9; i++) await refusal(pairWithHub(kiosk.db, t.url, '2345-6789', 'A'));
    const limited = await refusal(pairWithHub(kiosk.db, t.url, pairingCode(t.hub), 'A'));
    expect(limited.status).toBe(429);
  });

  it('refuses a malformed pairing request with a clear message', async () => {
    const key = codeKey(pairingCode(t.hub));
    const kioskNonce = 'n'.repeat(24);
    const publicKey = 'A'.repeat(44);
    const body = { codeId: codeId(key), kioskNonce, kioskId: 'k-1', kioskName: 'A', publicKey, mac: kioskProof(key, kioskNonce, 'k-1', publicKey) };
    const res = await fetch(`${t.url}${SYNC_PATHS.pair}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/not an Ed25519 key/) });
  });
});

describe('signed requests', () => {
  beforeEach(async () => {
    await pairKiosk(kiosk.db, t);
    signIn();
  });
  const body = () => JSON.stringify({ events: readOutboxBatch(kiosk.db) });
  const me = () => ({ id: syncStatus(kiosk.db).kioskId, key: readSyncState(kiosk.db)!.private_key });

  it('takes a full batch of 500 events, larger than the console\'s body limit', async () => {
    const [e] = readOutboxBatch(kiosk.db);
    const events = Array.from({ length: 500 }, (_, i) => ({ ...e!, id: `${e!.id.slice(0, 24)}${String(i).padStart(12, '0')}`, seq: i + 1, body: { ...e!.body, padding: 'x'.repeat(600) } }));
    const big = JSON.stringify({ events });
    expect(big.length).toBeGreaterThan(256 * 1024);
    const res = await send(signedPush(me().id, me().key, big));
    expect(res.status).toBe(200);
    expect(res.json.acked).toHaveLength(500);
  });

  it('serves a correctly signed request', async () => {
    const res = await send(signedPush(me().id, me().key, body()));
    expect(res.status).toBe(200);
    expect(res.json.acked).toHaveLength(readOutboxBatch(kiosk.db).length);
  });

  it('refuses an unsigned request and an unknown kiosk', async () => {
    const unsigned = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: body() });
    expect(unsigned).toMatchObject({ status: 401, json: { code: 'UNPAIRED' } });
    const stranger = generateKioskKeys();
    const unknown = await send(signedPush('k-stranger', stranger.privateKey, body()));
    expect(unknown).toMatchObject({ status: 401, json: { code: 'UNPAIRED' } });
    expect(hubCount(t.hub, 'SELECT COUNT(*) FROM hub_events')).toBe(0);
  });

  it('refuses a request signed with another key', async () => {
    const res = await send(signedPush(me().id, generateKioskKeys().privateKey, body()));
    expect(res).toMatchObject({ status: 401, json: { code: 'BAD_SIGNATURE' } });
    expect(hubCount(t.hub, 'SELECT COUNT(*) FROM hub_events')).toBe(0);
  });

  it('refuses a replayed request (same nonce), storing the events once', async () => {
    const req = signedPush(me().id, me().key, body());
    expect((await send(req)).status).toBe(200);
    const n = hubCount(t.hub, 'SELECT COUNT(*) FROM hub_events');
    const again = await send(req);
    expect(again).toMatchObject({ status: 409, json: { code: 'REPLAY' } });
    expect(hubCount(t.hub, 'SELECT COUNT(*) FROM hub_events')).toBe(n);
    // A genuine retry (signed again) is fine and stores nothing twice.
    expect((await send(signedPush(me().id, me().key, body()))).status).toBe(200);
    expect(hubCount(t.hub, 'SELECT COUNT(*) FROM hub_events')).toBe(n);
  });

  it('refuses a body changed after signing', async () => {
    const req = signedPush(me().id, me().key, body());
    const events = JSON.parse(req.body).events as { body: Record<string, unknown> }[];
    events[0]!.body.fullName = 'Someone Else';
    const res = await send({ ...req, body: JSON.stringify({ events }) });
    expect(res).toMatchObject({ status: 401, json: { code: 'BAD_SIGNATURE' } });
    expect(hubCount(t.hub, 'SELECT COUNT(*) FROM hub_events')).toBe(0);
  });

  it('refuses a time outside the window, and says what time the hub has', async () => {
    const res = await send(signedPush(me().id, me().key, body(), { time: new Date(clock.now().getTime() - 6 * 60_000).toISOString() }));
    expect(res).toMatchObject({ status: 401, json: { code: 'CLOCK_SKEW', serverTime: clock.now().toISOString() } });
  });

  it('refuses events that claim to come from another kiosk, storing none of them', async () => {
    const other = otherKiosk();
    await pairKiosk(other.db, t, 'Side door');
    signIn(other, 'Other Person');
    const mixed = [...readOutboxBatch(kiosk.db), ...readOutboxBatch(other.db)];
    const res = await send(signedPush(me().id, me().key, JSON.stringify({ events: mixed })));
    expect(res).toMatchObject({ status: 403, json: { code: 'INVALID_INPUT', message: expect.stringMatching(/claims to come from kiosk/) } });
    expect(hubCount(t.hub, 'SELECT COUNT(*) FROM hub_events')).toBe(0);
  });

  it('refuses a malformed push with the problem named, and loses nothing on the kiosk', async () => {
    const res = await send(signedPush(me().id, me().key, JSON.stringify({ events: [{ id: 'nope' }] })));
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/events\.0/);
    const broken = await send(signedPush(me().id, me().key, '{"events": ['));
    expect(broken).toMatchObject({ status: 400, json: { code: 'INVALID_INPUT', message: 'The request body is not JSON.' } });
    expect(readOutboxBatch(kiosk.db).length).toBeGreaterThan(0);
  });
});

describe('revoking a kiosk', () => {
  it('refuses it from its next request; the kiosk stops syncing and keeps signing visitors in', async () => {
    await pairKiosk(kiosk.db, t);
    signIn();
    const client = createSyncClient(kiosk.db, { now: clock.now });
    await pushOutbox(client, kiosk.db);
    const id = syncStatus(kiosk.db).kioskId;

    const { kiosk: info } = t.hub.core.run('kiosks.revoke', { id }, ADMIN);
    expect(info.revokedAt).toBe(clock.now().toISOString());
    expect(hubCount(t.hub, "SELECT COUNT(*) FROM audit_log WHERE action = 'kiosks.revoke'")).toBe(1);

    signIn(kiosk, 'After Revoke');
    const e = await refusal(pushOutbox(client, kiosk.db));
    expect(e).toMatchObject({ code: 'REVOKED', status: 403 });

    const logs: string[] = [];
    const agent = startSyncAgent(kiosk, { now: clock.now, intervalMs: 20, log: (m) => logs.push(m) });
    const s = await agent.syncNow();
    expect(s.state).toBe('stopped');
    expect(s.revokedAt).not.toBeNull();
    expect(logs.join('\n')).toMatch(/revoked/);
    await agent.stop();

    // Offline but working: the sign-in is kept for the record, unsent.
    expect(signIn(kiosk, 'Still Works').visitId).toBeTruthy();
    expect(syncStatus(kiosk.db).outbox).toBeGreaterThan(0);
    // And the revoked kiosk cannot pair itself back in.
    expect((await refusal(pairWithHub(kiosk.db, t.url, pairingCode(t.hub), 'again'))).code).toBe('REVOKED');
  });
});

describe('once paired, the office owns the reference data', () => {
  it('office policy versions win over the kiosk\'s own without orphaning acknowledgements, and a restart keeps the office\'s lists', async () => {
    const dir = kiosk.dataDir;
    const siteJson = path.join(dir, 'site.json');
    fs.writeFileSync(siteJson, JSON.stringify({ siteName: 'From site.json', lockers: [{ id: 'S1', label: 'Site locker', kind: 'locker' }], policy: { title: 'Site policy', points: ['Site point.'] } }));
    kiosk.close();
    kiosk = tempKiosk({ dataDir: dir, now: clock.now });
    await pairKiosk(kiosk.db, t);
    const local = currentPolicy(kiosk.db, 'en');
    const early = signIn(kiosk, 'Before Office Policy'); // acknowledges the kiosk's own version

    const at = clock.now();
    appendRefChange(t.hub.db, 'locker', 'OL1', { id: 'OL1', label: 'Office locker 1', kind: 'locker', sort: 0, active: true }, at);
    appendRefChange(t.hub.db, 'policy', 'office-v1', { versionId: 'office-v1', version: local.version, publishedAt: at.toISOString(), texts: { en: { title: 'Office policy', points: ['Office point.'] } } }, at);
    appendRefChange(t.hub.db, 'site', 'site', { siteName: 'Hillside Primary', timeZone: 'Europe/London' }, at);
    await pullAll(createSyncClient(kiosk.db, { now: clock.now }), kiosk.db);

    expect(currentPolicy(kiosk.db, 'en')).toMatchObject({ versionId: 'office-v1', version: local.version, title: 'Office policy' });
    const acked = kiosk.db.prepare('SELECT v.policy_version_id, t.title FROM visits v JOIN policy_texts t ON t.version_id = v.policy_version_id WHERE v.id = ?').get(early.visitId);
    expect(acked).toEqual({ policy_version_id: local.versionId, title: 'Site policy' });
    const lockers = () => kiosk.db.prepare('SELECT id FROM lockers WHERE active = 1 ORDER BY id').pluck().all();
    // The office's list (its seeded defaults and OL1) is the list; site.json's locker is retired, not deleted.
    expect(lockers()).toContain('OL1');
    expect(lockers()).not.toContain('S1');
    expect(kiosk.db.prepare("SELECT active FROM lockers WHERE id = 'S1'").pluck().get()).toBe(0);
    const officeLockers = lockers();

    // Restart with the same site.json: the office's data stays.
    kiosk.close();
    kiosk = tempKiosk({ dataDir: dir, now: clock.now });
    expect(lockers()).toEqual(officeLockers);
    expect(currentPolicy(kiosk.db, 'en').versionId).toBe('office-v1');
    expect(getSetting(kiosk.db, 'site_name')).toBe('Hillside Primary');
    expect(signIn(kiosk, 'After Office Policy').visitId).toBeTruthy();
  });
});
