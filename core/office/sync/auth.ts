// Who is asking: every sync request after pairing is signed by the kiosk's Ed25519 key over
// method, path, time, nonce and the body's sha-256 (shared/sync.ts signingString). The hub
// refuses, in this order: an unknown kiosk, a bad signature, a revoked kiosk, a time outside
// the window, a nonce it has seen. The signature is checked before anything is said about
// revocation or clocks, so only the kiosk itself learns those.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { CLOCK_OFFSET_HEADER, SIGNATURE_WINDOW_MS, SIGNED_HEADERS, signingString } from '../../../shared/sync.js';
import { SyncRefusal } from './refusal.js';

export type SignedRequest = {
  method: string;
  /** The canonical sync path (SYNC_PATHS), not the URL as seen through a proxy. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
};

export type KioskRow = { id: string; name: string; public_key: string; revoked_at: string | null };

/** The authenticated kiosk, and its real clock offset (kiosk minus hub, ms) for the console. */
export type Verified = { kiosk: KioskRow; clockOffsetMs: number };

const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

// Parsing a DER key costs more than verifying with it; a hub serves a handful of kiosks.
const keyCache = new Map<string, KeyObject>();
function publicKey(b64: string): KeyObject {
  let k = keyCache.get(b64);
  if (!k) {
    if (keyCache.size > 1000) keyCache.clear();
    keyCache.set(b64, (k = createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' })));
  }
  return k;
}

function header(h: SignedRequest['headers'], name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/**
 * Check a request; on success the nonce is recorded (so the same request is refused next time)
 * and the kiosk's last contact updated. Throws SyncRefusal otherwise.
 */
export function verifySignedRequest(db: Db, req: SignedRequest, now: Date): Verified {
  const kioskId = header(req.headers, SIGNED_HEADERS.kiosk);
  const time = header(req.headers, SIGNED_HEADERS.time);
  const nonce = header(req.headers, SIGNED_HEADERS.nonce);
  const signature = header(req.headers, SIGNED_HEADERS.signature);
  if (!kioskId || !time || !nonce || !signature)
    throw new SyncRefusal('UNPAIRED', `This request is not signed. A kiosk sends ${Object.values(SIGNED_HEADERS).join(', ')}; pair the kiosk first.`);

  const kiosk = stmt(db, 'SELECT id, name, public_key, revoked_at FROM kiosks WHERE id = ?').get(kioskId) as KioskRow | undefined;
  if (!kiosk) throw new SyncRefusal('UNPAIRED', `Kiosk ${kioskId} is not paired with this hub. Pair it with a code from the console.`);

  let ok = false;
  try {
    ok = verify(null, Buffer.from(signingString(req.method, req.path, time, nonce, sha256Hex(req.rawBody)), 'utf8'), publicKey(kiosk.public_key), Buffer.from(signature, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) throw new SyncRefusal('BAD_SIGNATURE', 'The request signature does not match this kiosk\'s key (changed in transit, or signed with another key). Re-pair the kiosk if this persists.');

  if (kiosk.revoked_at !== null) throw new SyncRefusal('REVOKED', `Kiosk ${kiosk.name} was revoked on ${kiosk.revoked_at} and may no longer sync.`);

  const signedAt = Date.parse(time);
  if (!/^\d{4}-\d\d-\d\dT/.test(time) || Number.isNaN(signedAt))
    throw new SyncRefusal('CLOCK_SKEW', 'The request time is not an ISO date-time; sign with the hub time given here.');
  const skew = signedAt - now.getTime();
  if (Math.abs(skew) > SIGNATURE_WINDOW_MS)
    throw new SyncRefusal('CLOCK_SKEW', `The kiosk's clock is ${Math.round(skew / 1000)} s away from the hub's; retry signed with the hub time given here.`);

  if (!NONCE.test(nonce)) throw new SyncRefusal('REPLAY', 'The request nonce must be 16-64 letters, digits, - or _.');
  // A nonce must be remembered as long as its signed time could still be accepted.
  const expires = new Date(Math.max(signedAt, now.getTime()) + SIGNATURE_WINDOW_MS).toISOString();
  stmt(db, 'DELETE FROM sync_nonces WHERE expires_at < ?').run(now.toISOString());
  const fresh = stmt(db, 'INSERT INTO sync_nonces (kiosk_id, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(kiosk.id, nonce, expires);
  if (fresh.changes === 0) throw new SyncRefusal('REPLAY', 'This exact request was already received (same nonce); a retry must be signed again.');

  const applied = Number(header(req.headers, CLOCK_OFFSET_HEADER) ?? 0);
  const clockOffsetMs = Math.round((Number.isFinite(applied) ? applied : 0) + skew);
  stmt(db, 'UPDATE kiosks SET last_seen_at = ?, clock_offset_ms = ? WHERE id = ?').run(now.toISOString(), clockOffsetMs, kiosk.id);
  return { kiosk, clockOffsetMs };
}
