// Reception tasks from the command line (the office console's Reception desk has the same
// printer buttons, carried to the kiosk by sync). Works beside a running kiosk: it writes to
// the same database and the kiosk's print worker picks the job up within a few seconds.
//   node dist/scripts/kioskAdmin.js <command> [--data-dir DIR] [--by NAME]
//   commands: printer-status | test-badge | reprint <badge code> | roll-call | jobs | set-pin
//             pair <hub url> <code> [--name NAME] | sync-status | sync-now | sync-retry-refused
//   set-pin reads the new staff PIN typed at the terminal (not shown, asked twice) or one line
//   piped on standard input; never from the command line, where shell history and `ps` keep it.
//   pair uses a one-time code from the office console (Kiosks → Pair a kiosk); the running kiosk
//   starts syncing on its own within one sync interval (its sync agent looks every round). sync-now pushes and pulls once and reports;
//   sync-retry-refused puts events the office refused back in the outbox.
//   set-hub-url <new hub url> moves a paired kiosk to its hub's new address (the school's hub moved
//   into a trust: https://trusthub:5180/s/<school>/) without pairing again. It asks for the
//   kiosk's staff PIN (typed hidden, or piped), keeps the kiosk's key, the hub's key and the
//   pinned certificates, and keeps the new address only if it answers as the same hub. A kiosk
//   paired over plain http (one-PC reception) pins nothing: give --hub-pin PIN (office tls-announce).
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/db/open.js';
import { openKiosk } from '../core/kiosk.js';
import { printerStatus } from '../core/printing/send.js';
import { loadSiteConfig } from '../core/site/config.js';
import { applySetPin, readPinForSetPin } from './setPin.js';
import { readSecretOnce } from './readSecret.js';
import { checkStaffPin } from '../core/staff/pin.js';
import { changeHubUrl, hubUrlHistory, type HubUrlChange } from '../core/sync/rehome.js';
import { createSyncClient, SyncError } from '../core/sync/client.js';
import { pairWithHub } from '../core/sync/pair.js';
import { pullAll } from '../core/sync/pull.js';
import { pushOutbox, releaseQuarantine, reportQuarantine } from '../core/sync/push.js';
import { recordSyncError, syncStatus, type SyncStatus } from '../core/sync/status.js';

const USAGE =
  'usage: kioskAdmin <printer-status | test-badge | reprint <badge code> | roll-call | jobs | set-pin | pair <hub url> <code> | sync-status | sync-now | sync-retry-refused | set-hub-url <new hub url>> [--data-dir DIR] [--by NAME] [--name NAME]';

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, config: { type: 'string' }, by: { type: 'string', default: 'Reception' }, pin: { type: 'string' }, name: { type: 'string' }, 'hub-pin': { type: 'string' } },
    allowPositionals: true,
  });
  const [command, arg] = positionals;
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const configFile = values.config ? path.resolve(values.config) : path.join(dataDir, 'site.json');
  const by = values.by ?? 'Reception';

  if (command === 'printer-status') {
    const cfg = loadSiteConfig(configFile).printer;
    if (!cfg) return say(1, `No printer in ${configFile}. Add a "printer" section (see README: Connecting a printer).`);
    const s = await printerStatus(cfg);
    return s.ok ? say(0, `Printer ready: ${cfg.type} on ${cfg.interface}`) : say(1, `Printer not ready (${s.reason}): ${s.message}`);
  }

  let newPin: string | undefined;
  let adminPin: string | null = null;
  if (command === 'set-hub-url') {
    if (!arg) return say(2, 'set-hub-url needs the hub\'s new address, e.g. set-hub-url https://trusthub:5180/s/riverside/');
    if (values.pin !== undefined) return say(2, 'set-hub-url does not take --pin (shell history, process list): type the PIN when asked, or pipe it in.');
    adminPin = await readSecretOnce('Staff PIN of this kiosk (not shown)');
    if (!adminPin) return say(2, 'Cancelled: nothing was changed.');
  }
  if (command === 'set-pin') {
    const read = await readPinForSetPin(values.pin);
    if ('error' in read) return say(2, read.error);
    newPin = read.pin;
  }

  const kiosk = openKiosk({ dataDir, configFile });
  try {
    switch (command) {
      case 'test-badge':
        return say(0, `Test badge queued (job ${kiosk.core.run('printer.testBadge', { by }).jobId}).`);
      case 'reprint': {
        if (!arg) return say(2, 'reprint needs the badge code, e.g. reprint 7KQ2MX');
        const match = kiosk.core.run('visit.findByBadgeCode', { badgeCode: arg });
        const { jobId } = kiosk.core.run('badge.reprint', { visitId: match.visitId, by });
        return say(0, `Reprint of ${match.maskedName}'s badge queued (job ${jobId}), recorded as asked by ${by}.`);
      }
      case 'roll-call': {
        const r = kiosk.core.run('rollCall.print', { by });
        return say(0, `Roll call of ${r.count} visitor(s) queued for the badge printer (job ${r.jobId}).`);
      }
      case 'jobs': {
        const rows = kiosk.db
          .prepare('SELECT id, kind, status, attempts, created_at, last_error FROM print_jobs ORDER BY created_at DESC LIMIT 20')
          .all() as { id: string; kind: string; status: string; attempts: number; created_at: string; last_error: string | null }[];
        for (const r of rows) console.log(`${r.created_at}  ${r.kind.padEnd(8)} ${r.status.padEnd(11)} tries ${r.attempts}  ${r.last_error ?? ''}`);
        return 0;
      }
      case 'set-pin':
        return say(0, applySetPin(kiosk.db, newPin!));
      case 'pair': {
        const code = positionals[2];
        if (!arg || !code) return say(2, 'pair needs the hub address and the code, e.g. pair http://office-pc:8443 7KQ2-M9XD [--name "Main entrance"]');
        try {
          const r = await pairWithHub(kiosk.db, arg, code, values.name ?? os.hostname());
          return say(0, `Paired with the office hub of ${r.siteName} as "${r.kioskName}". The kiosk sends its visits and fetches the office's lists from now on.`);
        } catch (e) {
          return say(1, `Pairing failed: ${(e as Error).message}`);
        }
      }
      case 'set-hub-url': {
        // Only someone holding a staff PIN of this kiosk moves it (wrong PINs slow down as at the screen).
        const check = checkStaffPin(kiosk.db, adminPin!, new Date(), 'exit');
        if (!check.ok) return say(1, `Not changed: ${check.message}`);
        const who = check.holder.kind === 'staff' ? check.holder.displayName : 'kiosk PIN holder';
        try {
          const c = await changeHubUrl(kiosk.db, arg!, `${who} (${by}, kiosk:admin)`, values['hub-pin'] !== undefined ? { hubPin: values['hub-pin'] } : {});
          return say(0, `This kiosk now syncs with ${c.to} (was ${c.from}); the hub answered there as the same hub, over a pinned certificate. Recorded: ${c.at} by ${c.by}.`);
        } catch (e) {
          return say(1, `Not changed: ${(e as Error).message}`);
        }
      }
      case 'sync-retry-refused':
        return say(0, `${releaseQuarantine(kiosk.db)} event(s) set aside put back to send again at the next sync.`);
      case 'sync-status':
        console.log(describeSync(syncStatus(kiosk.db), hubUrlHistory(kiosk.db)));
        return 0;
      case 'sync-now': {
        if (!syncStatus(kiosk.db).paired) return say(1, 'This kiosk is not paired with an office hub. Use: pair <hub url> <code>');
        const client = createSyncClient(kiosk.db);
        try {
          const pushed = await pushOutbox(client, kiosk.db);
          await reportQuarantine(client, kiosk.db);
          const pulled = await pullAll(client, kiosk.db);
          const aside = pushed.quarantined ? ` ${pushed.quarantined} event(s) refused by the office were set aside.` : '';
          return say(0, `Sent ${pushed.pushed} event(s) in ${pushed.batches} request(s); applied ${pulled.applied} change(s) from the office.${aside}\n${describeSync(syncStatus(kiosk.db), hubUrlHistory(kiosk.db))}`);
        } catch (e) {
          recordSyncError(kiosk.db, (e as Error).message, new Date());
          const hint = e instanceof SyncError && e.code === 'REVOKED' ? ' The office revoked this kiosk: it keeps working, unsynced.' : '';
          return say(1, `Sync failed: ${(e as Error).message}${hint}`);
        }
      }
      default:
        return say(2, USAGE);
    }
  } finally {
    kiosk.close();
  }
}

function describeSync(s: SyncStatus, moves: HubUrlChange[] = []): string {
  if (!s.paired) return `Kiosk ${s.kioskId}: not paired with an office hub (${s.outbox} event(s) kept for when it is).`;
  const lines = [
    `Kiosk ${s.kioskId} "${s.kioskName}", paired ${s.pairedAt} with ${s.hubUrl}${s.revokedAt ? `, REVOKED ${s.revokedAt}` : ''}`,
    `Waiting to send: ${s.outbox} event(s); last sent ${s.lastPushAt ?? 'never'}; last fetched ${s.lastPullAt ?? 'never'} (change ${s.pullCursor})`,
  ];
  if (s.quarantined > 0) lines.push(`Set aside: ${s.quarantined} event(s) the office refused on their own (kept here, listed on the console's Kiosks page)`);
  if (s.pendingErasures > 0) lines.push(`Erasures waiting: ${s.pendingErasures} visit(s) erased at the office whose visitor is still signed in here; erased once they sign out`);
  if (s.clockOffsetMs !== 0) lines.push(`Clock: ${(s.clockOffsetMs / 1000).toFixed(1)} s ${s.clockOffsetMs > 0 ? 'ahead of' : 'behind'} the hub (corrected when signing)`);
  if (s.lastError) lines.push(`Last problem (${s.lastErrorAt}): ${s.lastError}`);
  for (const c of moves) lines.push(`Hub address changed ${c.at} by ${c.by}: ${c.from} → ${c.to}`);
  return lines.join('\n');
}

function say(code: number, msg: string): number {
  (code === 0 ? console.log : console.error)(msg);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e.message);
    process.exit(1);
  },
);
