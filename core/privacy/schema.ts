// The privacy notice's tables, the same on a kiosk (migration 70) and on the office hub (hub
// migration 50), so core/privacy/notice.ts reads and publishes on both.
//
// Version numbers: a kiosk numbers its own versions (default, site.json) and keeps the office's
// numbers as sent; the two never share a number line, so the unique index is per side. An
// office version always outranks a local one (see currentVersionRow in notice.ts).
import type { Db } from '../db/open.js';

export function privacySchema(db: Db): void {
  db.exec(`
    CREATE TABLE privacy_versions (
      id TEXT PRIMARY KEY,
      version INTEGER NOT NULL,
      published_at TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('default', 'site', 'office'))
    ) STRICT;
    CREATE UNIQUE INDEX privacy_versions_number ON privacy_versions((source = 'office'), version);
    -- Texts are never rewritten once a visitor may have been shown them: a sign-in records the
    -- version id and the hash of its text, and the text stays here as the proof of what was shown.
    CREATE TABLE privacy_texts (
      version_id TEXT NOT NULL REFERENCES privacy_versions(id),
      language TEXT NOT NULL,
      short TEXT NOT NULL,
      sections TEXT NOT NULL CHECK (json_valid(sections)),
      text_hash TEXT NOT NULL,
      PRIMARY KEY (version_id, language)
    ) STRICT;
  `);
}

/** The same tables for the office hub on PostgreSQL (run with search_path set to the school's
 *  schema). The office flag in the unique index is a boolean expression on both engines. */
export const PRIVACY_SCHEMA_PG = `
  CREATE TABLE privacy_versions (
    id TEXT PRIMARY KEY,
    version BIGINT NOT NULL,
    published_at TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('default', 'site', 'office'))
  );
  CREATE UNIQUE INDEX privacy_versions_number ON privacy_versions((source = 'office'), version);
  CREATE TABLE privacy_texts (
    version_id TEXT NOT NULL REFERENCES privacy_versions(id),
    language TEXT NOT NULL,
    short TEXT NOT NULL,
    sections TEXT NOT NULL CHECK (is_json(sections)),
    text_hash TEXT NOT NULL,
    PRIMARY KEY (version_id, language)
  );
`;
