// The pure rules regular visitors depend on: the card code (entropy, checksum, tolerant typing),
// "is this person assured today" and "is the agreement due".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_ENTROPY_BITS, cardCodeFromBytes, groupCardCode, normaliseCardCode } from '../../shared/cardCode.js';
import { agreementDue, assuranceValidUntil, hasValidAssurance, lastRenewal, looksLikeCertificateNumber } from '../../shared/regulars.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const bytes = fc.uint8Array({ minLength: 15, maxLength: 15 });

describe('card codes', () => {
  it('are 16 symbols with 75 random bits, and read back however they are typed', () => {
    expect(CARD_ENTROPY_BITS).toBe(75);
    fc.assert(
      fc.property(bytes, (b) => {
        const code = cardCodeFromBytes(b);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
        expect(normaliseCardCode(code)).toBe(code);
        expect(normaliseCardCode(groupCardCode(code))).toBe(code);
        expect(normaliseCardCode(` ${groupCardCode(code).toLowerCase().replaceAll('-', ' ')} `)).toBe(code);
        // Letters people read as digits: O for 0, I or L for 1.
        expect(normaliseCardCode(code.replaceAll('0', 'O').replaceAll('1', 'l'))).toBe(code);
      }),
    );
  });

  it('catch every single mistyped symbol', () => {
    fc.assert(
      fc.property(bytes, fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 31 }), (b, i, shift) => {
        const code = cardCodeFromBytes(b);
        const wrong = ALPHABET[(ALPHABET.indexOf(code[i]!) + shift) % 32]!;
        expect(normaliseCardCode(code.slice(0, i) + wrong + code.slice(i + 1))).toBeNull();
      }),
    );
  });

  it('catch swapped neighbours (except Luhn’s one blind spot, 0 and Z)', () => {
    fc.assert(
      fc.property(bytes, fc.integer({ min: 0, max: 14 }), (b, i) => {
        const code = cardCodeFromBytes(b);
        const [x, y] = [code[i]!, code[i + 1]!];
        if (x === y || (x === '0' && y === 'Z') || (x === 'Z' && y === '0')) return;
        expect(normaliseCardCode(code.slice(0, i) + y + x + code.slice(i + 2))).toBeNull();
      }),
    );
  });
});

describe('assurance and the agreement', () => {
  const checks = [{ checkedOn: '2026-01-10', expiresOn: '2026-03-20' }, { checkedOn: '2025-01-01', expiresOn: '2026-02-01' }];
  it('counts a check from the day it was made to its expiry day inclusive, for active people only', () => {
    expect(hasValidAssurance({ status: 'active', assurances: checks }, '2026-03-20')).toBe(true);
    expect(hasValidAssurance({ status: 'active', assurances: checks }, '2026-03-21')).toBe(false);
    expect(hasValidAssurance({ status: 'active', assurances: checks }, '2024-12-31')).toBe(false);
    expect(assuranceValidUntil({ status: 'active', assurances: checks }, '2026-01-20')).toBe('2026-03-20');
    expect(hasValidAssurance({ status: 'suspended', assurances: checks }, '2026-03-01')).toBe(false);
    expect(hasValidAssurance({ status: 'left', assurances: checks }, '2026-03-01')).toBe(false);
    expect(hasValidAssurance({ status: 'active', assurances: [] }, '2026-03-01')).toBe(false);
  });

  it('is due first, when its text changed, and after the renewal day', () => {
    expect(lastRenewal('2026-08-31', '09-01')).toBe('2025-09-01');
    expect(lastRenewal('2026-09-01', '09-01')).toBe('2026-09-01');
    expect(agreementDue(null, 'v1', '09-01', '2026-03-03')).toBe('first');
    expect(agreementDue({ versionId: 'v1', ackDay: '2025-09-02' }, 'v1', '09-01', '2026-08-31')).toBeNull();
    expect(agreementDue({ versionId: 'v1', ackDay: '2025-09-02' }, 'v1', '09-01', '2026-09-01')).toBe('renewal');
    expect(agreementDue({ versionId: 'v1', ackDay: '2026-03-03' }, 'v2', '09-01', '2026-03-04')).toBe('changed');
    expect(agreementDue({ versionId: 'v1', ackDay: '2026-03-03' }, 'v1', '01-15', '2027-01-15')).toBe('renewal');
  });

  it('refuses text that looks like a certificate number, not ordinary words and dates', () => {
    for (const s of ['001234567890', 'cert 0012 3456 7890', '0012-3456-7890', 'Update service id 12345678']) expect(looksLikeCertificateNumber(s)).toBe(true);
    for (const s of ['Seen by Pat, renewal due 2027', 'Agency: Kent Supply Ltd', 'Room 101, 3 times', 'renew by 2027-03-20', 'seen 20/03/2026, next 19.03.27', '']) expect(looksLikeCertificateNumber(s)).toBe(false);
  });
});
