// The kiosk's background services, the same for the Electron app and the browser kiosk:
// sync with the office hub, the daily retention purge, the end-of-day sign-out rule, and on a
// one-PC reception an embedded office hub that the kiosk pairs with by itself.
// None of them can stop the kiosk: each failure is logged and the kiosk keeps signing in.
import path from 'node:path';
import type { Kiosk } from '../kiosk.js';
import { createPairingCode } from '../office/sync/pairing.js';
import { deskStatus, handlePrintRequests, markRequestsReported, printerState } from '../printing/requests.js';
import { printerStatus } from '../printing/send.js';
import { startPurgeSchedule } from '../retention/purge.js';
import type { KioskDeskStatus } from '../../shared/sync.js';
import { pendingRollCallErasures, sweepRollCallPdfs } from '../rollcall/retention.js';
import { startSyncAgent, type SyncAgent } from '../sync/agent.js';
import { pairWithHub } from '../sync/pair.js';
import { readSyncState } from '../sync/status.js';
import { autoSignOutTime, startEndOfDay } from '../visits/endOfDay.js';
import { runOfficeHub, type RunningHub } from './officeHub.js';

export const EMBEDDED_OFFICE_PORT = 5180;

export type KioskServices = {
  /** The embedded hub's console address, when this process runs one. */
  officeUrl: string | null;
  /** Always running: idles while unpaired and starts syncing within one interval of a pairing
   *  made by another process (`kiosk:admin pair` writes sync_state in the same database). */
  sync: SyncAgent;
  /** Before a kiosk operation: for FRESH_OPS, the office's latest first (a short wait); for
   *  the rest, undefined at once. Both transports (HTTP and Electron IPC) call it. */
  freshen(op: string): Promise<void> | undefined;
  stop(): Promise<void>;
};

/**
 * Operations where a visitor is waiting on something the office may have done a moment ago:
 * the head approving their device use while they stand at reception, reception adding them as
 * expected, a card issued. The kiosk asks the office for its news first, for at most
 * FRESH_WAIT_MS, instead of making them wait for the next sync round (or for the sync to come
 * out of a back-off). An office that is down costs them nothing: the kiosk answers from what
 * it has.
 */
export const FRESH_OPS: ReadonlyMap<string, { maxAgeMs: number }> = new Map([
  ['exemption.check', { maxAgeMs: 0 }],
  ['expected.byCode', { maxAgeMs: 0 }],
  ['regular.scan', { maxAgeMs: 0 }],
  // Asked at every letter typed: a round from the last few seconds will do.
  ['expected.find', { maxAgeMs: 3_000 }],
]);
export const FRESH_WAIT_MS = 2_000;

export type ServiceOptions = {
  log: (m: string, e?: unknown) => void;
  /** Run an embedded office hub unless the kiosk is paired with another one (default: site.json, else true). */
  embeddedOffice?: boolean;
  officePort?: number;
  officeHost?: string;
  syncIntervalMs?: number;
};

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/;

export async function startKioskServices(kiosk: Kiosk, opts: ServiceOptions): Promise<KioskServices> {
  const { log } = opts;
  const now = () => new Date();
  const stops: (() => Promise<void> | void)[] = [];

  stops.push(startPurgeSchedule(kiosk.db, now, log, kiosk.dataDir).stop);
  // An erasure pulled from the office also removes the roll-call PDFs that listed the person:
  // soon, not at the next daily purge.
  const erasures = setInterval(() => {
    try {
      if (kiosk.db.open && pendingRollCallErasures(kiosk.db) > 0) sweepRollCallPdfs(kiosk.db, kiosk.dataDir, now());
    } catch (e) {
      log('could not remove roll-call PDFs of an erased visit (tries again in a minute)', e);
    }
  }, 60_000);
  erasures.unref();
  stops.push(() => clearInterval(erasures));
  // The automatic end-of-day sign-out: the office's rule once synced, else site.json's.
  const siteJsonAt = kiosk.config.endOfDay?.autoSignOutAt;
  stops.push(startEndOfDay(kiosk.db, { autoSignOutAt: () => autoSignOutTime(kiosk.db, siteJsonAt), now, log }).stop);

  // The embedded hub: for a school with one reception PC. A kiosk paired with a hub elsewhere
  // (the split set-up) does not run one.
  const office = kiosk.config.office ?? {};
  const paired = readSyncState(kiosk.db);
  const pairedElsewhere = paired !== null && !LOOPBACK.test(paired.hub_url);
  const wantEmbedded = (opts.embeddedOffice ?? office.embedded ?? true) && !pairedElsewhere;
  let running: RunningHub | null = null;
  if (wantEmbedded) {
    const port = opts.officePort ?? office.port ?? EMBEDDED_OFFICE_PORT;
    try {
      running = await runOfficeHub({
        dataDir: path.join(kiosk.dataDir, 'office'),
        port,
        host: opts.officeHost ?? office.host ?? '127.0.0.1',
        ...(office.tlsCert ? { tlsCert: office.tlsCert } : {}),
        ...(office.tlsKey ? { tlsKey: office.tlsKey } : {}),
        log: (l) => log(l),
      });
      stops.push(() => running?.stop());
      if (!paired) {
        const { code } = createPairingCode(running.hub.db, 'Reception kiosk', 'this computer (embedded office)', now());
        await pairWithHub(kiosk.db, running.http.url, code, 'Reception kiosk');
        log(`kiosk paired with the embedded office at ${running.http.url}`);
      }
    } catch (e) {
      log(`the embedded office could not start on port ${port}; the kiosk works on without it`, e);
      if (running) await running.stop();
      running = null;
    }
  }

  // Started paired or not: the agent re-reads sync_state every round, so a kiosk paired while
  // running (kiosk:admin pair, another process) starts syncing within one interval.
  // Reception's desk rides on each pull: the printer's state and jobs waiting for reception go
  // to the office, and print requests from the console are queued here, once each.
  const printerCfg = kiosk.config.printer ?? null;
  const desk = {
    status: () => deskStatus(kiosk.db, printerState(kiosk.db, kiosk.printing.configured, kiosk.printing.describe())),
    reported: (s: KioskDeskStatus) => markRequestsReported(kiosk.db, s.requests.map((r) => r.requestId)),
    afterPull: async () => {
      await handlePrintRequests(kiosk.db, kiosk.printing, async () => {
        if (!printerCfg) return { ok: false, message: 'No badge printer is set up on this kiosk.' };
        const s = await printerStatus(printerCfg);
        return s.ok ? s : { ok: false, message: s.message };
      }, now);
    },
  };
  const sync = startSyncAgent(kiosk, { log, desk, ...(opts.syncIntervalMs ? { intervalMs: opts.syncIntervalMs } : {}) });
  stops.push(() => sync.stop());

  return {
    officeUrl: running ? running.http.url : null,
    sync,
    freshen: (op) => {
      const fresh = FRESH_OPS.get(op);
      return fresh ? sync.refresh(FRESH_WAIT_MS, fresh.maxAgeMs) : undefined;
    },
    async stop() {
      for (const s of stops.reverse()) {
        try {
          await s();
        } catch (e) {
          log('stopping a background service failed', e);
        }
      }
    },
  };
}
