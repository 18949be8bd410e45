// The few places where SQLite and PostgreSQL spell the same thing differently. Everything else
// the office asks is written once, in SQL both engines take.
// (The office store on PostgreSQL, core/office/store/pgDatabase.ts, says engine = 'postgres'.)
import type { Db } from './open.js';

export function isPostgres(db: Db): boolean {
  return (db as unknown as { engine?: string }).engine === 'postgres';
}

/** A table-valued source of the strings in a JSON array (column `value`). */
export function jsonArrayValues(db: Db, jsonExpr: string): string {
  return isPostgres(db) ? `json_array_elements_text((${jsonExpr})::json)` : `json_each(${jsonExpr})`;
}

/** True when `needle` occurs in `haystack` (both SQL expressions). */
export function containsText(db: Db, haystack: string, needle: string): string {
  return isPostgres(db) ? `strpos(${haystack}, ${needle}) > 0` : `instr(${haystack}, ${needle}) > 0`;
}

/** The order to walk an append-only log in. SQLite: rowid, the order rows were written, so a
 *  row whose seq was rewritten shows up out of place. PostgreSQL has no stable equivalent (an
 *  UPDATE moves a row to the end), so there the log is walked by seq: a rewritten seq still
 *  breaks the row's hash, which covers it. */
export function writeOrder(db: Db, seqColumn = 'seq'): string {
  return isPostgres(db) ? seqColumn : 'rowid';
}

/** Whether a table exists (in the school's schema, on PostgreSQL). */
export function tableExists(db: Db, name: string): boolean {
  const sql = isPostgres(db)
    ? "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
    : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?";
  return db.prepare(sql).get(name) !== undefined;
}

/** One array bound as ONE parameter (PostgreSQL's unnest); a plain array is spread into several, as better-sqlite3 does. */
export class SqlArray {
  constructor(readonly values: readonly unknown[]) {}
}

/** 'json': a JavaScript value stored as its JSON text (an event's body). */
export type ColumnType = 'text' | 'bigint' | 'json';

/**
 * The row source of a multi-row INSERT and its parameters. SQLite: `VALUES (?, ?), (?, ?)...`,
 * row by row. PostgreSQL: one parameter per column, `ROWS FROM (unnest(?::text[]), ...)`: the
 * same statement text for any number of rows, and 8 parameters for 1,000 rows of 8 columns
 * instead of 8,000, which PostgreSQL binds and plans several times faster. A 'json' column
 * goes as one JSON array (json_array_elements), its values never escaped into array text:
 * a sixth off a catch-up's event insert (tests/bench: sync catch-up).
 * Text is made well formed on both engines: a lone surrogate becomes U+FFFD (PostgreSQL's
 * JSON refuses one; SQLite would store bytes that are not UTF-8).
 */
export function rowsSource(db: Db, types: readonly ColumnType[], rows: readonly (readonly unknown[])[]): { sql: string; params: unknown[] } {
  if (isPostgres(db)) {
    const from = types.map((t) => (t === 'json' ? `json_array_elements(?::json)` : `unnest(?::${t}[])`)).join(', ');
    // A JSON null in a 'json' column is SQL NULL, as on SQLite.
    const select = types.map((t, c) => (t === 'json' ? `NULLIF(c${c}::text, 'null')` : `c${c}`)).join(', ');
    return {
      sql: `SELECT ${select} FROM ROWS FROM (${from}) AS r(${types.map((_, c) => `c${c}`).join(', ')})`,
      params: types.map((t, c) => (t === 'json' ? JSON.stringify(rows.map((r) => r[c] ?? null)) : new SqlArray(rows.map((r) => wellFormed(r[c]))))),
    };
  }
  const row = `(${types.map(() => '?').join(', ')})`;
  return { sql: `VALUES ${rows.map(() => row).join(', ')}`, params: rows.flatMap((r) => types.map((t, c) => (t !== 'json' ? wellFormed(r[c]) : r[c] === undefined || r[c] === null ? null : JSON.stringify(r[c])))) };
}

const wellFormed = (v: unknown): unknown => (typeof v === 'string' && !v.isWellFormed() ? v.toWellFormed() : v);

/** Rows per multi-row INSERT: `sqliteRows` keeps SQLite under its 32,766 bound parameters;
 *  PostgreSQL's arrays (rowsSource) have no such bound, so a batch is one statement. */
export function rowsPerStatement(db: Db, sqliteRows: number): number {
  return isPostgres(db) ? Number.POSITIVE_INFINITY : sqliteRows;
}
