// Console ops for backups (administrators): the list, how many to keep, and "Back up now".
// The backup is asynchronous (SQLite's online backup) and handlers are synchronous, so the HTTP
// layer takes it first (prepareBackup, only for a caller who may) and the handler records it,
// with its audit entry. A hub on PostgreSQL is backed up with pg_dump by the server's operators.
import path from 'node:path';
import { BACKUP_KEEP_DEFAULT, type BackupResult, type BackupView, type HubEngine } from '../../../shared/backup.js';
import { ContractError } from '../../../shared/errors.js';
import { mayCall } from '../../../shared/office.js';
import type { Db } from '../../db/open.js';
import { appendAudit } from '../audit.js';
import type { Actor, OfficeHandlers, Prepared } from '../context.js';
import { backupsDir, listBackups } from './files.js';
import { backupKeep, lastBackup, recordLastBackup, saveBackupKeep } from './settings.js';
import { writeBackup } from './take.js';

export const PG_BACKUPS = "This hub's database is on a PostgreSQL server: it is backed up with pg_dump by the server's operators, not from the console.";

/** The hub's data folder, from its SQLite file (the backups folder is inside it). */
const dataDirOf = (db: Db) => path.dirname(db.name);

export function backupView(db: Db, engine: HubEngine = 'sqlite'): BackupView {
  const keep = backupKeep(db);
  if (engine === 'postgres') return { engine, keep, defaultKeep: BACKUP_KEEP_DEFAULT, files: [], last: null, folder: null };
  const folder = backupsDir(dataDirOf(db));
  return { engine, keep, defaultKeep: BACKUP_KEEP_DEFAULT, files: listBackups(folder), last: lastBackup(db), folder };
}

/** What goes in the audit log about a backup: the file and its check, never content. */
export function backupAuditDetail(r: BackupResult) {
  return { trigger: r.trigger, file: r.name, size: r.size, ok: r.ok, integrity: r.check.integrity, auditEntries: r.check.audit.entries, ...(r.check.audit.problem ? { auditProblem: r.check.audit.problem } : {}), removed: r.removed };
}

/** Record a backup taken outside the console (the schedule, the command line), audited as `actor`. */
export function recordBackup(db: Db, r: BackupResult, actor: string, at: Date): void {
  db.transaction(() => {
    recordLastBackup(db, r);
    appendAudit(db, { at, actor, action: 'backup.run', target: 'backup', detail: backupAuditDetail(r) });
  }).immediate();
}

/** The HTTP layer's part of backups.runNow: take the backup, for a caller who may ask for one. */
export async function prepareBackup(db: Db, op: string, actor: Actor, now: Date, engine: HubEngine = 'sqlite'): Promise<Prepared> {
  if (op !== 'backups.runNow' || engine !== 'sqlite' || !mayCall(actor.role, op) || actor.mustChangePassword) return {};
  return { backup: await writeBackup(db, dataDirOf(db), now, 'manual') };
}

export const backupHandlers: OfficeHandlers<'backups.get' | 'backups.save' | 'backups.runNow'> = {
  'backups.get': (_input, ctx) => backupView(ctx.db, ctx.engine),

  'backups.save': (input, ctx) => {
    const before = backupKeep(ctx.db);
    saveBackupKeep(ctx.db, input.keep);
    ctx.audit('backup.save', 'backup', { before: { keep: before }, after: { keep: input.keep } });
    return backupView(ctx.db, ctx.engine);
  },

  'backups.runNow': (_input, ctx) => {
    if ((ctx.engine ?? 'sqlite') !== 'sqlite') throw new ContractError('CONFLICT', PG_BACKUPS);
    const r = ctx.prepared?.backup;
    if (!r) throw new ContractError('CONFLICT', 'The backup could not be taken here: use "Back up now" in the console, or `office backup` on the hub computer.');
    recordLastBackup(ctx.db, r);
    ctx.audit('backup.run', 'backup', backupAuditDetail(r));
    return r;
  },
};
