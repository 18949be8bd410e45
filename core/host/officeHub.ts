// Running an office hub in a process: its database, its HTTP(S) server (console + sync API) and
// its scheduled jobs (retention purge, nightly backup). Used by `npm run office` and by the embedded hub that a one-PC
// reception runs beside its kiosk.
//
// TLS: a hub that listens beyond this computer serves HTTPS, with its own certificate made on
// first run (core/office/tls) or the school's own; plain HTTP is for loopback, or for a hub
// behind a TLS proxy with --insecure-http (logged loudly).
import { openHub, type Hub } from '../office/hub.js';
import { DEFAULT_OFFICE_HOST, defaultConsoleDir, isLoopback, startOfficeHttp, type OfficeHttp } from '../office/http/server.js';
import { startHubJobs } from '../office/jobs/hubJobs.js';
import { ensureHubTls, type HubTls } from '../office/tls/certificate.js';

export type RunningHub = { hub: Hub; http: OfficeHttp; tls: HubTls | null; stop(): Promise<void> };

export type HubNetworkOptions = {
  /** The school's own certificate and key (PEM files); default: the hub's own, made on first run. */
  tlsCert?: string;
  tlsKey?: string;
  /** Serve plain HTTP on the network (only behind a TLS-terminating proxy). */
  insecureHttp?: boolean;
  trustProxy?: boolean | string | string[];
  publicOrigin?: string;
  allowedHosts?: string[];
};

export async function runOfficeHub(opts: { dataDir: string; port: number; host?: string; log?: (line: string) => void } & HubNetworkOptions): Promise<RunningHub> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const host = opts.host ?? DEFAULT_OFFICE_HOST;
  if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) throw new Error('Give both --tls-cert and --tls-key (PEM files), or neither.');
  const hub = openHub({ dataDir: opts.dataDir, log: (m, e) => log(`office: ${m}${e ? ` ${e instanceof Error ? e.message : String(e)}` : ''}`) });
  try {
    // Loopback needs no TLS (nothing crosses the network); everything else gets it unless the
    // administrator said a proxy does it.
    const wantTls = opts.tlsCert !== undefined || (!isLoopback(host) && !opts.insecureHttp);
    const tls = wantTls ? await ensureHubTls(hub.dataDir, opts.tlsCert && opts.tlsKey ? { certFile: opts.tlsCert, keyFile: opts.tlsKey } : undefined) : null;
    if (tls?.generated) log(`Made this hub's own TLS certificate (${tls.certFile}); kiosks pin it when they pair, no fingerprint to type.`);
    const http = await startOfficeHttp({
      hub,
      port: opts.port,
      host,
      consoleDir: defaultConsoleDir(),
      log,
      ...(tls ? { https: { key: tls.key, cert: tls.cert, pins: tls.pins } } : {}),
      ...(opts.insecureHttp ? { insecureHttp: true } : {}),
      ...(opts.trustProxy !== undefined ? { trustProxy: opts.trustProxy } : {}),
      ...(opts.publicOrigin ? { publicOrigin: opts.publicOrigin } : {}),
      ...(opts.allowedHosts ? { allowedHosts: opts.allowedHosts } : {}),
    });
    if (tls && tls.pins.length > 1) log('TLS rotation in progress: kiosks are learning the next certificate; run `office tls-rotate --activate` once they have all synced.');
    // Retention purge and holds, nightly backup: each once across the hub's processes.
    const jobs = startHubJobs({ db: hub.db, dataDir: hub.dataDir, now: hub.now, log: hub.log });
    return {
      hub,
      http,
      tls,
      async stop() {
        await http.close();
        await jobs.stop();
        hub.close();
      },
    };
  } catch (e) {
    hub.close();
    throw e;
  }
}
