// The hub's identity: an Ed25519 key made once and kept in the hub's database. Kiosks learn its
// public half at pairing (bound to the one-time code, core/sync/pairProof.ts) and from then on
// believe an answer only if it is signed with it (shared/sync.ts answerSigningString). The TLS
// pin keeps the wire private; this signature makes every answer the hub's own, also over the
// loopback HTTP of a one-PC reception, and lets the hub announce a new certificate's pin.
import { createHash, createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { answerSigningString } from '../../../shared/sync.js';
import { ensureHubId } from './pairing.js';

export type HubIdentity = { hubId: string; publicKey: string; sign(path: string, requestNonce: string, status: number, pins: string, body: string): string };

const cache = new WeakMap<Db, HubIdentity>();

export function hubIdentity(db: Db): HubIdentity {
  const known = cache.get(db);
  if (known) return known;
  const hubId = ensureHubId(db);
  const get = (key: string) => (stmt(db, 'SELECT value FROM site_settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  let priv = get('hub_identity_private_key');
  let pub = get('hub_identity_public_key');
  if (!priv || !pub) {
    const pair = generateKeyPairSync('ed25519');
    priv = pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    pub = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    db.transaction(() => {
      stmt(db, "INSERT INTO site_settings (key, value) VALUES ('hub_identity_private_key', ?) ON CONFLICT (key) DO NOTHING").run(priv);
      stmt(db, "INSERT INTO site_settings (key, value) VALUES ('hub_identity_public_key', ?) ON CONFLICT (key) DO NOTHING").run(pub);
    })();
    // Another process may have won the race: use what is stored.
    priv = get('hub_identity_private_key')!;
    pub = get('hub_identity_public_key')!;
  }
  const key: KeyObject = createPrivateKey({ key: Buffer.from(priv, 'base64'), format: 'der', type: 'pkcs8' });
  const identity: HubIdentity = {
    hubId,
    publicKey: pub,
    sign: (path, requestNonce, status, pins, body) =>
      sign(null, Buffer.from(answerSigningString(hubId, path, requestNonce, status, pins, createHash('sha256').update(body, 'utf8').digest('hex')), 'utf8'), key).toString('base64'),
  };
  cache.set(db, identity);
  return identity;
}
