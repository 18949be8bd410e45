// Running an office hub in a process: its database, its HTTP server (console + sync API) and
// its daily retention purge. Used by `npm run office` and by the embedded hub that a one-PC
// reception runs beside its kiosk.
import { openHub, type Hub } from '../office/hub.js';
import { DEFAULT_OFFICE_HOST, defaultConsoleDir, startOfficeHttp, type OfficeHttp } from '../office/http/server.js';
import { startPurgeSchedule } from '../office/retention/purge.js';

export type RunningHub = { hub: Hub; http: OfficeHttp; stop(): Promise<void> };

export async function runOfficeHub(opts: { dataDir: string; port: number; host?: string; log?: (line: string) => void }): Promise<RunningHub> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const hub = openHub({ dataDir: opts.dataDir, log: (m, e) => log(`office: ${m}${e ? ` ${e instanceof Error ? e.message : String(e)}` : ''}`) });
  try {
    const http = await startOfficeHttp({ hub, port: opts.port, host: opts.host ?? DEFAULT_OFFICE_HOST, consoleDir: defaultConsoleDir(), log });
    const purge = startPurgeSchedule(hub.db, hub.now, hub.log);
    return {
      hub,
      http,
      async stop() {
        purge.stop();
        await http.close();
        hub.close();
      },
    };
  } catch (e) {
    hub.close();
    throw e;
  }
}
