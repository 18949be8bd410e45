// Hub migration 160: admission (issue #13 part B).
//  - id_checks: reception's "ID checked" for a visit (what was seen, who, when), sent to the
//    kiosk that owns the visit ('idcheck'), whose badge then says so.
//  - exemptions.category: the visitor category an approval was granted for; a visitor signing in
//    under another category cannot use it. Approvals made before this were for professionals.
//  - expected_visitors.arrived_*: the visit an expected visitor signed in as, at a kiosk.
//  - restricted_people / restricted_alerts: people who must not be admitted, and held sign-ins
//    that matched them. Kiosks only ever get keyed hashes of the names ('restricted').
//  - Staff notes on expected visitors were sent to kiosks in the feed: scrubbed from it.

const ADMISSION_DDL = (int: string, json: string) => `
  CREATE TABLE id_checks (
    id TEXT PRIMARY KEY,
    visit_id TEXT NOT NULL,
    seen TEXT NOT NULL CHECK (seen IN ('photo_id', 'dbs_certificate', 'agency_letter', 'dbs_update_service', 'staff_known')),
    checked_by TEXT NOT NULL,
    checked_at TEXT NOT NULL
  )%STRICT%;
  CREATE INDEX id_checks_by_visit ON id_checks(visit_id, checked_at);
  ALTER TABLE exemptions ADD COLUMN category TEXT NOT NULL DEFAULT 'professional'
    CHECK (category IN ('parent_carer', 'volunteer', 'contractor', 'visitor', 'professional'));
  ALTER TABLE expected_visitors ADD COLUMN arrived_visit_id TEXT;
  ALTER TABLE expected_visitors ADD COLUMN arrived_at TEXT;
  CREATE TABLE restricted_people (
    id TEXT PRIMARY KEY,
    full_name TEXT NOT NULL,
    aliases TEXT NOT NULL CHECK (${json}(aliases)),
    date_of_birth TEXT,
    reason TEXT NOT NULL,
    review_on TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    removed_by TEXT,
    removed_at TEXT
  )%STRICT%;
  CREATE TABLE restricted_alerts (
    id TEXT PRIMARY KEY,
    visit_id TEXT NOT NULL UNIQUE,
    entry_id TEXT NOT NULL REFERENCES restricted_people(id),
    typed_name TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    at TEXT NOT NULL,
    acknowledged_by TEXT,
    acknowledged_at TEXT,
    acknowledged INTEGER_T NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1))
  )%STRICT%;
  CREATE INDEX restricted_alerts_open ON restricted_alerts(acknowledged, at);
`.replace(/INTEGER_T/g, int);

export const ADMISSION_HUB_SCHEMA = `${ADMISSION_DDL('INTEGER', 'json_valid').replace(/%STRICT%/g, ' STRICT')}
  UPDATE ref_changes SET body = json_remove(body, '$.note') WHERE entity = 'expected' AND body IS NOT NULL;`;

export const ADMISSION_HUB_SCHEMA_PG = `${ADMISSION_DDL('BIGINT', 'is_json').replace(/%STRICT%/g, '')}
  UPDATE ref_changes SET body = (body::jsonb - 'note')::text WHERE entity = 'expected' AND body IS NOT NULL;`;
