// Staff passwords: stored only as a memory-hard scrypt hash with a random salt. The cost
// parameters travel inside the hash string (`scrypt$N$r$p$salt$hash`, as the kiosk's PIN),
// so the default can be raised later: old hashes still verify with their own parameters and
// are re-hashed at the next good sign-in (needsRehash). Hashing is asynchronous (libuv's
// thread pool) so a sign-in never stalls the other requests the hub is serving.
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export type ScryptParams = { N: number; r: number; p: number };

/** 2^15 × 8 × 128 bytes = 32 MiB per hash: far beyond what GPU guessing rigs like. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Refuse to verify against absurd parameters: a tampered row must not exhaust memory. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

function options(params: ScryptParams): ScryptOptions {
  // Node's default maxmem (32 MiB) is exactly what N=2^15, r=8 needs, which it refuses.
  return { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r * params.p };
}

function format(params: ScryptParams, salt: Buffer, key: Buffer): string {
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('hex')}$${key.toString('hex')}`;
}

function deriveKey(password: string, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keyLength, options(params), (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  return format(params, salt, await deriveKey(password, salt, KEY_BYTES, params));
}

/** Blocking variant, for command-line tools and direct core calls (no event loop to keep free). */
export function hashPasswordSync(password: string, params: ScryptParams = DEFAULT_SCRYPT): string {
  const salt = randomBytes(SALT_BYTES);
  return format(params, salt, scryptSync(password.normalize('NFC'), salt, KEY_BYTES, options(params)));
}

type Parsed = { params: ScryptParams; salt: Buffer; key: Buffer };

export function parseHash(stored: string): Parsed | null {
  const [kind, n, r, p, saltHex, keyHex, ...rest] = stored.split('$');
  if (kind !== 'scrypt' || rest.length > 0 || !saltHex || !keyHex || !/^[0-9a-f]+$/.test(saltHex + keyHex)) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = Number.isInteger(params.N) && params.N > 1 && (params.N & (params.N - 1)) === 0;
  if (!powerOfTwo || params.N > MAX_N || !Number.isInteger(params.r) || params.r < 1 || params.r > MAX_R || !Number.isInteger(params.p) || params.p < 1 || params.p > MAX_P)
    return null;
  return { params, salt: Buffer.from(saltHex, 'hex'), key: Buffer.from(keyHex, 'hex') };
}

/** Constant-time comparison of the derived key; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.key.length < 16) return false;
  const got = await deriveKey(password, parsed.salt, parsed.key.length, parsed.params);
  return timingSafeEqual(got, parsed.key);
}

/** Blocking variant of verifyPassword, for direct core calls (the HTTP layer verifies off the event loop). */
export function verifyPasswordSync(password: string, stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed || parsed.key.length < 16) return false;
  return timingSafeEqual(scryptSync(password.normalize('NFC'), parsed.salt, parsed.key.length, options(parsed.params)), parsed.key);
}

/** True when the stored hash is weaker than what we would write today. */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.params.N < params.N || parsed.params.r < params.r || parsed.params.p < params.p;
}

const COMMON = ['password', 'qwerty', '123456', 'letmein', 'welcome', 'changeme', 'school', 'admin', 'office'];

/**
 * Beyond the 12-character minimum the contract enforces: refuse passwords that are long but
 * still the first thing an attacker tries. Returns a sentence for people, or null.
 */
export function weakPasswordReason(password: string, username?: string): string | null {
  const lower = password.toLowerCase();
  if (new Set(lower).size < 5) return 'Use more different characters in the password.';
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return 'The password must not contain the username.';
  const stripped = lower.replace(/[^a-z0-9]/g, '');
  for (const word of COMMON) {
    // "Password1234!" is one common word plus decoration: refuse it.
    if (stripped.startsWith(word) && /^[0-9]*$/.test(stripped.slice(word.length))) return 'That password is too easy to guess. Try a few unrelated words.';
  }
  if (/^(0123456789|1234567890|abcdefghij|qwertyuiop)/.test(stripped)) return 'That password is too easy to guess. Try a few unrelated words.';
  return null;
}
