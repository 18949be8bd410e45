// Opens the kiosk's SQLite file with the settings every write relies on.
// This module and the migrations are the only places that import better-sqlite3.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from './migrations.js';
import { createPrivateFile, privateDir, privateFiles } from './private.js';

export type Db = Database.Database;

export type OpenOptions = {
  /** Milliseconds a writer waits for another connection's lock before giving up. */
  busyTimeoutMs?: number;
  /** Apply migrations (default true). Tests of migrations open without. */
  migrate?: boolean;
  readonly?: boolean;
  /** The schema to bring the file to (default: the kiosk's). The office hub passes its own. */
  migrateWith?: (db: Db) => number;
};

export const DB_FILE_NAME = 'kiosk.sqlite3';

export function openDb(file: string, opts: OpenOptions = {}): Db {
  const onDisk = file !== ':memory:' && !opts.readonly;
  if (onDisk) {
    // The visitor record is for this computer's user alone (folder 0700, files 0600).
    privateDir(path.dirname(file), { tightenExisting: fs.existsSync(file) });
    createPrivateFile(file);
  }
  const db = new Database(file, { readonly: opts.readonly ?? false });
  try {
    // WAL + FULL: a sign-in reported as done survives a power cut, not just a crash.
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    if (onDisk) privateFiles([file, `${file}-wal`, `${file}-shm`]);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    if (opts.migrate !== false && !opts.readonly) (opts.migrateWith ?? migrate)(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** A database file as it is: no pragmas, no migrations, and never created. For copies of a
 *  database (core/office/backup), which are checked and converted, never used as one. */
export function openFileAsIs(file: string, opts: { readonly?: boolean } = {}): Db {
  return new Database(file, { readonly: opts.readonly ?? false, fileMustExist: true });
}

/** The data folder when none is given: KIOSK_DATA_DIR, else the same per-user folder Electron
 *  uses as userData for this app, so both ways of running a kiosk find the same database. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = env.HOME ?? env.USERPROFILE ?? process.cwd()): string {
  if (env.KIOSK_DATA_DIR) return path.resolve(env.KIOSK_DATA_DIR);
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
  return path.join(base, APP_FOLDER);
}

/** package.json "name": Electron's userData folder name for this app. */
export const APP_FOLDER = 'phone-safe-kiosk';
