// Numbered schema migrations. Versions go up in steps of 10 so a fix can slot in between;
// pending ones run in one transaction at start; a database newer than this code is refused.
import { admissionKioskSchema } from '../admission/schema.js';
import { signinCodeKioskSchema } from '../admission/signinCode.js';
import type Database from 'better-sqlite3';
import { receptionDeskSchema } from '../printing/receptionSchema.js';
import { privacySchema } from '../privacy/schema.js';
import { retentionSchema } from '../retention/schema.js';

export type Migration = { version: number; name: string; up: (db: Database.Database) => void };

export class DbFromFutureError extends Error {
  constructor(found: number, known: number, what = 'kiosk') {
    super(`The ${what} database is at schema version ${found}, newer than this app understands (${known}). Install the newer app version or restore a backup.`);
    this.name = 'DbFromFutureError';
  }
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 10,
    name: 'reference data: site settings, policy versions, lockers, locations, hosts',
    up: (db) =>
      db.exec(`
        CREATE TABLE site_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        CREATE TABLE policy_versions (
          id TEXT PRIMARY KEY,
          version INTEGER NOT NULL UNIQUE,
          published_at TEXT NOT NULL,
          source TEXT NOT NULL CHECK (source IN ('default', 'site', 'office'))
        ) STRICT;
        CREATE TABLE policy_texts (
          version_id TEXT NOT NULL REFERENCES policy_versions(id),
          language TEXT NOT NULL,
          title TEXT NOT NULL,
          points TEXT NOT NULL CHECK (json_valid(points)),
          text_hash TEXT NOT NULL,
          PRIMARY KEY (version_id, language)
        ) STRICT;
        CREATE TABLE lockers (
          id TEXT PRIMARY KEY,
          label TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('locker', 'pouch')),
          sort INTEGER NOT NULL,
          active INTEGER NOT NULL DEFAULT 1
        ) STRICT;
        CREATE TABLE locations (id TEXT PRIMARY KEY, name TEXT NOT NULL, sort INTEGER NOT NULL, active INTEGER NOT NULL DEFAULT 1) STRICT;
        CREATE TABLE hosts (id TEXT PRIMARY KEY, name TEXT NOT NULL, sort INTEGER NOT NULL, active INTEGER NOT NULL DEFAULT 1) STRICT;
      `),
  },
  {
    version: 20,
    name: 'visits: append-only events, outbox for sync, derived visit table',
    up: (db) =>
      db.exec(`
        CREATE TABLE visit_events (
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,            -- UUIDv7: sorts by time across kiosks
          visit_id TEXT NOT NULL,
          kiosk_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          at TEXT NOT NULL,
          body TEXT NOT NULL CHECK (json_valid(body))
        ) STRICT;
        CREATE INDEX visit_events_by_visit ON visit_events(visit_id, seq);
        CREATE TRIGGER visit_events_no_update BEFORE UPDATE ON visit_events
          BEGIN SELECT RAISE(ABORT, 'visit_events is append-only'); END;
        CREATE TRIGGER visit_events_no_delete BEFORE DELETE ON visit_events
          BEGIN SELECT RAISE(ABORT, 'visit_events is append-only'); END;

        -- Written in the same transaction as each event; sync pushes and clears it.
        CREATE TABLE outbox (event_id TEXT PRIMARY KEY REFERENCES visit_events(id)) STRICT, WITHOUT ROWID;

        -- Derived from visit_events by core/visits/projection.ts, its only writer.
        CREATE TABLE visits (
          id TEXT PRIMARY KEY,
          kiosk_id TEXT NOT NULL,
          badge_code TEXT NOT NULL UNIQUE,
          badge_number INTEGER NOT NULL,
          local_day TEXT NOT NULL,
          category TEXT NOT NULL,
          full_name TEXT NOT NULL,
          name_key TEXT NOT NULL,
          organisation TEXT NOT NULL,
          agency_role TEXT NOT NULL,
          host_id TEXT NOT NULL,
          host_name TEXT NOT NULL,
          purpose TEXT NOT NULL,
          language TEXT NOT NULL,
          id_check_required INTEGER NOT NULL,
          needs_evac_help INTEGER NOT NULL,
          arrived_at TEXT NOT NULL,
          policy_version_id TEXT,
          policy_text_hash TEXT,
          acknowledged_at TEXT,
          phone_kind TEXT,
          locker_id TEXT REFERENCES lockers(id),
          device_request_id TEXT,
          exemption_id TEXT,
          phone_in_at TEXT,
          phone_out_at TEXT,
          departed_at TEXT,
          departed_by TEXT
        ) STRICT;
        CREATE INDEX visits_on_site ON visits(arrived_at) WHERE departed_at IS NULL;
        CREATE INDEX visits_by_name ON visits(name_key, arrived_at);
        CREATE INDEX visits_by_day ON visits(local_day, badge_number);
        -- A locker holds one phone: enforced by the database, not by hope.
        CREATE UNIQUE INDEX visits_locker_in_use ON visits(locker_id)
          WHERE locker_id IS NOT NULL AND phone_out_at IS NULL;
      `),
  },
  {
    version: 30,
    name: 'print jobs: a durable queue written with the sign-in',
    up: (db) =>
      db.exec(`
        CREATE TABLE print_jobs (
          id TEXT PRIMARY KEY,                 -- UUIDv7
          kind TEXT NOT NULL CHECK (kind IN ('badge', 'reprint', 'test', 'rollcall')),
          visit_id TEXT REFERENCES visits(id),
          payload TEXT NOT NULL CHECK (json_valid(payload)),  -- what to print, frozen when asked
          requested_by TEXT NOT NULL,
          created_at TEXT NOT NULL,
          -- pending → sending → printed; a failed attempt goes back to pending with a later
          -- next_attempt_at; gave_up after the deadline; interrupted if the app died mid-send
          -- (never resent by itself: a reprint is an explicit, recorded action).
          status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'printed', 'gave_up', 'interrupted')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at TEXT NOT NULL,
          give_up_at TEXT NOT NULL,
          last_error TEXT,
          printed_at TEXT
        ) STRICT;
        CREATE INDEX print_jobs_due ON print_jobs(next_attempt_at) WHERE status = 'pending';
        CREATE INDEX print_jobs_by_visit ON print_jobs(visit_id, created_at);
      `),
  },
  {
    version: 40,
    name: 'sync with the office hub: pairing state, exemptions and expected visitors copied from the office',
    up: (db) =>
      db.exec(`
        -- One row once paired. The private key never leaves this file; the hub holds the public half.
        CREATE TABLE sync_state (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          hub_url TEXT NOT NULL,
          hub_id TEXT NOT NULL,
          kiosk_name TEXT NOT NULL,
          private_key TEXT NOT NULL,
          public_key TEXT NOT NULL,
          paired_at TEXT NOT NULL,
          pull_cursor INTEGER NOT NULL DEFAULT 0,
          clock_offset_ms INTEGER NOT NULL DEFAULT 0,
          last_push_at TEXT,
          last_pull_at TEXT,
          last_error TEXT,
          last_error_at TEXT,
          revoked_at TEXT
        ) STRICT;
        -- The office's device-use exemptions, as far as a kiosk needs them to match a visitor offline.
        CREATE TABLE exemptions (
          id TEXT PRIMARY KEY,
          status TEXT NOT NULL,
          name_key TEXT NOT NULL,
          organisation_key TEXT NOT NULL,
          valid_from TEXT NOT NULL,
          valid_to TEXT NOT NULL,
          daily_from TEXT,
          daily_to TEXT,
          weekdays TEXT CHECK (weekdays IS NULL OR json_valid(weekdays)),
          locations TEXT NOT NULL CHECK (json_valid(locations)),
          devices TEXT NOT NULL,
          conditions TEXT NOT NULL
        ) STRICT;
        CREATE INDEX exemptions_by_name ON exemptions(name_key);
        CREATE TABLE expected_visitors (
          id TEXT PRIMARY KEY,
          full_name TEXT NOT NULL,
          name_key TEXT NOT NULL,
          organisation TEXT NOT NULL,
          category TEXT NOT NULL,
          host_id TEXT NOT NULL,
          expected_on TEXT NOT NULL,
          note TEXT NOT NULL,
          cancelled INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        CREATE INDEX expected_by_day ON expected_visitors(expected_on, name_key);
      `),
  },
  {
    version: 50,
    name: 'fire roll call: roll calls and the latest safe/missing mark of each visit',
    up: (db) =>
      db.exec(`
        CREATE TABLE roll_calls (
          id TEXT PRIMARY KEY,
          started_at TEXT NOT NULL,
          started_by TEXT NOT NULL,
          ended_at TEXT,
          ended_by TEXT
        ) STRICT;
        -- Written by the projection from 'roll_call_marked' events: a mark counts for the roll
        -- call in progress when it was made after that roll call started.
        ALTER TABLE visits ADD COLUMN roll_call_status TEXT CHECK (roll_call_status IN ('safe', 'missing'));
        ALTER TABLE visits ADD COLUMN roll_call_by TEXT;
        ALTER TABLE visits ADD COLUMN roll_call_at TEXT;
      `),
  },
  {
    version: 60,
    name: 'retention: purge log, holds from the office, visit_events deletable by the purge only',
    up: retentionSchema,
  },
  {
    version: 70,
    name: 'privacy notice: versions and their texts per language, shown where visitors give their details',
    up: privacySchema,
  },
  {
    version: 80,
    name: 'sync: the hub identity key and TLS pins learned at pairing',
    up: (db) =>
      db.exec(`
        ALTER TABLE sync_state ADD COLUMN hub_public_key TEXT;
        -- JSON array of base64 sha-256 SPKI pins the kiosk accepts (empty for loopback http).
        ALTER TABLE sync_state ADD COLUMN hub_pins TEXT NOT NULL DEFAULT '[]';
      `),
  },
  {
    version: 90,
    name: "reception desk: skipped badge jobs, the kiosk's badge letter, print requests from the office console",
    up: receptionDeskSchema,
  },
  {
    version: 100,
    name: 'sync safety: events set aside because the hub refused them, erasures waiting for a visitor to leave',
    up: (db) =>
      db.exec(`
        -- A "poison" event the hub refuses on its own is moved here out of the outbox so the
        -- rest can flow. The event itself stays in visit_events (nothing is lost); reported_at
        -- is set once the hub has been told (it shows them in the console).
        CREATE TABLE sync_quarantine (
          event_id TEXT PRIMARY KEY REFERENCES visit_events(id) ON DELETE CASCADE,
          reason TEXT NOT NULL,
          quarantined_at TEXT NOT NULL,
          reported_at TEXT
        ) STRICT;
        -- An erasure from the office for a visitor still on site waits here and is applied once
        -- they have left: the kiosk never drops someone from its fire list while they are inside.
        CREATE TABLE pending_erasures (
          visit_id TEXT PRIMARY KEY,
          erased_at TEXT NOT NULL,
          received_at TEXT NOT NULL
        ) STRICT;
      `),
  },
  {
    version: 110,
    name: 'personal staff PINs from the office (slow hashes only), which open the roll call here',
    up: (db) =>
      db.exec(`
        CREATE TABLE staff_pins (
          staff_id TEXT PRIMARY KEY,
          display_name TEXT NOT NULL,
          hash TEXT NOT NULL -- JSON: {algo:'scrypt', N, r, p, salt, hash}; never the PIN
        ) STRICT;
      `),
  },
  {
    version: 120,
    name: 'roll-call PDFs kept in the data folder follow erasure: when the erased visit was on site (times only, no names)',
    up: (db) =>
      db.exec(`
        CREATE TABLE rollcall_pdf_erasures (
          visit_id TEXT PRIMARY KEY,
          from_at TEXT NOT NULL,
          to_at TEXT NOT NULL
        ) STRICT;
      `),
  },
  {
    version: 130,
    name: "the office's places where devices are never used and its DSL directory (help screen, badge)",
    up: (db) =>
      db.exec(`
        CREATE TABLE never_places (id TEXT PRIMARY KEY, name TEXT NOT NULL, sort INTEGER NOT NULL, active INTEGER NOT NULL DEFAULT 1) STRICT;
        CREATE TABLE dsls (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('dsl', 'deputy')),
          contact TEXT NOT NULL,
          sort INTEGER NOT NULL,
          active INTEGER NOT NULL DEFAULT 1
        ) STRICT;
        -- The policy's own examples, until the office sends its list (which retires these).
        INSERT INTO never_places (id, name, sort) VALUES ('never-changing-rooms', 'Changing rooms', 0), ('never-toilets', 'Toilets', 1), ('never-pool', 'Swimming pool areas', 2);
      `),
  },
  {
    version: 140,
    name: "regular visitors: the office's register as this kiosk needs it (card hashes, masked names), the acceptable-use agreement, and card sign-ins made here",
    up: (db) =>
      db.exec(`
        CREATE TABLE regulars (
          id TEXT PRIMARY KEY,
          card_hash TEXT UNIQUE, -- sha-256 of the card code; never the code
          masked_name TEXT NOT NULL,
          organisation TEXT NOT NULL,
          role TEXT NOT NULL,
          category TEXT NOT NULL,
          host_id TEXT NOT NULL,
          status TEXT NOT NULL,
          assurance_valid_until TEXT,
          agreement_version_id TEXT,
          agreement_ack_day TEXT,
          policy_version_id TEXT
        ) STRICT;
        CREATE TABLE agreement_versions (
          id TEXT PRIMARY KEY,
          version INTEGER NOT NULL,
          published_at TEXT NOT NULL,
          renewal_day TEXT NOT NULL,
          texts TEXT NOT NULL -- JSON {language: {title, points}} as the office published it
        ) STRICT;
        -- Card sign-ins made at this kiosk: what was acknowledged here counts at once, before the
        -- office has heard of it (the kiosk may be offline for days).
        CREATE TABLE regular_visits (
          visit_id TEXT PRIMARY KEY,
          regular_id TEXT NOT NULL,
          at TEXT NOT NULL,
          policy_version_id TEXT NOT NULL,
          agreement_version_id TEXT,
          agreement_ack_day TEXT
        ) STRICT;
        CREATE INDEX regular_visits_by_regular ON regular_visits(regular_id, at);
      `),
  },
  {
    version: 150,
    name: "admission: reception's ID checks, approvals bound to a category, restricted-list keys; no staff notes",
    up: admissionKioskSchema,
  },
  {
    version: 190,
    name: "expected visitors: the invitation's sign-in code as a hash, and the policy version it sent",
    up: signinCodeKioskSchema,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Bring the database to `target` (default: latest) in one transaction. */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): number {
  return runMigrations(db, MIGRATIONS, target, 'kiosk');
}

/** The runner both stores use (kiosk and office hub), each with its own list. */
/** Where an engine keeps its schema version and how it runs one step (SQLite: user_version and
 *  the step's `up`; the office store on PostgreSQL passes its own: a table and the `pg` DDL). */
export type MigrationEngine<M extends Migration> = {
  version(db: Database.Database): number;
  apply(db: Database.Database, m: M): void;
  setVersion(db: Database.Database, version: number): void;
};

const SQLITE_ENGINE: MigrationEngine<Migration> = {
  version: schemaVersion,
  apply: (db, m) => m.up(db),
  setVersion: (db, v) => void db.pragma(`user_version = ${v}`),
};

export function runMigrations<M extends Migration>(db: Database.Database, list: readonly M[], target: number, what: string, engine: MigrationEngine<M> = SQLITE_ENGINE): number {
  for (let i = 1; i < list.length; i++)
    if (list[i]!.version <= list[i - 1]!.version) throw new Error('migrations must be in increasing order');
  const latest = list[list.length - 1]!.version;
  const plan = () => {
    const current = engine.version(db);
    if (current > latest) throw new DbFromFutureError(current, latest, what);
    if (current !== 0 && !list.some((m) => m.version === current))
      throw new Error(`Unknown schema version ${current}: this database was not made by this app.`);
    return { current, pending: list.filter((m) => m.version > current && m.version <= target) };
  };
  const first = plan();
  if (first.pending.length === 0) return first.current;
  // Planned again inside the writer's transaction: two hub processes starting at once on one
  // PostgreSQL take turns, and the second finds nothing left to do.
  return db.transaction(() => {
    const { current, pending } = plan();
    for (const m of pending) {
      engine.apply(db, m);
      engine.setVersion(db, m.version);
    }
    return pending.length === 0 ? current : engine.version(db);
  }).immediate();
}
