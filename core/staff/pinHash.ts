// Slow PIN hashes (scrypt, a random salt per PIN), shared by the kiosk's own PIN and the
// personal PINs the office sends (the hub makes them with the same function). Plain Node.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export const PIN_PATTERN = /^[0-9]{4,8}$/;
export const PIN_RULE = 'A PIN is 4 to 8 digits.';
const KEYLEN = 32;
export const PIN_SCRYPT = { N: 16384, r: 8, p: 1 } as const;

export type PinHash = { algo: 'scrypt'; N: number; r: number; p: number; salt: string; hash: string };

export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

export function hashPin(pin: string): PinHash {
  if (!isValidPin(pin)) throw new Error(PIN_RULE);
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, KEYLEN, PIN_SCRYPT);
  return { algo: 'scrypt', ...PIN_SCRYPT, salt: salt.toString('hex'), hash: hash.toString('hex') };
}

/** Hash parameters from elsewhere (the office) are bounded: a bad feed must not freeze the kiosk. */
export function sanePinHash(h: PinHash): boolean {
  return h.algo === 'scrypt' && [1024, 2048, 4096, 8192, 16384, 32768].includes(h.N) && h.r >= 1 && h.r <= 16 && h.p >= 1 && h.p <= 4 &&
    /^[0-9a-f]{16,128}$/.test(h.salt) && /^[0-9a-f]{32,128}$/.test(h.hash) && h.hash.length % 2 === 0;
}

export function verifyPin(h: PinHash, pin: string): boolean {
  if (!isValidPin(pin) || !sanePinHash(h)) return false;
  const expected = Buffer.from(h.hash, 'hex');
  const got = scryptSync(pin, Buffer.from(h.salt, 'hex'), expected.length, { N: h.N, r: h.r, p: h.p, maxmem: 64 * 1024 * 1024 });
  return timingSafeEqual(got, expected);
}

/** The kiosk's own PIN is stored as one string: `scrypt$N$r$p$salt$hash`. */
export function encodePinHash(h: PinHash): string {
  return `scrypt$${h.N}$${h.r}$${h.p}$${h.salt}$${h.hash}`;
}

export function decodePinHash(s: string): PinHash | null {
  const [kind, n, r, p, salt, hash] = s.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return null;
  return { algo: 'scrypt', N: Number(n), r: Number(r), p: Number(p), salt, hash };
}
