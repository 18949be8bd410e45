// Pairing a kiosk: an administrator makes a one-time code in the console and types it on the
// kiosk. The code is short enough to type (8 characters from an alphabet without look-alikes:
// digits 2-9, and no O, I, L, S, B or Z), lives 15 minutes and works once. It never travels:
// both ends derive a key from it (core/sync/pairProof.ts) and prove they know it, the hub first
// and bound to its TLS certificate, so a kiosk pins the right hub without anyone typing a
// fingerprint. A code makes a new kiosk; giving an existing kiosk a new key takes a "replace
// this kiosk" code that names it.
import { createPublicKey, randomInt, randomUUID } from 'node:crypto';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import type { PairHelloRequest, PairHelloResponse, PairRequest, PairResponse } from '../../../shared/sync.js';
import { DEFAULT_SITE_NAME } from '../../site/defaults.js';
import { codeId, codeKey, hubProof, kioskProof, normaliseCode, sameHex } from '../../sync/pairProof.js';
import { appendAudit } from '../audit.js';
import { SyncRefusal } from './refusal.js';

export { normaliseCode };

export const PAIRING_CODE_ALPHABET = '23456789ACDEFGHJKMNPQRTUVWXY';
export const PAIRING_CODE_LENGTH = 8;
export const PAIRING_CODE_TTL_MS = 15 * 60_000;

/** What the hub stores to find a code: its id (the code itself is never kept). */
export function hashCode(code: string): string {
  return codeId(codeKey(code));
}

/** A new code, e.g. 7KQ2-M9XD (crypto-random, uniform over the alphabet). */
export function newPairingCode(): string {
  let s = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) s += PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** Make a code for a kiosk to be called `kioskName` (or, with `replacesKiosk`, a new key for
 *  that kiosk). The caller audits it (inside its transaction). */
export function createPairingCode(db: Db, kioskName: string, byLabel: string, at: Date, replacesKiosk: string | null = null): { code: string; expiresAt: string } {
  const code = newPairingCode();
  const key = codeKey(code);
  const expiresAt = new Date(at.getTime() + PAIRING_CODE_TTL_MS).toISOString();
  // Expired, unused codes are of no use to anyone: drop them while we are here.
  stmt(db, 'DELETE FROM pairing_codes WHERE used_at IS NULL AND expires_at < ?').run(at.toISOString());
  stmt(db, 'INSERT INTO pairing_codes (code_hash, proof_key, kiosk_name, created_by, created_at, expires_at, replaces_kiosk) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    codeId(key),
    key,
    kioskName,
    byLabel,
    at.toISOString(),
    expiresAt,
    replacesKiosk,
  );
  return { code, expiresAt };
}

/** Throws unless `b64` is an Ed25519 public key (SPKI DER, base64). */
export function checkPublicKey(b64: string): void {
  let type: string | undefined;
  try {
    type = createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType;
  } catch {
    type = undefined;
  }
  if (type !== 'ed25519') throw new SyncRefusal('INVALID_INPUT', 'The kiosk sent a public key that is not an Ed25519 key.');
}

/** The hub's own id, made once: a kiosk checks it is talking to the hub it paired with. */
export function ensureHubId(db: Db): string {
  const row = stmt(db, "SELECT value FROM site_settings WHERE key = 'hub_id'").get() as { value: string } | undefined;
  if (row) return row.value;
  const id = `hub-${randomUUID()}`;
  stmt(db, "INSERT INTO site_settings (key, value) VALUES ('hub_id', ?)").run(id);
  return id;
}

type CodeRow = { proof_key: string | null; kiosk_name: string; created_by: string; expires_at: string; used_at: string | null; replaces_kiosk: string | null };

function liveCode(db: Db, id: string, now: string): CodeRow & { proof_key: string } {
  const code = stmt(db, 'SELECT proof_key, kiosk_name, created_by, expires_at, used_at, replaces_kiosk FROM pairing_codes WHERE code_hash = ?').get(id) as CodeRow | undefined;
  // One message for unknown, used and expired codes: a guesser learns nothing.
  if (!code || code.proof_key === null || code.used_at !== null || code.expires_at <= now)
    throw new SyncRefusal('BAD_CODE', 'That pairing code is wrong, already used or expired. Ask an administrator for a new code (Kiosks → Pair a kiosk).');
  return code as CodeRow & { proof_key: string };
}

/** Pairing step 1: prove to the kiosk that this hub holds its code, naming the pins it serves. */
export function helloPairing(db: Db, req: PairHelloRequest, identity: { hubId: string; publicKey: string }, pins: string[], at: Date): PairHelloResponse {
  const code = liveCode(db, req.codeId, at.toISOString());
  return {
    hubId: identity.hubId,
    hubPublicKey: identity.publicKey,
    pins,
    proof: hubProof(code.proof_key, req.kioskNonce, identity.hubId, identity.publicKey, pins),
    serverTime: at.toISOString(),
  };
}

/**
 * Pairing step 2: the kiosk proves the code with its key. A plain code registers a new kiosk
 * and never touches an existing one; a "replace" code gives the kiosk it names a new key. One
 * immediate transaction, so two kiosks racing with the same code cannot both win.
 */
export function redeemPairingCode(db: Db, req: PairRequest, at: Date): PairResponse {
  checkPublicKey(req.publicKey);
  return db
    .transaction((): PairResponse => {
      const now = at.toISOString();
      const code = liveCode(db, req.codeId, now);
      if (!sameHex(kioskProof(code.proof_key, req.kioskNonce, req.kioskId, req.publicKey), req.mac))
        throw new SyncRefusal('BAD_CODE', 'That pairing code is wrong, already used or expired. Ask an administrator for a new code (Kiosks → Pair a kiosk).');
      const existing = stmt(db, 'SELECT name, revoked_at FROM kiosks WHERE id = ?').get(req.kioskId) as { name: string; revoked_at: string | null } | undefined;
      if (existing?.revoked_at)
        throw new SyncRefusal('REVOKED', 'This kiosk was revoked and cannot pair again. Reinstall it (a new kiosk id) before pairing.');
      if (code.replaces_kiosk === null && existing)
        throw new SyncRefusal(
          'ALREADY_PAIRED',
          `This kiosk is already paired as "${existing.name}". A pairing code makes a new kiosk; to give this one a new key an administrator uses Kiosks → Replace this kiosk.`,
        );
      if (code.replaces_kiosk !== null && code.replaces_kiosk !== req.kioskId)
        throw new SyncRefusal('BAD_CODE', 'That code replaces another kiosk. Ask an administrator for a code for this one.');
      stmt(db, 'UPDATE pairing_codes SET used_at = ?, used_by_kiosk = ? WHERE code_hash = ?').run(now, req.kioskId, req.codeId);
      // The administrator named the kiosk when making the code: that name wins over the kiosk's own.
      const name = code.replaces_kiosk !== null && existing ? existing.name : code.kiosk_name;
      if (existing) stmt(db, 'UPDATE kiosks SET public_key = ?, paired_at = ?, paired_by = ?, last_seen_at = ? WHERE id = ?').run(req.publicKey, now, code.created_by, now, req.kioskId);
      else stmt(db, 'INSERT INTO kiosks (id, name, public_key, paired_at, paired_by, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)').run(req.kioskId, name, req.publicKey, now, code.created_by, now);
      appendAudit(db, {
        at,
        actor: `kiosk:${req.kioskId}`,
        action: existing ? 'sync.replace' : 'sync.pair',
        target: req.kioskId,
        detail: { name, codeMadeBy: code.created_by },
      });
      const site = stmt(db, "SELECT value FROM site_settings WHERE key = 'site_name'").get() as { value: string } | undefined;
      return { hubId: ensureHubId(db), siteName: site?.value ?? DEFAULT_SITE_NAME, kioskName: name, serverTime: now };
    })
    .immediate();
}
