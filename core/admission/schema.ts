// Kiosk migration 150: admission (issue #13 part B).
//  - id_checks: reception's ID check for one of this kiosk's visits, from the office ('idcheck');
//    the badge reprinted after it says so.
//  - exemptions.category: an approval is for the category it was granted for.
//  - restricted_keys: keyed hashes of restricted names and aliases (never the names), and the
//    entry each belongs to, so a held sign-in tells the office which entry it matched.
//  - expected visitors' staff notes were copied here before: wiped (they never leave the hub now).
import type { Db } from '../db/open.js';

export function admissionKioskSchema(db: Db): void {
  db.exec(`
    CREATE TABLE id_checks (
      visit_id TEXT PRIMARY KEY,
      seen TEXT NOT NULL,
      checked_by TEXT NOT NULL,
      checked_at TEXT NOT NULL
    ) STRICT;
    ALTER TABLE exemptions ADD COLUMN category TEXT NOT NULL DEFAULT 'professional';
    CREATE TABLE restricted_keys (
      key TEXT NOT NULL,
      entry_id TEXT NOT NULL,
      PRIMARY KEY (key, entry_id)
    ) STRICT;
    CREATE INDEX restricted_keys_by_entry ON restricted_keys(entry_id);
    UPDATE expected_visitors SET note = '';
  `);
}
