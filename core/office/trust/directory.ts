// A trust's directory: which schools one hub serves, and the trust's own staff (the central
// safeguarding and IT teams). It lives in the PostgreSQL schema "trust", beside one schema per
// school (core/office/store/open.ts schoolSchema). A hub on SQLite serves one school and has no
// directory: it is a trust of one, and its staff roles are that school's.
import type { Db } from '../../db/open.js';
import { runMigrations } from '../../db/migrations.js';
import { POSTGRES_MIGRATIONS, type HubMigration } from '../store/migrate.js';
import { PgDatabase } from '../store/pgDatabase.js';
import { pgConnection, schoolSchema, SCHOOL_SLUG } from '../store/open.js';

export const TRUST_SCHEMA = 'trust';

export type SchoolRow = { slug: string; name: string; created_at: string; created_by: string; status: 'active' | 'archived' };

/** The directory's own numbered steps (PostgreSQL only; `up` is never run). */
export const TRUST_MIGRATIONS: readonly HubMigration[] = [
  {
    version: 10,
    name: 'schools, trust staff and their sessions, the trust audit log',
    up: () => {
      throw new Error('The trust directory lives in PostgreSQL only.');
    },
    pg: `
      CREATE TABLE schools (
        slug TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived'))
      );
      CREATE TABLE trust_staff (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('trust_dsl', 'trust_admin')),
        password_hash TEXT NOT NULL,
        failed_logins BIGINT NOT NULL DEFAULT 0,
        locked_until TEXT,
        active BIGINT NOT NULL DEFAULT 1,
        must_change_password BIGINT NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      );
      CREATE TABLE trust_sessions (
        token_hash TEXT PRIMARY KEY,
        staff_id TEXT NOT NULL REFERENCES trust_staff(id),
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE TABLE trust_audit (
        seq BIGINT PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT NOT NULL CHECK (detail IS JSON),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE FUNCTION trust_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'trust_audit is append-only'; END $$;
      CREATE TRIGGER trust_audit_no_update BEFORE UPDATE OR DELETE ON trust_audit
        FOR EACH ROW EXECUTE FUNCTION trust_audit_append_only();
    `,
  },
  {
    version: 30,
    name: 'the trust audit chain\'s anchor; sessions by account',
    up: () => {
      throw new Error('The trust directory lives in PostgreSQL only.');
    },
    // trust_settings holds the trust audit chain's anchor (core/office/audit.ts), as
    // site_settings does a school's.
    pg: `
      CREATE TABLE trust_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE INDEX trust_sessions_by_staff ON trust_sessions(staff_id);
    `,
  },
];

export type TrustDirectory = { db: Db; url: string; close(): void };

/** Opens (creating and migrating) the directory of the trust whose database is `url`. */
export function openTrustDirectory(url: string): TrustDirectory {
  const connection = pgConnection(url);
  const db = new PgDatabase(connection, TRUST_SCHEMA);
  try {
    connection.bridge.query("SELECT pg_advisory_lock(hashtext('phone-safe:ddl'))");
    try {
      connection.bridge.query(`CREATE SCHEMA IF NOT EXISTS ${TRUST_SCHEMA}`);
    } finally {
      connection.bridge.query("SELECT pg_advisory_unlock(hashtext('phone-safe:ddl'))");
    }
    const asDb = db as unknown as Db;
    runMigrations(asDb, TRUST_MIGRATIONS, TRUST_MIGRATIONS[TRUST_MIGRATIONS.length - 1]!.version, 'trust directory', POSTGRES_MIGRATIONS);
    return { db: asDb, url, close: () => db.close() };
  } catch (e) {
    db.close();
    throw e;
  }
}

export function listSchools(dir: TrustDirectory, opts: { includeArchived?: boolean } = {}): SchoolRow[] {
  return dir.db
    .prepare(`SELECT slug, name, created_at, created_by, status FROM schools ${opts.includeArchived ? '' : "WHERE status = 'active'"} ORDER BY name, slug`)
    .all() as SchoolRow[];
}

export function findSchool(dir: TrustDirectory, slug: string): SchoolRow | undefined {
  return dir.db.prepare('SELECT slug, name, created_at, created_by, status FROM schools WHERE slug = ?').get(slug) as SchoolRow | undefined;
}

/** Registers a school. Its records are made when its hub is first opened (openHub with
 *  database { url, school: slug }). */
export function addSchool(dir: TrustDirectory, s: { slug: string; name: string; by: string; at: Date }): SchoolRow {
  if (!SCHOOL_SLUG.test(s.slug)) throw new Error(`A school's short name is 1 to 40 lower-case letters, digits and hyphens, starting with a letter (got "${s.slug}").`);
  schoolSchema(s.slug);
  const name = s.name.trim();
  if (!name || name.length > 120) throw new Error('A school needs a name of 1 to 120 characters.');
  const row: SchoolRow = { slug: s.slug, name, created_at: s.at.toISOString(), created_by: s.by, status: 'active' };
  const inserted = dir.db
    .prepare('INSERT INTO schools (slug, name, created_at, created_by, status) VALUES (?, ?, ?, ?, ?) ON CONFLICT (slug) DO NOTHING')
    .run(row.slug, row.name, row.created_at, row.created_by, row.status);
  if (inserted.changes === 0) throw new Error(`There is already a school "${s.slug}" in this trust.`);
  return row;
}
