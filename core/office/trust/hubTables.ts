// The tables of a school's hub as migrate-to copies them: found in the SQLite file itself
// (sqlite_master), compared with the school's PostgreSQL schema, put in an order where every
// row's foreign keys and insert triggers find what they check already there, and summed up
// (count, checksum) the same way on both engines so the copy can be proved equal.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/open.js';

/** Kept by the PostgreSQL store only (its schema version; SQLite uses PRAGMA user_version). */
const PG_ONLY_TABLES = new Set(['hub_schema_version']);

export type TableInfo = {
  name: string;
  columns: string[];
  /** Primary-key columns in key order; every column when the table has none. */
  orderBy: string[];
  /** Tables whose rows must be there first (foreign keys, insert triggers that look them up). */
  dependsOn: string[];
};

export class MigrateRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrateRefusal';
  }
}

export const q = (ident: string): string => `"${ident.replace(/"/g, '""')}"`;

/** The SQLite hub's tables, with their columns, keys and what each must be copied after. */
export function sqliteTables(src: Db): TableInfo[] {
  const names = (src.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[]);
  const tables = new Map<string, TableInfo>();
  for (const name of names) {
    const cols = src.prepare(`PRAGMA table_info(${q(name)})`).all() as { name: string; pk: number }[];
    const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const fks = (src.prepare(`PRAGMA foreign_key_list(${q(name)})`).all() as { table: string }[]).map((f) => f.table);
    tables.set(name, { name, columns: cols.map((c) => c.name), orderBy: pk.length ? pk : cols.map((c) => c.name), dependsOn: [...new Set(fks.filter((t) => t !== name))] });
  }
  // Insert triggers run again on PostgreSQL as each row is copied. One that only checks (the
  // visit-ownership guard on hub_events) passes when the tables it reads are copied first; one
  // that writes would redo its effect on top of the copied result: refuse rather than guess.
  const triggers = src.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; tbl_name: string; sql: string }[];
  for (const t of triggers) {
    const head = /\b(BEFORE|AFTER|INSTEAD\s+OF)\s+INSERT\b/i.exec(t.sql);
    if (!head) continue;
    const body = t.sql.slice(t.sql.search(/\bBEGIN\b/i));
    if (/\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(body.replace(/'[^']*'/g, "''")))
      throw new MigrateRefusal(`The insert trigger ${t.name} on ${t.tbl_name} writes rows; migrate-to does not know how to copy around it. Nothing was copied.`);
    const table = tables.get(t.tbl_name);
    if (!table) continue;
    for (const other of tables.keys())
      if (other !== t.tbl_name && new RegExp(`\\b${other}\\b`).test(t.sql.slice(head.index + head[0].length))) table.dependsOn.push(other);
  }
  return [...tables.values()];
}

/** Dependencies first, otherwise by name (the same order on every run). */
export function copyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: string[]) => {
    if (done.has(t.name)) return;
    if (visiting.has(t.name)) throw new MigrateRefusal(`The hub's tables depend on each other in a circle (${[...path, t.name].join(' → ')}); migrate-to cannot order the copy.`);
    visiting.add(t.name);
    for (const d of [...t.dependsOn].sort()) {
      const dep = byName.get(d);
      if (dep) visit(dep, [...path, t.name]);
    }
    visiting.delete(t.name);
    done.add(t.name);
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t, []);
  return out;
}

export type PgColumn = { table: string; column: string; dataType: string };

/** The school schema's tables and column types (search_path is the school's schema). */
export function pgColumns(dst: Db): PgColumn[] {
  return (
    dst
      .prepare(
        `SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS "dataType"
           FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position`,
      )
      .all() as PgColumn[]
  ).filter((c) => !PG_ONLY_TABLES.has(c.table));
}

/** Refuses unless both sides have the same tables with the same columns, naming the difference. */
export function compareSchemas(tables: TableInfo[], pg: PgColumn[]): void {
  const pgTables = new Map<string, Set<string>>();
  for (const c of pg) (pgTables.get(c.table) ?? pgTables.set(c.table, new Set()).get(c.table)!).add(c.column);
  const problems: string[] = [];
  const onlySqlite = tables.filter((t) => !pgTables.has(t.name)).map((t) => t.name);
  const onlyPg = [...pgTables.keys()].filter((n) => !tables.some((t) => t.name === n));
  if (onlySqlite.length) problems.push(`only in the SQLite file: ${onlySqlite.join(', ')}`);
  if (onlyPg.length) problems.push(`only on PostgreSQL: ${onlyPg.join(', ')}`);
  for (const t of tables) {
    const cols = pgTables.get(t.name);
    if (!cols) continue;
    const missing = t.columns.filter((c) => !cols.has(c));
    const extra = [...cols].filter((c) => !t.columns.includes(c));
    if (missing.length || extra.length) problems.push(`${t.name}: ${[missing.length ? `columns only in SQLite ${missing.join(', ')}` : '', extra.length ? `columns only on PostgreSQL ${extra.join(', ')}` : ''].filter(Boolean).join('; ')}`);
  }
  if (problems.length) throw new MigrateRefusal(`The SQLite hub and the PostgreSQL schema do not have the same tables (${problems.join('; ')}). Nothing was copied.`);
}

const NUMERIC_PG = new Set(['bigint', 'integer', 'smallint', 'numeric', 'real', 'double precision']);

/** One value as both engines' drivers hand it back, in one spelling: numbers as numbers, text
 *  as text, bytes as hex. */
function norm(v: unknown, numeric: boolean): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return `n:${v.toString()}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `n:${BigInt(v).toString()}` : `n:${v}`;
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return `b:${Buffer.from(v).toString('hex')}`;
  if (typeof v === 'string') return numeric ? `n:${v}` : `t:${v}`; // int8 past 2^53 comes back from pg as text
  return `?:${String(v)}`;
}

export type TableSum = { rows: number; checksum: string };

/**
 * Count and sha-256 of a table's rows in primary-key order. Text sorts bytewise on both sides
 * (SQLite's BINARY; PostgreSQL's "C" collation), NULLs first, so equal tables give equal sums.
 */
export function tableSum(db: Db, engine: 'sqlite' | 'postgres', t: TableInfo, types: Map<string, string>): TableSum {
  const order = t.orderBy.map((c) => (engine === 'postgres' && types.get(c) === 'text' ? `${q(c)} COLLATE "C"` : q(c)) + (engine === 'postgres' ? ' NULLS FIRST' : '')).join(', ');
  const stmt = db.prepare(`SELECT ${t.columns.map(q).join(', ')} FROM ${q(t.name)} ORDER BY ${order}`);
  if (engine === 'sqlite') stmt.safeIntegers(true);
  const numeric = t.columns.map((c) => NUMERIC_PG.has(types.get(c) ?? ''));
  const hash = createHash('sha256');
  let rows = 0;
  for (const row of stmt.iterate() as IterableIterator<Record<string, unknown>>) {
    hash.update(JSON.stringify(t.columns.map((c, i) => norm(row[c], numeric[i]!))));
    hash.update('\n');
    rows++;
  }
  return { rows, checksum: hash.digest('hex') };
}

/** Column name → PostgreSQL data type, for one table. */
export function typesOf(pg: PgColumn[], table: string): Map<string, string> {
  return new Map(pg.filter((c) => c.table === table).map((c) => [c.column, c.dataType]));
}
