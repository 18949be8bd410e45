// Everything an office hub process needs for one school, wired once: its data folder, its
// store (a SQLite file in the folder by default, or the school's schema in a trust's PostgreSQL
// database), migrated, and the console core. Used by `npm run office`, the embedded hub that
// `npm start` runs beside a single-PC kiosk, and tests.
import path from 'node:path';
import type { Db } from '../db/open.js';
import { migrateHub } from './db/migrations.js';
import { createOfficeCore, type OfficeCore } from './dispatcher.js';
import { seedHubDefaults } from './reference/seed.js';
import { seedAgreementDefault } from './regulars/agreement.js';
import { seedNeverPlaces } from './signage/seed.js';
import { openHubStore, openSnapshotReader, type Engine, type HubStore } from './store/open.js';

export const HUB_DB_FILE_NAME = 'office.sqlite3';

export type HubOptions = {
  dataDir: string;
  /** A trust's PostgreSQL database and the school's short name in it; default: office.sqlite3 in dataDir. */
  database?: { url: string; school: string };
  now?: () => Date;
  log?: (m: string, e?: unknown) => void;
  busyTimeoutMs?: number;
};

export type Hub = {
  db: Db;
  core: OfficeCore;
  dataDir: string;
  /** The SQLite file; on PostgreSQL, a description of where the school's records are (for messages). */
  dbFile: string;
  engine: Engine;
  store: HubStore;
  /** A read-only connection holding one snapshot, for long exports. Close it when done. */
  openSnapshot(): Db;
  now: () => Date;
  log: (m: string, e?: unknown) => void;
  close(): void;
};

export function hubStore(opts: Pick<HubOptions, 'dataDir' | 'database' | 'busyTimeoutMs'>): HubStore {
  if (opts.database) return { engine: 'postgres', url: opts.database.url, school: opts.database.school };
  return { engine: 'sqlite', file: path.join(opts.dataDir, HUB_DB_FILE_NAME), ...(opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {}) };
}

export function openHub(opts: HubOptions): Hub {
  const store = hubStore(opts);
  const db = openHubStore(store, migrateHub);
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((m: string, e?: unknown) => console.error(`[office] ${m}`, e ?? ''));
  try {
    seedHubDefaults(db, now()); // a new hub gets the kiosk's default lockers, places, hosts and policy
    seedAgreementDefault(db, now()); // and the default acceptable-use agreement (hubs made before it too)
    seedNeverPlaces(db, now()); // and the policy's places where devices are never used (issue #15)
    const core = createOfficeCore({ db, now, log, dataDir: opts.dataDir });
    return {
      db,
      core,
      dataDir: opts.dataDir,
      dbFile: store.engine === 'sqlite' ? store.file : `PostgreSQL, school "${store.school}" (${redactUrl(store.url)})`,
      engine: store.engine,
      store,
      openSnapshot: () => openSnapshotReader(store),
      now,
      log,
      close: () => db.close(),
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

/** A database URL fit for a log line: no password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured database';
  }
}
