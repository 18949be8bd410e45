// Phone policy versions: every change is a new version; what the kiosk shows is rendered from
// the version's text plus the site's approved locations, and hashed exactly as shown.
// One version carries its text in several languages (policy_texts has a language column): the
// kiosk shows the visitor's language where the version has it, else English, and the
// acknowledgement records the language actually shown.
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { policyCanonicalText, type ApprovedLocation, type PolicyText } from '../../shared/contract.js';
import type { Language } from '../../shared/domain.js';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { NO_LOCATIONS } from '../site/defaults.js';

export type PolicyDraft = { title: string; points: string[] };
/** A version's texts by language. English is the source; the others translate it. */
export type PolicyTexts = Partial<Record<Language, PolicyDraft>>;
type Source = 'default' | 'site' | 'office';

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

type Row = { id: string; version: number; published_at: string; title: string; points: string; language: string };

function currentRow(db: Db, language: Language): Row | undefined {
  // The newest version; its text in the asked language, else English.
  return stmt(db, 
      `SELECT v.id, v.version, v.published_at, t.title, t.points, t.language
         FROM policy_versions v JOIN policy_texts t ON t.version_id = v.id
        WHERE v.version = (SELECT MAX(version) FROM policy_versions)
        ORDER BY (t.language = ?) DESC, (t.language = 'en') DESC, t.language LIMIT 1`,
    )
    .get(language) as Row | undefined;
}

export function activeLocations(db: Db): ApprovedLocation[] {
  return stmt(db, 'SELECT id, name FROM locations WHERE active = 1 ORDER BY sort, name').all() as ApprovedLocation[];
}

/** The newest version's id and its texts (title, points as stored JSON) by language. */
function currentVersion(db: Db): { id: string; texts: Map<Language, { title: string; points: string }> } | undefined {
  const v = stmt(db, 'SELECT id FROM policy_versions ORDER BY version DESC LIMIT 1').get() as { id: string } | undefined;
  if (!v) return undefined;
  const rows = stmt(db, 'SELECT language, title, points FROM policy_texts WHERE version_id = ?').all(v.id) as {
    language: Language;
    title: string;
    points: string;
  }[];
  return { id: v.id, texts: new Map(rows.map((r) => [r.language, { title: r.title, points: r.points }])) };
}

/** The current version's texts as stored (before the approved places are filled in). */
export function currentPolicyTexts(db: Db): PolicyTexts {
  const texts: PolicyTexts = {};
  for (const [lng, t] of currentVersion(db)?.texts ?? []) texts[lng] = { title: t.title, points: JSON.parse(t.points) as string[] };
  return texts;
}

const sameText = (stored: { title: string; points: string } | undefined, draft: PolicyDraft | undefined) =>
  !!stored && !!draft && stored.title === draft.title && stored.points === JSON.stringify(draft.points);

function render(points: string[], locations: ApprovedLocation[], language: Language): string[] {
  // The approved places are the site's own words and stay as configured, in every language.
  const list = locations.length ? locations.map((l) => l.name).join('; ') : (NO_LOCATIONS[language] ?? NO_LOCATIONS.en);
  return points.map((p) => p.replaceAll('{locations}', list));
}

// The rendered policy is needed by every sign-in; it changes only when a version is published
// or the approved locations change, and both paths call invalidatePolicyCache().
const rendered = new WeakMap<Db, Map<Language, PolicyText>>();

export function invalidatePolicyCache(db: Db): void {
  rendered.delete(db);
}

export function currentPolicy(db: Db, language: Language): PolicyText {
  let byLanguage = rendered.get(db);
  if (!byLanguage) rendered.set(db, (byLanguage = new Map()));
  let p = byLanguage.get(language);
  if (!p) byLanguage.set(language, (p = renderCurrentPolicy(db, language)));
  return p;
}

function renderCurrentPolicy(db: Db, language: Language): PolicyText {
  const row = currentRow(db, language);
  if (!row) throw new Error('No phone policy has been published on this kiosk.');
  const points = render(JSON.parse(row.points) as string[], activeLocations(db), row.language as Language);
  return {
    versionId: row.id,
    version: row.version,
    language: row.language as Language,
    title: row.title,
    points,
    textHash: sha256Hex(policyCanonicalText({ title: row.title, points })),
    publishedAt: row.published_at,
  };
}

/**
 * Publish one language's text (the office's "policy.publish").
 * - Word for word the current version's text in that language: nothing changes.
 * - English, the source: a new version with only this text (translations of the old wording
 *   no longer apply; visitors see English until translations are added).
 * - Another language: added to the current version if it has no text in that language yet,
 *   else a new version carrying this text and the current version's other texts.
 */
export function publishPolicy(db: Db, language: Language, draft: PolicyDraft, at: Date, source: Source): { versionId: string; created: boolean } {
  const cur = currentVersion(db);
  if (cur && sameText(cur.texts.get(language), draft)) return { versionId: cur.id, created: false };
  if (language === 'en' || !cur) return publishPolicyTexts(db, { [language]: draft }, at, source);
  return publishPolicyTexts(db, { ...currentPolicyTexts(db), [language]: draft }, at, source);
}

/**
 * Publish a set of texts (one per language) as one policy version.
 * - The same texts as the current version: nothing changes.
 * - The current version's texts unchanged plus texts in more languages: those are added to the
 *   current version. No agreement already given changes meaning, so no new version is needed.
 * - Otherwise (a text changed, or a language was dropped): the next version, with these texts.
 */
export function publishPolicyTexts(
  db: Db,
  texts: PolicyTexts,
  at: Date,
  source: Source,
): { versionId: string; created: boolean; added: Language[] } {
  const entries = Object.entries(texts) as [Language, PolicyDraft][];
  if (entries.length === 0) throw new Error('A policy needs a text in at least one language.');
  invalidatePolicyCache(db);
  return db.transaction(() => {
    const cur = currentVersion(db);
    const insertText = (versionId: string, language: Language, draft: PolicyDraft) =>
      stmt(db, 'INSERT INTO policy_texts (version_id, language, title, points, text_hash) VALUES (?, ?, ?, ?, ?)').run(
        versionId,
        language,
        draft.title,
        JSON.stringify(draft.points),
        sha256Hex(policyCanonicalText(draft)),
      );
    if (cur) {
      const changed = entries.some(([lng, d]) => cur.texts.has(lng) && !sameText(cur.texts.get(lng), d));
      const dropped = [...cur.texts.keys()].some((lng) => !(lng in texts));
      if (!changed && !dropped) {
        const added = entries.filter(([lng]) => !cur.texts.has(lng));
        for (const [lng, d] of added) insertText(cur.id, lng, d);
        return { versionId: cur.id, created: false, added: added.map(([lng]) => lng) };
      }
    }
    const next = ((stmt(db, 'SELECT MAX(version) AS v FROM policy_versions').get() as { v: number | null }).v ?? 0) + 1;
    const id = uuidv7();
    stmt(db, 'INSERT INTO policy_versions (id, version, published_at, source) VALUES (?, ?, ?, ?)').run(id, next, at.toISOString(), source);
    for (const [lng, d] of entries) insertText(id, lng, d);
    return { versionId: id, created: true, added: entries.map(([lng]) => lng) };
  })();
}
