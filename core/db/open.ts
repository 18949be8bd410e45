// Opens the kiosk's SQLite file with the settings every write relies on.
// This module and the migrations are the only places that import better-sqlite3.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from './migrations.js';

export type Db = Database.Database;

export type OpenOptions = {
  /** Milliseconds a writer waits for another connection's lock before giving up. */
  busyTimeoutMs?: number;
  /** Apply migrations (default true). Tests of migrations open without. */
  migrate?: boolean;
  readonly?: boolean;
};

export const DB_FILE_NAME = 'kiosk.sqlite3';

export function openDb(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { readonly: opts.readonly ?? false });
  try {
    // WAL + FULL: a sign-in reported as done survives a power cut, not just a crash.
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    if (opts.migrate !== false && !opts.readonly) migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** The data folder: --data-dir, then KIOSK_DATA_DIR, then a per-user default. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, home = process.env.HOME ?? process.cwd()): string {
  if (env.KIOSK_DATA_DIR) return path.resolve(env.KIOSK_DATA_DIR);
  if (process.platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, 'phone-safe-kiosk');
  const xdg = env.XDG_DATA_HOME ?? path.join(home, '.local', 'share');
  return path.join(xdg, 'phone-safe-kiosk');
}
