// `npm run office`: the office hub. Serves the office console and the kiosks' sync API on the
// school network, and does the few things that must work without the console.
//   node dist/scripts/office.js [--port 5180] [--host 0.0.0.0] [--data-dir DIR]
//        [--tls-cert F --tls-key F] [--insecure-http] [--trust-proxy] [--public-origin URL] [--allowed-host H]...
//   node dist/scripts/office.js tls-rotate [--activate]                              (new certificate, no re-pairing)
//   node dist/scripts/office.js create-admin --username U --display-name "Full Name"   (password on stdin)
//   node dist/scripts/office.js reset-password --username U                           (password on stdin)
//   node dist/scripts/office.js audit-verify                                          (exit 1 if broken)
//   node dist/scripts/office.js retention                                             (periods, last purge)
//   node dist/scripts/office.js purge-now                                             (run the retention purge)
//   node dist/scripts/office.js backup                                                (a checked copy in <data-dir>/backups)
//   node dist/scripts/office.js restore FILE                                          (into a stopped hub's data folder)
//   node dist/scripts/office.js --database URL create-trust-admin --username U --display-name N   (password on stdin)
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ContractError } from '../shared/errors.js';
import { appendAudit, verifyAudit } from '../core/office/audit.js';
import { backupsDir } from '../core/office/backup/files.js';
import { recordBackup } from '../core/office/backup/handlers.js';
import { BadBackupError, HubInUseError, restoreBackup } from '../core/office/backup/restore.js';
import { writeBackup } from '../core/office/backup/take.js';
import { defaultOfficeDataDir } from '../core/office/dataDir.js';
import { openTrustDirectory } from '../core/office/trust/directory.js';
import { createTrustStaff, TRUST_COMMAND_LINE } from '../core/office/trust/staff.js';
import { openHub, type Hub } from '../core/office/hub.js';
import { DEFAULT_OFFICE_HOST, DEFAULT_OFFICE_PORT } from '../core/office/http/server.js';
import { runOfficeHub } from '../core/host/officeHub.js';
import { createAdministrator, resetPassword } from '../core/office/staff/provision.js';
import { purgeHub } from '../core/office/retention/purge.js';
import { activateRotation, prepareRotation } from '../core/office/tls/certificate.js';
import { hubRetention, lastPurge } from '../core/office/retention/settings.js';

const USAGE = `usage: office [serve] [--port N] [--host H] [--data-dir DIR] [--tls-cert FILE --tls-key FILE]
              [--insecure-http] [--trust-proxy] [--public-origin URL] [--allowed-host NAME]...
       office tls-rotate [--activate]
       office create-admin --username U --display-name NAME   (password read from standard input)
       office reset-password --username U                     (password read from standard input)
       office audit-verify
       office retention
       office purge-now
       office backup
       office restore FILE                                   (the hub must be stopped)
       office --database URL create-trust-admin --username U --display-name NAME   (a trust hub's first administrator; password from standard input)`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      database: { type: 'string' },
      username: { type: 'string' },
      'display-name': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'insecure-http': { type: 'boolean', default: false },
      'trust-proxy': { type: 'boolean', default: false },
      'public-origin': { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      activate: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const command = positionals[0] ?? 'serve';
  if (values.help || positionals.length > (command === 'restore' ? 2 : 1)) return say(values.help ? 0 : 2, USAGE);
  const dataDir = path.resolve(values['data-dir'] ?? defaultOfficeDataDir());

  switch (command) {
    case 'serve': {
      const port = Number(values.port ?? process.env.OFFICE_PORT ?? DEFAULT_OFFICE_PORT);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return say(2, `--port must be a port number, got ${values.port}`);
      // The hub, its HTTP server and its daily retention purge (core/host/officeHub.ts).
      const tlsCert = values['tls-cert'] ?? process.env.OFFICE_TLS_CERT;
      const tlsKey = values['tls-key'] ?? process.env.OFFICE_TLS_KEY;
      const running = await runOfficeHub({
        dataDir,
        port,
        host: values.host ?? process.env.OFFICE_HOST ?? DEFAULT_OFFICE_HOST,
        ...(tlsCert ? { tlsCert } : {}),
        ...(tlsKey ? { tlsKey } : {}),
        insecureHttp: values['insecure-http'],
        ...(values['trust-proxy'] ? { trustProxy: true } : {}),
        ...(values['public-origin'] ? { publicOrigin: values['public-origin'] } : {}),
        ...(values['allowed-host'] ? { allowedHosts: values['allowed-host'] } : {}),
      });
      console.log(`Office data: ${running.hub.dbFile}`);
      const stop = async () => {
        await running.stop();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return -1; // keep running
    }
    case 'create-admin': {
      const username = values.username;
      const displayName = values['display-name'];
      if (!username || !displayName) return say(2, 'create-admin needs --username and --display-name (the password is read from standard input).');
      const password = await readSecret('Password for the new administrator (12 or more characters): ');
      return withHub(dataDir, async (hub) => {
        const staff = await createAdministrator(hub, { username, displayName, password });
        return say(0, `Administrator ${staff.displayName} (${staff.username}) created. Sign in to the console with that username.`);
      });
    }
    case 'reset-password': {
      if (!values.username) return say(2, 'reset-password needs --username (the new password is read from standard input).');
      const username = values.username;
      const password = await readSecret(`New password for ${username} (12 or more characters): `);
      return withHub(dataDir, async (hub) => {
        const staff = await resetPassword(hub, username, password);
        return say(0, `Password of ${staff.displayName} (${staff.username}) changed; the account is unlocked and was signed out everywhere.`);
      });
    }
    case 'tls-rotate': {
      if (values.activate) {
        const { pin } = activateRotation(dataDir);
        return say(0, `The next certificate is now the hub's (pin ${pin}). Restart the hub to serve it; kiosks that synced since tls-rotate already accept it.`);
      }
      const { pin } = await prepareRotation(dataDir);
      return say(0, `Made the next certificate (pin ${pin}). Kiosks learn it at their next sync (within a minute while the hub runs). Then run: office tls-rotate --activate, and restart the hub.`);
    }
    case 'audit-verify':
      return withHub(dataDir, async (hub) => {
        const v = verifyAudit(hub.db);
        return v.ok
          ? say(0, `Audit log intact: ${v.entries} entries, every link checked.`)
          : say(1, `AUDIT LOG BROKEN at entry ${v.firstBadSeq}: ${v.problem}. ${v.entries} entries before it check out.`);
      });
    case 'retention':
      return withHub(dataDir, async (hub) => {
        const p = hubRetention(hub.db);
        const last = lastPurge(hub.db);
        return say(
          0,
          [
            `Visits: ${p.visitsMonths} months after the end of their academic year (31 August)`,
            `Exemptions: ${p.exemptionsMonths} months after they stopped applying`,
            `Breaches/concerns: ${p.breachesMonths} months after closing (open ones are kept)`,
            `Photos: ${p.photosMonths} months after the visit`,
            'Audit log: kept',
            last ? `Last purge: ${last.at} (${last.trigger}) removed ${JSON.stringify(last.counts)}; ${last.held} visit(s) held` : 'Last purge: never',
          ].join('\n'),
        );
      });
    case 'purge-now':
      return withHub(dataDir, async (hub) => {
        const r = purgeHub(hub.db, hub.now(), { trigger: 'manual', log: hub.log });
        return say(0, `Purge done: removed ${JSON.stringify(r.counts)}; ${r.held} visit(s) kept for open breaches/concerns.`);
      });
    case 'backup':
      return withHub(dataDir, async (hub) => {
        const r = await writeBackup(hub.db, hub.dataDir, hub.now(), 'command');
        recordBackup(hub.db, r, 'command line (office backup)', hub.now());
        const file = path.join(backupsDir(hub.dataDir), r.name);
        return r.ok
          ? say(0, `Backup written and checked: ${file} (${r.size} bytes; ${r.check.audit.entries} audit entries verify).${r.removed.length ? ` Removed older: ${r.removed.join(', ')}.` : ''}`)
          : say(1, `Backup written to ${file} but its check FAILED: integrity ${r.check.integrity}; audit ${r.check.audit.problem ?? 'ok'}. Older backups were kept.`);
      });
    case 'restore': {
      const source = positionals[1];
      if (!source) return say(2, 'restore needs the backup file: office restore FILE (stop the hub first).');
      try {
        const r = restoreBackup(dataDir, path.resolve(source), new Date());
        // The restored log records the restore itself (and the hub's migrations bring an older backup up to date).
        await withHub(dataDir, async (hub) => {
          hub.db.transaction(() => appendAudit(hub.db, { at: hub.now(), actor: 'command line (office restore)', action: 'backup.restore', target: 'backup', detail: { from: path.basename(source), replacedKeptAs: r.replaced ? path.basename(r.replaced) : null } })).immediate();
          return 0;
        });
        return say(0, `Restored ${source} into ${r.restored} (${r.check.audit.entries} audit entries verify).${r.replaced ? ` The replaced database is kept as ${r.replaced}.` : ''} Start the hub again.`);
      } catch (e) {
        if (e instanceof HubInUseError || e instanceof BadBackupError) return say(1, e.message);
        throw e;
      }
    }
    case 'create-trust-admin': {
      const url = values.database ?? process.env.OFFICE_DATABASE_URL;
      const username = values.username;
      const displayName = values['display-name'];
      if (!url || !username || !displayName) return say(2, 'create-trust-admin needs --database, --username and --display-name (the password is read from standard input).');
      const password = await readSecret('Password for the new trust administrator (12 or more characters): ');
      const directory = openTrustDirectory(url);
      try {
        const staff = await createTrustStaff(directory.db, { username, displayName, role: 'trust_admin', password }, { label: TRUST_COMMAND_LINE, commandLine: true }, new Date());
        return say(0, `Trust administrator ${staff.displayName} (${staff.username}) created. Sign in at /trust/ on the trust hub.`);
      } catch (e) {
        if (e instanceof ContractError) return say(1, e.message);
        throw e;
      } finally {
        directory.close();
      }
    }
    default:
      return say(2, USAGE);
  }
}

async function withHub(dataDir: string, work: (hub: Hub) => Promise<number>): Promise<number> {
  const hub = openHub({ dataDir });
  try {
    return await work(hub);
  } catch (e) {
    if (e instanceof ContractError) return say(1, e.message);
    throw e;
  } finally {
    hub.close();
  }
}

/** One line of standard input: piped (scripted installs, tests) or typed without echo. */
async function readSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) {
      text += String(chunk);
      if (text.includes('\n')) break;
    }
    return text.split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((resolve) => {
    let typed = '';
    const onData = (s: string) => {
      for (const ch of s) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.off('data', onData);
          stdin.pause();
          process.stderr.write('\n');
          return resolve(typed);
        }
        if (ch === '\u0003') process.exit(130); // Ctrl-C
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

function say(code: number, msg: string): number {
  (code === 0 ? console.log : console.error)(msg);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: Error) => {
    console.error(e.message);
    process.exit(1);
  },
);
