// Everything a kiosk process needs, wired once: the data folder, the database (migrated),
// the site configuration applied, and the core. Used by the Electron main process, the
// browser-kiosk host and tests alike.
import path from 'node:path';
import { createCore, type Core, type CoreDeps } from './dispatcher.js';
import { DB_FILE_NAME, openDb, type Db } from './db/open.js';
import { badgeArt } from './printing/art.js';
import { createPrintingService, type PrintingService } from './printing/service.js';
import type { PrintWorker } from './printing/worker.js';
import { applySiteConfig, loadSiteConfig, type SiteConfig } from './site/config.js';

export type KioskOptions = {
  dataDir: string;
  /** Site configuration file; default `<dataDir>/site.json` (optional). */
  configFile?: string;
  now?: () => Date;
  busyTimeoutMs?: number;
} & Pick<CoreDeps, 'exemptions' | 'badges' | 'log' | 'onStaffExit'>;

export type Kiosk = {
  db: Db;
  core: Core;
  dataDir: string;
  dbFile: string;
  /** The validated site configuration it was opened with (for the host: e.g. startOnLogin). */
  config: SiteConfig;
  printing: PrintingService;
  /** Start sending queued print jobs (hosts call this once; tests when they need it). */
  startPrinting(onAttempt?: Parameters<PrintingService['start']>[3]): PrintWorker;
  close(): void;
};

export function openKiosk(opts: KioskOptions): Kiosk {
  const dbFile = path.join(opts.dataDir, DB_FILE_NAME);
  const configFile = opts.configFile ?? path.join(opts.dataDir, 'site.json');
  const config = loadSiteConfig(configFile); // validate before touching the database
  const db = openDb(dbFile, opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {});
  try {
    const now = opts.now ?? (() => new Date());
    applySiteConfig(db, config, now());
    const printing = createPrintingService(config.printer ?? null, badgeArt);
    const core = createCore({ db, now, printing, dataDir: opts.dataDir, ...pick(opts) });
    const log = opts.log ?? ((m: string, e?: unknown) => console.error(`[kiosk] ${m}`, e ?? ''));
    return {
      db,
      core,
      dataDir: opts.dataDir,
      dbFile,
      config,
      printing,
      startPrinting: (onAttempt) => printing.start(db, now, log, onAttempt),
      close: () => db.close(),
    };
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
  if (o.onStaffExit) out.onStaffExit = o.onStaffExit;
  return out;
}
