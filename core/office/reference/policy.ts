// The hub's phone policy: the kiosk's own publishing rules (core/policy/policy.ts) on the hub's
// tables, which have the kiosk's shapes, plus the feed change that carries a version to kiosks.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { currentPolicyTexts, publishPolicyTexts, type PolicyTexts } from '../../policy/policy.js';
import type { ReferenceData } from '../../../shared/office.js';
import type { RefPolicy } from '../../../shared/sync.js';
import { appendRefChange } from './feed.js';

/** The version in force with all its texts; version 0 and no texts before any is published. */
export function currentHubPolicy(db: Db): RefPolicy & ReferenceData['policy'] {
  const v = stmt(db, 'SELECT id, version, published_at FROM policy_versions ORDER BY version DESC LIMIT 1').get() as
    | { id: string; version: number; published_at: string }
    | undefined;
  if (!v) return { versionId: '', version: 0, publishedAt: '', texts: {} };
  return { versionId: v.id, version: v.version, publishedAt: v.published_at, texts: currentPolicyTexts(db) };
}

/**
 * Publish texts as the kiosk does (same words: nothing; only new languages: added to the
 * version in force; else the next version). When anything changed, the version in force is
 * sent to kiosks whole, keyed by its id, so a kiosk holds exactly the texts visitors agree to.
 */
export function publishHubPolicy(db: Db, texts: PolicyTexts, at: Date, source: 'default' | 'office'): { changed: boolean; created: boolean; added: string[]; policy: RefPolicy & ReferenceData['policy'] } {
  const r = publishPolicyTexts(db, texts, at, source);
  const policy = currentHubPolicy(db);
  const changed = r.created || r.added.length > 0;
  if (changed) appendRefChange(db, 'policy', policy.versionId, policy as RefPolicy, at);
  return { changed, created: r.created, added: r.added, policy };
}
