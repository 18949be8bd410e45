// The kiosk's signing key: Ed25519, made at pairing. The private half stays in this kiosk's
// database (sync_state); the hub keeps only the public half, so a copy of the hub's file lets
// nobody speak for a kiosk.
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { signingString } from '../../shared/sync.js';

export type KioskKeys = { privateKey: string; publicKey: string };

/** A new key pair: private as PKCS#8 DER, public as SPKI DER, both base64. */
export function generateKioskKeys(): KioskKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

const cache = new Map<string, KeyObject>();
function privateKeyObject(b64: string): KeyObject {
  let k = cache.get(b64);
  if (!k) {
    if (cache.size > 16) cache.clear();
    cache.set(b64, (k = createPrivateKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'pkcs8' })));
  }
  return k;
}

/** Base64 signature of the request (shared/sync.ts signingString). */
export function signRequest(privateKey: string, method: string, path: string, time: string, nonce: string, bodySha256Hex: string): string {
  return sign(null, Buffer.from(signingString(method, path, time, nonce, bodySha256Hex), 'utf8'), privateKeyObject(privateKey)).toString('base64');
}

/** A fresh nonce for each request (and each retry): 24 url-safe characters. */
export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}
