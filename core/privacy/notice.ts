// Privacy notice versions, versioned like the phone policy (core/policy/policy.ts): every change
// of wording is a new version, each language's text is hashed exactly as the kiosk shows it, and
// a sign-in records the version id and hash the visitor was shown (core/visits/signIn.ts).
//
// Two sources of versions on a kiosk: its own (the default wording, site.json) and the office's
// (pulled, core/privacy/apply.ts). Once the office has published one, the newest office version
// is the notice in force whatever the kiosk publishes locally: the office owns the school's
// wording, and a restart with an old site.json must not put the kiosk's words back over it.
import { v7 as uuidv7 } from 'uuid';
import { privacyCanonicalText, type PrivacyNotice, type PrivacyWording } from '../../shared/contract.js';
import type { Language } from '../../shared/domain.js';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { sha256Hex } from '../policy/policy.js';

/** A version's texts by language. English is the source; the others translate it. */
export type PrivacyTexts = Partial<Record<Language, PrivacyWording>>;
export type PrivacySource = 'default' | 'site' | 'office';

export const privacyTextHash = (w: PrivacyWording): string => sha256Hex(privacyCanonicalText(w));

type VersionRow = { id: string; version: number; published_at: string; source: PrivacySource };

/** The version in force: the newest office version, else the newest local one. `side` limits
 *  the choice to one side (local publishing compares with the local version in force). */
function currentVersionRow(db: Db, side?: 'office' | 'local'): VersionRow | undefined {
  const where = side === 'office' ? "WHERE source = 'office'" : side === 'local' ? "WHERE source != 'office'" : '';
  return stmt(db, `SELECT id, version, published_at, source FROM privacy_versions ${where} ORDER BY (source = 'office') DESC, version DESC LIMIT 1`).get() as
    | VersionRow
    | undefined;
}

function textsOf(db: Db, versionId: string): PrivacyTexts {
  const rows = stmt(db, 'SELECT language, short, sections FROM privacy_texts WHERE version_id = ?').all(versionId) as { language: Language; short: string; sections: string }[];
  return Object.fromEntries(rows.map((r) => [r.language, { short: r.short, sections: JSON.parse(r.sections) }]));
}

/** The version in force with all its texts, or undefined before any is published. */
export function currentPrivacyVersion(db: Db, side?: 'office' | 'local'): { id: string; version: number; publishedAt: string; texts: PrivacyTexts } | undefined {
  const v = currentVersionRow(db, side);
  return v && { id: v.id, version: v.version, publishedAt: v.published_at, texts: textsOf(db, v.id) };
}

/** The notice to show a visitor choosing `language`: its text in that language, else English. */
export function currentPrivacyNotice(db: Db, language: Language): PrivacyNotice {
  const v = currentVersionRow(db);
  if (!v) throw new Error('No privacy notice has been published on this kiosk.');
  const row = stmt(
    db,
    `SELECT language, short, sections, text_hash FROM privacy_texts WHERE version_id = ?
      ORDER BY (language = ?) DESC, (language = 'en') DESC, language LIMIT 1`,
  ).get(v.id, language) as { language: Language; short: string; sections: string; text_hash: string } | undefined;
  if (!row) throw new Error(`Privacy notice version ${v.version} has no text.`);
  return {
    versionId: v.id,
    version: v.version,
    language: row.language,
    short: row.short,
    sections: JSON.parse(row.sections) as PrivacyWording['sections'],
    textHash: row.text_hash,
    publishedAt: v.published_at,
  };
}

/** Which text of which version this is, if it is one this kiosk holds (a sign-in's claim). */
export function findPrivacyText(db: Db, versionId: string, textHash: string): { language: Language } | undefined {
  return stmt(db, 'SELECT language FROM privacy_texts WHERE version_id = ? AND text_hash = ?').get(versionId, textHash) as { language: Language } | undefined;
}

const same = (a: PrivacyWording | undefined, b: PrivacyWording | undefined) =>
  !!a && !!b && a.short === b.short && JSON.stringify(a.sections) === JSON.stringify(b.sections);

export function insertPrivacyText(db: Db, versionId: string, language: Language, w: PrivacyWording): void {
  stmt(db, 'INSERT INTO privacy_texts (version_id, language, short, sections, text_hash) VALUES (?, ?, ?, ?, ?)').run(
    versionId,
    language,
    w.short,
    JSON.stringify(w.sections),
    privacyTextHash(w),
  );
}

/**
 * Publish a set of texts (one per language) as one version of `source`'s side (local: default
 * and site.json; office). Against that side's version in force:
 * - the same texts: nothing changes;
 * - the same texts plus more languages: those are added to it (nothing already shown changes);
 * - otherwise (a text changed, or a language was dropped): the next version, with these texts.
 */
export function publishPrivacyTexts(db: Db, texts: PrivacyTexts, at: Date, source: PrivacySource): { versionId: string; version: number; created: boolean; added: Language[] } {
  const entries = Object.entries(texts) as [Language, PrivacyWording][];
  if (entries.length === 0) throw new Error('A privacy notice needs a text in at least one language.');
  return db.transaction(() => {
    const office = source === 'office';
    const cur = currentPrivacyVersion(db, office ? 'office' : 'local');
    if (cur) {
      const changed = entries.some(([lng, w]) => cur.texts[lng] !== undefined && !same(cur.texts[lng], w));
      const dropped = Object.keys(cur.texts).some((lng) => !(lng in texts));
      if (!changed && !dropped) {
        const added = entries.filter(([lng]) => cur.texts[lng] === undefined);
        for (const [lng, w] of added) insertPrivacyText(db, cur.id, lng, w);
        return { versionId: cur.id, version: cur.version, created: false, added: added.map(([lng]) => lng) };
      }
    }
    const next = (cur?.version ?? 0) + 1;
    const id = uuidv7();
    stmt(db, 'INSERT INTO privacy_versions (id, version, published_at, source) VALUES (?, ?, ?, ?)').run(id, next, at.toISOString(), source);
    for (const [lng, w] of entries) insertPrivacyText(db, id, lng, w);
    return { versionId: id, version: next, created: true, added: entries.map(([lng]) => lng) };
  })();
}
