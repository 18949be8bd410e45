// The proofs of pairing (shared/sync.ts PairHelloRequest). Both ends know the one-time code:
// the administrator made it on the hub and typed it on the kiosk. Neither sends it. From it
// each derives a key with scrypt (slow on purpose: the code has ~38 bits, and whoever records
// a pairing must not be able to try every code offline before it expires in 15 minutes), and:
//   - the code id the kiosk sends so the hub can find the code: a hash of that key;
//   - the hub's proof: HMAC(key, kiosk nonce, hub id, hub identity key, TLS pins);
//   - the kiosk's proof: HMAC(key, kiosk nonce, kiosk id, kiosk public key).
// A machine in the middle has its own certificate: to fool the kiosk it would have to make a
// hub proof naming that certificate, which needs the code.
import { createHash, createHmac, scryptSync, timingSafeEqual } from 'node:crypto';

/** Codes are compared without the dash, spaces or case, as people type them. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/** The key both ends derive from the code (hex). About 50-100 ms. */
export function codeKey(code: string): string {
  return scryptSync(normaliseCode(code), 'phone-safe-kiosk pairing v1', 32, SCRYPT).toString('hex');
}

export function codeId(key: string): string {
  return createHash('sha256').update(`pairing-code-id\n${key}`).digest('hex');
}

function mac(key: string, parts: string[]): string {
  return createHmac('sha256', Buffer.from(key, 'hex')).update(parts.join('\n')).digest('hex');
}

export function hubProof(key: string, kioskNonce: string, hubId: string, hubPublicKey: string, pins: string[]): string {
  return mac(key, ['hub-proof-v1', kioskNonce, hubId, hubPublicKey, pins.join(',')]);
}

export function kioskProof(key: string, kioskNonce: string, kioskId: string, publicKey: string): string {
  return mac(key, ['kiosk-proof-v1', kioskNonce, kioskId, publicKey]);
}

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
