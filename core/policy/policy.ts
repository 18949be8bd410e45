// Phone policy versions: every change is a new version; what the kiosk shows is rendered from
// the version's text plus the site's approved locations, and hashed exactly as shown.
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { policyCanonicalText, type ApprovedLocation, type PolicyText } from '../../shared/contract.js';
import type { Language } from '../../shared/domain.js';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';

export type PolicyDraft = { title: string; points: string[] };
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
        ORDER BY (t.language = ?) DESC, (t.language = 'en') DESC LIMIT 1`,
    )
    .get(language) as Row | undefined;
}

export function activeLocations(db: Db): ApprovedLocation[] {
  return stmt(db, 'SELECT id, name FROM locations WHERE active = 1 ORDER BY sort, name').all() as ApprovedLocation[];
}

function render(points: string[], locations: ApprovedLocation[]): string[] {
  const list = locations.length ? locations.map((l) => l.name).join('; ') : 'ask reception';
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
  const points = render(JSON.parse(row.points) as string[], activeLocations(db));
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

/** Publish a draft as the next version, unless it is word for word the current one. */
export function publishPolicy(db: Db, language: Language, draft: PolicyDraft, at: Date, source: Source): { versionId: string; created: boolean } {
  invalidatePolicyCache(db);
  return db.transaction(() => {
    const cur = currentRow(db, language);
    if (cur && cur.language === language && cur.title === draft.title && cur.points === JSON.stringify(draft.points))
      return { versionId: cur.id, created: false };
    const next = ((stmt(db, 'SELECT MAX(version) AS v FROM policy_versions').get() as { v: number | null }).v ?? 0) + 1;
    const id = uuidv7();
    stmt(db, 'INSERT INTO policy_versions (id, version, published_at, source) VALUES (?, ?, ?, ?)').run(id, next, at.toISOString(), source);
    stmt(db, 'INSERT INTO policy_texts (version_id, language, title, points, text_hash) VALUES (?, ?, ?, ?, ?)').run(
      id,
      language,
      draft.title,
      JSON.stringify(draft.points),
      sha256Hex(policyCanonicalText(draft)),
    );
    return { versionId: id, created: true };
  })();
}
