// The office hub's schema: its own SQLite file (office.sqlite3), its own numbered
// migrations, run by the same runner as the kiosk's. Reference-data tables (policy,
// lockers, locations, hosts, site_settings) have the kiosk's shapes so the same policy code
// reads both; visits here are a projection of every kiosk's events.
import type { Db } from '../../db/open.js';
import { runMigrations, type Migration } from '../../db/migrations.js';
import { PRIVACY_SCHEMA_PG, privacySchema } from '../../privacy/schema.js';
import { RECEPTION_DESK_HUB_SCHEMA_PG, receptionDeskHubSchema } from '../reception/schema.js';
import { POSTGRES_MIGRATIONS } from '../store/migrate.js';
import { IS_JSON_FUNCTION_PG } from '../store/pgJson.js';
import { isPostgres } from '../../db/dialect.js';
import { REGULARS_SCHEMA_PG, REGULARS_SCHEMA_SQLITE } from '../regulars/schema.js';
import { ADMISSION_HUB_SCHEMA, ADMISSION_HUB_SCHEMA_PG } from '../admission/schema.js';

// Scheduled hub work (core/office/jobs) runs once per period across every hub process: a
// process claims the period's slot by inserting its row; one that died mid-run leaves
// finished_at empty and another takes the slot over after a timeout.
const JOB_RUNS_DDL = `
  CREATE TABLE job_runs (
    job TEXT NOT NULL,
    slot TEXT NOT NULL,          -- the period: a local day, a 5-minute bucket
    claimed_by TEXT NOT NULL,    -- the process: host, pid and a random part
    claimed_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT,                -- JSON: the job's report, or its error
    PRIMARY KEY (job, slot)
  )`;

// Notifications (issue #14): the outbox is written in the transaction of the event that causes a
// message; a worker delivers it later (core/office/notifications/). dedupe_key makes each notice
// once however often its event is folded, pushed or scheduled, by however many hub processes.
// claimed_by/claimed_until: a process delivering a row holds it until then (several processes on
// one PostgreSQL database deliver each message once); a claim left by a dead process expires.
const NOTIFY_DDL = (int: string) => `
  CREATE TABLE notify_outbox (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    recipient TEXT NOT NULL,     -- an email address, or a webhook channel's id
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    ref TEXT,                    -- what it is about: visit:<id>, breach:<id>, exemption:<id>
    dedupe_key TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'given_up')),
    attempts ${int} NOT NULL DEFAULT 0,
    next_attempt_at TEXT,        -- NULL: nothing more is tried until someone sends it again
    claimed_by TEXT,
    claimed_until TEXT,
    last_error TEXT,             -- the server's words for the last failure
    created_at TEXT NOT NULL,
    sent_at TEXT
  )`;
const NOTIFY_INDEX = `
  CREATE INDEX notify_outbox_due ON notify_outbox(next_attempt_at) WHERE status = 'queued';
  CREATE INDEX notify_outbox_created ON notify_outbox(created_at);`;
// Who gets mail: a host's or a staff account's address (subject 'host:<id>' / 'staff:<id>'),
// kept here, not in the lists kiosks copy: kiosks never need staff addresses.
const NOTIFY_CONTACTS_DDL = `CREATE TABLE notify_contacts (subject TEXT PRIMARY KEY, email TEXT NOT NULL)`;
// Concerns logged as urgent: reminded until a DSL opens them (breaches.seen_by_dsl_at).
const NOTIFY_URGENT_DDL = `CREATE TABLE notify_urgent (breach_id TEXT PRIMARY KEY REFERENCES breaches(id) ON DELETE CASCADE, logged_at TEXT NOT NULL)`;
// Migration 140 (concerns, issue #15 part B). Same text on both engines: TEXT columns only.
// Existing records become 'other'/'medium' until the DSL classifies them; occurred_at NULL
// means "when it was logged". Referrals go with their concern when retention deletes it.
const CONCERNS_COLUMNS = `
  ALTER TABLE breaches ADD COLUMN kind TEXT NOT NULL DEFAULT 'other'
    CHECK (kind IN ('phone_use_seen', 'photo_or_recording_of_pupils', 'image_of_child', 'suspected_illegal_content', 'contact_with_pupil', 'other'));
  ALTER TABLE breaches ADD COLUMN severity TEXT NOT NULL DEFAULT 'medium' CHECK (severity IN ('low', 'medium', 'high', 'urgent'));
  ALTER TABLE breaches ADD COLUMN policy_point TEXT NOT NULL DEFAULT 'other';
  ALTER TABLE breaches ADD COLUMN occurred_at TEXT;
  ALTER TABLE breaches ADD COLUMN lessons_learnt TEXT;`;
const CONCERNS_TABLES = `
  CREATE TABLE concern_referrals (
    id TEXT PRIMARY KEY,
    breach_id TEXT NOT NULL REFERENCES breaches(id) ON DELETE CASCADE,
    agency TEXT NOT NULL CHECK (agency IN ('police', 'lado', 'county_safeguarding', 'parents')),
    contact TEXT NOT NULL,
    referred_at TEXT NOT NULL,
    reference TEXT NOT NULL,
    note TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
  );
  -- "Start a new policy draft from this concern": the texts in force copied, to be edited and
  -- published (policy.publish) by someone who may.
  CREATE TABLE policy_drafts (
    id TEXT PRIMARY KEY,
    concern_id TEXT NOT NULL,
    based_on_version INTEGER NOT NULL,
    note TEXT NOT NULL,
    texts TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
  );`;
const CONCERNS_INDEXES = `
  CREATE INDEX concern_referrals_by_breach ON concern_referrals(breach_id, referred_at);
  CREATE INDEX breaches_by_visit ON breaches(visit_id) WHERE visit_id IS NOT NULL;
  CREATE INDEX breaches_by_logged ON breaches(logged_at);
  -- The evidence view's "who was on site with a device" over a term: only visits under an approval.
  CREATE INDEX visits_device_use ON visits(arrived_at) WHERE exemption_id IS NOT NULL;
  -- Phones not collected (annual review pack): few rows, whatever the history.
  CREATE INDEX visits_phone_not_collected ON visits(arrived_at) WHERE phone_in_at IS NOT NULL AND phone_out_at IS NULL;`;

// Before the visit (issue #14): an invitation records the exact policy version (its id, the
// language of the text sent and that text's hash) the visitor was sent; an expected visitor's
// sign-in code is an opaque random id the kiosk can look up later; a risk assessment sent ahead
// of a device-use request is kept beside the register (base64, at most 5 MB) so backups carry it;
// a reminder before an approval expires is remembered once per approval and end date.
const INVITE_DDL = (int: string) => `
  CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    expected_id TEXT NOT NULL REFERENCES expected_visitors(id),
    email TEXT NOT NULL,
    language TEXT NOT NULL,
    visit_time TEXT NOT NULL,       -- HH:MM, or '' when no time was given
    policy_version_id TEXT NOT NULL REFERENCES policy_versions(id),
    policy_version ${int} NOT NULL,
    policy_language TEXT NOT NULL,  -- the language of the policy text sent (English when none in theirs)
    policy_text_hash TEXT NOT NULL,
    message_id TEXT,                -- its notify_outbox row
    sent_by TEXT NOT NULL,
    sent_at TEXT NOT NULL
  )`;
const INVITE_INDEX = `
  CREATE INDEX invitations_by_expected ON invitations(expected_id);
  CREATE UNIQUE INDEX expected_signin_code ON expected_visitors(signin_code);`;
const PREVISIT_DDL = `
  CREATE TABLE previsit_requests (
    exemption_id TEXT PRIMARY KEY REFERENCES exemptions(id),
    expected_id TEXT NOT NULL REFERENCES expected_visitors(id),
    email TEXT NOT NULL,
    language TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    file_base64 TEXT NOT NULL,
    told_at TEXT,
    created_at TEXT NOT NULL
  )`;
/** Hub migration 190 (core/office/invitations/rulesChanged.ts). No foreign keys: these rows go
 *  with their expected visitor (retention/remove.ts deleteExpected), and a key would make every
 *  other remover of invitations learn of them first. */
const RULES_CHANGED_DDL = (int: string, strict: string) => `
  CREATE TABLE invitation_letters (
    id TEXT PRIMARY KEY,
    expected_id TEXT NOT NULL,
    language TEXT NOT NULL,
    visit_time TEXT NOT NULL,
    policy_version_id TEXT NOT NULL,
    policy_version ${int} NOT NULL,
    printed_by TEXT NOT NULL,
    printed_at TEXT NOT NULL
  )${strict};
  CREATE INDEX invitation_letters_by_expected ON invitation_letters(expected_id, printed_at);
  CREATE TABLE invitation_rule_notices (
    invitation_id TEXT PRIMARY KEY,
    policy_version_id TEXT NOT NULL,
    policy_version ${int} NOT NULL,
    policy_language TEXT NOT NULL,
    policy_text_hash TEXT NOT NULL,
    message_id TEXT,
    queued_at TEXT NOT NULL
  )${strict};`;
const EXPIRY_DDL = `CREATE TABLE notify_expiry (exemption_id TEXT NOT NULL, valid_to TEXT NOT NULL, queued_at TEXT NOT NULL, PRIMARY KEY (exemption_id, valid_to))`;

/** A hub migration is versioned once for both engines: `up` for SQLite, `pg` the PostgreSQL
 *  DDL for exactly the same step, run with search_path set to the school's schema (so names
 *  are unqualified). Types: INTEGER -> BIGINT (SQLite integers are 64-bit), a rowid alias the
 *  database assigns -> identity, json_valid -> is_json (core/office/store/pgJson.ts: PostgreSQL 15
 *  has no IS JSON), RAISE(ABORT) triggers -> plpgsql
 *  functions raising the same message. tests/integration/office-schema-postgres.test.ts
 *  compares the two after every version. */
export type { HubMigration } from '../store/migrate.js';
import type { HubMigration } from '../store/migrate.js';

export const HUB_MIGRATIONS: readonly HubMigration[] = [
  {
    version: 10,
    name: 'staff accounts, sessions, hash-chained audit log',
    up: (db) =>
      db.exec(`
        CREATE TABLE site_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        CREATE TABLE staff (
          id TEXT PRIMARY KEY,
          username TEXT NOT NULL UNIQUE,
          display_name TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('office', 'dsl', 'head', 'admin')),
          password_hash TEXT NOT NULL,          -- scrypt, parameters stored with the hash
          failed_logins INTEGER NOT NULL DEFAULT 0,
          locked_until TEXT,
          active INTEGER NOT NULL DEFAULT 1,
          created_at TEXT NOT NULL,
          created_by TEXT NOT NULL
        ) STRICT;
        CREATE TABLE sessions (
          token_hash TEXT PRIMARY KEY,          -- sha-256 of the cookie value: a stolen file holds no live session
          staff_id TEXT NOT NULL REFERENCES staff(id),
          csrf_token TEXT NOT NULL,
          created_at TEXT NOT NULL,
          last_seen_at TEXT NOT NULL,
          expires_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX sessions_by_staff ON sessions(staff_id);
        -- Every staff action and every sync applied. hash = sha256(prev_hash || canonical row):
        -- core/office/audit.ts verify() finds any edited, deleted or reordered row.
        CREATE TABLE audit_log (
          seq INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          target TEXT NOT NULL,
          detail TEXT NOT NULL CHECK (json_valid(detail)),
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL
        ) STRICT;
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      `),
    pg: `
      ${IS_JSON_FUNCTION_PG}
      CREATE TABLE site_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('office', 'dsl', 'head', 'admin')),
        password_hash TEXT NOT NULL,
        failed_logins BIGINT NOT NULL DEFAULT 0,
        locked_until TEXT,
        active BIGINT NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        staff_id TEXT NOT NULL REFERENCES staff(id),
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sessions_by_staff ON sessions(staff_id);
      -- seq is always given by core/office/audit.ts (it is part of the hash): no identity.
      CREATE TABLE audit_log (
        seq BIGINT PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT NOT NULL CHECK (is_json(detail)),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE FUNCTION audit_log_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_no_update();
    `,
  },
  {
    version: 20,
    name: 'kiosks, pairing codes, sync nonces, received visit events and their projection',
    up: (db) =>
      db.exec(`
        CREATE TABLE kiosks (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          public_key TEXT NOT NULL,             -- Ed25519 SPKI DER, base64: the hub holds no kiosk secret
          paired_at TEXT NOT NULL,
          paired_by TEXT NOT NULL,
          revoked_at TEXT,
          revoked_by TEXT,
          last_seen_at TEXT,
          last_push_at TEXT,
          last_pull_at TEXT,
          pull_cursor INTEGER,
          clock_offset_ms INTEGER
        ) STRICT;
        CREATE TABLE pairing_codes (
          code_hash TEXT PRIMARY KEY,
          kiosk_name TEXT NOT NULL,
          created_by TEXT NOT NULL,
          created_at TEXT NOT NULL,
          expires_at TEXT NOT NULL,
          used_at TEXT,
          used_by_kiosk TEXT
        ) STRICT;
        CREATE TABLE sync_nonces (
          kiosk_id TEXT NOT NULL,
          nonce TEXT NOT NULL,
          expires_at TEXT NOT NULL,
          PRIMARY KEY (kiosk_id, nonce)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX sync_nonces_expiry ON sync_nonces(expires_at);

        -- Kiosk events exactly as pushed; the id makes a retried push a no-op.
        CREATE TABLE hub_events (
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          kiosk_id TEXT NOT NULL,
          kiosk_seq INTEGER NOT NULL,
          visit_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          at TEXT NOT NULL,
          body TEXT NOT NULL CHECK (json_valid(body)),
          received_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX hub_events_by_visit ON hub_events(visit_id, kiosk_seq);
        CREATE TRIGGER hub_events_no_update BEFORE UPDATE ON hub_events
          BEGIN SELECT RAISE(ABORT, 'hub_events is append-only'); END;

        -- Derived from hub_events (core/office/visits.ts is its only writer), folded per visit
        -- in kiosk order, so events that arrive out of order still give the right row.
        CREATE TABLE visits (
          id TEXT PRIMARY KEY,
          kiosk_id TEXT NOT NULL,
          last_kiosk_seq INTEGER NOT NULL,
          badge_code TEXT NOT NULL,
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
          policy_version INTEGER,
          policy_version_id TEXT,
          policy_text_hash TEXT,
          acknowledged_at TEXT,
          phone_custody TEXT CHECK (phone_custody IS NULL OR json_valid(phone_custody)),
          phone_kind TEXT,
          locker_id TEXT,
          device_request_id TEXT,
          exemption_id TEXT,
          phone_in_at TEXT,
          phone_out_at TEXT,
          departed_at TEXT,
          departed_by TEXT
        ) STRICT;
        CREATE INDEX visits_on_site ON visits(arrived_at) WHERE departed_at IS NULL;
        CREATE INDEX visits_phone_held ON visits(locker_id) WHERE locker_id IS NOT NULL AND phone_out_at IS NULL;
        CREATE INDEX visits_reception_held ON visits(phone_in_at) WHERE phone_kind = 'reception' AND phone_out_at IS NULL;
        CREATE INDEX visits_by_name ON visits(name_key, arrived_at);
        CREATE INDEX visits_by_arrival ON visits(arrived_at);
        CREATE INDEX visits_by_exemption ON visits(exemption_id) WHERE exemption_id IS NOT NULL;
      `),
    pg: `
      CREATE TABLE kiosks (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        public_key TEXT NOT NULL,
        paired_at TEXT NOT NULL,
        paired_by TEXT NOT NULL,
        revoked_at TEXT,
        revoked_by TEXT,
        last_seen_at TEXT,
        last_push_at TEXT,
        last_pull_at TEXT,
        pull_cursor BIGINT,
        clock_offset_ms BIGINT
      );
      CREATE TABLE pairing_codes (
        code_hash TEXT PRIMARY KEY,
        kiosk_name TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        used_by_kiosk TEXT
      );
      CREATE TABLE sync_nonces (
        kiosk_id TEXT NOT NULL,
        nonce TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        PRIMARY KEY (kiosk_id, nonce)
      );
      CREATE INDEX sync_nonces_expiry ON sync_nonces(expires_at);

      -- seq is assigned on ingest; a rectification re-inserts a row with its old seq, which
      -- the identity handed out before, so the two never collide.
      CREATE TABLE hub_events (
        seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kiosk_id TEXT NOT NULL,
        kiosk_seq BIGINT NOT NULL,
        visit_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        body TEXT NOT NULL CHECK (is_json(body)),
        received_at TEXT NOT NULL
      );
      CREATE INDEX hub_events_by_visit ON hub_events(visit_id, kiosk_seq);
      CREATE FUNCTION hub_events_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'hub_events is append-only'; END $$;
      CREATE TRIGGER hub_events_no_update BEFORE UPDATE ON hub_events
        FOR EACH ROW EXECUTE FUNCTION hub_events_no_update();

      CREATE TABLE visits (
        id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        last_kiosk_seq BIGINT NOT NULL,
        badge_code TEXT NOT NULL,
        badge_number BIGINT NOT NULL,
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
        id_check_required BIGINT NOT NULL,
        needs_evac_help BIGINT NOT NULL,
        arrived_at TEXT NOT NULL,
        policy_version BIGINT,
        policy_version_id TEXT,
        policy_text_hash TEXT,
        acknowledged_at TEXT,
        phone_custody TEXT CHECK (phone_custody IS NULL OR is_json(phone_custody)),
        phone_kind TEXT,
        locker_id TEXT,
        device_request_id TEXT,
        exemption_id TEXT,
        phone_in_at TEXT,
        phone_out_at TEXT,
        departed_at TEXT,
        departed_by TEXT
      );
      CREATE INDEX visits_on_site ON visits(arrived_at) WHERE departed_at IS NULL;
      CREATE INDEX visits_phone_held ON visits(locker_id) WHERE locker_id IS NOT NULL AND phone_out_at IS NULL;
      CREATE INDEX visits_reception_held ON visits(phone_in_at) WHERE phone_kind = 'reception' AND phone_out_at IS NULL;
      CREATE INDEX visits_by_name ON visits(name_key, arrived_at);
      CREATE INDEX visits_by_arrival ON visits(arrived_at);
      CREATE INDEX visits_by_exemption ON visits(exemption_id) WHERE exemption_id IS NOT NULL;
    `,
  },
  {
    version: 30,
    name: 'reference data the office owns, and the change feed kiosks pull',
    up: (db) =>
      db.exec(`
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
        CREATE TABLE lockers (id TEXT PRIMARY KEY, label TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('locker', 'pouch')), sort INTEGER NOT NULL, active INTEGER NOT NULL DEFAULT 1) STRICT;
        CREATE TABLE locations (id TEXT PRIMARY KEY, name TEXT NOT NULL, sort INTEGER NOT NULL, active INTEGER NOT NULL DEFAULT 1) STRICT;
        CREATE TABLE hosts (id TEXT PRIMARY KEY, name TEXT NOT NULL, sort INTEGER NOT NULL, active INTEGER NOT NULL DEFAULT 1) STRICT;
        CREATE TABLE expected_visitors (
          id TEXT PRIMARY KEY,
          full_name TEXT NOT NULL,
          name_key TEXT NOT NULL,
          organisation TEXT NOT NULL,
          category TEXT NOT NULL,
          host_id TEXT NOT NULL REFERENCES hosts(id),
          expected_on TEXT NOT NULL,
          note TEXT NOT NULL,
          cancelled INTEGER NOT NULL DEFAULT 0,
          created_by TEXT NOT NULL,
          created_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX expected_by_day ON expected_visitors(expected_on);

        -- The pull feed: every change to reference data appends its new state (null body =
        -- deleted). Kiosks apply rows after their cursor; the sequence never goes back.
        CREATE TABLE ref_changes (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          entity TEXT NOT NULL,
          key TEXT NOT NULL,
          body TEXT CHECK (body IS NULL OR json_valid(body)),
          at TEXT NOT NULL
        ) STRICT;
      `),
    pg: `
      CREATE TABLE policy_versions (
        id TEXT PRIMARY KEY,
        version BIGINT NOT NULL UNIQUE,
        published_at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('default', 'site', 'office'))
      );
      CREATE TABLE policy_texts (
        version_id TEXT NOT NULL REFERENCES policy_versions(id),
        language TEXT NOT NULL,
        title TEXT NOT NULL,
        points TEXT NOT NULL CHECK (is_json(points)),
        text_hash TEXT NOT NULL,
        PRIMARY KEY (version_id, language)
      );
      CREATE TABLE lockers (id TEXT PRIMARY KEY, label TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('locker', 'pouch')), sort BIGINT NOT NULL, active BIGINT NOT NULL DEFAULT 1);
      CREATE TABLE locations (id TEXT PRIMARY KEY, name TEXT NOT NULL, sort BIGINT NOT NULL, active BIGINT NOT NULL DEFAULT 1);
      CREATE TABLE hosts (id TEXT PRIMARY KEY, name TEXT NOT NULL, sort BIGINT NOT NULL, active BIGINT NOT NULL DEFAULT 1);
      CREATE TABLE expected_visitors (
        id TEXT PRIMARY KEY,
        full_name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        organisation TEXT NOT NULL,
        category TEXT NOT NULL,
        host_id TEXT NOT NULL REFERENCES hosts(id),
        expected_on TEXT NOT NULL,
        note TEXT NOT NULL,
        cancelled BIGINT NOT NULL DEFAULT 0,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX expected_by_day ON expected_visitors(expected_on);

      -- AUTOINCREMENT: a sequence number is never handed out twice, as with an identity.
      CREATE TABLE ref_changes (
        seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        entity TEXT NOT NULL,
        key TEXT NOT NULL,
        body TEXT CHECK (body IS NULL OR is_json(body)),
        at TEXT NOT NULL
      );
    `,
  },
  {
    version: 40,
    name: 'device-use exemptions register and breach/concern log',
    up: (db) =>
      db.exec(`
        CREATE TABLE exemptions (
          id TEXT PRIMARY KEY,
          status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'refused', 'revoked')),
          source TEXT NOT NULL CHECK (source IN ('kiosk', 'staff')),
          visit_id TEXT,
          request_id TEXT UNIQUE,               -- the kiosk's request id: a re-pushed request is one row
          full_name TEXT NOT NULL,
          name_key TEXT NOT NULL,
          organisation TEXT NOT NULL,
          agency_role TEXT NOT NULL,
          purpose TEXT NOT NULL,
          devices TEXT NOT NULL,
          location_ids TEXT NOT NULL CHECK (json_valid(location_ids)),
          requested_window TEXT NOT NULL,
          valid_from TEXT,
          valid_to TEXT,
          daily_from TEXT,
          daily_to TEXT,
          recurrence TEXT NOT NULL CHECK (json_valid(recurrence)),
          conditions TEXT NOT NULL,
          risk_assessment TEXT CHECK (risk_assessment IS NULL OR json_valid(risk_assessment)),
          created_by TEXT NOT NULL,
          created_at TEXT NOT NULL,
          decided_by TEXT,
          decided_at TEXT,
          decision_reason TEXT,
          revoked_by TEXT,
          revoked_at TEXT,
          revoke_reason TEXT
        ) STRICT;
        CREATE INDEX exemptions_by_status ON exemptions(status, created_at);
        CREATE INDEX exemptions_by_name ON exemptions(name_key);

        CREATE TABLE breaches (
          id TEXT PRIMARY KEY,
          visit_id TEXT,
          person TEXT NOT NULL,
          location TEXT NOT NULL,
          what TEXT NOT NULL,
          action_taken TEXT NOT NULL,
          logged_by TEXT NOT NULL,
          logged_at TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
          seen_by_dsl_at TEXT,
          closed_by TEXT,
          closed_at TEXT,
          outcome TEXT
        ) STRICT;
        CREATE INDEX breaches_by_status ON breaches(status, logged_at);
      `),
    pg: `
      CREATE TABLE exemptions (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'refused', 'revoked')),
        source TEXT NOT NULL CHECK (source IN ('kiosk', 'staff')),
        visit_id TEXT,
        request_id TEXT UNIQUE,
        full_name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        organisation TEXT NOT NULL,
        agency_role TEXT NOT NULL,
        purpose TEXT NOT NULL,
        devices TEXT NOT NULL,
        location_ids TEXT NOT NULL CHECK (is_json(location_ids)),
        requested_window TEXT NOT NULL,
        valid_from TEXT,
        valid_to TEXT,
        daily_from TEXT,
        daily_to TEXT,
        recurrence TEXT NOT NULL CHECK (is_json(recurrence)),
        conditions TEXT NOT NULL,
        risk_assessment TEXT CHECK (risk_assessment IS NULL OR is_json(risk_assessment)),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        decided_by TEXT,
        decided_at TEXT,
        decision_reason TEXT,
        revoked_by TEXT,
        revoked_at TEXT,
        revoke_reason TEXT
      );
      CREATE INDEX exemptions_by_status ON exemptions(status, created_at);
      CREATE INDEX exemptions_by_name ON exemptions(name_key);

      CREATE TABLE breaches (
        id TEXT PRIMARY KEY,
        visit_id TEXT,
        person TEXT NOT NULL,
        location TEXT NOT NULL,
        what TEXT NOT NULL,
        action_taken TEXT NOT NULL,
        logged_by TEXT NOT NULL,
        logged_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        seen_by_dsl_at TEXT,
        closed_by TEXT,
        closed_at TEXT,
        outcome TEXT
      );
      CREATE INDEX breaches_by_status ON breaches(status, logged_at);
    `,
  },
  {
    version: 45,
    name: 'fire roll call across kiosks: roll calls started in the console, latest mark of each visit',
    up: (db) =>
      db.exec(`
        CREATE TABLE roll_calls (
          id TEXT PRIMARY KEY,
          started_at TEXT NOT NULL,
          started_by TEXT NOT NULL,
          ended_at TEXT,
          ended_by TEXT
        ) STRICT;
        -- Marks made at a kiosk arrive as events (folded into visits.roll_call_*); marks made in
        -- the console are office facts and live here. The roll call shows the later of the two.
        ALTER TABLE visits ADD COLUMN roll_call_status TEXT CHECK (roll_call_status IN ('safe', 'missing'));
        ALTER TABLE visits ADD COLUMN roll_call_by TEXT;
        ALTER TABLE visits ADD COLUMN roll_call_at TEXT;
        CREATE TABLE roll_call_marks (
          roll_call_id TEXT NOT NULL REFERENCES roll_calls(id),
          visit_id TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('safe', 'missing')),
          marked_by TEXT NOT NULL,
          marked_at TEXT NOT NULL,
          PRIMARY KEY (roll_call_id, visit_id)
        ) STRICT, WITHOUT ROWID;
        -- The console asks "was a sign-out already sent for this visit?" (end of day).
        CREATE INDEX ref_changes_by_key ON ref_changes(entity, key);
      `),
    pg: `
      CREATE TABLE roll_calls (
        id TEXT PRIMARY KEY,
        started_at TEXT NOT NULL,
        started_by TEXT NOT NULL,
        ended_at TEXT,
        ended_by TEXT
      );
      ALTER TABLE visits ADD COLUMN roll_call_status TEXT CHECK (roll_call_status IN ('safe', 'missing'));
      ALTER TABLE visits ADD COLUMN roll_call_by TEXT;
      ALTER TABLE visits ADD COLUMN roll_call_at TEXT;
      CREATE TABLE roll_call_marks (
        roll_call_id TEXT NOT NULL REFERENCES roll_calls(id),
        visit_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('safe', 'missing')),
        marked_by TEXT NOT NULL,
        marked_at TEXT NOT NULL,
        PRIMARY KEY (roll_call_id, visit_id)
      );
      CREATE INDEX ref_changes_by_key ON ref_changes(entity, key);
    `,
  },
  {
    version: 50,
    name: 'privacy notice versions the office publishes to kiosks (the kiosk\'s shapes)',
    up: privacySchema,
    pg: PRIVACY_SCHEMA_PG,
  },
  {
    version: 60,
    name: 'pairing proves the code without sending it (its slow-hash key), and "replace this kiosk" codes',
    up: (db) =>
      db.exec(`
        -- code_hash now holds the code id (core/sync/pairProof.ts codeId); codes made before this
        -- version have no key and can no longer be used (they lived 15 minutes anyway).
        ALTER TABLE pairing_codes ADD COLUMN proof_key TEXT;
        -- Set for a code made by "Replace this kiosk": only that kiosk id may use it, with a new key.
        ALTER TABLE pairing_codes ADD COLUMN replaces_kiosk TEXT;
      `),
    pg: `
      ALTER TABLE pairing_codes ADD COLUMN proof_key TEXT;
      ALTER TABLE pairing_codes ADD COLUMN replaces_kiosk TEXT;
    `,
  },
  {
    version: 70,
    name: "reception desk: kiosks' badge letters, their printer status, print requests from the console",
    up: receptionDeskHubSchema,
    pg: RECEPTION_DESK_HUB_SCHEMA_PG,
  },
  {
    version: 80,
    name: 'sync safety: each visit belongs to the kiosk that first sent it; events a kiosk quarantined',
    up: (db) =>
      db.exec(`
        -- A visit's events come from one kiosk only: the one that sent its first event
        -- (ingestEvents records it here before storing a batch). The trigger makes this a
        -- property of the table, not only of the push handler: an event row whose kiosk is not
        -- its visit's owner cannot be inserted however it is written.
        CREATE TABLE visit_owners (
          visit_id TEXT PRIMARY KEY,
          kiosk_id TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
        INSERT OR IGNORE INTO visit_owners (visit_id, kiosk_id) SELECT visit_id, kiosk_id FROM hub_events ORDER BY seq;
        CREATE TRIGGER hub_events_one_owner BEFORE INSERT ON hub_events
          WHEN NOT EXISTS (SELECT 1 FROM visit_owners WHERE visit_id = NEW.visit_id AND kiosk_id = NEW.kiosk_id)
          BEGIN SELECT RAISE(ABORT, 'visit owned by another kiosk (or by none)'); END;
        CREATE TRIGGER visit_owners_fixed BEFORE UPDATE ON visit_owners
          BEGIN SELECT RAISE(ABORT, 'a visit keeps its owner'); END;

        -- Events a kiosk set aside because the hub refused them alone (a "poison" event): the
        -- kiosk keeps them; the console shows them so someone can look.
        CREATE TABLE sync_quarantine (
          kiosk_id TEXT NOT NULL,
          event_id TEXT NOT NULL,
          visit_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          reason TEXT NOT NULL,
          quarantined_at TEXT NOT NULL,
          reported_at TEXT NOT NULL,
          PRIMARY KEY (kiosk_id, event_id)
        ) STRICT, WITHOUT ROWID;
      `),
    pg: `
      CREATE TABLE visit_owners (
        visit_id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL
      );
      -- The kiosk of each visit's first event owns it (SQLite: INSERT OR IGNORE in seq order).
      INSERT INTO visit_owners (visit_id, kiosk_id)
        SELECT DISTINCT ON (visit_id) visit_id, kiosk_id FROM hub_events ORDER BY visit_id, seq
        ON CONFLICT (visit_id) DO NOTHING;
      -- A trigger's WHEN may not hold a subquery on PostgreSQL: the test is in the function.
      -- It reads this school's visit_owners whatever search_path the writer has (FROM CURRENT:
      -- the school's schema, set while this migration runs).
      CREATE FUNCTION hub_events_one_owner() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM visit_owners WHERE visit_id = NEW.visit_id AND kiosk_id = NEW.kiosk_id) THEN
            RAISE EXCEPTION 'visit owned by another kiosk (or by none)';
          END IF;
          RETURN NEW;
        END $$;
      CREATE TRIGGER hub_events_one_owner BEFORE INSERT ON hub_events
        FOR EACH ROW EXECUTE FUNCTION hub_events_one_owner();
      CREATE FUNCTION visit_owners_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'a visit keeps its owner'; END $$;
      CREATE TRIGGER visit_owners_fixed BEFORE UPDATE ON visit_owners
        FOR EACH ROW EXECUTE FUNCTION visit_owners_fixed();

      CREATE TABLE sync_quarantine (
        kiosk_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        visit_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        quarantined_at TEXT NOT NULL,
        reported_at TEXT NOT NULL,
        PRIMARY KEY (kiosk_id, event_id)
      );
    `,
  },
  {
    version: 90,
    name: 'personal kiosk PINs for staff (slow hashes, sent to kiosks) and how each kiosk\'s roll call opens',
    up: (db) =>
      db.exec(`
        CREATE TABLE staff_kiosk_pins (
          staff_id TEXT PRIMARY KEY REFERENCES staff(id),
          hash TEXT NOT NULL, -- JSON: {algo:'scrypt', N, r, p, salt, hash}; never the PIN
          set_at TEXT NOT NULL,
          set_by TEXT NOT NULL
        ) STRICT;
        -- What each kiosk last said about its roll call (NULL: an older kiosk that does not say).
        ALTER TABLE kiosks ADD COLUMN rollcall_local_pin INTEGER;
        ALTER TABLE kiosks ADD COLUMN rollcall_personal_pins INTEGER;
        ALTER TABLE kiosks ADD COLUMN rollcall_reported_at TEXT;
      `),
    pg: `
      CREATE TABLE staff_kiosk_pins (
        staff_id TEXT PRIMARY KEY REFERENCES staff(id),
        hash TEXT NOT NULL,
        set_at TEXT NOT NULL,
        set_by TEXT NOT NULL
      );
      ALTER TABLE kiosks ADD COLUMN rollcall_local_pin BIGINT;
      ALTER TABLE kiosks ADD COLUMN rollcall_personal_pins BIGINT;
      ALTER TABLE kiosks ADD COLUMN rollcall_reported_at TEXT;
    `,
  },
  {
    version: 100,
    name: 'staff choose their own password: one an administrator set must be changed at the next sign-in',
    up: (db) => db.exec('ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));'),
    pg: 'ALTER TABLE staff ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));',
  },
  {
    version: 110,
    name: 'job slots: scheduled hub work runs once across processes',
    up: (db) => db.exec(`${JOB_RUNS_DDL} STRICT, WITHOUT ROWID;`),
    pg: `${JOB_RUNS_DDL};`,
  },
  {
    version: 115,
    name: 'PostgreSQL: JSON checks without a subtransaction per row',
    // SQLite: nothing to do (json_valid costs next to nothing).
    up: () => {},
    // is_json's EXCEPTION block opens a subtransaction for every row it checks: a 10,000-event
    // catch-up paid for 10,000 of them. PostgreSQL 16+ has `IS JSON`, the same test without
    // one; PostgreSQL 15 keeps the PL/pgSQL function (core/office/store/pgJson.ts).
    pg: `
      DO $do$ BEGIN
        IF current_setting('server_version_num')::int >= 160000 THEN
          EXECUTE 'CREATE OR REPLACE FUNCTION is_json(doc text) RETURNS boolean LANGUAGE sql IMMUTABLE RETURNS NULL ON NULL INPUT AS $f$ SELECT doc IS JSON $f$';
        END IF;
      END $do$;
    `,
  },
  {
    version: 120,
    name: 'notifications: the outbox, staff and host addresses, urgent concerns reminded until a DSL opens them',
    up: (db) =>
      db.exec(`${NOTIFY_DDL('INTEGER')} STRICT; ${NOTIFY_INDEX} ${NOTIFY_CONTACTS_DDL} STRICT; ${NOTIFY_URGENT_DDL} STRICT;`),
    pg: `${NOTIFY_DDL('BIGINT')}; ${NOTIFY_INDEX} ${NOTIFY_CONTACTS_DDL}; ${NOTIFY_URGENT_DDL};`,
  },
  {
    version: 130,
    name: 'the rest of the policy: places where devices are never used, the DSL directory, the signage register',
    up: (db) =>
      db.exec(`
        CREATE TABLE never_places (id TEXT PRIMARY KEY, name TEXT NOT NULL, sort INTEGER NOT NULL, active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))) STRICT;
        CREATE TABLE dsls (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('dsl', 'deputy')),
          contact TEXT NOT NULL,
          sort INTEGER NOT NULL,
          active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
        ) STRICT;
        -- Where each poster hangs and what it shows (content_hash: everything on it but the
        -- wording, so a changed place or DSL flags it as well as a new policy version).
        CREATE TABLE signage_posters (
          id TEXT PRIMARY KEY,
          place TEXT NOT NULL,
          size TEXT NOT NULL CHECK (size IN ('A4', 'A3')),
          language TEXT NOT NULL,
          second_language TEXT,
          policy_version INTEGER NOT NULL,
          policy_version_id TEXT NOT NULL,
          hash_prefix TEXT NOT NULL,
          content_hash TEXT NOT NULL,
          hung_at TEXT NOT NULL,
          hung_by TEXT NOT NULL,
          taken_down_at TEXT,
          taken_down_by TEXT
        ) STRICT;
        CREATE INDEX signage_posters_up ON signage_posters(taken_down_at, hung_at);
      `),
    pg: `
      CREATE TABLE never_places (id TEXT PRIMARY KEY, name TEXT NOT NULL, sort BIGINT NOT NULL, active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)));
      CREATE TABLE dsls (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('dsl', 'deputy')),
        contact TEXT NOT NULL,
        sort BIGINT NOT NULL,
        active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
      );
      CREATE TABLE signage_posters (
        id TEXT PRIMARY KEY,
        place TEXT NOT NULL,
        size TEXT NOT NULL CHECK (size IN ('A4', 'A3')),
        language TEXT NOT NULL,
        second_language TEXT,
        policy_version BIGINT NOT NULL,
        policy_version_id TEXT NOT NULL,
        hash_prefix TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        hung_at TEXT NOT NULL,
        hung_by TEXT NOT NULL,
        taken_down_at TEXT,
        taken_down_by TEXT
      );
      CREATE INDEX signage_posters_up ON signage_posters(taken_down_at, hung_at);
    `,
  },
  {
    version: 140,
    name: 'concerns that lead somewhere: kind, severity, policy point, referrals, lessons learnt, policy drafts; evidence view indexes',
    up: (db) =>
      db.exec(`
        ${CONCERNS_COLUMNS}
        ALTER TABLE breaches ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1));
        ${CONCERNS_TABLES.replace(/;/g, ' STRICT;')}
        ${CONCERNS_INDEXES}
      `),
    pg: `
      ${CONCERNS_COLUMNS}
      ALTER TABLE breaches ADD COLUMN urgent BIGINT NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1));
      ${CONCERNS_TABLES.replace('INTEGER', 'BIGINT')}
      ${CONCERNS_INDEXES}
    `,
  },
  {
    version: 150,
    name: 'regular visitors: the register, recorded assurance (no certificate numbers), the acceptable-use agreement and personal cards',
    up: (db) => db.exec(REGULARS_SCHEMA_SQLITE),
    pg: REGULARS_SCHEMA_PG,
  },
  {
    version: 160,
    name: "admission: reception's ID checks, approvals bound to a category, expected visitors arrived, the restricted list; notes out of the feed",
    up: (db) => db.exec(ADMISSION_HUB_SCHEMA),
    pg: ADMISSION_HUB_SCHEMA_PG,
  },
  {
    version: 170,
    name: 'before the visit: invitations with the policy version sent, sign-in codes, pre-visit device requests, expiry reminders',
    up: (db) =>
      db.exec(`ALTER TABLE expected_visitors ADD COLUMN signin_code TEXT; ${INVITE_DDL('INTEGER')} STRICT; ${INVITE_INDEX} ${PREVISIT_DDL} STRICT; ${EXPIRY_DDL} STRICT;`),
    pg: `ALTER TABLE expected_visitors ADD COLUMN signin_code TEXT; ${INVITE_DDL('BIGINT')}; ${INVITE_INDEX} ${PREVISIT_DDL}; ${EXPIRY_DDL};`,
  },
  {
    version: 175,
    name: 'PostgreSQL: a push checks event ownership once per statement',
    // SQLite: nothing to do (its per-row trigger costs next to nothing).
    up: () => {},
    // The per-row PL/pgSQL owner check cost a 10,000-event catch-up a call and a look-up per
    // row. One look per INSERT through its transition table refuses the same rows with the same
    // message. Not the same in one case: an event id already stored, sent again by a kiosk that
    // does not own the visit, inserts nothing, so nothing is checked and nothing is refused
    // (SQLite refuses it). Either way no row of another kiosk's visit is ever stored.
    pg: `
      DROP TRIGGER hub_events_one_owner ON hub_events;
      DROP FUNCTION hub_events_one_owner();
      CREATE FUNCTION hub_events_one_owner() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM new_events n WHERE NOT EXISTS (SELECT 1 FROM visit_owners o WHERE o.visit_id = n.visit_id AND o.kiosk_id = n.kiosk_id)) THEN
            RAISE EXCEPTION 'visit owned by another kiosk (or by none)';
          END IF;
          RETURN NULL;
        END $$;
      CREATE TRIGGER hub_events_one_owner AFTER INSERT ON hub_events
        REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION hub_events_one_owner();
    `,
  },
  {
    version: 190,
    name: 'invitations: letters printed (with their policy version) and the "rules changed" email sent for an invitation',
    up: (db) => db.exec(RULES_CHANGED_DDL('INTEGER', ' STRICT')),
    pg: RULES_CHANGED_DDL('BIGINT', ''),
  },
];

export const HUB_SCHEMA_VERSION = HUB_MIGRATIONS[HUB_MIGRATIONS.length - 1]!.version;

export function migrateHub(db: Db, target = HUB_SCHEMA_VERSION): number {
  if (isPostgres(db)) return runMigrations(db, HUB_MIGRATIONS, target, 'office hub', POSTGRES_MIGRATIONS);
  return runMigrations(db, HUB_MIGRATIONS, target, 'office hub');
}
