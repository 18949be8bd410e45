// Pairing this kiosk with the office hub: make a key pair, send the public half with the
// one-time code an administrator gave us, and keep the private half in sync_state.
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { ensureKioskId } from '../site/settings.js';
import { SYNC_PATHS, type PairResponse } from '../../shared/sync.js';
import { hubEndpoint, postJson, SyncError } from './client.js';
import { generateKioskKeys } from './keys.js';

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
 * Pair (or re-pair) with a hub. On success the kiosk signs every later request with its new key
 * and pulls the office's reference data from the start. Throws SyncError (BAD_CODE, REVOKED,
 * UNREACHABLE…) with a message to show; nothing is changed then.
 */
export async function pairWithHub(db: Db, hubUrl: string, code: string, kioskName: string, opts: PairOptions = {}): Promise<PairResponse> {
  const url = normaliseHubUrl(hubUrl);
  const kioskId = ensureKioskId(db);
  const keys = generateKioskKeys();
  const body = JSON.stringify({ code: code.trim(), kioskId, kioskName: kioskName.trim() || kioskId, publicKey: keys.publicKey });
  const res = await postJson<PairResponse>(opts.fetch ?? fetch, hubEndpoint(url, SYNC_PATHS.pair), body, {}, opts.timeoutMs ?? 15_000);
  const at = (opts.now ?? (() => new Date()))();
  // The hub's time at pairing gives the first clock offset for free.
  const offset = Number.isNaN(Date.parse(res.serverTime)) ? 0 : at.getTime() - Date.parse(res.serverTime);
  stmt(
    db,
    `INSERT INTO sync_state (id, hub_url, hub_id, kiosk_name, private_key, public_key, paired_at, pull_cursor, clock_offset_ms)
     VALUES (1, ?, ?, ?, ?, ?, ?, 0, ?)
     ON CONFLICT (id) DO UPDATE SET hub_url = excluded.hub_url, hub_id = excluded.hub_id, kiosk_name = excluded.kiosk_name,
       private_key = excluded.private_key, public_key = excluded.public_key, paired_at = excluded.paired_at, pull_cursor = 0,
       clock_offset_ms = excluded.clock_offset_ms, last_error = NULL, last_error_at = NULL, revoked_at = NULL`,
  ).run(url, res.hubId, res.kioskName, keys.privateKey, keys.publicKey, at.toISOString(), Math.abs(offset) > 2000 ? Math.round(offset) : 0);
  return res;
}
