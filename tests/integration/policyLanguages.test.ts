// One policy version, several languages: the kiosk shows the visitor's language where the
// version has it (else English), the approved places stay in the site's own words, and the
// acknowledgement records the language actually shown with the hash of exactly that text.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKiosk, type Kiosk } from '../../core/kiosk.js';
import { SiteConfigError } from '../../core/site/config.js';
import { DEFAULT_POLICY, NO_LOCATIONS } from '../../core/site/defaults.js';
import type { PolicyText } from '../../shared/contract.js';
import { LANGUAGES, type Language } from '../../shared/domain.js';
import { disposeKiosk, eventRows } from '../support/fixtures.js';
import { fakeClock, signInInput, tempDir, tempKiosk, type Clock } from '../support/tempKiosk.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hashOfShown = (p: Pick<PolicyText, 'title' | 'points'>) => sha256([p.title, ...p.points].join('\n'));
const PLACES = 'the school office; the staff room; outside the main gate';

let k: Kiosk;
let clock: Clock;
beforeEach(() => {
  clock = fakeClock();
  k = tempKiosk({ now: clock.now });
});
afterEach(() => disposeKiosk(k));

const boot = (language: Language) => k.core.run('kiosk.bootstrap', { language });
const textsOf = (versionId: string) =>
  (k.db.prepare('SELECT language FROM policy_texts WHERE version_id = ? ORDER BY language').pluck().all(versionId) as string[]).sort();

function signInAs(language: Language) {
  const p = boot(language).policy;
  clock.advance(60_000);
  return k.core.run('visit.signIn', signInInput(k, { language, fullName: `Visitor ${language}`, policy: { versionId: p.versionId, textHash: p.textHash } }));
}

describe('the default policy on a first run', () => {
  it('is version 1 with a text in each of the nine languages', () => {
    const v1 = boot('en').policy;
    expect(v1.version).toBe(1);
    expect(textsOf(v1.versionId)).toEqual([...LANGUAGES].sort());
    expect(boot('en').languages).toEqual([...LANGUAGES]);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('is shown in %s as the same version, with the approved places in the site’s own words', (lng) => {
    const en = boot('en').policy;
    const p = boot(lng).policy;
    expect(p).toMatchObject({ versionId: en.versionId, version: 1, language: lng, title: DEFAULT_POLICY[lng].title });
    expect(p.points.join('\n')).not.toContain('{locations}');
    expect(p.points[1]).toContain(PLACES);
    expect(p.textHash).toBe(hashOfShown(p));
    expect(p.textHash).not.toBe(en.textHash);
  });
});

describe('the acknowledgement', () => {
  it('stores the language shown and the hash of that text (Arabic)', () => {
    const shown = boot('ar').policy;
    const r = signInAs('ar');
    const ack = eventRows(k.db, r.visitId).find((e) => e.kind === 'policy_acknowledged')!;
    expect(ack.body).toEqual({ versionId: shown.versionId, version: 1, textHash: hashOfShown(shown), language: 'ar' });
    expect(k.db.prepare('SELECT language, policy_text_hash FROM visits WHERE id = ?').get(r.visitId)).toEqual({ language: 'ar', policy_text_hash: shown.textHash });
  });

  it('stores English when the version has no text in the visitor’s language', () => {
    k.core.run('policy.publish', { language: 'en', draft: { title: 'New rules', points: ['Phones away.', 'Use them only at {locations}.'] } });
    const shown = boot('pl').policy;
    expect(shown).toMatchObject({ version: 2, language: 'en', title: 'New rules' });
    const r = signInAs('pl');
    const ack = eventRows(k.db, r.visitId).find((e) => e.kind === 'policy_acknowledged')!;
    expect(ack.body).toMatchObject({ version: 2, language: 'en', textHash: hashOfShown(shown) });
    expect(k.db.prepare('SELECT language FROM visits WHERE id = ?').pluck().get(r.visitId)).toBe('pl'); // the screens' language
  });

  it('is refused when the visitor agreed to another language’s text of the current version', () => {
    const en = boot('en').policy;
    const env = k.core.call('visit.signIn', signInInput(k, { language: 'ar', policy: { versionId: en.versionId, textHash: en.textHash } }), 'kiosk');
    expect(env).toMatchObject({ ok: false, error: { code: 'POLICY_CHANGED' } });
  });
});

describe('publishing texts in more languages', () => {
  const EN = { title: 'New rules', points: ['Phones away.', 'Use them only at {locations}.'] };
  const PL = { title: 'Nowe zasady', points: ['Telefony schowane.', 'Używaj ich tylko tu: {locations}.'] };

  it('a new English text is a new version with English only; a translation is then added to that version', () => {
    const v2 = k.core.run('policy.publish', { language: 'en', draft: EN });
    expect(textsOf(v2.versionId)).toEqual(['en']);

    const pl = k.core.run('policy.publish', { language: 'pl', draft: PL });
    expect(pl).toMatchObject({ versionId: v2.versionId, version: 2, language: 'pl', title: PL.title });
    expect(textsOf(v2.versionId)).toEqual(['en', 'pl']);
    expect(boot('en').policy).toEqual(v2); // English visitors' agreement means the same as before
  });

  it('a changed translation is a new version that keeps the other texts', () => {
    k.core.run('policy.publish', { language: 'en', draft: EN });
    const v2 = k.core.run('policy.publish', { language: 'pl', draft: PL });
    const v3 = k.core.run('policy.publish', { language: 'pl', draft: { ...PL, title: 'Zasady (poprawione)' } });
    expect(v3.version).toBe(3);
    expect(textsOf(v3.versionId)).toEqual(['en', 'pl']);
    expect(boot('en').policy).toMatchObject({ version: 3, title: EN.title });
    expect(v3.versionId).not.toBe(v2.versionId);
  });

  it('re-publishing the same translation changes nothing', () => {
    const before = boot('uk').policy;
    const again = k.core.run('policy.publish', { language: 'uk', draft: DEFAULT_POLICY.uk });
    expect(again).toEqual(before);
    expect(k.db.prepare('SELECT COUNT(*) FROM policy_versions').pluck().get()).toBe(1);
  });
});

describe('kiosks and site files', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const open = () => openKiosk({ dataDir: dir, now: clock.now, log: () => {} });
  const writeConfig = (cfg: unknown) => fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify(cfg));

  it('a kiosk whose default policy is English only gets the translations on its next start, as the same version', () => {
    let kk = open();
    const v1 = kk.core.run('kiosk.bootstrap', { language: 'en' }).policy;
    kk.db.prepare("DELETE FROM policy_texts WHERE language <> 'en'").run(); // as before translations existed
    kk.close();
    kk = open();
    try {
      const ar = kk.core.run('kiosk.bootstrap', { language: 'ar' }).policy;
      expect(ar).toMatchObject({ versionId: v1.versionId, version: 1, language: 'ar' });
      expect(kk.core.run('kiosk.bootstrap', { language: 'en' }).policy).toEqual(v1);
      expect(kk.db.prepare('SELECT COUNT(*) FROM policy_texts').pluck().get()).toBe(LANGUAGES.length);
    } finally {
      kk.close();
    }
  });

  it('a site policy with translations is one version in those languages; other languages see English', () => {
    writeConfig({
      policy: {
        title: 'Our phone rules',
        points: ['Lock your phone away.', 'Phones only at {locations}.'],
        translations: { ar: { title: 'قواعد الهاتف', points: ['يُرجى إقفال الهاتف.', 'الهواتف فقط في: {locations}.'] } },
      },
    });
    const kk = open();
    try {
      const en = kk.core.run('kiosk.bootstrap', { language: 'en' }).policy;
      const ar = kk.core.run('kiosk.bootstrap', { language: 'ar' }).policy;
      const bn = kk.core.run('kiosk.bootstrap', { language: 'bn' }).policy;
      expect(ar).toMatchObject({ versionId: en.versionId, language: 'ar', title: 'قواعد الهاتف' });
      expect(ar.points[1]).toBe(`الهواتف فقط في: ${PLACES}.`);
      expect(bn).toEqual(en);
    } finally {
      kk.close();
    }
  });

  it.each([
    ['a translation with a point missing', { ar: { title: 'T', points: ['one'] } }, /policy\.translations\.ar\.points: has 1 points; the policy has 2/],
    ['a translation that drops {locations}', { ar: { title: 'T', points: ['one', 'two'] } }, /policy\.translations\.ar\.points\.1: must keep \{locations\}/],
    ['a translation in an unknown language', { xx: { title: 'T', points: ['one', 'two {locations}'] } }, /policy\.translations/],
  ])('refuses %s, naming the field', (_what, translations, detail) => {
    writeConfig({ policy: { title: 'Rules', points: ['Lock phones away.', 'Only at {locations}.'], translations } });
    expect(() => open().close()).toThrow(SiteConfigError);
    expect(() => open().close()).toThrow(detail);
  });

  it('with no approved places, {locations} says to ask reception in the visitor’s language', () => {
    writeConfig({ locations: [] });
    const kk = open();
    try {
      for (const lng of ['en', 'pa', 'ur'] as const) expect(kk.core.run('kiosk.bootstrap', { language: lng }).policy.points[1]).toContain(NO_LOCATIONS[lng]);
    } finally {
      kk.close();
    }
  });
});
