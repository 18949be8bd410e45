// Browser-kiosk mode: the kiosk's core and screens served on 127.0.0.1 for
// `chromium --kiosk <url>`. Also used directly by the end-to-end tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/db/open.js';
import { startKioskHttp } from '../core/http/server.js';
import { openKiosk } from '../core/kiosk.js';
import { superviseWorker } from '../core/printing/supervisor.js';
import { openWatchdogLog } from '../core/watchdog.js';
import { startKioskServices } from '../core/host/kioskServices.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const RENDERER_DIR = path.resolve(here, '..', '..', 'dist', 'renderer');
export const DEFAULT_PORT = 5174;

export async function runBrowserKiosk(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      port: { type: 'string' },
      'office-port': { type: 'string' },
      'no-office': { type: 'boolean', default: false },
      'sync-interval-ms': { type: 'string' },
      dev: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const port = Number(values.port ?? process.env.KIOSK_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);

  const officePort = values['office-port'] ?? process.env.OFFICE_PORT;
  if (officePort !== undefined && !/^[0-9]{1,5}$/.test(officePort)) throw new Error(`--office-port must be a port number, got ${officePort}`);
  const syncInterval = values['sync-interval-ms'] ?? process.env.KIOSK_SYNC_INTERVAL_MS;

  const kiosk = openKiosk(values.config ? { dataDir, configFile: path.resolve(values.config) } : { dataDir });
  // Office hub (embedded on a one-PC reception), sync, purge and end of day; then one sync
  // round before the screens open, so the first visitor sees the office's policy and lists.
  const services = await startKioskServices(kiosk, {
    log: (m, e) => console.error(e === undefined ? m : `${m}: ${e instanceof Error ? e.message : String(e)}`),
    ...(values['no-office'] ? { embeddedOffice: false } : {}),
    ...(officePort !== undefined ? { officePort: Number(officePort) } : {}),
    ...(syncInterval !== undefined ? { syncIntervalMs: Number(syncInterval) } : {}),
  });
  if (services.sync.status().paired) await services.sync.syncNow();
  const http = await startKioskHttp({ core: kiosk.core, staticDir: RENDERER_DIR, port, beforeCall: services.freshen });
  const watchdog = openWatchdogLog(dataDir, { onError: (m) => console.error(m) });
  watchdog.write('start', { mode: 'browser-kiosk', pid: process.pid });
  // Restarted if its loop dies (see core/printing/supervisor.ts); recorded in watchdog.log.
  const printer = superviseWorker(() => kiosk.startPrinting(), {
    onEvent: (event, detail) => {
      console.error(`print worker: ${event}`, detail.error ?? '');
      watchdog.write(event, detail);
    },
  });
  console.log(`Kiosk data: ${kiosk.dbFile}`);
  console.log(kiosk.printing.configured ? `Badge printer: ${kiosk.printing.describe()}` : 'No badge printer configured (see README: "Connecting a printer"); visitors are asked to collect a badge from reception.');
  console.log(`Browser-kiosk mode on ${http.url}`);
  if (services.officeUrl) console.log(`Office console (embedded office hub): ${services.officeUrl}`);
  else if (services.sync.status().paired) console.log(`Syncing with the office hub at ${services.sync.status().hubUrl}`);
  else console.log('Not connected to an office hub (see README: "Pairing a kiosk with the office").');
  console.log(`Open it full screen with: chromium --kiosk --app=${http.url}`);

  const stop = async () => {
    watchdog.write('quit', {});
    await http.close();
    await services.stop();
    await printer.stop();
    kiosk.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Run directly: node dist/scripts/browserKiosk.js [--data-dir D] [--port P]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runBrowserKiosk(process.argv.slice(2)).catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
}
