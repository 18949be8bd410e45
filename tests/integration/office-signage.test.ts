// Posters from the live policy and the signage register (issue #15 part A): what a poster says
// is read back from the PDF with pdftotext (in English, Arabic, Bengali and Ukrainian), its PNG
// preview is rendered, and publishing a new policy version flags the posters already hung.
// Set SIGNAGE_PNG_DIR to keep the PDFs and PNGs for looking at.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import { currentPolicy, invalidatePolicyCache } from '../../core/policy/policy.js';
import { DEFAULT_POLICY } from '../../core/site/defaults.js';
import { DEFAULT_NEVER_PLACES } from '../../core/safeguarding/defaults.js';
import { LANGUAGES, type Language } from '../../shared/domain.js';
import type { PosterFiles, RefDsl, RefNoPlace } from '../../shared/signage.js';
import { ACTORS, auditRows, disposeHub, feed, tempHub } from '../support/officeDomain.js';
import { fakeClock, tempDir, type Clock } from '../support/tempKiosk.js';

let hub: Hub;
let clock: Clock;
beforeEach(() => {
  clock = fakeClock('2026-12-03T09:00:00.000Z');
  hub = tempHub(clock.now);
});
afterEach(() => disposeHub(hub));

const { office, dsl, head, admin } = ACTORS;
const KEEP = process.env.SIGNAGE_PNG_DIR;

const DSLS = [
  { id: 'emma', name: 'Emma Law', role: 'dsl' as const, contact: 'Headteacher, ext 201', active: true },
  { id: 'lisa', name: 'Lisa Bowden', role: 'deputy' as const, contact: 'ext 214, room 4', active: true },
];

function pdfText(files: PosterFiles, keepAs?: string): string {
  const dir = tempDir('poster-test-');
  try {
    const file = path.join(dir, 'p.pdf');
    fs.writeFileSync(file, Buffer.from(files.pdf, 'base64'));
    if (KEEP && keepAs) {
      fs.mkdirSync(KEEP, { recursive: true });
      fs.copyFileSync(file, path.join(KEEP, `${keepAs}.pdf`));
      fs.writeFileSync(path.join(KEEP, `${keepAs}.png`), Buffer.from(files.png.split(',')[1]!, 'base64'));
      execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', file, path.join(KEEP, `${keepAs}-60dpi`)]);
    }
    // One page only: nothing flowed onto a second page.
    expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Pages:\s+1\n/);
    return execFileSync('pdftotext', ['-layout', file, '-']).toString();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// pdftotext marks right-to-left and embedded runs with bidi controls: not part of the words.
const squash = (s: string) => s.replace(/[\u202a-\u202e]/g, '').replace(/\s+/g, ' ').replace(/- /g, '-'); // a line may break after a hyphen
const poster = (language: Language, size: 'A4' | 'A3' = 'A4', second: Language | null = null) => hub.core.run('signage.poster', { size, language, second }, office);
/** The hash a kiosk records for this language now (the same renderer, on the hub's tables). */
function kioskHash(language: Language): string {
  invalidatePolicyCache(hub.db);
  return currentPolicy(hub.db, language).textHash;
}

describe('the rest of the policy as data', () => {
  it('a new hub has the policy’s never-here places, sent to kiosks; the DSL directory starts empty', () => {
    const s = hub.core.run('signage.get', {}, office);
    expect(s.neverPlaces).toEqual(DEFAULT_NEVER_PLACES.map((p) => ({ ...p, active: true })));
    expect(s.dsls).toEqual([]);
    expect(feed(hub, 'noplace').map((c) => c.body)).toEqual(DEFAULT_NEVER_PLACES.map((p, sort) => ({ ...p, sort, active: true }) satisfies RefNoPlace));
  });

  it('the DSL directory is saved by the DSL, head or administrator (not office staff) and goes to kiosks', () => {
    expect(() => hub.core.run('dsls.save', { dsls: DSLS }, office)).toThrow(/role/);
    hub.core.run('dsls.save', { dsls: DSLS }, dsl);
    expect(feed(hub, 'dsl').map((c) => c.body)).toEqual(DSLS.map((d, sort) => ({ ...d, sort }) satisfies RefDsl));
    // Saving the same list again sends nothing; retiring one sends only that one.
    hub.core.run('dsls.save', { dsls: DSLS }, head);
    expect(feed(hub, 'dsl')).toHaveLength(2);
    hub.core.run('dsls.save', { dsls: [DSLS[0]!] }, admin);
    expect(feed(hub, 'dsl').at(-1)!.body).toEqual({ ...DSLS[1], sort: 1, active: false });
    expect(auditRows(hub).filter((a) => a.action === 'dsls.save')).toHaveLength(2);
  });

  it('refuses a DSL without a name, an unknown role, or two active places with one name', () => {
    expect(() => hub.core.run('dsls.save', { dsls: [{ ...DSLS[0]!, name: ' ' }] }, dsl)).toThrow();
    expect(() => hub.core.run('dsls.save', { dsls: [{ ...DSLS[0]!, role: 'boss' as never }] }, dsl)).toThrow();
    expect(() =>
      hub.core.run('neverPlaces.save', { neverPlaces: [{ id: 'a', name: 'Toilets', active: true }, { id: 'b', name: 'toilets', active: true }] }, admin),
    ).toThrow(/its own name/);
    expect(() => hub.core.run('neverPlaces.save', { neverPlaces: [] }, office)).toThrow(/role/);
  });
});

describe('posters from the live policy', () => {
  beforeEach(() => {
    hub.core.run('dsls.save', { dsls: DSLS }, dsl);
  });

  for (const language of ['en', 'ar', 'bn', 'uk'] as const) {
    it(`in ${language}: the PDF says the version, the kiosk's hash prefix, the approved and never-here places and the DSLs`, () => {
      const files = poster(language);
      const text = squash(pdfText(files, `poster-${language}-A4`));
      expect(files.policyVersion).toBe(1);
      expect(files.hashPrefixes[language]).toBe(kioskHash(language).slice(0, 8));
      expect(text).toContain(`v1 · ${language} ${kioskHash(language).slice(0, 8)}`);
      for (const place of ['the school office', 'the staff room', 'outside the main gate']) expect(text).toContain(place);
      for (const place of ['Changing rooms', 'Toilets', 'Swimming pool areas']) expect(text).toContain(place);
      for (const d of DSLS) {
        expect(text).toContain(d.name);
        expect(text).toContain(d.contact);
      }
      expect(text).toContain('0800 028 0285');
      expect(files.png).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    });
  }

  it('says its headings in the poster’s language (Ukrainian read back as text)', () => {
    const text = squash(pdfText(poster('uk')));
    expect(text).toContain('Телефони та смарт-пристрої');
    expect(text).toContain('Ніколи не користуйтеся пристроями тут:');
  });

  it('bilingual (English + Urdu) carries both hash prefixes; A3 is one page too', () => {
    const files = poster('en', 'A3', 'ur');
    const text = squash(pdfText(files, 'poster-en-ur-A3'));
    expect(text).toContain(`v1 · en ${kioskHash('en').slice(0, 8)} · ur ${kioskHash('ur').slice(0, 8)}`);
    expect(text).toContain('Phones and smart devices');
    expect(() => poster('ar', 'A4', 'uk')).toThrow(); // bilingual means English + one
  });

  it('a long list of places still fits on one page: nothing is cut off, the type gets smaller', () => {
    const names = ['Staff room', 'School office', 'Main hall (after 4pm only)', 'Library', 'Outside the main gate', 'Meeting room 2', 'Car park', 'Reception foyer', 'Sports pavilion', 'Music room'];
    hub.core.run('locations.save', { locations: names.map((name, i) => ({ id: `l${i}`, name, active: true })) }, admin);
    hub.core.run('neverPlaces.save', { neverPlaces: ['Changing rooms', 'Toilets', 'Swimming pool areas', 'Nursery', 'Medical room', 'Sensory room'].map((name, i) => ({ id: `n${i}`, name, active: true })) }, admin);
    hub.core.run('dsls.save', { dsls: [...DSLS, ...['Emma Blackmore', 'Sophie Sadler', 'Zana Fletcher', 'Jordan Charlesworth'].map((name, i) => ({ id: `d${i}`, name, role: 'deputy' as const, contact: `ext ${230 + i}`, active: true }))] }, dsl);
    for (const language of ['pt', 'ar'] as const) {
      const text = squash(pdfText(poster(language), `poster-${language}-long`));
      for (const n of [...names, 'Sensory room', 'Jordan Charlesworth', 'ext 233']) expect(text).toContain(n);
      expect(text).toContain(`v1 · ${language} ${kioskHash(language).slice(0, 8)}`); // the last line is on the page
    }
  });

  it('every language, A4 and bilingual with English, fits on one page down to its version line', () => {
    for (const language of LANGUAGES) {
      const files = poster('en', 'A4', language === 'en' ? null : language);
      const text = squash(pdfText(files, `poster-en-${language}-A4`));
      expect(text).toContain(`v1 · en ${kioskHash('en').slice(0, 8)}`);
      expect(text).toContain('Lisa Bowden');
      const single = squash(pdfText(poster(language), `poster-${language}-only-A4`));
      expect(single).toContain(`v1 · ${language} ${kioskHash(language).slice(0, 8)}`);
    }
  }, 180_000);

  it('uses the school’s complaints and whistleblowing wording when set', () => {
    hub.core.run('signage.settings', { complaints: 'Write to the clerk to the governors, Easy Stour Primary.', whistleblowing: '' }, head);
    const text = squash(pdfText(poster('en')));
    expect(text).toContain('Write to the clerk to the governors, Easy Stour Primary.');
    expect(text).toContain('NSPCC 0800 028 0285'); // whistleblowing: still the default
  });
});

describe('the signage register', () => {
  it('records where each poster hangs and its version; a new policy version flags them out of date', () => {
    let s = hub.core.run('signage.hang', { place: 'Main entrance', size: 'A3', language: 'en', second: 'pl' }, office);
    s = hub.core.run('signage.hang', { place: 'Sports hall corridor', size: 'A4', language: 'ar', second: null }, office);
    expect(s.posters.map((p) => [p.place, p.policyVersion, p.hashPrefix, p.outOfDate])).toEqual([
      ['Sports hall corridor', 1, kioskHash('ar').slice(0, 8), false],
      ['Main entrance', 1, kioskHash('en').slice(0, 8), false],
    ]);
    expect(s.outOfDateCount).toBe(0);

    clock.advance(60_000);
    hub.core.run('policy.publish', { texts: { ...DEFAULT_POLICY, en: { ...DEFAULT_POLICY.en!, title: 'Phones: our rules (updated)' } } }, head);
    s = hub.core.run('signage.get', {}, office);
    expect(s.policy.version).toBe(2);
    expect(s.posters.map((p) => [p.place, p.outOfDate, p.why])).toEqual([
      ['Sports hall corridor', true, 'policy'],
      ['Main entrance', true, 'policy'],
    ]);
    expect(s.outOfDateCount).toBe(2);

    // Replaced: the old one taken down, a new one of version 2 hung in its place.
    const old = s.posters.find((p) => p.place === 'Main entrance')!;
    hub.core.run('signage.takeDown', { id: old.id }, office);
    s = hub.core.run('signage.hang', { place: 'Main entrance', size: 'A3', language: 'en', second: 'pl' }, office);
    expect(s.posters.map((p) => [p.place, p.policyVersion, p.outOfDate])).toEqual([
      ['Main entrance', 2, false],
      ['Sports hall corridor', 1, true],
    ]);
    expect(() => hub.core.run('signage.takeDown', { id: old.id }, office)).toThrow(/not in the register/);
  });

  it('a changed DSL or never-here place flags posters too (content, not policy)', () => {
    hub.core.run('signage.hang', { place: 'Reception', size: 'A4', language: 'en', second: null }, office);
    hub.core.run('dsls.save', { dsls: DSLS }, dsl);
    const s = hub.core.run('signage.get', {}, office);
    expect(s.posters.map((p) => [p.outOfDate, p.why])).toEqual([[true, 'content']]);
  });
});
