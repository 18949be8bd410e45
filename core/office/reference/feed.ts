// The change feed kiosks pull (shared/sync.ts): every change to reference data the office
// owns appends the entity's new state here, in the same transaction as the change.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import type { RefBody, RefChange, RefEntity } from '../../../shared/sync.js';

export function appendRefChange<E extends RefEntity>(db: Db, entity: E, key: string, body: RefBody[E] | null, at: Date): number {
  const r = stmt(db, 'INSERT INTO ref_changes (entity, key, body, at) VALUES (?, ?, ?, ?) RETURNING seq').get(entity, key, body === null ? null : JSON.stringify(body), at.toISOString()) as { seq: number };
  return Number(r.seq);
}

/** Changes after `cursor`, oldest first. */
export function refChangesAfter(db: Db, cursor: number, limit: number): { changes: RefChange[]; more: boolean; latest: number } {
  const rows = stmt(db, 'SELECT seq, entity, key, body FROM ref_changes WHERE seq > ? ORDER BY seq LIMIT ?').all(cursor, limit + 1) as { seq: number; entity: RefEntity; key: string; body: string | null }[];
  const latest = (stmt(db, 'SELECT COALESCE(MAX(seq), 0) AS n FROM ref_changes').get() as { n: number }).n;
  return {
    changes: rows.slice(0, limit).map((r) => ({ seq: r.seq, entity: r.entity, key: r.key, body: r.body === null ? null : JSON.parse(r.body) })),
    more: rows.length > limit,
    latest,
  };
}
