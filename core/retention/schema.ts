// Kiosk migration 60 (issue #6): what the kiosk's purge needs.
//  - purge_log: what each purge or erasure removed, as counts per kind, never content.
//  - retention_holds: visits the office says an open breach/concern is about (pulled as
//    'hold'); the purge skips them. The periods themselves are a site setting ('retention').
//  - visit_events stays append-only for everything except the purge: the DELETE trigger is
//    recreated to allow a delete only while retention_purge_running has its one row, and only
//    core/retention/deleteVisits.ts writes that row, inside the transaction that deletes and
//    removes it again before committing — no other connection ever sees it set.
import type { Db } from '../db/open.js';

export function retentionSchema(db: Db): void {
  db.exec(`
    CREATE TABLE purge_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual', 'erasure')),
      counts TEXT NOT NULL CHECK (json_valid(counts))
    ) STRICT;
    CREATE TABLE retention_holds (visit_id TEXT PRIMARY KEY, since TEXT NOT NULL) STRICT, WITHOUT ROWID;
    CREATE TABLE retention_purge_running (id INTEGER PRIMARY KEY CHECK (id = 1)) STRICT;
    DROP TRIGGER visit_events_no_delete;
    CREATE TRIGGER visit_events_no_delete BEFORE DELETE ON visit_events
      WHEN NOT EXISTS (SELECT 1 FROM retention_purge_running)
      BEGIN SELECT RAISE(ABORT, 'visit_events is append-only'); END;
  `);
}
