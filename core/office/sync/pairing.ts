// Pairing a kiosk: an administrator makes a one-time code in the console and types it on the
// kiosk, which sends it with the public half of a key it has just generated. The code is short
// enough to type (8 characters from an alphabet without look-alikes: digits 2-9, and no O, I, L,
// S, B or Z), is kept only as a hash, lives 15 minutes and works once.
import { createHash, createPublicKey, randomInt, randomUUID } from 'node:crypto';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import type { PairRequest, PairResponse } from '../../../shared/sync.js';
import { DEFAULT_SITE_NAME } from '../../site/defaults.js';
import { appendAudit } from '../audit.js';
import { SyncRefusal } from './refusal.js';

export const PAIRING_CODE_ALPHABET = '23456789ACDEFGHJKMNPQRTUVWXY';
export const PAIRING_CODE_LENGTH = 8;
export const PAIRING_CODE_TTL_MS = 15 * 60_000;

/** Codes are compared without the dash, spaces or case, as people type them. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export function hashCode(code: string): string {
  return createHash('sha256').update(`pairing-code:${normaliseCode(code)}`).digest('hex');
}

/** A new code, e.g. 7KQ2-M9XD (crypto-random, uniform over the alphabet). */
export function newPairingCode(): string {
  let s = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) s += PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** Make a code for a kiosk to be called `kioskName`. The caller audits it (inside its transaction). */
export function createPairingCode(db: Db, kioskName: string, byLabel: string, at: Date): { code: string; expiresAt: string } {
  const code = newPairingCode();
  const expiresAt = new Date(at.getTime() + PAIRING_CODE_TTL_MS).toISOString();
  // Expired, unused codes are of no use to anyone: drop them while we are here.
  stmt(db, 'DELETE FROM pairing_codes WHERE used_at IS NULL AND expires_at < ?').run(at.toISOString());
  stmt(db, 'INSERT INTO pairing_codes (code_hash, kiosk_name, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
    hashCode(code),
    kioskName,
    byLabel,
    at.toISOString(),
    expiresAt,
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

/**
 * Use a code: on success the kiosk is registered (or, for a kiosk id already paired and not
 * revoked, given its new key and name). One immediate transaction, so two kiosks racing with
 * the same code cannot both win.
 */
export function redeemPairingCode(db: Db, req: PairRequest, at: Date): PairResponse {
  checkPublicKey(req.publicKey);
  return db
    .transaction((): PairResponse => {
      const now = at.toISOString();
      const code = stmt(db, 'SELECT kiosk_name, created_by, expires_at, used_at FROM pairing_codes WHERE code_hash = ?').get(hashCode(req.code)) as
        | { kiosk_name: string; created_by: string; expires_at: string; used_at: string | null }
        | undefined;
      // One message for unknown, used and expired codes: a guesser learns nothing.
      if (!code || code.used_at !== null || code.expires_at <= now)
        throw new SyncRefusal('BAD_CODE', 'That pairing code is wrong, already used or expired. Ask an administrator for a new code (Kiosks → Pair a kiosk).');
      const existing = stmt(db, 'SELECT revoked_at FROM kiosks WHERE id = ?').get(req.kioskId) as { revoked_at: string | null } | undefined;
      if (existing?.revoked_at)
        throw new SyncRefusal('REVOKED', 'This kiosk was revoked and cannot pair again. Reinstall it (a new kiosk id) before pairing.');
      stmt(db, 'UPDATE pairing_codes SET used_at = ?, used_by_kiosk = ? WHERE code_hash = ?').run(now, req.kioskId, hashCode(req.code));
      // The administrator named the kiosk when making the code: that name wins over the kiosk's own.
      const name = code.kiosk_name;
      stmt(
        db,
        `INSERT INTO kiosks (id, name, public_key, paired_at, paired_by, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, public_key = excluded.public_key, paired_at = excluded.paired_at,
           paired_by = excluded.paired_by, last_seen_at = excluded.last_seen_at`,
      ).run(req.kioskId, name, req.publicKey, now, code.created_by, now);
      appendAudit(db, {
        at,
        actor: `kiosk:${req.kioskId}`,
        action: existing ? 'sync.repair' : 'sync.pair',
        target: req.kioskId,
        detail: { name, codeMadeBy: code.created_by },
      });
      const site = stmt(db, "SELECT value FROM site_settings WHERE key = 'site_name'").get() as { value: string } | undefined;
      return { hubId: ensureHubId(db), siteName: site?.value ?? DEFAULT_SITE_NAME, kioskName: name, serverTime: now };
    })
    .immediate();
}
