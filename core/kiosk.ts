// Everything a kiosk process needs, wired once: the data folder, the database (migrated),
// the site configuration applied, and the core. Used by the Electron main process, the
// browser-kiosk host and tests alike.
import path from 'node:path';
import { createCore, type Core, type CoreDeps } from './dispatcher.js';
import { DB_FILE_NAME, openDb, type Db } from './db/open.js';
import { applySiteConfig, loadSiteConfig } from './site/config.js';

export type KioskOptions = {
  dataDir: string;
  /** Site configuration file; default `<dataDir>/site.json` (optional). */
  configFile?: string;
  now?: () => Date;
  busyTimeoutMs?: number;
} & Pick<CoreDeps, 'exemptions' | 'badges' | 'log'>;

export type Kiosk = { db: Db; core: Core; dataDir: string; dbFile: string; close(): void };

export function openKiosk(opts: KioskOptions): Kiosk {
  const dbFile = path.join(opts.dataDir, DB_FILE_NAME);
  const configFile = opts.configFile ?? path.join(opts.dataDir, 'site.json');
  const config = loadSiteConfig(configFile); // validate before touching the database
  const db = openDb(dbFile, opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {});
  try {
    const now = opts.now ?? (() => new Date());
    applySiteConfig(db, config, now());
    const core = createCore({ db, now, ...pick(opts) });
    return { db, core, dataDir: opts.dataDir, dbFile, close: () => db.close() };
  } catch (e) {
    db.close();
    throw e;
  }
}

function pick(o: KioskOptions): Partial<CoreDeps> {
  const out: Partial<CoreDeps> = {};
  if (o.exemptions) out.exemptions = o.exemptions;
  if (o.badges) out.badges = o.badges;
  if (o.log) out.log = o.log;
  return out;
}
