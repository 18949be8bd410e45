// Backups of a hub on SQLite (core/office/backup): the shapes of the console ops in
// shared/office.ts. A hub on PostgreSQL is backed up by the database server's operators
// (pg_dump), so its view has no files and the console offers no button. No Node or DOM imports.
import { z } from './zod.js';

export const BACKUP_KEEP_DEFAULT = 14;

/** How many backup files to keep (the newest; older ones are deleted after each backup). */
export const BackupSettings = z.object({ keep: z.number().int().min(1, { error: 'tooSmall' }).max(365, { error: 'tooBig' }) }).strict();
export type BackupSettings = z.infer<typeof BackupSettings>;

export type HubEngine = 'sqlite' | 'postgres';

export type BackupFile = { name: string; at: string; size: number };

/** What was checked in a backup once written: SQLite's integrity_check and the audit chain. */
export type BackupCheck = { integrity: string; audit: { ok: boolean; entries: number; problem?: string } };

export type BackupResult = BackupFile & { trigger: 'schedule' | 'manual' | 'command'; ok: boolean; check: BackupCheck; removed: string[] };

export type BackupView = {
  engine: HubEngine;
  keep: number;
  defaultKeep: number;
  /** Newest first; none on PostgreSQL. */
  files: BackupFile[];
  last: BackupResult | null;
  /** Where the files are, for the administrator (a path on the hub computer). */
  folder: string | null;
};
