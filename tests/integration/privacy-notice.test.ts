// The privacy notice at the point of collection (issue #6 item 5): a short notice and a "read
// more" text per language, versioned like the phone policy; a site can replace it in site.json,
// the office can publish one to every kiosk, and each sign-in records which version and text the
// visitor was shown on "About you".
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKiosk, type Kiosk } from '../../core/kiosk.js';
import { applyPrivacyChange } from '../../core/privacy/apply.js';
import { DEFAULT_PRIVACY, DEFAULT_PRIVACY_EN } from '../../core/privacy/defaults.js';
import { SiteConfigError } from '../../core/site/config.js';
import { ContractError } from '../../shared/errors.js';
import type { PrivacyNotice, PrivacyWording } from '../../shared/contract.js';
import { LANGUAGES, type Language } from '../../shared/domain.js';
import type { RefChange } from '../../shared/sync.js';
import { disposeKiosk, eventRows } from '../support/fixtures.js';
import { ACTORS, disposeHub, eventSource, feed, ingest, tempHub } from '../support/officeDomain.js';
import { fakeClock, signInInput, tempDir, type Clock } from '../support/tempKiosk.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
/** What the kiosk shows, one text per line: the short notice, then each heading and its text. */
const hashOfShown = (w: PrivacyWording) => sha256([w.short, ...w.sections.flatMap((s) => [s.heading, s.text])].join('\n'));

const SITE_NOTICE = {
  short: 'Oak Lane School records who visits, whom they see and where their phone is, to keep children safe. We keep it for one school year. Ask the office about it.',
  sections: [
    { heading: 'What we collect', text: 'Your name, organisation, who you visit, where your phone is kept and your times in and out.' },
    { heading: 'Contact', text: 'Our data protection officer: dpo@oaklane.example.' },
  ],
};

let clock: Clock;
let dir: string;
let k: Kiosk | undefined;
beforeEach(() => {
  clock = fakeClock();
  dir = tempDir();
});
afterEach(() => {
  if (k) disposeKiosk(k);
  k = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

const writeConfig = (cfg: unknown) => fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify(cfg));
const open = () => (k = openKiosk({ dataDir: dir, now: clock.now, log: () => {} }));
const restart = () => {
  k!.close();
  clock.advance(60_000);
  return open();
};
const notice = (language: Language): PrivacyNotice => k!.core.run('kiosk.bootstrap', { language }).privacy;
const versionCount = () => k!.db.prepare('SELECT COUNT(*) FROM privacy_versions').pluck().get() as number;

function signIn(language: Language, privacy?: { versionId: string; textHash: string }) {
  clock.advance(60_000);
  const p = k!.core.run('kiosk.bootstrap', { language }).policy;
  return k!.core.run(
    'visit.signIn',
    signInInput(k!, { language, fullName: `Visitor ${language}`, policy: { versionId: p.versionId, textHash: p.textHash }, ...(privacy ? { privacy } : {}) }),
  );
}
const arrivedBody = (visitId: string) => eventRows(k!.db, visitId).find((e) => e.kind === 'arrived')!.body;

/** A change as the office's feed carries it (see core/office/reference/privacy.ts). */
function officeChange(versionId: string, version: number, texts: Partial<Record<Language, PrivacyWording>>): RefChange {
  return { seq: 1, entity: 'privacy', key: versionId, body: { versionId, version, publishedAt: '2026-03-03T09:00:00.000Z', texts } };
}

describe('the default notice on a first run', () => {
  it('is version 1, with a short notice and the read-more sections in each of the nine languages', () => {
    open();
    const en = notice('en');
    expect(en).toMatchObject({ version: 1, language: 'en', short: DEFAULT_PRIVACY_EN.short, sections: DEFAULT_PRIVACY_EN.sections });
    for (const lng of LANGUAGES) {
      const n = notice(lng);
      expect(n, lng).toMatchObject({ versionId: en.versionId, language: lng, short: DEFAULT_PRIVACY[lng].short });
      expect(n.sections, lng).toHaveLength(DEFAULT_PRIVACY_EN.sections.length);
      expect(n.textHash, lng).toBe(hashOfShown(n));
    }
  });

  it('says in plain words who collects what, why, for how long and whom to ask (English)', () => {
    const sentences = DEFAULT_PRIVACY_EN.short.split(/(?<=\.)\s+/);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.length).toBeLessThanOrEqual(4);
    expect(DEFAULT_PRIVACY_EN.short).toMatch(/name.*organisation.*visiting.*phone.*arrive and leave/);
    expect(DEFAULT_PRIVACY_EN.short).toMatch(/children safe.*fire.*phone rule/);
    expect(DEFAULT_PRIVACY_EN.short).toMatch(/until the end of the next school year/);
    expect(DEFAULT_PRIVACY_EN.short).toMatch(/school office.*data protection officer/);
    const more = DEFAULT_PRIVACY_EN.sections.map((s) => `${s.heading}: ${s.text}`).join('\n');
    for (const needed of [/public task/, /legal duties/, /Who sees it/, /How long/, /correct/, /delete/, /Information Commissioner’s Office \(ICO\)/, /Who to contact/])
      expect(more).toMatch(needed);
  });

  it('is translated in every language, section for section, and stored in Unicode NFC', () => {
    for (const lng of LANGUAGES.filter((l) => l !== 'en')) {
      const w = DEFAULT_PRIVACY[lng];
      expect(w.short, lng).not.toBe(DEFAULT_PRIVACY_EN.short);
      expect(w.sections, lng).toHaveLength(DEFAULT_PRIVACY_EN.sections.length);
      for (const text of [w.short, ...w.sections.flatMap((s) => [s.heading, s.text])]) {
        expect(text.trim(), lng).not.toBe('');
        expect(text.normalize('NFC'), lng).toBe(text);
        expect(text, `${lng}: one paragraph`).not.toMatch(/[\n\r]/);
      }
    }
  });

  it('is marked as machine-assisted, to be checked by the school', () => {
    expect(fs.readFileSync(path.resolve(import.meta.dirname, '../../core/privacy/defaults.ts'), 'utf8')).toContain('MACHINE-ASSISTED TRANSLATIONS, TO BE CHECKED BY THE SCHOOL');
  });

  it('is not published again on a restart', () => {
    open();
    const v1 = notice('en');
    restart();
    expect(notice('en')).toEqual(v1);
    expect(versionCount()).toBe(1);
  });
});

describe('a site’s own notice in site.json', () => {
  it('publishes a new version once, not on every restart', () => {
    writeConfig({ privacy: SITE_NOTICE });
    open();
    const site = notice('en');
    expect(site).toMatchObject({ version: 1, short: SITE_NOTICE.short, sections: SITE_NOTICE.sections, textHash: hashOfShown(SITE_NOTICE) });
    restart();
    restart();
    expect(notice('en')).toEqual(site);
    expect(versionCount()).toBe(1);
  });

  it('replaces the default with the next version when the file gains one, and again only when its wording changes', () => {
    open();
    const v1 = notice('en');
    writeConfig({ privacy: SITE_NOTICE });
    restart();
    const v2 = notice('en');
    expect(v2).toMatchObject({ version: 2, short: SITE_NOTICE.short });
    expect(v2.versionId).not.toBe(v1.versionId);
    writeConfig({ privacy: { ...SITE_NOTICE, short: `${SITE_NOTICE.short} Thank you.` } });
    restart();
    expect(notice('en').version).toBe(3);
  });

  it('with translations is one version in those languages; other languages see English', () => {
    const ar = { short: 'تسجّل المدرسة من يزورها.', sections: [{ heading: 'ما نجمعه', text: 'الاسم والجهة.' }, { heading: 'التواصل', text: 'مكتب المدرسة.' }] };
    writeConfig({ privacy: { ...SITE_NOTICE, translations: { ar } } });
    open();
    const en = notice('en');
    expect(notice('ar')).toMatchObject({ versionId: en.versionId, language: 'ar', short: ar.short, textHash: hashOfShown(ar) });
    expect(notice('pl')).toEqual(en);
  });

  it.each([
    ['no short notice', { sections: SITE_NOTICE.sections }, /privacy\.short: /],
    ['an empty short notice', { ...SITE_NOTICE, short: '  ' }, /privacy\.short: must not be empty/],
    ['a short notice that is not short', { ...SITE_NOTICE, short: 'x'.repeat(801) }, /privacy\.short: is too long \(at most 800 characters\)/],
    ['a text with a line break', { ...SITE_NOTICE, sections: [{ heading: 'Contact', text: 'Office\nDPO' }] }, /privacy\.sections\.0\.text: must be one paragraph/],
    ['no sections', { ...SITE_NOTICE, sections: [] }, /privacy\.sections: needs at least one section/],
    ['a section without a heading', { ...SITE_NOTICE, sections: [{ text: 'Text' }] }, /privacy\.sections\.0\.heading: /],
    ['a translation with a section missing', { ...SITE_NOTICE, translations: { pl: { short: 'Krótko.', sections: [{ heading: 'Kontakt', text: 'Sekretariat.' }] } } }, /privacy\.translations\.pl\.sections: has 1 sections; the notice has 2/],
    ['a translation in an unknown language', { ...SITE_NOTICE, translations: { xx: SITE_NOTICE } }, /privacy\.translations/],
    ['an unknown field', { ...SITE_NOTICE, title: 'Privacy' }, /privacy: .*title/],
  ])('refuses %s with a clear message naming the field', (_what, privacy, detail) => {
    writeConfig({ privacy });
    expect(() => open()).toThrow(SiteConfigError);
    expect(() => open()).toThrow(detail);
  });
});

describe('the sign-in', () => {
  it('records the version id, the hash of the text shown and its language in the arrival', () => {
    open();
    const shown = notice('ar');
    const r = signIn('ar', { versionId: shown.versionId, textHash: shown.textHash });
    expect(arrivedBody(r.visitId)).toMatchObject({ privacyVersionId: shown.versionId, privacyTextHash: shown.textHash, privacyLanguage: 'ar' });
    expect(shown.textHash).toBe(hashOfShown(DEFAULT_PRIVACY.ar));
  });

  it('records the English text for a visitor whose language the version lacks', () => {
    writeConfig({ privacy: SITE_NOTICE });
    open();
    const shown = notice('uk');
    expect(shown.language).toBe('en');
    const r = signIn('uk', { versionId: shown.versionId, textHash: shown.textHash });
    expect(arrivedBody(r.visitId)).toMatchObject({ privacyVersionId: shown.versionId, privacyTextHash: hashOfShown(SITE_NOTICE), privacyLanguage: 'en' });
  });

  it('records what the visitor was shown even if a newer version arrived while they signed in', () => {
    open();
    const shown = notice('en');
    applyPrivacyChange(k!.db, officeChange('office-v1', 1, { en: SITE_NOTICE }));
    expect(notice('en').versionId).toBe('office-v1');
    const r = signIn('en', { versionId: shown.versionId, textHash: shown.textHash });
    expect(arrivedBody(r.visitId)).toMatchObject({ privacyVersionId: shown.versionId, privacyTextHash: shown.textHash });
  });

  it('without saying what was shown, records the notice in force in the visitor’s language', () => {
    open();
    const r = signIn('pl');
    expect(arrivedBody(r.visitId)).toMatchObject({ privacyVersionId: notice('pl').versionId, privacyTextHash: notice('pl').textHash, privacyLanguage: 'pl' });
  });

  it('refuses a notice this kiosk does not hold, and writes nothing', () => {
    open();
    const shown = notice('en');
    const before = eventRows(k!.db).length;
    const err = (() => {
      try {
        signIn('en', { versionId: shown.versionId, textHash: sha256('something else') });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ContractError);
    expect(err).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'privacy', message: 'invalid' }] });
    expect(eventRows(k!.db)).toHaveLength(before);
  });

  it('is an arrival the office hub takes as before, with or without the notice (older kiosks send none)', () => {
    open();
    const r = signIn('en');
    const withNotice = eventRows(k!.db, r.visitId).map((e, i) => ({ id: e.id, seq: i + 1, visitId: r.visitId, kioskId: 'kiosk-new', kind: e.kind, at: e.at, body: e.body }));
    const old = eventSource('kiosk-old').arrive({ fullName: 'Olive Older', at: '2026-03-02T08:00:00.000Z' });
    expect(old.events[0]!.body).not.toHaveProperty('privacyVersionId');
    const hub = tempHub(clock.now);
    try {
      const rows = ingest(hub, [...old.events, ...withNotice]);
      expect(rows.map((v) => v.full_name).sort()).toEqual(['Olive Older', 'Visitor en']);
    } finally {
      disposeHub(hub);
    }
  });
});

describe('a notice the office publishes', () => {
  it('is published on the hub as a version, sent in the feed, and replaces the kiosk’s own when pulled', () => {
    const hub = tempHub(clock.now);
    try {
      writeConfig({ privacy: SITE_NOTICE });
      open();
      const local = notice('en');
      const officeEn = { short: 'The school office wording of the notice.', sections: [{ heading: 'Contact', text: 'The school office.' }] };
      const published = hub.core.run('privacy.publish', { texts: { en: officeEn, ar: { short: 'نص المكتب.', sections: [{ heading: 'التواصل', text: 'مكتب المدرسة.' }] } } }, ACTORS.head);
      // Version 1 is the default notice a new hub starts with (so the console has one to edit).
      expect(published).toMatchObject({ version: 2, texts: { en: officeEn } });
      const change = feed(hub, 'privacy').at(-1);
      expect(change).toMatchObject({ entity: 'privacy', key: published.versionId });

      expect(applyPrivacyChange(k!.db, change!)).toBe(true);
      const now = notice('en');
      expect(now).toMatchObject({ versionId: published.versionId, version: 2, short: officeEn.short, textHash: hashOfShown(officeEn) });
      expect(notice('ar')).toMatchObject({ versionId: published.versionId, language: 'ar' });
      expect(now.versionId).not.toBe(local.versionId);

      // A restart with the same site.json does not put the kiosk's own words back over it.
      restart();
      expect(notice('en')).toEqual(now);
      const r = signIn('en', { versionId: now.versionId, textHash: now.textHash });
      expect(arrivedBody(r.visitId)).toMatchObject({ privacyVersionId: published.versionId, privacyTextHash: hashOfShown(officeEn) });
    } finally {
      disposeHub(hub);
    }
  });

  it('is a new version on the hub only when its wording changes, and only admins and the head may publish', () => {
    const hub = tempHub(clock.now);
    try {
      const en = { short: 'Short.', sections: [{ heading: 'Contact', text: 'Office.' }] };
      const v1 = hub.core.run('privacy.publish', { texts: { en } }, ACTORS.admin);
      expect(hub.core.run('privacy.publish', { texts: { en } }, ACTORS.admin)).toEqual(v1);
      expect(feed(hub, 'privacy')).toHaveLength(2); // the hub's default, then this one
      expect(hub.core.run('privacy.get', {}, ACTORS.office)).toEqual(v1);
      expect(hub.core.run('privacy.publish', { texts: { en: { ...en, short: 'Shorter.' } } }, ACTORS.head).version).toBe(v1.version + 1);
      expect(() => hub.core.run('privacy.publish', { texts: { en } }, ACTORS.office)).toThrow(/role does not allow/);
      expect(() => hub.core.run('privacy.publish', { texts: { pl: en } }, ACTORS.admin)).toThrow(/texts required/);
      expect(() => hub.core.run('privacy.publish', { texts: { en, pl: { short: 'Krótko.', sections: [] } } }, ACTORS.admin)).toThrow(/texts/);
    } finally {
      disposeHub(hub);
    }
  });

  it('a later office version replaces an earlier one; a repeated or removed change changes nothing', () => {
    open();
    applyPrivacyChange(k!.db, officeChange('office-v1', 1, { en: SITE_NOTICE }));
    const v2 = { ...SITE_NOTICE, short: 'A newer office wording.' };
    applyPrivacyChange(k!.db, officeChange('office-v2', 2, { en: v2 }));
    expect(notice('en')).toMatchObject({ versionId: 'office-v2', short: v2.short });
    applyPrivacyChange(k!.db, officeChange('office-v2', 2, { en: v2 }));
    expect(applyPrivacyChange(k!.db, { entity: 'privacy', key: 'office-v2', body: null })).toBe(true);
    expect(notice('en')).toMatchObject({ versionId: 'office-v2' });
    expect(k!.db.prepare("SELECT COUNT(*) FROM privacy_versions WHERE source = 'office'").pluck().get()).toBe(2);
  });

  it('is refused with a clear message when the feed sends something that is not a notice', () => {
    open();
    expect(() => applyPrivacyChange(k!.db, { entity: 'privacy', key: 'bad', body: { versionId: 'bad', version: 1, publishedAt: 'x', texts: { en: { short: '' } } } })).toThrow(
      /Privacy notice bad from the hub is not valid: texts\.en\.short/,
    );
    expect(applyPrivacyChange(k!.db, { entity: 'locker', key: 'L1', body: null })).toBe(false);
  });
});
