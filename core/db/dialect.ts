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
