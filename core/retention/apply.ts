// The kiosk side of the retention entities in the pull feed (shared/sync.ts): the periods,
// holds and erasures the office publishes. core/sync/pull.ts calls this for each change it
// pulls, in the transaction that applies the page; it answers false for other entities.
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { setSetting } from '../site/settings.js';
import type { RefChange } from '../../shared/sync.js';
import { deleteKioskVisits, logPurge } from './deleteVisits.js';
import { RETENTION_SETTING } from './purge.js';
import { secureDeleteOn, truncateWalWhenFree } from './wipe.js';
import { noteErasedForRollCalls } from '../rollcall/retention.js';

const isInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

export function applyRetentionChange(db: Db, change: Pick<RefChange, 'entity' | 'key' | 'body'>, at: Date = new Date()): boolean {
  const body = change.body as Record<string, unknown> | null;
  switch (change.entity) {
    case 'retention':
      if (body === null) stmt(db, 'DELETE FROM site_settings WHERE key = ?').run(RETENTION_SETTING); // back to the defaults
      else if (isInt(body.visitsMonths) && isInt(body.photosMonths))
        setSetting(db, RETENTION_SETTING, JSON.stringify({ visitsMonths: body.visitsMonths, photosMonths: body.photosMonths }));
      return true;
    case 'hold':
      if (body === null) stmt(db, 'DELETE FROM retention_holds WHERE visit_id = ?').run(change.key);
      else stmt(db, 'INSERT INTO retention_holds (visit_id, since) VALUES (?, ?) ON CONFLICT (visit_id) DO NOTHING').run(change.key, at.toISOString());
      return true;
    case 'erasure': {
      if (body === null) return true; // an erasure is never undone
      secureDeleteOn(db);
      const counts = db.transaction(() => {
        noteErasedForRollCalls(db, change.key);
        const n = deleteKioskVisits(db, [change.key]);
        stmt(db, 'DELETE FROM retention_holds WHERE visit_id = ?').run(change.key);
        logPurge(db, at, 'erasure', n);
        return n;
      })();
      truncateWalWhenFree(db);
      return counts !== undefined;
    }
    default:
      return false;
  }
}
