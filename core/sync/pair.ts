// Pairing this kiosk with the office hub: prove both ends hold the one-time code an
// administrator made (never sending it), pin the hub's certificate and identity key, send the
// public half of a new key pair, and keep the private half in sync_state.
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { ensureKioskId } from '../site/settings.js';
import { SIGNED_HEADERS, SYNC_PATHS, type PairHelloResponse, type PairResponse } from '../../shared/sync.js';
import { hubAnswerCheck, hubEndpoint, postJson, SyncError } from './client.js';
import { generateKioskKeys, newNonce } from './keys.js';
import { codeId, codeKey, hubProof, kioskProof, sameHex } from './pairProof.js';
import { hubFetch } from './transport.js';

export type PairOptions = { fetch?: typeof fetch; now?: () => Date; timeoutMs?: number };

/** Checks the hub address: http(s), no credentials, no query. Returns it normalised. */
export function normaliseHubUrl(hubUrl: string): string {
  let u: URL;
  try {
    u = new URL(hubUrl.trim());
  } catch {
    throw new SyncError('INVALID_INPUT', `"${hubUrl}" is not a web address; give the hub's address, e.g. http://office-pc:8443`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new SyncError('INVALID_INPUT', 'The hub address must start with http:// or https://');
  if (u.username || u.password || u.search || u.hash) throw new SyncError('INVALID_INPUT', 'The hub address must not contain a user name, password, query or #.');
  return u.toString().replace(/\/$/, '');
}

/**
 * Pair with a hub, in two steps (shared/sync.ts PairHelloRequest):
 *  1. send an id derived from the code and a fresh nonce; the hub answers with its identity key,
 *     its certificate pins and a proof made with the code. The kiosk checks the proof, and that
 *     the certificate this very connection showed is one the hub named: a proxy in the middle
 *     (another certificate) or a hub without the code is refused here, before anything secret
 *     is sent;
 *  2. over a connection pinned to that certificate, send the kiosk's new public key with a proof
 *     of the same code.
 * On success the kiosk signs every later request with its new key, believes only answers signed
 * by the hub's key, and pulls the office's reference data from the start. Throws SyncError
 * (BAD_CODE, ALREADY_PAIRED, HUB_MISMATCH, REVOKED, UNREACHABLE…) with a message to show;
 * nothing is changed then.
 */
export async function pairWithHub(db: Db, hubUrl: string, code: string, kioskName: string, opts: PairOptions = {}): Promise<PairResponse> {
  const url = normaliseHubUrl(hubUrl);
  const kioskId = ensureKioskId(db);
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const key = codeKey(code);
  const id = codeId(key);
  const kioskNonce = newNonce();
  const tls = url.startsWith('https:');

  // Step 1: any certificate may answer; the proof decides.
  let seenPin = '';
  const helloFetch = opts.fetch ?? hubFetch({ pins: [], onPeerPin: (p) => (seenPin = p) });
  const helloBody = JSON.stringify({ codeId: id, kioskNonce });
  let helloAnswer: { res: Response; text: string } | null = null;
  const hello = await postJson<PairHelloResponse>(helloFetch, hubEndpoint(url, SYNC_PATHS.pairHello), helloBody, { [SIGNED_HEADERS.nonce]: kioskNonce }, timeoutMs, (res, text) => {
    helloAnswer = { res, text };
  });
  if (typeof hello.proof !== 'string' || !sameHex(hubProof(key, kioskNonce, hello.hubId, hello.hubPublicKey, hello.pins ?? []), hello.proof))
    throw new SyncError('HUB_MISMATCH', 'The machine at that address could not prove it holds this pairing code: it is not the office hub, or someone is in between. Nothing was sent. Check the address, or make a new code.');
  // The hub's key is now known: the answer itself must be signed with it.
  const answered = helloAnswer as { res: Response; text: string } | null;
  if (answered) hubAnswerCheck({ hubId: hello.hubId, hubPublicKey: hello.hubPublicKey }, SYNC_PATHS.pairHello, kioskNonce)(answered.res, answered.text);
  const pins = Array.isArray(hello.pins) ? hello.pins : [];
  if (tls && !opts.fetch && !pins.includes(seenPin))
    throw new SyncError('HUB_MISMATCH', 'The connection is being intercepted: the certificate this kiosk was shown is not the one the office hub proved it serves. Nothing was sent. Pair on a network without a TLS-inspecting proxy, or ask IT to exempt the hub.');
  if (tls && pins.length === 0) throw new SyncError('HUB_MISMATCH', 'The hub named no certificate to pin; it is misconfigured. Nothing was sent.');

  // Step 2: only to that certificate.
  const keys = generateKioskKeys();
  const pairFetch = opts.fetch ?? hubFetch({ pins });
  const body = JSON.stringify({ codeId: id, kioskNonce, kioskId, kioskName: kioskName.trim() || kioskId, publicKey: keys.publicKey, mac: kioskProof(key, kioskNonce, kioskId, keys.publicKey) });
  const res = await postJson<PairResponse>(pairFetch, hubEndpoint(url, SYNC_PATHS.pair), body, { [SIGNED_HEADERS.nonce]: kioskNonce }, timeoutMs, hubAnswerCheck({ hubId: hello.hubId, hubPublicKey: hello.hubPublicKey }, SYNC_PATHS.pair, kioskNonce));
  if (res.hubId !== hello.hubId) throw new SyncError('HUB_MISMATCH', 'The hub changed its id during pairing. Nothing was kept.');
  const at = (opts.now ?? (() => new Date()))();
  // The hub's time at pairing gives the first clock offset for free.
  const offset = Number.isNaN(Date.parse(res.serverTime)) ? 0 : at.getTime() - Date.parse(res.serverTime);
  stmt(
    db,
    `INSERT INTO sync_state (id, hub_url, hub_id, kiosk_name, private_key, public_key, paired_at, pull_cursor, clock_offset_ms, hub_public_key, hub_pins)
     VALUES (1, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET hub_url = excluded.hub_url, hub_id = excluded.hub_id, kiosk_name = excluded.kiosk_name,
       private_key = excluded.private_key, public_key = excluded.public_key, paired_at = excluded.paired_at, pull_cursor = 0,
       clock_offset_ms = excluded.clock_offset_ms, last_error = NULL, last_error_at = NULL, revoked_at = NULL,
       hub_public_key = excluded.hub_public_key, hub_pins = excluded.hub_pins`,
  ).run(url, res.hubId, res.kioskName, keys.privateKey, keys.publicKey, at.toISOString(), Math.abs(offset) > 2000 ? Math.round(offset) : 0, hello.hubPublicKey, JSON.stringify(pins));
  return res;
}
