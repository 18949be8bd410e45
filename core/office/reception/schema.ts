// Hub migration 70: reception's desk (issue #12).
//  - kiosks.badge_prefix: each kiosk's badge letter, given by the hub the first time the kiosk
//    pulls and sent to it in the change feed ('kiosk'), so badge numbers never repeat across
//    kiosks on a day; visits.badge_prefix: the letter the badge was printed with.
//  - kiosks.desk_status: the printer status and interrupted jobs the kiosk last reported with
//    its pull, for the console's reception desk.
//  - print_requests: test badge, reprint and resume asked for in the console, carried to the
//    kiosk that owns the printer by the change feed ('printreq'); the outcome comes back with
//    the kiosk's status.
import type { Db } from '../../db/open.js';

export function receptionDeskHubSchema(db: Db): void {
  db.exec(`
    ALTER TABLE visits ADD COLUMN badge_prefix TEXT NOT NULL DEFAULT '';
    ALTER TABLE kiosks ADD COLUMN badge_prefix TEXT;
    CREATE UNIQUE INDEX kiosks_badge_prefix ON kiosks(badge_prefix) WHERE badge_prefix IS NOT NULL;
    ALTER TABLE kiosks ADD COLUMN desk_status TEXT CHECK (desk_status IS NULL OR json_valid(desk_status));
    ALTER TABLE kiosks ADD COLUMN desk_status_at TEXT;
    CREATE TABLE print_requests (
      id TEXT PRIMARY KEY,
      kiosk_id TEXT NOT NULL REFERENCES kiosks(id),
      kind TEXT NOT NULL CHECK (kind IN ('test', 'reprint', 'resume', 'check')),
      visit_id TEXT,
      job_id TEXT,
      requested_by TEXT NOT NULL,
      requested_at TEXT NOT NULL,
      outcome TEXT,                        -- from the kiosk: 'queued', or why not
      outcome_at TEXT
    ) STRICT;
    CREATE INDEX print_requests_by_time ON print_requests(requested_at);
  `);
}

/** The same step for the office hub on PostgreSQL (search_path set to the school's schema). */
export const RECEPTION_DESK_HUB_SCHEMA_PG = `
  ALTER TABLE visits ADD COLUMN badge_prefix TEXT NOT NULL DEFAULT '';
  ALTER TABLE kiosks ADD COLUMN badge_prefix TEXT;
  CREATE UNIQUE INDEX kiosks_badge_prefix ON kiosks(badge_prefix) WHERE badge_prefix IS NOT NULL;
  ALTER TABLE kiosks ADD COLUMN desk_status TEXT CHECK (desk_status IS NULL OR is_json(desk_status));
  ALTER TABLE kiosks ADD COLUMN desk_status_at TEXT;
  CREATE TABLE print_requests (
    id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL REFERENCES kiosks(id),
    kind TEXT NOT NULL CHECK (kind IN ('test', 'reprint', 'resume', 'check')),
    visit_id TEXT,
    job_id TEXT,
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    outcome TEXT,
    outcome_at TEXT
  );
  CREATE INDEX print_requests_by_time ON print_requests(requested_at);
`;
