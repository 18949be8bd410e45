// The signage register: where each poster hangs and which policy version it shows. Whether a
// poster is out of date is worked out on reading, against the live policy, never stored, so
// publishing a new version (or changing a place or a DSL) flags every poster at once.
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { ContractError } from '../../../shared/errors.js';
import type { Language } from '../../../shared/domain.js';
import type { PosterRecord, PosterSize } from '../../../shared/signage.js';
import { hashPrefix, posterContent } from './content.js';

type Row = {
  id: string; place: string; size: PosterSize; language: Language; second_language: Language | null;
  policy_version: number; policy_version_id: string; hash_prefix: string; content_hash: string; hung_at: string; hung_by: string;
};

/** The posters up now, newest first, each checked against what a new poster would show. */
export function listPosters(db: Db): PosterRecord[] {
  const rows = stmt(db, 'SELECT * FROM signage_posters WHERE taken_down_at IS NULL ORDER BY hung_at DESC, id DESC').all() as Row[];
  const now = new Map<string, ReturnType<typeof posterContent>>();
  return rows.map((r) => {
    const key = `${r.language}/${r.second_language ?? ''}`;
    let c = now.get(key);
    if (!c) now.set(key, (c = posterContent(db, { language: r.language, second: r.second_language })));
    const why = r.policy_version_id !== c.policyVersionId ? 'policy' : r.content_hash !== c.contentHash ? 'content' : null;
    return {
      id: r.id, place: r.place, size: r.size, language: r.language, second: r.second_language,
      policyVersion: Number(r.policy_version), policyVersionId: r.policy_version_id, hashPrefix: r.hash_prefix,
      hungAt: r.hung_at, hungBy: r.hung_by, outOfDate: why !== null, why,
    };
  });
}

/** Record a poster (of the live version) as hung at `place`. */
export function hangPoster(db: Db, p: { place: string; size: PosterSize; language: Language; second: Language | null }, by: string, at: Date): string {
  const c = posterContent(db, p);
  const id = uuidv7();
  stmt(
    db,
    `INSERT INTO signage_posters (id, place, size, language, second_language, policy_version, policy_version_id, hash_prefix, content_hash, hung_at, hung_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, p.place, p.size, p.language, p.second, c.policyVersion, c.policyVersionId, hashPrefix(db, p.language), c.contentHash, at.toISOString(), by);
  return id;
}

export function takeDownPoster(db: Db, id: string, by: string, at: Date): void {
  const n = stmt(db, 'UPDATE signage_posters SET taken_down_at = ?, taken_down_by = ? WHERE id = ? AND taken_down_at IS NULL').run(at.toISOString(), by, id).changes;
  if (n === 0) throw new ContractError('NOT_FOUND', 'That poster is not in the register (or was already taken down).');
}
