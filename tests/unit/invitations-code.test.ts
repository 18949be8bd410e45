// The sign-in code an invitation carries: 80 random bits in Crockford base32, grouped for
// reading aloud, and a typed code (any case, spaces, O for 0, I or L for 1) read back to it.
import { describe, expect, it } from 'vitest';
import { newSigninCode, normaliseSigninCode } from '../../core/office/invitations/compose.js';

describe('sign-in codes', () => {
  it('are 16 characters of Crockford base32 in groups of four, never the same twice in 20,000', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const c = newSigninCode();
      expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      seen.add(c);
    }
    expect(seen.size).toBe(20_000);
  });

  it('use every character of the alphabet about equally (no bias from the bit packing)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) for (const ch of newSigninCode().replace(/-/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(32);
    const expected = (4000 * 16) / 32;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.15);
  });

  it('read back as typed: lower case, spaces, no dashes, O and I/L mistaken for digits', () => {
    const c = newSigninCode();
    expect(normaliseSigninCode(c)).toBe(c);
    expect(normaliseSigninCode(c.toLowerCase().replace(/-/g, ' '))).toBe(c);
    expect(normaliseSigninCode('0000-1111-2222-3333'.replace(/0/g, 'O').replace(/1/g, 'l'))).toBe('0000-1111-2222-3333');
    expect(normaliseSigninCode('ABCD-EFGH')).toBeNull();
    expect(normaliseSigninCode('ABCD-EFGH-JKMN-PQRU')).toBeNull(); // U is not in the alphabet
  });
});
