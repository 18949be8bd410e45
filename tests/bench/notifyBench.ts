// Sign-in latency with a mail server that hangs (issue #14): a kiosk's sign-in pushed to the
// real office server (startOfficeHttp, TLS on loopback, signed requests) until the hub has
// stored it, with every visitor's host to be emailed through an SMTP server that accepts the
// connection and never answers, while the hub's outbox worker runs; against the same on a hub
// with no email. Samples interleaved (one from each, in turn). Target: ratio <= 1.5 (≈ 1: the
// notice is a row written in the push's transaction; the sending happens elsewhere).
//
// Not timed: the sign-in on the kiosk itself, pairing, starting the hubs and the mail server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openKiosk, type Kiosk } from '../../core/kiosk.js';
import { openHub, type Hub } from '../../core/office/hub.js';
import { startOfficeHttp, type OfficeHttp } from '../../core/office/http/server.js';
import { startNotifier, type Notifier } from '../../core/office/notifications/deliver.js';
import { hostSubject, setContact, writeSettings, DEFAULT_SETTINGS } from '../../core/office/notifications/settings.js';
import { createPairingCode } from '../../core/office/sync/pairing.js';
import { makeSelfSigned, spkiPin } from '../../core/office/tls/certificate.js';
import { createSyncClient } from '../../core/sync/client.js';
import { pairWithHub } from '../../core/sync/pair.js';
import { pushOutbox } from '../../core/sync/push.js';
import { signInInput } from '../support/tempKiosk.js';
import { startTestSmtp } from '../support/smtpServer.js';
import { nowMs, summarise, type Stats } from './stats.js';

export const NOTIFY_MAX_RATIO = 1.5;

export type NotifyBenchResult = {
  what: string;
  baselineWhat: string;
  n: number;
  baseline: Stats;
  hungMail: Stats;
  ratio: { p50: number; p99: number };
  queuedMessages: number;
  target: { maxRatio: number; pass: boolean };
  samplesMs: { baseline: number[]; hungMail: number[] };
};

type Side = { hub: Hub; http: OfficeHttp; kiosk: Kiosk; notifier: Notifier | null; push(): Promise<number> };

async function side(dir: string, cert: { key: string; cert: string }, smtpPort: number | null): Promise<Side> {
  const hub = openHub({ dataDir: path.join(dir, 'hub'), log: () => {} });
  if (smtpPort !== null) {
    hub.db.transaction(() => {
      writeSettings(hub.db, { ...DEFAULT_SETTINGS, smtp: { enabled: true, host: '127.0.0.1', port: smtpPort, security: 'none', username: '', from: 'hub@bench.test' } });
      for (const id of hub.db.prepare('SELECT id FROM hosts').pluck().all() as string[]) setContact(hub.db, hostSubject(id), `${id}@bench.test`);
    })();
  }
  const http = await startOfficeHttp({ hub, port: 0, host: '127.0.0.1', consoleDir: path.join(dir, 'no-console'), log: () => {}, https: { ...cert, pins: [spkiPin(cert.cert)] } });
  const kiosk = openKiosk({ dataDir: path.join(dir, 'kiosk'), log: () => {} });
  const code = hub.db.transaction(() => createPairingCode(hub.db, 'Bench kiosk', 'bench', new Date()).code)();
  await pairWithHub(kiosk.db, http.url, code, 'Bench kiosk');
  const client = createSyncClient(kiosk.db);
  // The worker as a hub runs it, ticking often so that it is always busy with the hung server.
  const notifier = smtpPort === null ? null : startNotifier({ db: hub.db, dataDir: hub.dataDir, now: () => new Date(), log: () => {}, everyMs: 20 });
  let i = 0;
  return {
    hub,
    http,
    kiosk,
    notifier,
    async push() {
      kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: `Bench Visitor ${i++}` }));
      const t0 = nowMs();
      await pushOutbox(client, kiosk.db);
      return nowMs() - t0;
    },
  };
}

export async function benchNotifyLatency(opts: { samples?: number; workDir?: string; say?: (s?: string) => void } = {}): Promise<NotifyBenchResult> {
  const n = opts.samples ?? 60;
  const runDir = fs.mkdtempSync(path.join(opts.workDir ?? os.tmpdir(), 'notify-bench-'));
  const smtp = await startTestSmtp();
  smtp.mode = 'hang';
  const cert = await makeSelfSigned(['bench-hub']);
  const sides: Side[] = [];
  try {
    const hung = await side(path.join(runDir, 'hung'), cert, smtp.port);
    sides.push(hung);
    const none = await side(path.join(runDir, 'none'), cert, null);
    sides.push(none);
    for (let w = 0; w < 5; w++) {
      await hung.push();
      await none.push();
    }
    const baseline: number[] = [];
    const hungMail: number[] = [];
    for (let i = 0; i < n; i++) {
      // Alternate which goes first, so neither always follows the other.
      if (i % 2 === 0) {
        hungMail.push(await hung.push());
        baseline.push(await none.push());
      } else {
        baseline.push(await none.push());
        hungMail.push(await hung.push());
      }
    }
    const queuedMessages = hung.hub.db.prepare("SELECT COUNT(*) FROM notify_outbox WHERE status = 'queued'").pluck().get() as number;
    const sent = hung.hub.db.prepare("SELECT COUNT(*) FROM notify_outbox WHERE status = 'sent'").pluck().get() as number;
    if (sent !== 0 || queuedMessages < n) throw new Error(`the hung mail server should have taken nothing: ${sent} sent, ${queuedMessages} queued`);
    const b = summarise(baseline);
    const h = summarise(hungMail);
    const ratio = { p50: h.p50 / b.p50, p99: h.p99 / b.p99 };
    return {
      what: 'a kiosk sign-in pushed to the office server (TLS, signed) until stored, every host to be emailed through an SMTP server that accepts and never answers, the outbox worker running',
      baselineWhat: 'the same push to a hub with no email set up',
      n,
      baseline: b,
      hungMail: h,
      ratio,
      queuedMessages,
      target: { maxRatio: NOTIFY_MAX_RATIO, pass: ratio.p50 <= NOTIFY_MAX_RATIO },
      samplesMs: { baseline, hungMail },
    };
  } finally {
    await smtp.stop(); // first: it lets go of the worker's hung connection
    for (const s of sides) await s.notifier?.stop().catch(() => {});
    for (const s of sides) {
      await s.http.close();
      s.kiosk.close();
      s.hub.close();
    }
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}
