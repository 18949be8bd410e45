// Where an office hub keeps a school's records: one SQLite file (the embedded default, one
// school) or a schema of its own in a PostgreSQL database (a trust's hub: many schools, one or
// more hub processes). Both come back as the same Db shape; the office core does not ask which.
import type { Db } from '../../db/open.js';
import { openDb } from '../../db/open.js';
import { isPostgres } from '../../db/dialect.js';
import { PgConnection, PgDatabase, quoteIdent } from './pgDatabase.js';

export type HubStore = { engine: 'sqlite'; file: string; busyTimeoutMs?: number } | { engine: 'postgres'; url: string; school: string };

export type Engine = HubStore['engine'];

/** A school's short name as the hub uses it in URLs and as the tail of its schema's name. */
export const SCHOOL_SLUG = /^[a-z][a-z0-9-]{0,39}$/;

export function schoolSchema(school: string): string {
  if (!SCHOOL_SLUG.test(school)) throw new Error(`A school's short name is 1 to 40 lower-case letters, digits and hyphens, starting with a letter (got "${school}").`);
  return `school_${school.replace(/-/g, '_')}`;
}

export function isPostgresUrl(s: string): boolean {
  return /^postgres(ql)?:\/\//i.test(s);
}

/** application_name of an export's own reader (with the school's schema after it). */
export const EXPORT_READER = 'phone-safe-export';

// One connection per process and database, shared by every school the process serves.
const connections = new Map<string, PgConnection>();

export function pgConnection(url: string): PgConnection {
  let c = connections.get(url);
  if (!c || !c.bridge.open) {
    c = new PgConnection(url);
    const made = c;
    connections.set(url, made);
    const release = made.release.bind(made);
    made.release = () => {
      release();
      if (!made.bridge.open && connections.get(url) === made) connections.delete(url);
    };
  }
  return c;
}

/** Opens (and migrates, with `migrateWith`) a school's store. */
export function openHubStore(store: HubStore, migrateWith: (db: Db) => number): Db {
  if (store.engine === 'sqlite') return openDb(store.file, { migrateWith, ...(store.busyTimeoutMs !== undefined ? { busyTimeoutMs: store.busyTimeoutMs } : {}) });
  const schema = schoolSchema(store.school);
  const connection = pgConnection(store.url);
  const db = new PgDatabase(connection, schema);
  try {
    ensureSchema(connection, schema);
    migrateWith(db as unknown as Db);
    return db as unknown as Db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** A second, read-only connection holding one snapshot (for long exports that must not hold
 *  the hub's own connection, nor see half of a later change). */
export function openSnapshotReader(store: HubStore): Db {
  if (store.engine === 'sqlite') {
    const reader = openDb(store.file, { readonly: true });
    reader.exec('BEGIN');
    return reader;
  }
  const schema = schoolSchema(store.school);
  const db = new PgDatabase(new PgConnection(store.url, `${EXPORT_READER} ${schema}`), schema);
  db.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  return db as unknown as Db;
}

function ensureSchema(c: PgConnection, schema: string): void {
  // CREATE SCHEMA IF NOT EXISTS races with itself across processes: take turns.
  c.bridge.query("SELECT pg_advisory_lock(hashtext('phone-safe:ddl'))");
  try {
    c.bridge.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  } finally {
    c.bridge.query("SELECT pg_advisory_unlock(hashtext('phone-safe:ddl'))");
  }
}

export function engineOf(db: Db): Engine {
  return isPostgres(db) ? 'postgres' : 'sqlite';
}
