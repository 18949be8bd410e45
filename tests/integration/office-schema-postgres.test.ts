// The office hub's two engines keep one schema: every hub migration's `pg` twin, run on a real
// PostgreSQL server in a school's schema, gives after each version the same tables, columns
// (order, type, NOT NULL, default), keys, unique and named indexes, foreign keys, checks and
// triggers as the SQLite `up`s, and the append-only and ownership triggers refuse the same
// writes with the same message. A SQLite migration without its twin, or a twin that drifts,
// fails here.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../core/db/open.js';
import { HUB_MIGRATIONS, migrateHub } from '../../core/office/db/migrations.js';
import { startTestPostgres, TEST_DATABASE_ENV, testingOnPostgres, type TestPostgres } from '../support/postgres.js';
import { tempDir } from '../support/tempKiosk.js';

type Column = { name: string; type: string; notNull: boolean; default: string | null };
type Shape = {
  tables: string[];
  columns: Record<string, Column[]>;
  primaryKeys: Record<string, string[]>;
  /** Every unique constraint or unique index but the primary key, by table and columns. */
  uniques: string[];
  /** Indexes made by CREATE INDEX (not by a constraint), by name. */
  namedIndexes: string[];
  foreignKeys: string[];
  checks: Record<string, number>;
  triggers: string[];
};

const SQLITE_TYPES: Record<string, string> = { TEXT: 'text', INTEGER: 'bigint', REAL: 'double precision', BLOB: 'bytea' };
const EXPR = '<expr>';
/** Predicates and defaults as the two engines print them: no casts, brackets, spaces or case. */
const norm = (s: string) => s.replace(/::[a-z ]+/gi, '').replace(/[()\s]/g, '').toLowerCase();
const stripSqlComments = (sql: string) => sql.replace(/--[^\n]*/g, '');

function sqliteShape(db: Db): Shape {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const shape: Shape = { tables, columns: {}, primaryKeys: {}, uniques: [], namedIndexes: [], foreignKeys: [], checks: {}, triggers: [] };
  for (const t of tables) {
    const cols = db.pragma(`table_info(${t})`) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
    // Every hub table is STRICT, where a primary key column cannot hold NULL (checked below).
    shape.columns[t] = cols.map((c) => ({ name: c.name, type: SQLITE_TYPES[c.type] ?? `unmapped ${c.type}`, notNull: c.notnull === 1 || c.pk > 0, default: c.dflt_value === null ? null : norm(c.dflt_value) }));
    shape.primaryKeys[t] = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    for (const ix of db.pragma(`index_list(${t})`) as { name: string; unique: number; origin: string; partial: number }[]) {
      if (ix.origin === 'pk') continue;
      const cols = (db.pragma(`index_info(${ix.name})`) as { name: string | null }[]).map((c) => c.name ?? EXPR).join(',');
      let where = '';
      if (ix.partial === 1) {
        const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").pluck().get(ix.name) as string;
        where = ` where ${norm(sql.slice(sql.search(/\bWHERE\b/i) + 5))}`;
      }
      if (ix.unique === 1) shape.uniques.push(`${t}(${cols})${where}`);
      if (ix.origin === 'c') shape.namedIndexes.push(`${ix.name} on ${t}(${cols})${ix.unique === 1 ? ' unique' : ''}${where}`);
    }
    const fks = new Map<number, { table: string; from: string[]; to: string[] }>();
    for (const fk of db.pragma(`foreign_key_list(${t})`) as { id: number; table: string; from: string; to: string }[]) {
      const e = fks.get(fk.id) ?? { table: fk.table, from: [], to: [] };
      e.from.push(fk.from);
      e.to.push(fk.to);
      fks.set(fk.id, e);
    }
    for (const e of fks.values()) shape.foreignKeys.push(`${t}(${e.from.join(',')}) -> ${e.table}(${e.to.join(',')})`);
    const sql = stripSqlComments(db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(t) as string);
    shape.checks[t] = (sql.match(/\bCHECK\s*\(/gi) ?? []).length;
  }
  for (const tr of db.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; tbl_name: string; sql: string }[]) {
    const m = /\b(BEFORE|AFTER|INSTEAD OF)\s+(INSERT|UPDATE|DELETE)\b/i.exec(tr.sql);
    shape.triggers.push(`${tr.name} ${m?.[1]?.toUpperCase()} ${m?.[2]?.toUpperCase()} ON ${tr.tbl_name}`);
  }
  shape.uniques.sort();
  shape.namedIndexes.sort();
  shape.foreignKeys.sort();
  shape.triggers.sort();
  return shape;
}

async function pgShape(c: pg.Client, schema: string): Promise<Shape> {
  const q = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = [schema]) => (await c.query<R>(sql, params)).rows;
  const tables = (await q<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE \"C\"")).map((r) => r.table_name);
  const shape: Shape = { tables, columns: {}, primaryKeys: {}, uniques: [], namedIndexes: [], foreignKeys: [], checks: {}, triggers: [] };
  for (const t of tables) {
    const cols = await q<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
      'SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
      [schema, t],
    );
    shape.columns[t] = cols.map((r) => ({ name: r.column_name, type: r.data_type, notNull: r.is_nullable === 'NO', default: r.column_default === null ? null : norm(r.column_default) }));
    shape.checks[t] = Number(
      (await q<{ n: string }>("SELECT count(*) AS n FROM pg_constraint WHERE contype = 'c' AND conrelid = format('%I.%I', $1::text, $2::text)::regclass", [schema, t]))[0]!.n,
    );
  }
  const indexes = await q<{ table: string; name: string; unique: boolean; primary: boolean; from_constraint: boolean; cols: string[]; pred: string | null }>(`
    SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, x.indisprimary AS primary,
           EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) AS from_constraint,
           ARRAY(SELECT COALESCE(a.attname::text, '${EXPR}') FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
                 LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum AND k.attnum <> 0 ORDER BY k.n) AS cols,
           pg_get_expr(x.indpred, x.indrelid) AS pred
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace s ON s.oid = t.relnamespace WHERE s.nspname = $1`);
  for (const ix of indexes) {
    const cols = ix.cols.join(',');
    const where = ix.pred === null ? '' : ` where ${norm(ix.pred)}`;
    if (ix.primary) shape.primaryKeys[ix.table] = ix.cols;
    else if (ix.unique) shape.uniques.push(`${ix.table}(${cols})${where}`);
    if (!ix.from_constraint) shape.namedIndexes.push(`${ix.name} on ${ix.table}(${cols})${ix.unique ? ' unique' : ''}${where}`);
  }
  for (const t of tables) shape.primaryKeys[t] ??= [];
  const fks = await q<{ table: string; from: string[]; ref: string; to: string[] }>(`
    SELECT t.relname AS table, r.relname AS ref,
           ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(n, o) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o) AS from,
           ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS u(n, o) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o) AS to
    FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
    JOIN pg_namespace s ON s.oid = t.relnamespace WHERE k.contype = 'f' AND s.nspname = $1`);
  shape.foreignKeys = fks.map((f) => `${f.table}(${f.from.join(',')}) -> ${f.ref}(${f.to.join(',')})`);
  const triggers = await q<{ trigger_name: string; action_timing: string; event_manipulation: string; event_object_table: string }>(
    'SELECT DISTINCT trigger_name, action_timing, event_manipulation, event_object_table FROM information_schema.triggers WHERE trigger_schema = $1',
  );
  // From hub migration 175 PostgreSQL checks event ownership once per INSERT, after it (through
  // the statement's new rows); SQLite checks each row before it. Same rows refused: see SCENARIO.
  const timing = (r: { trigger_name: string; action_timing: string }) => (r.trigger_name === 'hub_events_one_owner' ? 'BEFORE' : r.action_timing);
  shape.triggers = triggers.map((r) => `${r.trigger_name} ${timing(r)} ${r.event_manipulation} ON ${r.event_object_table}`);
  shape.uniques.sort();
  shape.namedIndexes.sort();
  shape.foreignKeys.sort();
  shape.triggers.sort();
  return shape;
}

/** Columns the database numbers itself when an insert leaves them out. */
function sqliteRowidAliases(db: Db): string[] {
  const out: string[] = [];
  for (const t of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]) {
    const pk = (db.pragma(`table_info(${t})`) as { name: string; type: string; pk: number }[]).filter((c) => c.pk > 0);
    const withoutRowid = (db.pragma('table_list') as { name: string; wr: number }[]).find((x) => x.name === t)!.wr === 1;
    if (!withoutRowid && pk.length === 1 && pk[0]!.type === 'INTEGER') out.push(`${t}.${pk[0]!.name}`);
  }
  return out.sort();
}

async function pgIdentities(c: pg.Client, schema: string): Promise<string[]> {
  const r = await c.query<{ c: string }>("SELECT table_name || '.' || column_name AS c FROM information_schema.columns WHERE table_schema = $1 AND is_identity = 'YES' ORDER BY 1", [schema]);
  return r.rows.map((x) => x.c);
}

let server: TestPostgres | undefined;
let client: pg.Client;
let dir: string;
const schemas: string[] = [];
const dbs: Db[] = [];

async function freshSchema(tag: string): Promise<string> {
  const schema = `hub_shape_${tag}_${process.pid}`;
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  schemas.push(schema);
  return schema;
}

/** One migration's twin, in one transaction, as the store will run it. */
async function applyPg(m: (typeof HUB_MIGRATIONS)[number]): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(m.pg);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw new Error(`hub migration ${m.version} (pg): ${(e as Error).message}`);
  }
}

function sqliteHub(name: string, migrateTo: number | 'none'): Db {
  const db = openDb(path.join(dir, `${name}.sqlite3`), migrateTo === 'none' ? { migrate: false } : { migrateWith: (d) => migrateHub(d, migrateTo) });
  dbs.push(db);
  return db;
}

// Runs in the PostgreSQL project (vitest.config.ts), which gives it its server.
const onPostgres = testingOnPostgres();

beforeAll(async () => {
  if (!onPostgres) return;
  dir = tempDir('hub-schema-');
  const url = process.env[TEST_DATABASE_ENV] || (server = await startTestPostgres()).url;
  // int8 as a JS number, as the store adapter reads it (SQLite integers come back as numbers).
  client = new pg.Client({ connectionString: url, types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser } });
  await client.connect();
}, 120_000);

afterAll(async () => {
  for (const s of schemas) await client?.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await client?.end();
  await server?.stop();
  for (const db of dbs) db.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.runIf(onPostgres)('office hub migrations on PostgreSQL', () => {
  it('every migration has a PostgreSQL twin, written for the school schema in search_path', () => {
    for (const m of HUB_MIGRATIONS) {
      expect(typeof m.pg, `migration ${m.version}`).toBe('string');
      expect(m.pg.trim(), `migration ${m.version}`).not.toBe('');
      // SQLite-only syntax, or a schema of its own instead of the one search_path names.
      expect(stripSqlComments(m.pg), `migration ${m.version}`).not.toMatch(/\bSTRICT\b|WITHOUT ROWID|json_valid|AUTOINCREMENT|RAISE\s*\(\s*ABORT|INSERT OR|\bINTEGER\b|CREATE SCHEMA|search_path\s*(TO|=)/i);
    }
  });

  it('after every version, the PostgreSQL schema has the shape of the SQLite one', async () => {
    const schema = await freshSchema('steps');
    const db = sqliteHub('steps', 'none');
    for (const m of HUB_MIGRATIONS) {
      migrateHub(db, m.version);
      await applyPg(m);
      const want = sqliteShape(db);
      const got = await pgShape(client, schema);
      expect(got, `after hub migration ${m.version} (${m.name})`).toEqual(want);
    }
    // The comparison of NOT NULL relies on this: a STRICT table's primary key holds no NULL.
    expect((db.pragma('table_list') as { name: string; schema: string; strict: number }[]).filter((t) => t.schema === 'main' && !t.name.startsWith('sqlite_') && t.strict !== 1)).toEqual([]);
    // Nothing escaped the school's schema.
    const stray = await client.query("SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND relname = ANY($1)", [Object.keys(sqliteShape(db).columns)]);
    expect(stray.rows).toEqual([]);
    const functions = await client.query<{ proname: string }>('SELECT p.proname FROM pg_trigger g JOIN pg_proc p ON p.oid = g.tgfoid JOIN pg_namespace n ON n.oid = p.pronamespace WHERE NOT g.tgisinternal AND n.nspname = $1', [schema]);
    expect(functions.rows.length).toBe(sqliteShape(db).triggers.length);
  });

  it('numbers rows itself where SQLite does, except audit_log.seq, which the audit log always gives', async () => {
    const schema = await freshSchema('identity');
    for (const m of HUB_MIGRATIONS) await applyPg(m);
    const db = sqliteHub('identity', HUB_MIGRATIONS[HUB_MIGRATIONS.length - 1]!.version);
    const identities = await pgIdentities(client, schema);
    expect(identities).toEqual(sqliteRowidAliases(db).filter((c) => c !== 'audit_log.seq'));
    expect(sqliteRowidAliases(db)).toContain('audit_log.seq');
  });

  it('gives visits their first kiosk as owner when migration 80 runs over existing events, as SQLite does', async () => {
    const schema = await freshSchema('owners');
    const before = HUB_MIGRATIONS.filter((m) => m.version < 80);
    for (const m of before) await applyPg(m);
    const db = sqliteHub('owners', before[before.length - 1]!.version);
    // v1 first came from k2, then (wrongly) from k1; v2 from k1 only; v3 from k3 then k1.
    const events: [string, string, string][] = [['e1', 'k2', 'v1'], ['e2', 'k1', 'v2'], ['e3', 'k1', 'v1'], ['e4', 'k3', 'v3'], ['e5', 'k1', 'v3'], ['e6', 'k2', 'v2']];
    const insert = 'INSERT INTO hub_events (id, kiosk_id, kiosk_seq, visit_id, kind, at, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';
    for (const [i, [id, kiosk, visit]] of events.entries()) {
      const params = [id, kiosk, i + 1, visit, 'arrived', '2026-01-01T09:00:00Z', '{}', '2026-01-01T09:00:01Z'];
      db.prepare(insert).run(...params);
      await client.query(toPg(insert), params);
    }
    migrateHub(db, 80);
    await applyPg(HUB_MIGRATIONS.find((m) => m.version === 80)!);
    const onSqlite = db.prepare('SELECT visit_id, kiosk_id FROM visit_owners ORDER BY visit_id').all();
    const onPg = (await client.query(`SELECT visit_id, kiosk_id FROM ${schema}.visit_owners ORDER BY visit_id`)).rows;
    expect(onPg).toEqual(onSqlite);
    expect(onSqlite).toEqual([
      { visit_id: 'v1', kiosk_id: 'k2' },
      { visit_id: 'v2', kiosk_id: 'k1' },
      { visit_id: 'v3', kiosk_id: 'k3' },
    ]);
  });
});

// --- the same writes on both engines --------------------------------------------------------

type Outcome = { ok: unknown[] } | { refused: string };
const toPg = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** A trigger's refusal keeps its message (office code matches on it); a constraint's is only
 *  'constraint' (the engines word those differently). Anything else is a broken test. */
function sqliteRun(db: Db, sql: string, params: unknown[]): Outcome {
  try {
    const s = db.prepare(sql);
    return { ok: s.reader ? s.all(...params) : (s.run(...params), []) };
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_CONSTRAINT_TRIGGER') return { refused: (e as Error).message };
    if (code.startsWith('SQLITE_CONSTRAINT')) return { refused: 'constraint' };
    throw e;
  }
}

async function pgRun(c: pg.Client, sql: string, params: unknown[]): Promise<Outcome> {
  try {
    return { ok: (await c.query(toPg(sql), params)).rows };
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code === 'P0001') return { refused: (e as Error).message };
    if (code.startsWith('23')) return { refused: 'constraint' };
    throw e;
  }
}

const AT = '2026-01-01T09:00:00Z';
const event = (id: string, kiosk: string, visit: string) => ['INSERT INTO hub_events (id, kiosk_id, kiosk_seq, visit_id, kind, at, body, received_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?)', [id, kiosk, visit, 'arrived', AT, '{}', AT]] as const;

/** Each write, and what the hub's schema must answer to it. */
const SCENARIO: { what: string; sql: string; params: readonly unknown[]; expect: Outcome; onPostgres?: Outcome }[] = [
  { what: 'an audit entry is written', sql: 'INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', params: [1, AT, 'a', 'login', 't', '{"x":1}', 'g', 'h1'], expect: { ok: [] } },
  { what: 'an audit entry is edited', sql: "UPDATE audit_log SET actor = 'b' WHERE seq = 1", params: [], expect: { refused: 'audit_log is append-only' } },
  { what: 'an audit entry with a detail that is not JSON', sql: 'INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', params: [2, AT, 'a', 'x', 't', 'not json', 'h1', 'h2'], expect: { refused: 'constraint' } },
  // No delete trigger on either engine: audit.ts verify() finds a removed entry by its anchor.
  { what: 'an audit entry is deleted', sql: 'DELETE FROM audit_log WHERE seq = 1', params: [], expect: { ok: [] } },
  { what: 'k1 becomes owner of v1', sql: 'INSERT INTO visit_owners (visit_id, kiosk_id) VALUES (?, ?)', params: ['v1', 'k1'], expect: { ok: [] } },
  { what: "an event from the visit's owner", sql: `${event('e1', 'k1', 'v1')[0]} RETURNING seq`, params: event('e1', 'k1', 'v1')[1], expect: { ok: [{ seq: 1 }] } },
  // A rectification deletes the event and writes it again with its own seq; the next event
  // must not collide with it.
  { what: 'an event is deleted for rectification', sql: "DELETE FROM hub_events WHERE id = 'e1'", params: [], expect: { ok: [] } },
  { what: 'it is written again with its seq', sql: 'INSERT INTO hub_events (seq, id, kiosk_id, kiosk_seq, visit_id, kind, at, body, received_at) VALUES (1, ?, ?, 1, ?, ?, ?, ?, ?) RETURNING seq', params: event('e1', 'k1', 'v1')[1], expect: { ok: [{ seq: 1 }] } },
  { what: 'the next event gets the next seq', sql: `${event('e2', 'k1', 'v1')[0]} RETURNING seq`, params: event('e2', 'k1', 'v1')[1], expect: { ok: [{ seq: 2 }] } },
  { what: 'an event for a visit nobody owns', sql: event('e3', 'k1', 'v9')[0], params: event('e3', 'k1', 'v9')[1], expect: { refused: 'visit owned by another kiosk (or by none)' } },
  { what: 'an event for v1 from another kiosk', sql: event('e3', 'k2', 'v1')[0], params: event('e3', 'k2', 'v1')[1], expect: { refused: 'visit owned by another kiosk (or by none)' } },
  { what: 'the same event id pushed again', sql: `${event('e1', 'k1', 'v1')[0]} ON CONFLICT (id) DO NOTHING RETURNING seq`, params: event('e1', 'k1', 'v1')[1], expect: { ok: [] } },
  // Nothing is stored either way. SQLite's per-row check runs before the conflict and refuses;
  // PostgreSQL's once-per-INSERT check (hub migration 175) sees only rows the INSERT added: none.
  { what: 'the same event id pushed again by a kiosk that does not own the visit', sql: `${event('e1', 'k2', 'v1')[0]} ON CONFLICT (id) DO NOTHING`, params: event('e1', 'k2', 'v1')[1], expect: { refused: 'visit owned by another kiosk (or by none)' }, onPostgres: { ok: [] } },
  { what: 'an event of another kiosk slipped into a batch of the owner\'s', sql: `INSERT INTO hub_events (id, kiosk_id, kiosk_seq, visit_id, kind, at, body, received_at) VALUES ('e7', 'k1', 7, 'v1', 'note', '${AT}', '{}', '${AT}'), ('e8', 'k2', 8, 'v1', 'note', '${AT}', '{}', '${AT}')`, params: [], expect: { refused: 'visit owned by another kiosk (or by none)' } },
  { what: 'so neither row of that batch was stored', sql: "SELECT COUNT(*) AS n FROM hub_events WHERE id IN ('e7', 'e8')", params: [], expect: { ok: [{ n: 0 }] } },
  // PostgreSQL spends a sequence number on a refused or skipped insert, SQLite does not: seq is
  // an order (ORDER BY kiosk_seq, seq), never a count.
  { what: 'an event after refused ones sorts after every earlier event', sql: `${event('e3', 'k1', 'v1')[0]} RETURNING CASE WHEN seq > 2 THEN 1 ELSE 0 END AS later`, params: event('e3', 'k1', 'v1')[1], expect: { ok: [{ later: 1 }] } },
  { what: 'an event is edited', sql: "UPDATE hub_events SET body = '{}' WHERE id = 'e1'", params: [], expect: { refused: 'hub_events is append-only' } },
  { what: "a visit's owner is changed", sql: "UPDATE visit_owners SET kiosk_id = 'k2' WHERE visit_id = 'v1'", params: [], expect: { refused: 'a visit keeps its owner' } },
  { what: 'an update touching no owner row', sql: "UPDATE visit_owners SET kiosk_id = 'k2' WHERE visit_id = 'none'", params: [], expect: { ok: [] } },
  { what: 'a reference change is appended', sql: "INSERT INTO ref_changes (entity, key, body, at) VALUES ('host', 'h1', NULL, ?) RETURNING seq", params: [AT], expect: { ok: [{ seq: 1 }] } },
  { what: 'another reference change is appended', sql: "INSERT INTO ref_changes (entity, key, body, at) VALUES ('host', 'h2', '[1]', ?) RETURNING seq", params: [AT], expect: { ok: [{ seq: 2 }] } },
  { what: 'a staff member with an unknown role', sql: "INSERT INTO staff (id, username, display_name, role, password_hash, created_at, created_by) VALUES ('s1', 'u', 'U', 'janitor', 'x', ?, 'a')", params: [AT], expect: { refused: 'constraint' } },
  { what: 'a staff member', sql: "INSERT INTO staff (id, username, display_name, role, password_hash, created_at, created_by) VALUES ('s1', 'u', 'U', 'office', 'x', ?, 'a') RETURNING failed_logins, active, must_change_password", params: [AT], expect: { ok: [{ failed_logins: 0, active: 1, must_change_password: 0 }] } },
  { what: 'a second staff member with the same username', sql: "INSERT INTO staff (id, username, display_name, role, password_hash, created_at, created_by) VALUES ('s2', 'u', 'U', 'office', 'x', ?, 'a')", params: [AT], expect: { refused: 'constraint' } },
  { what: 'a session for nobody', sql: "INSERT INTO sessions (token_hash, staff_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ('t', 'nobody', 'c', ?, ?, ?)", params: [AT, AT, AT], expect: { refused: 'constraint' } },
  { what: 'two kiosks with one badge letter', sql: "INSERT INTO kiosks (id, name, public_key, paired_at, paired_by, badge_prefix) VALUES ('k1', 'A', 'p', ?, 'a', 'A'), ('k2', 'B', 'p', ?, 'a', 'A')", params: [AT, AT], expect: { refused: 'constraint' } },
  { what: 'an office privacy version numbered like a local one', sql: "INSERT INTO privacy_versions (id, version, published_at, source) VALUES ('p1', 1, ?, 'site'), ('p2', 1, ?, 'office')", params: [AT, AT], expect: { ok: [] } },
  { what: 'two office privacy versions with one number', sql: "INSERT INTO privacy_versions (id, version, published_at, source) VALUES ('p3', 1, ?, 'office')", params: [AT], expect: { refused: 'constraint' } },
];

describe.runIf(onPostgres)('two schools on one PostgreSQL server', () => {
  it("check a visit's owner in their own schema, whatever search_path the writer has", async () => {
    const a = await freshSchema('school_a');
    for (const m of HUB_MIGRATIONS) await applyPg(m);
    const b = await freshSchema('school_b');
    for (const m of HUB_MIGRATIONS) await applyPg(m);
    await client.query(`INSERT INTO ${b}.visit_owners (visit_id, kiosk_id) VALUES ('v1', 'k1')`);
    // search_path names school b, where k1 owns v1; the event is for school a, where nobody does.
    await client.query(`SET search_path TO ${b}`);
    const [sql, params] = event('e1', 'k1', 'v1');
    expect(await pgRun(client, sql.replace('INTO hub_events', `INTO ${a}.hub_events`), [...params])).toEqual({ refused: 'visit owned by another kiosk (or by none)' });
    expect(await pgRun(client, sql, [...params])).toEqual({ ok: [] });
  });
});

describe.runIf(onPostgres)('the hub schema answers the same writes the same way on both engines', () => {
  it('append-only logs, visit ownership, numbering, checks and unique keys', async () => {
    await freshSchema('writes');
    for (const m of HUB_MIGRATIONS) await applyPg(m);
    const db = sqliteHub('writes', HUB_MIGRATIONS[HUB_MIGRATIONS.length - 1]!.version);
    for (const step of SCENARIO) {
      const onSqlite = sqliteRun(db, step.sql, [...step.params]);
      const onPg = await pgRun(client, step.sql, [...step.params]);
      expect(onSqlite, `SQLite: ${step.what}`).toEqual(step.expect);
      expect(onPg, `PostgreSQL: ${step.what}`).toEqual(step.onPostgres ?? step.expect);
    }
  });
});
