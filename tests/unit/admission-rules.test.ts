// The admission rules as pure functions (shared/admission.ts, core/admission/restrictedKey.ts):
// what counts as a recorded check, and how the restricted list compares names.
import { describe, expect, it } from 'vitest';
import { clearanceOf, restrictedNameNormal } from '../../shared/admission.js';
import { newRestrictedSecret, restrictedKey, restrictedKeys } from '../../core/admission/restrictedKey.js';

describe('clearance: only what a person recorded lifts the escort', () => {
  const visit = { arrivedAt: '2026-12-03T09:00:00.000Z', localDay: '2026-12-03' };
  it('nothing recorded: not cleared', () => {
    expect(clearanceOf(visit)).toEqual({ idChecked: false, reason: null });
    expect(clearanceOf({ ...visit, idCheck: null }, null)).toEqual({ idChecked: false, reason: null });
  });
  it("reception's check of this visit clears it; a check from before the arrival (another visit) does not", () => {
    expect(clearanceOf({ ...visit, idCheck: { seen: 'photo_id', by: 'Pat', at: '2026-12-03T09:05:00.000Z' } })).toEqual({ idChecked: true, reason: 'id_check' });
    expect(clearanceOf({ ...visit, idCheck: { seen: 'photo_id', by: 'Pat', at: '2026-12-02T09:05:00.000Z' } }).idChecked).toBe(false);
  });
  it('an assurance clears it while valid on the day of the visit', () => {
    expect(clearanceOf(visit, { what: 'Enhanced DBS seen', validUntil: '2026-12-03' })).toEqual({ idChecked: true, reason: 'assurance' });
    expect(clearanceOf(visit, { what: 'Enhanced DBS seen', validUntil: null }).idChecked).toBe(true);
    expect(clearanceOf(visit, { what: 'Enhanced DBS seen', validUntil: '2026-12-02' }).idChecked).toBe(false);
  });
});

describe('restricted list: how names are compared', () => {
  it.each([
    ['John Smith', 'smith, JOHN'],
    ['Jöhn  Smíth', 'John Smith'],
    ['José Álvarez-Núñez', 'jose alvarez nunez'],
    ["Zoë O'Brien", 'zoe o’brien'],
    ['Zoë O’Brien', 'Zoe OBrien'],
    ['Straße', 'STRASSE'],
    ['Иван Петров', 'ПЕТРОВ иван'],
    ['مُحَمَّد حَسَن', 'محمد حسن'],
    ['محـــمد', 'محمد'], // tatweel
    ['ＪＯＨＮ　ＳＭＩＴＨ', 'john smith'], // full-width letters and space
  ])('%s is the same name as %s', (a, b) => {
    expect(restrictedNameNormal(a)).toBe(restrictedNameNormal(b));
  });

  it.each([
    ['Ivan Petrov', 'Иван Петров'], // scripts are not transliterated: store the other spelling as an alias
    ['John Smith', 'John Smyth'],
    ['John Smith', 'John Smith Jones'],
  ])('%s is not the same name as %s', (a, b) => {
    expect(restrictedNameNormal(a)).not.toBe(restrictedNameNormal(b));
  });

  it('keys are keyed hashes: the same name gives another key under another school\'s secret, and nothing without letters has one', () => {
    const [s1, s2] = [newRestrictedSecret(), newRestrictedSecret()];
    expect(restrictedKey(s1, 'Ivan Petrov')).toMatch(/^[0-9a-f]{64}$/);
    expect(restrictedKey(s1, 'PETROV Ivan')).toBe(restrictedKey(s1, 'Ivan Petrov'));
    expect(restrictedKey(s2, 'Ivan Petrov')).not.toBe(restrictedKey(s1, 'Ivan Petrov'));
    expect(restrictedKey(s1, ' -- ,, ')).toBeNull();
    expect(restrictedKeys(s1, ['Ivan Petrov', 'petrov ivan', 'Иван Петров'])).toHaveLength(2);
  });
});
