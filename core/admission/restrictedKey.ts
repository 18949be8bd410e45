// The restricted list's keys: HMAC-SHA-256 of a normalised name (shared/admission.ts
// restrictedNameNormal) under the site's own secret. The hub makes one key per name and alias
// and sends kiosks only the keys and the secret, so a kiosk's disk never holds a readable name;
// the kiosk keys what a visitor typed the same way and looks it up.
import { createHmac, randomBytes } from 'node:crypto';
import { restrictedNameNormal } from '../../shared/admission.js';

export function newRestrictedSecret(): string {
  return randomBytes(32).toString('hex');
}

/** The key of a name, or null when the name has no letters or digits to compare. */
export function restrictedKey(secretHex: string, name: string): string | null {
  const normal = restrictedNameNormal(name);
  if (normal === '') return null;
  return createHmac('sha256', Buffer.from(secretHex, 'hex')).update(normal, 'utf8').digest('hex');
}

/** Every distinct key of a person's name and aliases. */
export function restrictedKeys(secretHex: string, names: readonly string[]): string[] {
  return [...new Set(names.map((n) => restrictedKey(secretHex, n)).filter((k): k is string => k !== null))].sort();
}
