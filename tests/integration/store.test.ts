// The SQLite store: migrations, connection settings, the append-only event log and the
// on-site index.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openDb } from '../../core/db/open.js';
import { DbFromFutureError, MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from '../../core/db/migrations.js';
import { currentPolicy } from '../../core/policy/policy.js';
import { createCore } from '../../core/dispatcher.js';
import { openKiosk } from '../../core/kiosk.js';
import { applySiteConfig } from '../../core/site/config.js';
import { ON_SITE_SQL } from '../../core/visits/queries.js';
import { disposeKiosk } from '../support/fixtures.js';
import { signInInput, tempDir, tempKiosk } from '../support/tempKiosk.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = tempDir();
  file = path.join(dir, DB_FILE_NAME);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const tables = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
const ALL_TABLES = ['agreement_versions', 'dsls', 'exemptions', 'expected_visitors', 'hosts', 'id_checks', 'locations', 'lockers', 'never_places', 'outbox', 'pending_erasures', 'policy_texts', 'policy_versions', 'print_jobs', 'print_requests', 'privacy_texts', 'privacy_versions', 'purge_log', 'regular_visits', 'regulars', 'restricted_keys', 'retention_holds', 'retention_purge_running', 'roll_calls', 'rollcall_pdf_erasures', 'site_settings', 'staff_pins', 'sync_quarantine', 'sync_state', 'visit_events', 'visits'];

describe('schema migrations', () => {
  it('are numbered in increasing steps, and the latest is the schema version', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    expect(SCHEMA_VERSION).toBe(versions[versions.length - 1]);
  });

  it('take an empty database to the latest version', () => {
    const db = openDb(file, { migrate: false });
    try {
      expect(schemaVersion(db)).toBe(0);
      expect(tables(db)).toEqual([]);
      expect(migrate(db)).toBe(SCHEMA_VERSION);
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(tables(db)).toEqual(ALL_TABLES);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(migrate(db)).toBe(SCHEMA_VERSION); // a second run has nothing to do
    } finally {
      db.close();
    }
  });

  it('take the first schema (version 10) with its reference data to the latest, keeping the data', () => {
    const previous = MIGRATIONS[0]!.version;
    expect(previous).toBe(10);
    const db = openDb(file, { migrate: false });
    migrate(db, previous);
    expect(schemaVersion(db)).toBe(previous);
    expect(tables(db)).not.toContain('visits');
    applySiteConfig(
      db,
      {
        siteName: 'Old Site',
        hosts: [{ id: 'h1', name: 'Mrs Head' }],
        lockers: [{ id: 'X1', label: 'Box 1', kind: 'pouch' }],
        policy: { language: 'en', title: 'Old rules', points: ['Phones away.'] },
      },
      new Date('2025-09-01T08:00:00Z'),
    );
    const seeded = {
      settings: db.prepare('SELECT * FROM site_settings ORDER BY key').all(),
      hosts: db.prepare('SELECT * FROM hosts ORDER BY id').all(),
      lockers: db.prepare('SELECT * FROM lockers ORDER BY id').all(),
      policy: db.prepare('SELECT * FROM policy_versions').all(),
      texts: db.prepare('SELECT * FROM policy_texts').all(),
    };
    db.close();

    const k = openKiosk({ dataDir: dir, log: () => {} });
    try {
      expect(schemaVersion(k.db)).toBe(SCHEMA_VERSION);
      expect(k.db.prepare('SELECT * FROM site_settings ORDER BY key').all()).toEqual(seeded.settings);
      expect(k.db.prepare('SELECT * FROM hosts ORDER BY id').all()).toEqual(seeded.hosts);
      expect(k.db.prepare('SELECT * FROM lockers ORDER BY id').all()).toEqual(seeded.lockers);
      expect(k.db.prepare('SELECT * FROM policy_versions').all()).toEqual(seeded.policy);
      expect(k.db.prepare('SELECT * FROM policy_texts').all()).toEqual(seeded.texts);
      const r = k.core.run('visit.signIn', signInInput(k, { phone: { choice: 'locker', lockerId: 'X1' } }));
      expect(r).toMatchObject({ hostName: 'Mrs Head', phone: { lockerLabel: 'Box 1' } });
    } finally {
      k.close();
    }
  });

  it('refuse a database from a newer app version with DbFromFutureError, leaving it untouched', () => {
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 10}`);
    raw.exec('CREATE TABLE from_the_future (x INTEGER)');
    raw.close();

    expect(() => openDb(file)).toThrow(DbFromFutureError);
    let err: unknown;
    try {
      openKiosk({ dataDir: dir, log: () => {} });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DbFromFutureError);
    expect((err as Error).message).toMatch(new RegExp(`version ${SCHEMA_VERSION + 10}.*newer.*\\(${SCHEMA_VERSION}\\)`));

    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 10);
    expect(tables(check)).toEqual(['from_the_future']);
    check.close();
  });

  it('refuse a database at a version this app never made', () => {
    const raw = new Database(file);
    raw.pragma('user_version = 15');
    raw.close();
    expect(() => openDb(file)).toThrow(/Unknown schema version 15/);
  });

  it('run in one transaction: a failing migration leaves the version and the schema as they were', () => {
    // A damaged pre-state: version 0, but a table that migration 20 wants to create already exists.
    const raw = new Database(file);
    raw.exec('CREATE TABLE visits (junk TEXT)');
    raw.close();

    const db = openDb(file, { migrate: false });
    try {
      expect(() => migrate(db)).toThrow(/visits already exists/);
      expect(schemaVersion(db)).toBe(0);
      // Migration 10 ran before 20 failed, and was rolled back with it.
      expect(tables(db)).toEqual(['visits']);
      expect(db.inTransaction).toBe(false);
    } finally {
      db.close();
    }
  });

  it('take the previous schema with visits on site to the latest, keeping every visit and event', () => {
    const previous = MIGRATIONS[MIGRATIONS.length - 2]!.version;
    expect(previous).toBeGreaterThanOrEqual(50); // one that has the roll-call columns the sign-in below writes
    const db = openDb(file, { migrate: false });
    migrate(db, previous);
    applySiteConfig(db, {}, new Date('2026-03-02T08:00:00Z'));
    const core = createCore({ db, now: () => new Date('2026-03-02T08:10:00Z'), log: () => {} });
    // Not kiosk.bootstrap: it also reads the privacy notice, which has no table before schema 70.
    const boot = { hosts: db.prepare('SELECT id FROM hosts WHERE active = 1 ORDER BY sort').all() as { id: string }[], policy: currentPolicy(db, 'en') };
    const input = {
      category: 'visitor' as const,
      hostId: boot.hosts[0]!.id,
      purpose: 'Before the upgrade',
      language: 'en' as const,
      policy: { versionId: boot.policy.versionId, textHash: boot.policy.textHash },
    };
    const a = core.run('visit.signIn', { ...input, fullName: 'Early Visitor', phone: { choice: 'locker', lockerId: 'L2' } });
    core.run('visit.signIn', { ...input, fullName: 'Second Visitor', phone: { choice: 'none' } });
    const before = { events: db.prepare('SELECT * FROM visit_events ORDER BY seq').all(), visits: db.prepare('SELECT * FROM visits ORDER BY id').all() };
    db.close();

    const k = openKiosk({ dataDir: dir, log: () => {} });
    try {
      expect(schemaVersion(k.db)).toBe(SCHEMA_VERSION);
      expect(k.db.prepare('SELECT * FROM visit_events ORDER BY seq').all()).toEqual(before.events);
      // Columns added by the upgrade take their defaults; every column that was there is unchanged.
      expect(k.db.prepare('SELECT * FROM visits ORDER BY id').all()).toEqual(before.visits.map((v) => expect.objectContaining(v)));
      expect(tables(k.db)).toContain('print_jobs');
      // and the upgraded kiosk carries on: the early visitor signs out and frees the locker
      k.core.run('visit.signOut', { visitId: a.visitId, phoneCollected: true });
      expect(k.core.run('visit.onSite', {}).visits.map((v) => v.fullName)).toEqual(['Second Visitor']);
    } finally {
      k.close();
    }
  });

  it('run in one transaction from version 10 as well', () => {
    const db = openDb(file, { migrate: false });
    migrate(db, 10);
    db.exec('CREATE TABLE outbox (junk TEXT)');
    expect(() => migrate(db)).toThrow(/outbox already exists/);
    expect(schemaVersion(db)).toBe(10);
    expect(tables(db)).not.toContain('visit_events'); // created by 20 before it failed, then rolled back
    db.close();
  });
});

describe('the database connection', () => {
  it('uses WAL, full sync, foreign keys and a busy timeout', () => {
    const k = tempKiosk();
    try {
      expect(k.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(k.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(k.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(k.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      disposeKiosk(k);
    }
  });

  it('takes the busy timeout from the kiosk options', () => {
    const k = tempKiosk({ busyTimeoutMs: 250 });
    try {
      expect(k.db.pragma('busy_timeout', { simple: true })).toBe(250);
    } finally {
      disposeKiosk(k);
    }
  });

  it('keeps the database in the kiosk data folder', () => {
    const k = tempKiosk({ dataDir: path.join(dir, 'nested', 'data') });
    expect(k.dbFile).toBe(path.join(dir, 'nested', 'data', DB_FILE_NAME));
    expect(fs.existsSync(k.dbFile)).toBe(true);
    k.close();
  });

  it('enforces foreign keys: a visit cannot point at a locker that does not exist', () => {
    const k = tempKiosk();
    try {
      const r = k.core.run('visit.signIn', signInInput(k));
      expect(() => k.db.prepare("UPDATE visits SET locker_id = 'nope' WHERE id = ?").run(r.visitId)).toThrow(/FOREIGN KEY/);
    } finally {
      disposeKiosk(k);
    }
  });
});

describe('the visit event log', () => {
  it('is append-only: UPDATE and DELETE are refused by the database', () => {
    const k = tempKiosk();
    try {
      const r = k.core.run('visit.signIn', signInInput(k));
      expect(() => k.db.prepare("UPDATE visit_events SET kind = 'departed' WHERE visit_id = ?").run(r.visitId)).toThrow(/append-only/);
      expect(() => k.db.prepare('DELETE FROM visit_events WHERE visit_id = ?').run(r.visitId)).toThrow(/append-only/);
      expect(() => k.db.prepare('DELETE FROM visit_events').run()).toThrow(/append-only/);
      expect(k.db.prepare('SELECT COUNT(*) FROM visit_events').pluck().get()).toBe(3);
    } finally {
      disposeKiosk(k);
    }
  });
});

describe('the on-site query', () => {
  it('reads the partial index visits_on_site, so its cost follows who is on site, not history', () => {
    const k = tempKiosk();
    try {
      for (let i = 0; i < 30; i++) {
        const r = k.core.run('visit.signIn', signInInput(k, { fullName: `Past Visitor ${i}` }));
        if (i % 5 !== 0) k.core.run('visit.signOut', { visitId: r.visitId, phoneCollected: false });
      }
      const plan = (db: Database.Database) => (db.prepare(`EXPLAIN QUERY PLAN ${ON_SITE_SQL}`).all() as { detail: string }[]).map((p) => p.detail);
      const before = plan(k.db);
      expect(before.find((d) => /^(SCAN|SEARCH) v\b/.test(d))).toMatch(/USING INDEX visits_on_site/);
      expect(before.join('\n')).not.toMatch(/USE TEMP B-TREE/);
      k.db.exec('ANALYZE');
      expect(plan(k.db).find((d) => /^(SCAN|SEARCH) v\b/.test(d))).toMatch(/USING INDEX visits_on_site/);
      expect(k.core.run('visit.onSite', {}).visits).toHaveLength(6);
    } finally {
      disposeKiosk(k);
    }
  });
});
