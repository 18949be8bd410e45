// Every kiosk string in every language: the same keys as English (the source of truth), the
// same {{placeholders}}, nothing empty. tsc already refuses a missing or extra key (each
// language file is typed `Strings`); this test says which one, and checks what types cannot.
// The default phone policy's translations are checked the same way.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, DEFAULT_POLICY_EN, NO_LOCATIONS } from '../../core/site/defaults.js';
import { ar } from '../../renderer/src/i18n/ar.js';
import { bn } from '../../renderer/src/i18n/bn.js';
import { en } from '../../renderer/src/i18n/en.js';
import { pa } from '../../renderer/src/i18n/pa.js';
import { pl } from '../../renderer/src/i18n/pl.js';
import { pt } from '../../renderer/src/i18n/pt.js';
import { ro } from '../../renderer/src/i18n/ro.js';
import { uk } from '../../renderer/src/i18n/uk.js';
import { ur } from '../../renderer/src/i18n/ur.js';
import { LANGUAGES, type Language } from '../../shared/domain.js';

const RESOURCES: Record<string, unknown> = { en, pl, ro, uk, pt, pa, ur, bn, ar };
const I18N_DIR = path.resolve(import.meta.dirname, '../../renderer/src/i18n');

/** { a: { b: 'x' } } → { 'a.b': 'x' }; anything that is neither a string nor an object is reported. */
function flatten(obj: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

/** The interpolation placeholders in a string, sorted: "{{name}} at {{ time }}" → ['name', 'time']. */
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([^{}]+?)\s*\}\}/g)].map((m) => m[1]!).sort();
/** A placeholder written with single braces ({name}) would show up on screen as typed. */
const singleBraces = (s: string) => s.replace(/\{\{[^{}]*\}\}/g, '').match(/\{[^{}]*\}/g) ?? [];

const english = flatten(en);
const others = LANGUAGES.filter((l) => l !== 'en');

describe('kiosk strings', () => {
  it('exist for every kiosk language, and for no other', () => {
    expect(Object.keys(RESOURCES).sort()).toEqual([...LANGUAGES].sort());
    const files = fs.readdirSync(I18N_DIR).filter((f) => /^[a-z]{2}\.ts$/.test(f)).map((f) => f.slice(0, 2));
    expect(files.sort()).toEqual([...LANGUAGES].sort());
  });

  it('English has only non-empty strings, with well-formed placeholders', () => {
    for (const [key, value] of english) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
      expect(singleBraces(value as string), key).toEqual([]);
    }
  });

  describe.each(others)('%s', (lng) => {
    const strings = flatten(RESOURCES[lng]);

    it('has every English key and no other', () => {
      const missing = [...english.keys()].filter((k) => !strings.has(k));
      const extra = [...strings.keys()].filter((k) => !english.has(k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it('has no empty string, and only strings', () => {
      const bad = [...strings].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
      expect(bad).toEqual([]);
    });

    it('uses exactly the placeholders English uses, in every string', () => {
      const differ = [...english]
        .filter(([k, v]) => typeof strings.get(k) === 'string' && JSON.stringify(placeholders(strings.get(k) as string)) !== JSON.stringify(placeholders(v as string)))
        .map(([k]) => `${k}: ${JSON.stringify(placeholders(strings.get(k) as string))} ≠ ${JSON.stringify(placeholders(english.get(k) as string))}`);
      expect(differ).toEqual([]);
      const typos = [...strings].filter(([, v]) => typeof v === 'string' && singleBraces(v).length > 0).map(([k]) => k);
      expect(typos).toEqual([]);
    });

    it('is translated (not left in English) and stored in Unicode NFC', () => {
      const same = [...english].filter(([k, v]) => strings.get(k) === v).map(([k]) => k);
      // A few strings may legitimately match English (a loanword); most must not.
      expect(same.length, `left in English: ${same.join(', ')}`).toBeLessThanOrEqual(3);
      const notNfc = [...strings].filter(([, v]) => typeof v === 'string' && v.normalize('NFC') !== v).map(([k]) => k);
      expect(notNfc).toEqual([]);
    });

    it('is marked as machine-assisted, to be checked by the school', () => {
      expect(fs.readFileSync(path.join(I18N_DIR, `${lng}.ts`), 'utf8')).toContain('MACHINE-ASSISTED TRANSLATION, TO BE CHECKED BY THE SCHOOL');
    });
  });
});

describe('the default phone policy', () => {
  it('has a text in every kiosk language', () => {
    expect(Object.keys(DEFAULT_POLICY).sort()).toEqual([...LANGUAGES].sort());
    expect(Object.keys(NO_LOCATIONS).sort()).toEqual([...LANGUAGES].sort());
    expect(DEFAULT_POLICY.en).toBe(DEFAULT_POLICY_EN);
  });

  it.each(others)('in %s: one point per English point, {locations} kept in the same place, nothing empty, NFC', (lng: Language) => {
    const p = DEFAULT_POLICY[lng];
    expect(p.title.trim()).not.toBe('');
    expect(p.title).not.toBe(DEFAULT_POLICY_EN.title);
    expect(p.points).toHaveLength(DEFAULT_POLICY_EN.points.length);
    p.points.forEach((point, i) => {
      expect(point.trim(), `point ${i + 1}`).not.toBe('');
      expect(point.includes('{locations}'), `point ${i + 1} and {locations}`).toBe(DEFAULT_POLICY_EN.points[i]!.includes('{locations}'));
      expect(point.normalize('NFC'), `point ${i + 1} is NFC`).toBe(point);
    });
    expect(p.title.normalize('NFC')).toBe(p.title);
    expect(NO_LOCATIONS[lng].trim()).not.toBe('');
  });
});
