// Running an office hub in a process: its database, its HTTP(S) server (console + sync API) and
// its scheduled jobs (retention purge, nightly backup). Used by `npm run office` and by the embedded hub that a one-PC
// reception runs beside its kiosk.
//
// TLS: a hub that listens beyond this computer serves HTTPS, with its own certificate made on
// first run (core/office/tls) or the school's own; plain HTTP is for loopback, or for a hub
// behind a TLS proxy with --insecure-http (logged loudly).
import { openHub, redactUrl, type Hub } from '../office/hub.js';
import { DatabaseAttempts, hasAttemptsTable } from '../office/http/attempts.js';
import { DEFAULT_OFFICE_HOST, defaultConsoleDir, isLoopback, startOfficeHttp, type OfficeHttp, type OfficeHttpOptions } from '../office/http/server.js';
import { schoolDataDir } from '../office/http/schools.js';
import { startHubJobs } from '../office/jobs/hubJobs.js';
import type { JobSchedule } from '../office/jobs/run.js';
import { startNotifier, type Notifier } from '../office/notifications/deliver.js';
import type { Db } from '../db/open.js';
import { ensureHubTls, type HubTls } from '../office/tls/certificate.js';
import { hubMovedTo } from '../office/trust/migrateTo.js';
import { listSchools, openTrustDirectory } from '../office/trust/directory.js';

export type RunningHub = { hub: Hub; http: OfficeHttp; tls: HubTls | null; stop(): Promise<void> };
export type RunningTrustHub = { http: OfficeHttp; tls: HubTls | null; schools: number; stop(): Promise<void> };

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

type RunOptions = { dataDir: string; port: number; host?: string; log?: (line: string) => void } & HubNetworkOptions;

/** The HTTP(S) server for one hub or one trust. The data folder keeps the TLS files either way
 *  (a hub on PostgreSQL too: they belong to this machine, not to the database). */
async function serve(opts: RunOptions, what: Pick<OfficeHttpOptions, 'hub' | 'trust' | 'attempts'>, log: (line: string) => void): Promise<{ http: OfficeHttp; tls: HubTls | null }> {
  const host = opts.host ?? DEFAULT_OFFICE_HOST;
  // Loopback needs no TLS (nothing crosses the network); everything else gets it unless the
  // administrator said a proxy does it.
  const wantTls = opts.tlsCert !== undefined || (!isLoopback(host) && !opts.insecureHttp);
  const tls = wantTls ? await ensureHubTls(opts.dataDir, opts.tlsCert && opts.tlsKey ? { certFile: opts.tlsCert, keyFile: opts.tlsKey } : undefined) : null;
  if (tls?.generated) log(`Made this hub's own TLS certificate (${tls.certFile}); kiosks pin it when they pair, no fingerprint to type.`);
  const http = await startOfficeHttp({
    ...what,
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
  return { http, tls };
}

function checkTlsFiles(opts: HubNetworkOptions): void {
  if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) throw new Error('Give both --tls-cert and --tls-key (PEM files), or neither.');
}

/** One school: the SQLite file in the data folder, or (`database`) one school of a trust's
 *  PostgreSQL database, at the root URLs either way. */
export async function runOfficeHub(opts: RunOptions & { database?: { url: string; school: string } }): Promise<RunningHub> {
  const log = opts.log ?? ((line: string) => console.log(line));
  checkTlsFiles(opts);
  // A school of a trust keeps its few files (its set-up code) where the trust hub keeps them.
  const hubDir = opts.database ? schoolDataDir(opts.dataDir, opts.database.school) : opts.dataDir;
  const hub = openHub({ dataDir: hubDir, ...(opts.database ? { database: opts.database } : {}), log: (m, e) => log(`office: ${m}${e ? ` ${e instanceof Error ? e.message : String(e)}` : ''}`) });
  try {
    const moved = hubMovedTo(hub.db);
    if (moved)
      throw new Error(`This hub's school was moved into a trust on ${moved.at} (school "${moved.school}", ${moved.database}): its records live there now, and kiosks sync there. Start the trust's hub instead; this folder is kept as it was.`);
    const { http, tls } = await serve(opts, { hub }, log);
    // Retention purge and holds, nightly backup: each once across the hub's processes.
    const jobs = startHubJobs({ db: hub.db, dataDir: hub.dataDir, now: hub.now, log: hub.log });
    // The notification outbox's worker (email, webhooks): each message once across processes.
    const notifier = startNotifier({ db: hub.db, dataDir: hub.dataDir, now: hub.now, log: hub.log });
    return {
      hub,
      http,
      tls,
      async stop() {
        await http.close();
        await jobs.stop();
        await notifier.stop();
        hub.close();
      },
    };
  } catch (e) {
    hub.close();
    throw e;
  }
}

/** Sign-in attempts and wrong pairing codes counted in the trust's database, so that each of
 *  the trust's hub processes sees the others' (core/office/http/attempts.ts); in this process's
 *  memory while the database has no table for them. */
function sharedAttempts(db: Db, log: (line: string) => void): Pick<OfficeHttpOptions, 'attempts'> {
  if (hasAttemptsTable(db)) return { attempts: new DatabaseAttempts(db) };
  log('Sign-in and pairing-code attempt limits are counted by this process alone (the trust database has no rate_attempts table yet): with several hub processes, each allows its own.');
  return {};
}

/** A trust hub: every active school of the trust's PostgreSQL database, each under /s/<slug>/,
 *  each opened on first use (a school added later is served without a restart). */
export async function runTrustHub(opts: RunOptions & { databaseUrl: string }): Promise<RunningTrustHub> {
  const log = opts.log ?? ((line: string) => console.log(line));
  checkTlsFiles(opts);
  const directory = openTrustDirectory(opts.databaseUrl);
  const jobs: JobSchedule[] = [];
  const notifiers: Notifier[] = [];
  try {
    const { http, tls } = await serve(
      opts,
      {
        trust: {
          directory,
          dataDir: opts.dataDir,
          log: (m, e) => log(`office: ${m}${e ? ` ${e instanceof Error ? e.message : String(e)}` : ''}`),
          // Each school this process serves has its scheduled work (retention); its job slots
          // make it run once across the trust's hub processes.
          onOpen: (hub) => {
            jobs.push(startHubJobs({ db: hub.db, dataDir: hub.dataDir, now: hub.now, log: hub.log }));
            notifiers.push(startNotifier({ db: hub.db, dataDir: hub.dataDir, now: hub.now, log: hub.log }));
          },
        },
        ...sharedAttempts(directory.db, log),
      },
      log,
    );
    const schools = listSchools(directory).length;
    log(`Trust database: ${redactUrl(opts.databaseUrl)}, ${schools} school(s). Add one with: office --database URL add-school --slug S --name "Name"`);
    return {
      http,
      tls,
      schools,
      async stop() {
        // The jobs first: a run in progress finishes before its school's hub is closed.
        for (const j of jobs) await j.stop();
        for (const n of notifiers) await n.stop();
        await http.close();
        directory.close();
      },
    };
  } catch (e) {
    directory.close();
    throw e;
  }
}
