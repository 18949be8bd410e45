// "Moving up" (issue #16): a school's own hub (one SQLite file) becomes a school of a trust's
// hub on PostgreSQL, records, audit chain, staff passwords, kiosks and hub identity included.
//
// The SQLite file is locked for the whole move (exclusive locking mode: refused at once while a
// hub process has it open, and no hub can open it meanwhile). Everything on PostgreSQL happens
// in ONE transaction: the school's schema and its migrations, the directory row, the copy, the
// sequences, the proof (counts, checksums, audit chain) and the "hub.migratedFrom" entry. A
// failure anywhere rolls it all back: no half-copied school, no directory row, no schema.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/open.js';
import { openDb } from '../../db/open.js';
import { schemaVersion } from '../../db/migrations.js';
import { appendAudit, verifyAudit } from '../audit.js';
import { HUB_SCHEMA_VERSION, migrateHub } from '../db/migrations.js';
import { HUB_DB_FILE_NAME, redactUrl } from '../hub.js';
import { COMMAND_LINE_ACTOR } from '../staff/provision.js';
import { pgConnection, schoolSchema, SCHOOL_SLUG } from '../store/open.js';
import { PgDatabase, quoteIdent } from '../store/pgDatabase.js';
import { openTrustDirectory, TRUST_SCHEMA } from './directory.js';
import { compareSchemas, copyOrder, MigrateRefusal, pgColumns, q, sqliteTables, tableSum, typesOf, type TableInfo, type TableSum } from './hubTables.js';

export { MigrateRefusal };

export type MigrateToOptions = {
  /** The single-school hub's data folder (office.sqlite3 in it). */
  dataDir: string;
  /** The trust's PostgreSQL database. */
  url: string;
  school: string;
  /** The school's name in the directory; default: the hub's site name. */
  name?: string;
  /** Checks and counts only: nothing is kept on PostgreSQL. */
  dryRun?: boolean;
  now?: () => Date;
  /** Rows per INSERT (at most; also capped by the number of parameters and by size). */
  batchRows?: number;
  /** How long to wait for the SQLite file's lock before calling it in use (ms). */
  busyTimeoutMs?: number;
};

export type MigrateToResult = {
  school: string;
  name: string;
  schema: string;
  sourceFile: string;
  target: string;
  schemaVersion: number;
  dryRun: boolean;
  tables: ({ name: string } & TableSum)[];
  audit: { entries: number; lastHash: string | null };
  /** The entry recording the move in the new school (not on a dry run). */
  migratedEntrySeq: number | null;
  /** What did not happen after the move itself succeeded (to print). */
  warnings: string[];
};

const BATCH_BYTES = 4 * 1024 * 1024;
const MAX_PARAMS = 30_000;
class DryRunDone extends Error {}

export function migrateTo(opts: MigrateToOptions): MigrateToResult {
  if (!SCHOOL_SLUG.test(opts.school)) throw new MigrateRefusal(`A school's short name is 1 to 40 lower-case letters, digits and hyphens, starting with a letter (got "${opts.school}").`);
  const schema = schoolSchema(opts.school);
  const now = opts.now ?? (() => new Date());
  const file = path.join(path.resolve(opts.dataDir), HUB_DB_FILE_NAME);
  const src = lockSqliteHub(file, opts.busyTimeoutMs ?? 250);
  try {
    // Same schema version on both sides: the file is brought to this app's latest (as openHub
    // would), a file from a newer app is refused, and the school's schema is migrated to latest.
    const found = schemaVersion(src);
    if (found > HUB_SCHEMA_VERSION)
      throw new MigrateRefusal(`${file} is at hub schema version ${found}, newer than this app understands (${HUB_SCHEMA_VERSION}). Run migrate-to from the newer app version. Nothing was copied.`);
    if (found === 0) throw new MigrateRefusal(`${file} is not an office hub database (no schema). Nothing was copied.`);
    if (found < HUB_SCHEMA_VERSION) migrateHub(src);
    const moved = hubMovedTo(src);
    if (moved) throw new MigrateRefusal(`This hub was already moved into a trust on ${moved.at} (school "${moved.school}", ${moved.database}). Nothing was copied.`);
    const srcAudit = verifyAudit(src);
    if (!srcAudit.ok) throw new MigrateRefusal(`The hub's audit log is broken at entry ${srcAudit.firstBadSeq} (${srcAudit.problem}); it is not moved until that is looked into. Nothing was copied.`);
    const lastHash = (src.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as string | undefined) ?? null;
    const name = (opts.name ?? (src.prepare("SELECT value FROM site_settings WHERE key = 'site_name'").pluck().get() as string | undefined) ?? opts.school).trim();
    if (!name || name.length > 120) throw new MigrateRefusal('A school needs a name of 1 to 120 characters (--name).');
    const tables = copyOrder(sqliteTables(src));
    src.exec('BEGIN'); // one consistent read of the file (the lock keeps writers out anyway)
    let result: MigrateToResult;
    try {
      result = moveIntoTrust({ opts, schema, name, file, src, tables, srcAudit: { entries: srcAudit.entries, lastHash }, now: now() });
    } finally {
      if (src.inTransaction) src.exec('ROLLBACK');
    }
    if (!result.dryRun) {
      try {
        markMoved(src, result, now());
      } catch (e) {
        // The school is in the trust, proved and committed: say what did not happen, do not undo.
        result.warnings.push(`The old file could not record the move (${(e as Error).message}): do not start the old hub again.`);
      }
    }
    return result;
  } finally {
    src.close();
  }
}

const MOVED_KEY = 'hub_moved_to';

/** The old file says where its school went (and its own log records the move, after the entry
 *  the trust's copy ends with), so the old hub is not started again by mistake. */
function markMoved(src: Db, r: MigrateToResult, at: Date): void {
  const detail = { database: r.target, school: r.school, schema: r.schema, at: at.toISOString(), migratedEntrySeq: r.migratedEntrySeq };
  src.transaction(() => {
    appendAudit(src, { at, actor: COMMAND_LINE_ACTOR, action: 'hub.migratedTo', target: `school:${r.school}`, detail });
    src.prepare('INSERT INTO site_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(MOVED_KEY, JSON.stringify(detail));
  })();
}

/** Where this hub's school was moved (migrate-to), if it was: such a hub must not serve again. */
export function hubMovedTo(db: Db): { database: string; school: string; at: string } | null {
  const v = db.prepare('SELECT value FROM site_settings WHERE key = ?').pluck().get(MOVED_KEY) as string | undefined;
  return v ? (JSON.parse(v) as { database: string; school: string; at: string }) : null;
}

/** Opens the file and takes its lock for as long as the connection lives, or refuses. */
function lockSqliteHub(file: string, busyTimeoutMs: number): Db {
  if (!fs.existsSync(file)) throw new MigrateRefusal(`There is no office hub database at ${file} (--data-dir). Nothing was copied.`);
  let src: Db;
  try {
    src = openDb(file, { readonly: false, migrate: false, busyTimeoutMs });
  } catch (e) {
    throw new MigrateRefusal(`Cannot open ${file}: ${(e as Error).message}`);
  }
  try {
    if (!src.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get())
      throw new MigrateRefusal(`${file} is not an office hub database. Nothing was copied.`);
    // In WAL mode every open connection holds a shared lock on the -shm file; exclusive locking
    // mode needs none to exist, so an idle running hub is found, not only a writing one.
    src.pragma('locking_mode = EXCLUSIVE');
    src.exec('BEGIN EXCLUSIVE');
    src.prepare('SELECT COUNT(*) FROM audit_log').get();
    src.exec('COMMIT'); // the lock stays: exclusive mode keeps it until the connection closes
    return src;
  } catch (e) {
    src.close();
    if (e instanceof MigrateRefusal) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      throw new MigrateRefusal(`The hub in ${path.dirname(file)} is in use: stop the office hub (and anything else using ${path.basename(file)}) first. Nothing was copied.`);
    throw e;
  }
}

type Move = {
  opts: MigrateToOptions;
  schema: string;
  name: string;
  file: string;
  src: Db;
  tables: TableInfo[];
  srcAudit: { entries: number; lastHash: string | null };
  now: Date;
};

function moveIntoTrust(m: Move): MigrateToResult {
  const { opts, schema, src, tables } = m;
  openTrustDirectory(opts.url).close(); // the directory exists and is at its latest version
  const pg = new PgDatabase(pgConnection(opts.url), schema);
  const dst = pg as unknown as Db;
  let result: MigrateToResult | undefined;
  try {
    pg.transaction(() => {
      // DDL is transactional on PostgreSQL: a failed move leaves no schema behind either.
      pg.query("SELECT pg_advisory_xact_lock(hashtext('phone-safe:ddl'))");
      pg.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      const dstVersion = migrateHub(dst);
      const srcVersion = schemaVersion(src);
      if (dstVersion !== srcVersion) throw new MigrateRefusal(`Schema versions differ: the SQLite file is at ${srcVersion}, the school's PostgreSQL schema at ${dstVersion}. Nothing was copied.`);
      const pgCols = pgColumns(dst);
      compareSchemas(tables, pgCols);

      const listed = pg.query(`SELECT name FROM ${TRUST_SCHEMA}.schools WHERE slug = ?`, [opts.school]).rows[0] as { name: string } | undefined;
      const withRows = tables.filter((t) => pg.query(`SELECT 1 FROM ${q(t.name)} LIMIT 1`).rows.length > 0).map((t) => t.name);
      if (withRows.length)
        throw new MigrateRefusal(`The trust already has a school "${opts.school}" with records (${withRows.slice(0, 5).join(', ')}${withRows.length > 5 ? ', …' : ''}). Choose another short name; nothing was copied.`);
      if (listed && opts.name === undefined) m.name = listed.name;
      if (!listed)
        pg.query(`INSERT INTO ${TRUST_SCHEMA}.schools (slug, name, created_at, created_by, status) VALUES (?, ?, ?, ?, 'active')`, [opts.school, m.name, m.now.toISOString(), `${COMMAND_LINE_ACTOR} (migrate-to)`]);

      const sums = tables.map((t) => ({ name: t.name, ...tableSum(src, 'sqlite', t, typesOf(pgCols, t.name)) }));
      const base = { school: opts.school, name: m.name, schema, sourceFile: m.file, target: redactUrl(opts.url), schemaVersion: srcVersion, tables: sums, audit: m.srcAudit };
      if (opts.dryRun) {
        result = { ...base, dryRun: true, migratedEntrySeq: null, warnings: [] };
        throw new DryRunDone();
      }

      for (const t of tables) copyTable(src, pg, t, opts.batchRows ?? 500);
      continueSequences(src, pg, tables);
      verifyCopy(pg, dst, tables, pgCols, sums, m.srcAudit);

      const entry = appendAudit(dst, {
        at: m.now,
        actor: COMMAND_LINE_ACTOR,
        action: 'hub.migratedFrom',
        target: `school:${opts.school}`,
        detail: { sourceFile: path.basename(m.file), schemaVersion: srcVersion, rows: Object.fromEntries(sums.map((s) => [s.name, s.rows])), sourceAuditEntries: m.srcAudit.entries, sourceLastHash: m.srcAudit.lastHash },
      });
      const after = verifyAudit(dst);
      if (!after.ok || after.entries !== m.srcAudit.entries + 1) throw new Error(`The audit chain did not verify after recording the move (${after.ok ? `${after.entries} entries` : after.problem}).`);
      result = { ...base, dryRun: false, migratedEntrySeq: entry.seq, warnings: [] };
    })();
  } catch (e) {
    if (!(e instanceof DryRunDone)) throw e;
  } finally {
    pg.close();
  }
  return result!;
}

/** Multi-row INSERTs in primary-key order (the audit log goes in in chain order). */
function copyTable(src: Db, pg: PgDatabase, t: TableInfo, batchRows: number): void {
  const cols = t.columns;
  const perBatch = Math.max(1, Math.min(batchRows, Math.floor(MAX_PARAMS / cols.length)));
  const head = `INSERT INTO ${q(t.name)} (${cols.map(q).join(', ')}) VALUES `;
  const row = `(${cols.map(() => '?').join(', ')})`;
  const read = src.prepare(`SELECT ${cols.map(q).join(', ')} FROM ${q(t.name)} ORDER BY ${t.orderBy.map(q).join(', ')}`).raw(true);
  read.safeIntegers(true);
  let values: unknown[] = [];
  let n = 0;
  let bytes = 0;
  const flush = () => {
    if (n === 0) return;
    try {
      pg.query(head + Array.from({ length: n }, () => row).join(', '), values);
    } catch (e) {
      throw new Error(`Copying ${t.name} failed: ${(e as Error).message}. Nothing was kept on PostgreSQL.`, { cause: e });
    }
    values = [];
    n = 0;
    bytes = 0;
  };
  for (const r of read.iterate() as IterableIterator<unknown[]>) {
    for (const v of r) {
      values.push(v);
      bytes += typeof v === 'string' ? v.length : Buffer.isBuffer(v) ? v.length : 8;
    }
    n++;
    if (n >= perBatch || bytes >= BATCH_BYTES) flush();
  }
  flush();
}

/** Identity columns continue after the copied rows: max + 1, or after the highest number an
 *  AUTOINCREMENT table ever gave out (sqlite_sequence), so a kiosk's pull cursor on
 *  ref_changes never sees a number again. */
function continueSequences(src: Db, pg: PgDatabase, tables: TableInfo[]): void {
  const hasSeqTable = !!src.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'").get();
  const serials = pg.query(
    `SELECT table_name AS t, column_name AS c, pg_get_serial_sequence(quote_ident(table_schema) || '.' || quote_ident(table_name), column_name) AS s
       FROM information_schema.columns WHERE table_schema = current_schema()`,
  ).rows.filter((r) => r.s) as { t: string; c: string; s: string }[];
  for (const { t, c, s } of serials) {
    if (!tables.some((x) => x.name === t)) continue;
    const max = Number(src.prepare(`SELECT COALESCE(MAX(${q(c)}), 0) FROM ${q(t)}`).pluck().get());
    const given = hasSeqTable ? Number(src.prepare('SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = ?').pluck().get(t)) : 0;
    pg.query('SELECT setval(CAST(? AS regclass), ?, false)', [s, Math.max(max, given) + 1]);
  }
}

function verifyCopy(pg: PgDatabase, dst: Db, tables: TableInfo[], pgCols: ReturnType<typeof pgColumns>, sums: ({ name: string } & TableSum)[], srcAudit: { entries: number; lastHash: string | null }): void {
  const problems: string[] = [];
  for (const t of tables) {
    const want = sums.find((s) => s.name === t.name)!;
    const got = tableSum(dst, 'postgres', t, typesOf(pgCols, t.name));
    if (got.rows !== want.rows) problems.push(`${t.name}: ${got.rows} rows copied of ${want.rows}`);
    else if (got.checksum !== want.checksum) problems.push(`${t.name}: the copied rows differ from the original`);
  }
  const audit = verifyAudit(dst);
  if (!audit.ok) problems.push(`audit chain on PostgreSQL broken at entry ${audit.firstBadSeq}: ${audit.problem}`);
  else if (audit.entries !== srcAudit.entries) problems.push(`audit chain has ${audit.entries} entries, the original ${srcAudit.entries}`);
  const last = (pg.query('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').rows[0]?.hash as string | undefined) ?? null;
  if (last !== srcAudit.lastHash) problems.push('the last audit hash differs from the original');
  if (problems.length) throw new Error(`The copy did not check out (${problems.join('; ')}). Nothing was kept on PostgreSQL.`);
}

