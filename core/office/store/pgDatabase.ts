// The office hub's database on PostgreSQL, shaped like the part of better-sqlite3's API the
// office core uses (prepare → get/all/run/iterate/pluck, exec, transaction, inTransaction), so
// the same handlers, projections and audit chain run on either engine. One school = one
// PostgreSQL schema; this object is bound to it (search_path) and shares its process's
// connection with the other schools' objects.
import { PgBridge, PgError } from './pgBridge.js';
import { bindValues, toPostgres } from './sql.js';

let cursors = 0;
const ITERATE_PAGE = 500;

export type RunResult = { changes: number; lastInsertRowid: number };

/** Quotes a schema name made by schoolSchema(): lower-case letters, digits and underscores only. */
export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a safe schema name: ${name}`);
  return `"${name}"`;
}

/** One connection per process, shared by the schools it serves; remembers whose schema is current. */
export class PgConnection {
  readonly bridge: PgBridge;
  private currentSchema: string | null = null;
  /** Depth of the transaction open on this connection (0 = none) and whose it is. */
  txDepth = 0;
  txSchema: string | null = null;
  private users = 0;

  constructor(readonly url: string, name?: string) {
    this.bridge = new PgBridge({ url, ...(name ? { name } : {}) });
  }

  useSchema(schema: string): void {
    if (this.currentSchema === schema) return;
    if (this.txDepth > 0 && this.txSchema !== schema) throw new Error('Another school\'s transaction is open on this connection.');
    this.bridge.query(`SET search_path TO ${quoteIdent(schema)}, public`);
    this.currentSchema = schema;
  }

  retain(): void {
    this.users++;
  }

  release(): void {
    if (--this.users <= 0) this.bridge.close();
  }
}

export class PgStatement {
  private plucking = false;
  constructor(
    private readonly db: PgDatabase,
    readonly source: string,
  ) {}

  pluck(on = true): this {
    this.plucking = on;
    return this;
  }

  get(...args: unknown[]): unknown {
    const r = this.db.query(this.source, args);
    const row = r.rows[0];
    if (row === undefined) return undefined;
    return this.plucking ? row[r.fields[0]!] : row;
  }

  all(...args: unknown[]): unknown[] {
    const r = this.db.query(this.source, args);
    if (!this.plucking) return r.rows;
    const f = r.fields[0]!;
    return r.rows.map((row) => row[f]);
  }

  /** Rows a page at a time through a server-side cursor: a year's export never sits in memory. */
  *iterate(...args: unknown[]): Generator<unknown> {
    const name = `it_${++cursors}`;
    this.db.query(`DECLARE ${name} NO SCROLL CURSOR WITH HOLD FOR ${this.source}`, args);
    try {
      for (;;) {
        const r = this.db.query(`FETCH ${ITERATE_PAGE} FROM ${name}`);
        if (r.rows.length === 0) return;
        const f = r.fields[0]!;
        for (const row of r.rows) yield this.plucking ? row[f] : row;
      }
    } finally {
      if (this.db.open) this.db.query(`CLOSE ${name}`);
    }
  }

  run(...args: unknown[]): RunResult {
    const r = this.db.query(this.source, args);
    const first = r.rows[0];
    const id = first && typeof first === 'object' ? Object.values(first)[0] : undefined;
    return { changes: r.rowCount, lastInsertRowid: typeof id === 'number' ? id : 0 };
  }
}

type TxFn<A extends unknown[], R> = ((...args: A) => R) & { immediate: (...args: A) => R; deferred: (...args: A) => R; exclusive: (...args: A) => R };

export class PgDatabase {
  readonly engine = 'postgres' as const;
  private closed = false;

  constructor(
    readonly connection: PgConnection,
    readonly schema: string,
  ) {
    connection.retain();
  }

  get open(): boolean {
    return !this.closed && this.connection.bridge.open;
  }

  get inTransaction(): boolean {
    return this.connection.txDepth > 0 && this.connection.txSchema === this.schema;
  }

  query(sql: string, args: unknown[] = []): { rows: Record<string, unknown>[]; rowCount: number; fields: string[] } {
    if (this.closed) throw new PgError('The office database is closed.', 'CLOSED');
    const t = toPostgres(sql);
    this.connection.useSchema(this.schema);
    return this.connection.bridge.query(t.sql, bindValues(t, args));
  }

  prepare(sql: string): PgStatement {
    return new PgStatement(this, sql);
  }

  /** Statements without parameters, several allowed (the simple query protocol). */
  exec(sql: string): this {
    if (this.closed) throw new PgError('The office database is closed.', 'CLOSED');
    this.connection.useSchema(this.schema);
    this.connection.bridge.query(sql);
    return this;
  }

  /**
   * better-sqlite3's transaction(): nested calls become savepoints. Every outermost
   * transaction first takes this school's advisory lock, so writers to one school queue one at
   * a time across all hub processes, as they do on one SQLite file: the audit chain, badge
   * numbers and pull cursors stay as simple as they are there.
   */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): TxFn<A, R> {
    const run = (...args: A): R => {
      const c = this.connection;
      if (c.txDepth > 0) {
        if (c.txSchema !== this.schema) throw new Error('Another school\'s transaction is open on this connection.');
        const sp = `sp_${c.txDepth}`;
        this.exec(`SAVEPOINT ${sp}`);
        c.txDepth++;
        try {
          const r = fn(...args);
          c.txDepth--;
          this.exec(`RELEASE SAVEPOINT ${sp}`);
          return r;
        } catch (e) {
          c.txDepth--;
          this.exec(`ROLLBACK TO SAVEPOINT ${sp}`);
          throw e;
        }
      }
      this.connection.useSchema(this.schema);
      c.bridge.query('BEGIN');
      c.txDepth = 1;
      c.txSchema = this.schema;
      try {
        c.bridge.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`school:${this.schema}`]);
        const r = fn(...args);
        if (r instanceof Promise) throw new TypeError('Transaction function cannot return a promise');
        c.bridge.query('COMMIT');
        return r;
      } catch (e) {
        try {
          if (c.bridge.open) c.bridge.query('ROLLBACK');
        } catch {
          // the connection is gone; the server rolled back with it
        }
        throw e;
      } finally {
        c.txDepth = 0;
        c.txSchema = null;
      }
    };
    return Object.assign(run, { immediate: run, deferred: run, exclusive: run }) as TxFn<A, R>;
  }

  pragma(source: string): never {
    throw new Error(`PRAGMA ${source} is SQLite's; the office store on PostgreSQL has no equivalent.`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.release();
  }
}

