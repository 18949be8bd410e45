// The kiosk side of the 'privacy' entity in the pull feed (shared/sync.ts): a notice version the
// office published, with its texts by language. core/sync/pull.ts calls this for each change it
// pulls, inside the transaction that applies the page; it answers false for other entities.
// An office version outranks the kiosk's own (core/privacy/notice.ts), so applying one is all it
// takes for the kiosk to show it. Versions are never deleted: sign-ins point at them.
import { z } from 'zod';
import { Language } from '../../shared/domain.js';
import type { RefChange } from '../../shared/sync.js';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { privacyTextHash } from './notice.js';

const Body = z.object({
  versionId: z.string().min(1).max(200),
  version: z.number().int().positive(),
  publishedAt: z.string().min(1),
  texts: z.record(
    z.string(),
    z.object({ short: z.string().min(1), sections: z.array(z.object({ heading: z.string().min(1), text: z.string().min(1) })).min(1) }),
  ),
});

export class PrivacyChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrivacyChangeError';
  }
}

export function applyPrivacyChange(db: Db, change: Pick<RefChange, 'entity' | 'key' | 'body'>): boolean {
  if (change.entity !== 'privacy') return false;
  if (change.body === null) return true; // a version is history (sign-ins point at it): never removed
  const parsed = Body.safeParse(change.body);
  if (!parsed.success)
    throw new PrivacyChangeError(`Privacy notice ${change.key} from the hub is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const p = parsed.data;
  // An office version under the same number but another id (a hub restored from a backup): the
  // newer feed wins; the old one keeps its texts but moves below every office number.
  const clash = stmt(db, "SELECT id FROM privacy_versions WHERE source = 'office' AND version = ? AND id != ?").pluck().get(p.version, p.versionId) as string | undefined;
  if (clash) {
    const low = (stmt(db, "SELECT MIN(version) AS v FROM privacy_versions WHERE source = 'office'").get() as { v: number }).v;
    stmt(db, 'UPDATE privacy_versions SET version = ? WHERE id = ?').run(Math.min(low, 1) - 1, clash);
  }
  stmt(
    db,
    `INSERT INTO privacy_versions (id, version, published_at, source) VALUES (?, ?, ?, 'office')
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, published_at = excluded.published_at, source = 'office'`,
  ).run(p.versionId, p.version, p.publishedAt);
  // The office adds languages to a version (never changes a text in place), so a text this kiosk
  // already holds stays as it is: it is what some visitor was shown.
  const insert = stmt(db, 'INSERT INTO privacy_texts (version_id, language, short, sections, text_hash) VALUES (?, ?, ?, ?, ?) ON CONFLICT (version_id, language) DO NOTHING');
  for (const [lng, w] of Object.entries(p.texts)) {
    if (!Language.safeParse(lng).success) continue; // a language this kiosk cannot show yet
    insert.run(p.versionId, lng, w.short, JSON.stringify(w.sections), privacyTextHash(w));
  }
  return true;
}
