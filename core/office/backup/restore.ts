// Restoring a backup into a stopped hub's data folder (`office restore FILE`). Refused while any
// process has the hub database open: an exclusive lock is taken on it first, which fails while a
// hub (even an idle one, in WAL mode) holds it. The replaced file is kept beside it as
// office.sqlite3.before-restore-<time>, complete (its WAL folded in first).
import fs from 'node:fs';
import path from 'node:path';
import type { BackupCheck } from '../../../shared/backup.js';
import { openFileAsIs } from '../../db/open.js';
import { createPrivateFile, privateFiles } from '../../db/private.js';
import { HUB_DB_FILE_NAME } from '../hub.js';
import { checkBackup } from './take.js';

export class HubInUseError extends Error {
  constructor(file: string) {
    super(`The hub database ${file} is in use: stop the office hub (and anything else using it), then restore.`);
    this.name = 'HubInUseError';
  }
}

export class BadBackupError extends Error {}

export type RestoreResult = { restored: string; replaced: string | null; check: BackupCheck };

const stamp = (at: Date) => at.toISOString().slice(0, 19).replace(/:/g, '');

export function restoreBackup(dataDir: string, source: string, now: Date): RestoreResult {
  const dbFile = path.join(dataDir, HUB_DB_FILE_NAME);
  if (!fs.existsSync(source)) throw new BadBackupError(`No such file: ${source}`);
  if (path.resolve(source) === path.resolve(dbFile)) throw new BadBackupError('That is the hub database itself, not a backup.');
  const check = checkBackup(source);
  if (check.integrity !== 'ok') throw new BadBackupError(`The backup is damaged (integrity check: ${check.integrity}); nothing was changed.`);
  if (!check.audit.ok) throw new BadBackupError(`The backup's audit log does not verify (${check.audit.problem}); nothing was changed.`);

  let replaced: string | null = null;
  if (fs.existsSync(dbFile)) {
    const current = openFileAsIs(dbFile);
    try {
      current.pragma('busy_timeout = 0');
      current.pragma('locking_mode = EXCLUSIVE');
      try {
        current.exec('BEGIN EXCLUSIVE');
        current.exec('COMMIT');
      } catch (e) {
        if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY') || (e as { code?: string }).code?.startsWith('SQLITE_LOCKED')) throw new HubInUseError(dbFile);
        throw e;
      }
      current.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      current.close();
    }
    const wal = `${dbFile}-wal`;
    if (fs.existsSync(wal) && fs.statSync(wal).size > 0) throw new HubInUseError(dbFile);
    replaced = `${dbFile}.before-restore-${stamp(now)}`;
    fs.renameSync(dbFile, replaced);
    // Empty leftovers only (checked above): a stale WAL must never be applied to the restored file.
    for (const f of [wal, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
  }
  const partial = `${dbFile}.restoring`;
  fs.rmSync(partial, { force: true });
  createPrivateFile(partial);
  fs.copyFileSync(source, partial);
  privateFiles([partial]);
  fs.renameSync(partial, dbFile);
  return { restored: dbFile, replaced, check };
}
