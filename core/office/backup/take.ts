// Taking a backup of a SQLite hub while it runs: SQLite's online backup (better-sqlite3's
// db.backup) copies a consistent snapshot page by page without stopping writers, into a
// .partial file that becomes the backup only once complete; then the copy is checked
// (integrity_check and the audit chain) and the oldest files beyond the kept number go.
import fs from 'node:fs';
import path from 'node:path';
import type { BackupCheck, BackupResult } from '../../../shared/backup.js';
import { openFileAsIs, type Db } from '../../db/open.js';
import { createPrivateFile, privateDir, privateFiles } from '../../db/private.js';
import { verifyAudit } from '../audit.js';
import { backupsDir, newBackupName, pruneBackups } from './files.js';
import { backupKeep } from './settings.js';

/** Open the copy read-only and check it: SQLite's own integrity check, then the audit chain
 *  (a backup whose log does not verify would not stand as evidence). */
export function checkBackup(file: string): BackupCheck {
  const copy = openFileAsIs(file, { readonly: true });
  try {
    const integrity = (copy.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    let audit: BackupCheck['audit'];
    try {
      const v = verifyAudit(copy);
      audit = v.ok ? { ok: true, entries: v.entries } : { ok: false, entries: v.entries, problem: v.problem };
    } catch (e) {
      audit = { ok: false, entries: 0, problem: `no audit log could be read: ${e instanceof Error ? e.message : String(e)}` };
    }
    return { integrity, audit };
  } finally {
    copy.close();
  }
}

const busy = new WeakMap<Db, Promise<unknown>>();

/** One backup at a time per hub database (a click while the nightly one runs waits for it). */
export function writeBackup(db: Db, dataDir: string, now: Date, trigger: BackupResult['trigger']): Promise<BackupResult> {
  const before = busy.get(db) ?? Promise.resolve();
  const next = before.catch(() => undefined).then(() => write(db, dataDir, now, trigger));
  busy.set(db, next);
  return next;
}

async function write(db: Db, dataDir: string, now: Date, trigger: BackupResult['trigger']): Promise<BackupResult> {
  const dir = backupsDir(dataDir);
  privateDir(dir, { tightenExisting: true });
  const name = newBackupName(dir, now);
  const file = path.join(dir, name);
  const partial = `${file}.partial`;
  createPrivateFile(partial);
  try {
    await db.backup(partial);
    // One self-contained file: the copy would otherwise keep the hub's WAL mode and grow -wal
    // and -shm files beside it whenever it is opened.
    const copy = openFileAsIs(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    privateFiles([partial]);
    fs.renameSync(partial, file);
  } catch (e) {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) fs.rmSync(f, { force: true });
    throw e;
  }
  const check = checkBackup(file);
  const ok = check.integrity === 'ok' && check.audit.ok;
  // Never let a bad copy push a good one out.
  const removed = ok ? pruneBackups(dir, backupKeep(db)) : [];
  return { name, at: now.toISOString(), size: fs.statSync(file).size, trigger, ok, check, removed };
}
