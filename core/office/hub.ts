// Everything an office hub process needs, wired once: its data folder, its own database
// (migrated), and the console core. Used by `npm run office`, the embedded hub that
// `npm start` runs beside a single-PC kiosk, and tests.
import path from 'node:path';
import { openDb, type Db } from '../db/open.js';
import { migrateHub } from './db/migrations.js';
import { createOfficeCore, type OfficeCore } from './dispatcher.js';
import { seedHubDefaults } from './reference/seed.js';

export const HUB_DB_FILE_NAME = 'office.sqlite3';

export type HubOptions = { dataDir: string; now?: () => Date; log?: (m: string, e?: unknown) => void; busyTimeoutMs?: number };

export type Hub = { db: Db; core: OfficeCore; dataDir: string; dbFile: string; now: () => Date; log: (m: string, e?: unknown) => void; close(): void };

export function openHub(opts: HubOptions): Hub {
  const dbFile = path.join(opts.dataDir, HUB_DB_FILE_NAME);
  const db = openDb(dbFile, { migrateWith: migrateHub, ...(opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {}) });
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((m: string, e?: unknown) => console.error(`[office] ${m}`, e ?? ''));
  try {
    seedHubDefaults(db, now()); // a new hub gets the kiosk's default lockers, places, hosts and policy
    const core = createOfficeCore({ db, now, log });
    return { db, core, dataDir: opts.dataDir, dbFile, now, log, close: () => db.close() };
  } catch (e) {
    db.close();
    throw e;
  }
}
