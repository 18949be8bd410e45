// Making deleted personal data really go: SQLite normally leaves a deleted row's bytes in the
// page (and whole freed pages on the freelist) until something overwrites them, and in WAL
// mode the old page images stay in the -wal file until a checkpoint.
//
//  - secure_delete = ON (per connection) makes SQLite overwrite deleted content, freed pages
//    included, with zeros. better-sqlite3 does not build SQLite with it on (the pragma reads 0),
//    so the purge and erasure turn it on for their connection and leave it on: the app's other
//    deletes (outbox rows, sessions) are few and small, so the extra writes cost nothing
//    noticeable. 'FAST' would skip zeroing freelist pages, which is exactly where whole
//    deleted visits end up, so it is not enough.
//  - After the deleting transaction commits, wal_checkpoint(TRUNCATE) copies the zeroed pages
//    into the database file and truncates the -wal to zero bytes. It cannot run inside a
//    transaction; when the caller is in one (a console op), it runs as soon as the caller's
//    transaction is over.
//  On a trust's PostgreSQL (the office store, core/office/store) both are SQLite's and are
//  skipped: deleted row versions there are reclaimed by autovacuum, and the server's WAL and
//  backups follow the trust's own retention (README, "A trust hub").
import type { Db } from '../db/open.js';

const onPostgres = (db: Db): boolean => (db as unknown as { engine?: string }).engine === 'postgres';

export function secureDeleteOn(db: Db): void {
  if (onPostgres(db)) return;
  db.pragma('secure_delete = ON');
}

export type CheckpointResult = { busy: number; log: number; checkpointed: number };

/** Checkpoint and truncate the WAL. `busy` > 0 means a reader kept it from finishing (the next
 *  purge or checkpoint completes it); the caller logs that. */
export function truncateWal(db: Db): CheckpointResult | null {
  if (!db.open || onPostgres(db) || db.memory) return null;
  const rows = db.pragma('wal_checkpoint(TRUNCATE)') as CheckpointResult[];
  return rows[0] ?? null;
}

/** Truncate the WAL now, or right after the transaction the caller is in. */
export function truncateWalWhenFree(db: Db, log: (m: string, e?: unknown) => void = () => {}): void {
  const attempt = (): void => {
    if (!db.open) return;
    if (db.inTransaction) {
      setImmediate(attempt);
      return;
    }
    try {
      const r = truncateWal(db);
      if (r && r.busy) log('retention: the WAL could not be truncated yet (a reader is open); the next purge will');
    } catch (e) {
      log('retention: WAL checkpoint failed', e);
    }
  };
  if (db.inTransaction) setImmediate(attempt);
  else attempt();
}
