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
//   node dist/scripts/office.js tls-announce --cert FILE | --remove                   (announce another hub's pin: moving into a trust)
//   node dist/scripts/office.js migrate-to [postgres://…] --school SLUG [--name "School name"] [--dry-run]
//        (copy this stopped single-school hub into a trust's PostgreSQL as a new school; the URL may
//        instead be given as --database URL or in OFFICE_DATABASE, which keeps its password out of
//        the process list)
// On a trust's PostgreSQL database (--database URL, or OFFICE_DATABASE):
//   office --database URL                          the trust hub: every school under /s/<slug>/
//   office --database URL --school S               one school, at the usual addresses
//   office --database URL add-school --slug S --name "Name"   (prints the school's set-up code)
//   office --database URL create-admin --school S ...          (and every other command, with --school)
//   office --database URL create-trust-admin --username U --display-name N   (the trust's first administrator; password on stdin)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ContractError } from '../shared/errors.js';
import { appendAudit, verifyAudit } from '../core/office/audit.js';
import { backupsDir } from '../core/office/backup/files.js';
import { recordBackup } from '../core/office/backup/handlers.js';
import { BadBackupError, HubInUseError, restoreBackup } from '../core/office/backup/restore.js';
import { writeBackup } from '../core/office/backup/take.js';
import { defaultOfficeDataDir } from '../core/office/dataDir.js';
import { createTrustStaff, TRUST_COMMAND_LINE } from '../core/office/trust/staff.js';
import { openHub, redactUrl, type Hub } from '../core/office/hub.js';
import { MigrateRefusal, migrateTo, type MigrateToResult } from '../core/office/trust/migrateTo.js';
import { DEFAULT_OFFICE_HOST, DEFAULT_OFFICE_PORT } from '../core/office/http/server.js';
import { runOfficeHub, runTrustHub } from '../core/host/officeHub.js';
import { prepareSetupCode } from '../core/office/auth/setup.js';
import { schoolBase, schoolDataDir } from '../core/office/http/schools.js';
import { isPostgresUrl } from '../core/office/store/open.js';
import { addSchool, findSchool, openTrustDirectory } from '../core/office/trust/directory.js';
import { COMMAND_LINE_ACTOR } from '../core/office/staff/provision.js';
import { createAdministrator, resetPassword } from '../core/office/staff/provision.js';
import { purgeHub } from '../core/office/retention/purge.js';
import { activateRotation, announceCertificate, prepareRotation, removeAnnouncedCertificate } from '../core/office/tls/certificate.js';
import { hubRetention, lastPurge } from '../core/office/retention/settings.js';

const USAGE = `usage: office [serve] [--port N] [--host H] [--data-dir DIR] [--tls-cert FILE --tls-key FILE]
              [--insecure-http] [--trust-proxy] [--public-origin URL] [--allowed-host NAME]...
              [--database postgres://... [--school S]]   (a trust's database: all its schools, or one)
       office --database URL add-school --slug S --name NAME
       office tls-rotate [--activate]
       office create-admin --username U --display-name NAME   (password read from standard input)
       office reset-password --username U                     (password read from standard input)
       office audit-verify
       office retention
       office purge-now
       office backup
       office restore FILE                                   (the hub must be stopped)
       office --database URL create-trust-admin --username U --display-name NAME   (a trust hub's first administrator; password from standard input)
       office tls-announce --cert FILE | --remove
       office migrate-to [postgres://…] --school SLUG [--name NAME] [--dry-run]   (or --database URL, or OFFICE_DATABASE)
  With --database URL (or OFFICE_DATABASE), give --school S to the account and records commands.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      username: { type: 'string' },
      'display-name': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'insecure-http': { type: 'boolean', default: false },
      'trust-proxy': { type: 'boolean', default: false },
      'public-origin': { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      activate: { type: 'boolean', default: false },
      cert: { type: 'string' },
      remove: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      database: { type: 'string' },
      school: { type: 'string' },
      slug: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const command = positionals[0] ?? 'serve';
  if (values.help || positionals.length > (command === 'restore' || command === 'migrate-to' ? 2 : 1)) return say(values.help ? 0 : 2, USAGE);
  const dataDir = path.resolve(values['data-dir'] ?? defaultOfficeDataDir());
  // An empty OFFICE_DATABASE is no database (as an unset one).
  const databaseUrl = values.database ?? (process.env.OFFICE_DATABASE || undefined);
  if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl)) return say(2, '--database must be a PostgreSQL URL (postgres://user:password@host:port/database).');
  if (values.school !== undefined && databaseUrl === undefined && command !== 'migrate-to') return say(2, '--school names a school of a trust\'s database: give --database too.');
  // The records commands open one school: the SQLite file, or --school of the trust's database.
  const target = (): HubTarget | { usage: string } => {
    if (databaseUrl === undefined) return { dataDir };
    if (!values.school) return { usage: 'On a trust\'s database, say which school: --school S.' };
    return { dataDir: schoolDataDir(dataDir, values.school), database: { url: databaseUrl, school: values.school } };
  };

  switch (command) {
    case 'serve': {
      const port = Number(values.port ?? process.env.OFFICE_PORT ?? DEFAULT_OFFICE_PORT);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return say(2, `--port must be a port number, got ${values.port}`);
      // The hub, its HTTP server and its daily retention purge (core/host/officeHub.ts).
      const tlsCert = values['tls-cert'] ?? process.env.OFFICE_TLS_CERT;
      const tlsKey = values['tls-key'] ?? process.env.OFFICE_TLS_KEY;
      const network = {
        dataDir,
        port,
        host: values.host ?? process.env.OFFICE_HOST ?? DEFAULT_OFFICE_HOST,
        ...(tlsCert ? { tlsCert } : {}),
        ...(tlsKey ? { tlsKey } : {}),
        insecureHttp: values['insecure-http'],
        ...(values['trust-proxy'] ? { trustProxy: true } : {}),
        ...(values['public-origin'] ? { publicOrigin: values['public-origin'] } : {}),
        ...(values['allowed-host'] ? { allowedHosts: values['allowed-host'] } : {}),
      };
      let running: { stop(): Promise<void> };
      if (databaseUrl !== undefined && !values.school) {
        running = await runTrustHub({ ...network, databaseUrl });
      } else {
        const one = await runOfficeHub({ ...network, ...(databaseUrl !== undefined && values.school ? { database: { url: databaseUrl, school: values.school } } : {}) });
        console.log(`Office data: ${one.hub.dbFile}`);
        running = one;
      }
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
      return withHub(target(), async (hub) => {
        const staff = await createAdministrator(hub, { username, displayName, password });
        return say(0, `Administrator ${staff.displayName} (${staff.username}) created. Sign in to the console with that username.`);
      });
    }
    case 'reset-password': {
      if (!values.username) return say(2, 'reset-password needs --username (the new password is read from standard input).');
      const username = values.username;
      const password = await readSecret(`New password for ${username} (12 or more characters): `);
      return withHub(target(), async (hub) => {
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
    case 'tls-announce': {
      if (values.remove) return say(0, removeAnnouncedCertificate(dataDir) ? 'No other certificate is announced any more (from the hub\'s next start).' : 'No other certificate was announced.');
      if (!values.cert) return say(2, 'tls-announce needs --cert FILE: the other hub\'s certificate (its cert.pem, never its key).');
      const { pin } = announceCertificate(dataDir, fs.readFileSync(path.resolve(values.cert), 'utf8'));
      return say(0, `This hub announces pin ${pin} as well from its next start: restart it, and let every kiosk sync once (kiosk:admin sync-now, or wait a minute). They then accept that hub's certificate too.`);
    }
    case 'migrate-to': {
      const url = positionals[1] ?? values.database ?? (process.env.OFFICE_DATABASE || undefined); // set but empty = not set
      if (!url || !isPostgresUrl(url)) return say(2, 'migrate-to needs the trust\'s database: postgres://user:password@host:5432/db (or --database URL, or set OFFICE_DATABASE).');
      if (!values.school) return say(2, 'migrate-to needs --school SLUG: the school\'s short name in the trust (its address becomes /s/SLUG/).');
      try {
        const r = migrateTo({ dataDir, url, school: values.school, ...(values.name ? { name: values.name } : {}), dryRun: values['dry-run'] });
        return say(0, describeMove(r));
      } catch (e) {
        if (e instanceof MigrateRefusal) return say(1, `Refused: ${e.message}`);
        return say(1, `The move failed and was undone (nothing kept in ${redactUrl(url)}): ${redactSecrets((e as Error).message, url)}`);
      }
    }
    case 'add-school': {
      if (databaseUrl === undefined) return say(2, 'add-school adds a school to a trust\'s database: give --database postgres://... (or OFFICE_DATABASE).');
      if (!values.slug || !values.name) return say(2, 'add-school needs --slug (the short name in its address, e.g. riverside) and --name ("Riverside Primary").');
      const slug = values.slug;
      const directory = openTrustDirectory(databaseUrl);
      try {
        addSchool(directory, { slug, name: values.name, by: COMMAND_LINE_ACTOR, at: new Date() });
      } catch (e) {
        directory.close();
        return say(1, (e as Error).message);
      }
      directory.close();
      // Its records made now, and its set-up code: whoever holds it makes the first administrator.
      const schoolDir = schoolDataDir(dataDir, slug);
      return withHub({ dataDir: schoolDir, database: { url: databaseUrl, school: slug } }, async (hub) => {
        const setup = prepareSetupCode(hub.db, schoolDir);
        return say(
          0,
          [
            `School "${values.name}" added as ${slug} (${redactUrl(databaseUrl)}). Its console and kiosks' address: https://<hub>:${DEFAULT_OFFICE_PORT}${schoolBase(slug)}`,
            setup
              ? `Set-up code for its first administrator: ${setup.code} (also in ${setup.file}; it works once). Or: office --database URL create-admin --school ${slug} --username U --display-name NAME`
              : 'It already has staff.',
          ].join('\n'),
        );
      });
    }
    case 'audit-verify':
      return withHub(target(), async (hub) => {
        const v = verifyAudit(hub.db);
        return v.ok
          ? say(0, `Audit log intact: ${v.entries} entries, every link checked.`)
          : say(1, `AUDIT LOG BROKEN at entry ${v.firstBadSeq}: ${v.problem}. ${v.entries} entries before it check out.`);
      });
    case 'retention':
      return withHub(target(), async (hub) => {
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
      return withHub(target(), async (hub) => {
        const r = purgeHub(hub.db, hub.now(), { trigger: 'manual', log: hub.log });
        return say(0, `Purge done: removed ${JSON.stringify(r.counts)}; ${r.held} visit(s) kept for open breaches/concerns.`);
      });
    case 'backup':
      if (databaseUrl !== undefined) return say(2, 'A trust\'s PostgreSQL database is backed up with pg_dump (see the README, Backups).');
      return withHub({ dataDir }, async (hub) => {
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
      if (databaseUrl !== undefined) return say(2, 'A trust\'s PostgreSQL database is restored with pg_restore (see the README, Backups).');
      try {
        const r = restoreBackup(dataDir, path.resolve(source), new Date());
        // The restored log records the restore itself (and the hub's migrations bring an older backup up to date).
        await withHub({ dataDir }, async (hub) => {
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
      const url = databaseUrl;
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

function describeMove(r: MigrateToResult): string {
  const width = Math.max(...r.tables.map((t) => t.name.length));
  return [
    r.dryRun ? `Dry run: nothing was copied. Checks passed for moving ${r.sourceFile}` : `Moved ${r.sourceFile}`,
    `  into ${r.target}, school "${r.school}" (${r.name}), schema ${r.schema}, hub schema version ${r.schemaVersion}`,
    ...r.tables.map((t) => `  ${t.name.padEnd(width)}  ${String(t.rows).padStart(8)} row(s)${r.dryRun ? '' : `  checksum ${t.checksum.slice(0, 16)}… equal on both sides`}`),
    `  audit log: ${r.audit.entries} entries, last hash ${r.audit.lastHash ?? '(none)'}${r.dryRun ? '' : `; chain verified on PostgreSQL, move recorded as entry ${r.migratedEntrySeq}`}`,
    ...r.warnings.map((w) => `WARNING: ${w}`),
    r.dryRun
      ? 'Run again without --dry-run to copy.'
      : `Next: start the trust hub, move each kiosk with \`kiosk:admin set-hub-url https://<trust hub>/s/${r.school}/\` (README: Moving a school hub into a trust). Do not start this hub again.`,
  ].join('\n');
}

/** An error message with the database password taken out, wherever the driver put it. */
function redactSecrets(message: string, url: string): string {
  try {
    const pw = decodeURIComponent(new URL(url).password);
    return pw ? message.split(pw).join('***').split(url).join(redactUrl(url)) : message;
  } catch {
    return message;
  }
}

type HubTarget = { dataDir: string; database?: { url: string; school: string } };

async function withHub(target: HubTarget | { usage: string }, work: (hub: Hub) => Promise<number>): Promise<number> {
  if ('usage' in target) return say(2, target.usage);
  if (target.database) {
    // A school of a trust: it must be one the trust has (and serves).
    const directory = openTrustDirectory(target.database.url);
    const row = findSchool(directory, target.database.school);
    directory.close();
    if (!row) return say(1, `The trust has no school "${target.database.school}". Add it with add-school.`);
  }
  const hub = openHub(target);
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
