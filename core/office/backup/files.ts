// Where a SQLite hub's backups go and what is there: <dataDir>/backups/office-YYYY-MM-DDTHHMM.sqlite3
// (UTC in the name, so names sort by time), the folder 0700 and each file 0600 like the database.
import fs from 'node:fs';
import path from 'node:path';
import type { BackupFile } from '../../../shared/backup.js';

export const BACKUPS_DIR_NAME = 'backups';
const NAME = /^office-\d{4}-\d{2}-\d{2}T\d{4}(?:-\d+)?\.sqlite3$/;

export const backupsDir = (dataDir: string) => path.join(dataDir, BACKUPS_DIR_NAME);

/** A name not yet taken: office-2026-12-03T1405.sqlite3, then -2, -3… within the same minute. */
export function newBackupName(dir: string, at: Date): string {
  const stamp = at.toISOString().slice(0, 16).replace(':', '');
  for (let n = 1; ; n++) {
    const name = `office-${stamp}${n > 1 ? `-${n}` : ''}.sqlite3`;
    if (!fs.existsSync(path.join(dir, name)) && !fs.existsSync(path.join(dir, `${name}.partial`))) return name;
  }
}

/** A sortable number for a name: its minute, then its -2, -3 within that minute. */
function order(name: string): number {
  const m = /T(\d{4})(?:-(\d+))?\./.exec(name)!;
  const minute = Date.parse(`${name.slice(7, 17)}T${m[1]!.slice(0, 2)}:${m[1]!.slice(2)}:00Z`);
  return minute + Number(m[2] ?? 1);
}

export const isBackupName = (name: string) => NAME.test(name);

/** The finished backups, newest first (a .partial file is one still being written, or abandoned). */
export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter(isBackupName);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names
    .map((name) => {
      const st = fs.statSync(path.join(dir, name));
      return { name, at: st.mtime.toISOString(), size: st.size };
    })
    .sort((a, b) => order(b.name) - order(a.name) || (b.name < a.name ? -1 : 1));
}

/** Delete all but the newest `keep`; returns the names deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  const going = listBackups(dir).slice(keep).map((f) => f.name);
  for (const name of going) fs.rmSync(path.join(dir, name), { force: true });
  return going;
}
