// An erasure from the office (shared/sync.ts 'erasure') for a visitor who is still on site
// waits: deleting them would take them off this kiosk's fire roll call while they are in the
// building. It is kept in pending_erasures (counted in the sync status) and applied by the
// first pull after they have left (signed out by themselves, by staff or automatically).
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { applyRetentionChange } from '../retention/apply.js';
import type { RefChange } from '../../shared/sync.js';

const onSite = (db: Db, visitId: string): boolean => stmt(db, 'SELECT 1 FROM visits WHERE id = ? AND departed_at IS NULL').get(visitId) !== undefined;

/** True when the change is an erasure of someone on site, now parked until they leave. */
export function deferErasureIfOnSite(db: Db, c: Pick<RefChange, 'entity' | 'key' | 'body'>, at: Date): boolean {
  if (c.entity !== 'erasure' || c.body === null || !onSite(db, c.key)) return false;
  const erasedAt = typeof (c.body as { erasedAt?: unknown }).erasedAt === 'string' ? (c.body as { erasedAt: string }).erasedAt : at.toISOString();
  stmt(db, 'INSERT INTO pending_erasures (visit_id, erased_at, received_at) VALUES (?, ?, ?) ON CONFLICT (visit_id) DO NOTHING').run(c.key, erasedAt, at.toISOString());
  return true;
}

/** Apply the parked erasures whose visitor has left (or whose visit is gone). Returns how many. */
export function applyPendingErasures(db: Db, at: Date): number {
  const ready = stmt(db, 'SELECT visit_id, erased_at FROM pending_erasures p WHERE NOT EXISTS (SELECT 1 FROM visits v WHERE v.id = p.visit_id AND v.departed_at IS NULL)').all() as { visit_id: string; erased_at: string }[];
  for (const r of ready) {
    applyRetentionChange(db, { entity: 'erasure', key: r.visit_id, body: { visitId: r.visit_id, erasedAt: r.erased_at } }, at);
    stmt(db, 'DELETE FROM pending_erasures WHERE visit_id = ?').run(r.visit_id);
  }
  return ready.length;
}
