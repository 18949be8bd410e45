// The site's privacy notice from site.json ("privacy", beside "policy"), and the defaults a
// kiosk publishes when there is none. Called by core/site/config.ts at every start.
//
//   "privacy": {
//     "language": "en",                      // optional, English unless said
//     "short": "2–4 plain sentences shown on About you",
//     "sections": [{ "heading": "What we collect", "text": "One paragraph." }, ...],
//     "translations": { "pl": { "short": "...", "sections": [ ...one per section... ] } }
//   }
import { z } from 'zod';
import { Language, LANGUAGES } from '../../shared/domain.js';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { sha256Hex } from '../policy/policy.js';
import { getSetting, setSetting } from '../site/settings.js';
import { DEFAULT_PRIVACY, DEFAULT_PRIVACY_EN } from './defaults.js';
import { currentPrivacyVersion, publishPrivacyTexts, type PrivacyTexts } from './notice.js';
import { tableExists } from '../db/dialect.js';

/** One paragraph: the kiosk shows each text as a single block, and hashes it as one line. */
const Paragraph = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be text') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `is too long (at most ${max} characters)`)
    .refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), 'must be one paragraph: no line breaks or control characters');

const Wording = z
  .object({
    short: Paragraph(800),
    sections: z
      .array(z.object({ heading: Paragraph(200), text: Paragraph(2000) }).strict())
      .min(1, 'needs at least one section (what we collect, why, who sees it, how long, your rights, contact)')
      .max(12, 'has too many sections (at most 12)'),
  })
  .strict();

export const SitePrivacy = z
  .object({
    language: Language.default('en'),
    short: Wording.shape.short,
    sections: Wording.shape.sections,
    translations: z.partialRecord(Language, Wording).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const [lng, tr] of Object.entries(p.translations ?? {}) as [Language, z.infer<typeof Wording>][]) {
      const path = ['translations', lng];
      if (lng === p.language) ctx.addIssue({ code: 'custom', path, message: `is the notice's own language (${lng}); give the text in short and sections` });
      if (tr.sections.length !== p.sections.length)
        ctx.addIssue({ code: 'custom', path: [...path, 'sections'], message: `has ${tr.sections.length} sections; the notice has ${p.sections.length} (give one translation per section)` });
    }
  });
export type SitePrivacy = z.infer<typeof SitePrivacy>;

const APPLIED_KEY = 'site_privacy_applied';

/**
 * Make the local notice match site.json, or the defaults when it has none. Publishes only when
 * the file's notice itself changed since last applied (a restart publishes nothing). Office
 * versions outrank local ones (core/privacy/notice.ts), so this never hides what the office sent.
 */
export function applySitePrivacy(db: Db, privacy: SitePrivacy | undefined, at: Date): void {
  // A kiosk always migrates before applying its config; a database from before migration 70
  // (an upgrade being prepared or tested) has nowhere to put a notice yet, and gets the
  // default at its first start on the new schema.
  if (!tableExists(db, 'privacy_versions')) return;
  if (privacy) {
    const fingerprint = sha256Hex(JSON.stringify(privacy));
    if (getSetting(db, APPLIED_KEY) === fingerprint) return;
    const { language, short, sections, translations } = privacy;
    publishPrivacyTexts(db, { ...translations, [language]: { short, sections } }, at, 'site');
    setSetting(db, APPLIED_KEY, fingerprint);
    return;
  }
  const local = currentPrivacyVersion(db, 'local');
  if (!local) {
    publishPrivacyTexts(db, DEFAULT_PRIVACY, at, 'default');
    return;
  }
  addDefaultTranslations(db, local.texts, at);
}

/** A local version whose English is our default wording gets our translations in the languages
 *  it lacks (added to that version: nothing shown before changes). Others are the school's words. */
function addDefaultTranslations(db: Db, texts: PrivacyTexts, at: Date): void {
  if (JSON.stringify(texts.en) !== JSON.stringify(DEFAULT_PRIVACY_EN) || LANGUAGES.every((l) => texts[l])) return;
  publishPrivacyTexts(db, { ...DEFAULT_PRIVACY, ...texts }, at, 'default');
}
