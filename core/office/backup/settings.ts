// The backup settings (how many files to keep) and the last backup's result, in site_settings.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { BACKUP_KEEP_DEFAULT, BackupSettings, type BackupResult } from '../../../shared/backup.js';

const KEEP_KEY = 'backup_keep';
const LAST_KEY = 'backup_last';

const read = (db: Db, key: string) => (stmt(db, 'SELECT value FROM site_settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
const write = (db: Db, key: string, value: string) =>
  stmt(db, 'INSERT INTO site_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);

export function backupKeep(db: Db): number {
  const raw = read(db, KEEP_KEY);
  const parsed = raw === undefined ? null : BackupSettings.safeParse({ keep: Number(raw) });
  return parsed?.success ? parsed.data.keep : BACKUP_KEEP_DEFAULT;
}

export function saveBackupKeep(db: Db, keep: number): void {
  write(db, KEEP_KEY, String(BackupSettings.parse({ keep }).keep));
}

export function lastBackup(db: Db): BackupResult | null {
  const raw = read(db, LAST_KEY);
  return raw ? (JSON.parse(raw) as BackupResult) : null;
}

export function recordLastBackup(db: Db, r: BackupResult): void {
  write(db, LAST_KEY, JSON.stringify(r));
}
