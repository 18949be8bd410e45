// Kiosk migration 90: reception's desk (issue #12).
//  - print_jobs may be 'skipped' (a badge for a visitor who signed out before it printed is
//    not printed; last_error says why). SQLite cannot change a CHECK in place: the table is
//    rebuilt with the same rows.
//  - visits.badge_prefix: the kiosk's letter from the office ('' before one was given), so two
//    kiosks' badge 7 read "7" and "B7" on the same day.
//  - print_requests: each print request from the office console handled once (by its id),
//    with what became of it, reported back to the office.
import type { Db } from '../db/open.js';

export function receptionDeskSchema(db: Db): void {
  db.exec(`
    CREATE TABLE print_jobs_v90 (
      id TEXT PRIMARY KEY,                 -- UUIDv7
      kind TEXT NOT NULL CHECK (kind IN ('badge', 'reprint', 'test', 'rollcall')),
      visit_id TEXT REFERENCES visits(id),
      payload TEXT NOT NULL CHECK (json_valid(payload)),  -- what to print, frozen when asked
      requested_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      -- pending → sending → printed; a failed attempt goes back to pending with a later
      -- next_attempt_at; gave_up after the deadline; interrupted if the app died mid-send
      -- (never resent by itself: a reprint is an explicit, recorded action); skipped when the
      -- visitor had signed out before their badge could print.
      status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'printed', 'gave_up', 'interrupted', 'skipped')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT NOT NULL,
      give_up_at TEXT NOT NULL,
      last_error TEXT,
      printed_at TEXT
    ) STRICT;
    INSERT INTO print_jobs_v90 SELECT id, kind, visit_id, payload, requested_by, created_at, status, attempts, next_attempt_at, give_up_at, last_error, printed_at FROM print_jobs;
    DROP TABLE print_jobs;
    ALTER TABLE print_jobs_v90 RENAME TO print_jobs;
    CREATE INDEX print_jobs_due ON print_jobs(next_attempt_at) WHERE status = 'pending';
    CREATE INDEX print_jobs_by_visit ON print_jobs(visit_id, created_at);

    ALTER TABLE visits ADD COLUMN badge_prefix TEXT NOT NULL DEFAULT '';

    CREATE TABLE print_requests (
      id TEXT PRIMARY KEY,                 -- the office's request id: handled once
      kind TEXT NOT NULL CHECK (kind IN ('test', 'reprint', 'resume', 'check')),
      visit_id TEXT,
      requested_by TEXT NOT NULL,
      requested_at TEXT NOT NULL,
      handled_at TEXT NOT NULL,
      job_id TEXT,                         -- the job queued (or resumed), if any
      outcome TEXT NOT NULL,               -- 'queued', or why not, in words for reception
      reported INTEGER NOT NULL DEFAULT 0  -- 1 once the office acknowledged the outcome
    ) STRICT;
  `);
}
