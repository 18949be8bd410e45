// Hub migration 150: the regular-visitor register, recorded assurance, the acceptable-use
// agreement's versions and acknowledgements, and which visits were a regular's card sign-in.
// One DDL for both engines where the types agree; SQLite adds STRICT.
const tables = (int: string, strict: string) => `
  CREATE TABLE regulars (
    id TEXT PRIMARY KEY,
    full_name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    organisation TEXT NOT NULL,
    role TEXT NOT NULL,
    category TEXT NOT NULL,
    host_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'left')),
    -- sha-256 of the card code (never the code); NULL: no card, or revoked.
    card_hash TEXT UNIQUE,
    card_hint TEXT,
    card_issued_at TEXT,
    card_issued_by TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )${strict};
  CREATE INDEX regulars_by_name ON regulars(name_key);
  -- What staff checked, who and when, and until when it counts. No certificate numbers:
  -- the handlers refuse any text that looks like one.
  CREATE TABLE regular_assurances (
    id TEXT PRIMARY KEY,
    regular_id TEXT NOT NULL REFERENCES regulars(id),
    kind TEXT NOT NULL CHECK (kind IN ('enhanced_dbs_seen', 'dbs_update_service', 'agency_letter', 'scr_entry')),
    checked_by TEXT NOT NULL,
    checked_on TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    note TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
  )${strict};
  CREATE INDEX regular_assurances_by_regular ON regular_assurances(regular_id, expires_on);
  CREATE TABLE agreement_versions (
    id TEXT PRIMARY KEY,
    version ${int} NOT NULL UNIQUE,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL
  )${strict};
  CREATE TABLE agreement_texts (
    version_id TEXT NOT NULL REFERENCES agreement_versions(id),
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    points TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    PRIMARY KEY (version_id, language)
  )${strict};
  -- Each acknowledgement as a kiosk pushed it (id = the kiosk's event id: a re-push is one row).
  CREATE TABLE agreement_acks (
    id TEXT PRIMARY KEY,
    regular_id TEXT NOT NULL REFERENCES regulars(id),
    version_id TEXT NOT NULL,
    version ${int} NOT NULL,
    text_hash TEXT NOT NULL,
    language TEXT NOT NULL,
    ack_day TEXT NOT NULL,
    at TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    visit_id TEXT NOT NULL
  )${strict};
  CREATE INDEX agreement_acks_by_regular ON agreement_acks(regular_id, at);
  -- Visits that were a regular's card sign-in (for their page and the volunteer hours).
  CREATE TABLE regular_visits (
    visit_id TEXT PRIMARY KEY,
    regular_id TEXT NOT NULL REFERENCES regulars(id),
    kiosk_id TEXT NOT NULL,
    at TEXT NOT NULL
  )${strict};
  CREATE INDEX regular_visits_by_regular ON regular_visits(regular_id, at);
`;

export const REGULARS_SCHEMA_SQLITE = tables('INTEGER', ' STRICT');
export const REGULARS_SCHEMA_PG = tables('BIGINT', '');
