// Records under an open breach/concern are held: no purge removes them and no erasure request
// is granted. A breach is about a visit when it is linked to it, and about a person when it
// names them: every record with that name (case and spacing aside) is held too, because a
// concern logged without a visit link still needs that person's visits as evidence. Holding
// too much is the safe side of this rule: a held record is only kept longer.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { nameKey } from '../../../shared/text.js';
import { appendRefChange } from '../reference/feed.js';

export type Holds = { visitIds: Set<string>; nameKeys: Set<string> };

export function currentHolds(db: Db): Holds {
  const open = stmt(db, "SELECT visit_id, person FROM breaches WHERE status = 'open'").all() as { visit_id: string | null; person: string }[];
  const nameKeys = new Set(open.map((b) => nameKey(b.person)).filter(Boolean));
  const visitIds = new Set<string>();
  for (const b of open) if (b.visit_id) visitIds.add(b.visit_id);
  const byName = stmt(db, 'SELECT id FROM visits WHERE name_key = ?').pluck();
  for (const k of nameKeys) for (const id of byName.all(k) as string[]) visitIds.add(id);
  return { visitIds, nameKeys };
}

/** Is this exemption about a held person or used on a held visit? */
export function exemptionHeld(db: Db, holds: Holds, e: { id: string; name_key: string; visit_id: string | null }): boolean {
  if (holds.nameKeys.has(e.name_key)) return true;
  if (e.visit_id && holds.visitIds.has(e.visit_id)) return true;
  const used = stmt(db, 'SELECT id FROM visits WHERE exemption_id = ?').pluck().all(e.id) as string[];
  return used.some((v) => holds.visitIds.has(v));
}

/**
 * Bring the feed's 'hold' entries in line with the open breaches: kiosks purge on their own,
 * so they must know which visits to keep. Only the differences are appended. Call in a
 * transaction. Returns how many holds were added and released.
 */
export function publishHolds(db: Db, at: Date): { added: number; released: number } {
  const { visitIds } = currentHolds(db);
  const published = new Set(
    stmt(
      db,
      `SELECT c.key FROM ref_changes c
        WHERE c.entity = 'hold' AND c.body IS NOT NULL
          AND c.seq = (SELECT MAX(seq) FROM ref_changes WHERE entity = 'hold' AND key = c.key)`,
    )
      .pluck()
      .all() as string[],
  );
  let added = 0;
  let released = 0;
  for (const id of visitIds)
    if (!published.has(id)) {
      appendRefChange(db, 'hold', id, { visitId: id }, at);
      added++;
    }
  for (const id of published)
    if (!visitIds.has(id)) {
      appendRefChange(db, 'hold', id, null, at);
      released++;
    }
  return { added, released };
}
