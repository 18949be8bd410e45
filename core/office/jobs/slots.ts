// "Claim a slot": scheduled hub work runs once per period however many hub processes share the
// database. A slot is a job's period (a local day, a 5-minute bucket); the process whose INSERT
// creates the (job, slot) row runs it, the others see a conflict and skip. A claimer that died
// leaves finished_at empty: after the job's timeout another process takes the slot over with an
// UPDATE guarded by the old claimed_at, so of two that try at once only one wins.
// Portable SQL only (SQLite and PostgreSQL): ON CONFLICT DO NOTHING, ? placeholders, ISO
// timestamps compared as text.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';

export type SlotRow = { job: string; slot: string; claimed_by: string; claimed_at: string; finished_at: string | null; outcome: string | null };

const iso = (at: Date | string) => (typeof at === 'string' ? at : at.toISOString());

/** This process's name in job_runs: which machine, which process, and a random part (pids repeat). */
export function processLabel(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** Insert the slot's row; true only for the process whose insert made it. */
export function claimSlot(db: Db, job: string, slot: string, by: string, at: Date | string): boolean {
  return (
    stmt(db, 'INSERT INTO job_runs (job, slot, claimed_by, claimed_at) VALUES (?, ?, ?, ?) ON CONFLICT (job, slot) DO NOTHING').run(job, slot, by, iso(at)).changes === 1
  );
}

/**
 * Take over a slot whose claimer has not finished within `staleAfterMs` (it died, or hangs).
 * Guarded by the claimed_at that was read: if another process took it over in between, the row
 * no longer matches and this one loses. Never takes a finished slot.
 */
export function takeOverSlot(db: Db, job: string, slot: string, by: string, at: Date, staleAfterMs: number): { won: boolean; from?: string } {
  const row = readSlot(db, job, slot);
  if (!row || row.finished_at !== null) return { won: false };
  if (Date.parse(row.claimed_at) > at.getTime() - staleAfterMs) return { won: false };
  const changed = stmt(
    db,
    'UPDATE job_runs SET claimed_by = ?, claimed_at = ? WHERE job = ? AND slot = ? AND claimed_at = ? AND claimed_by = ? AND finished_at IS NULL',
  ).run(by, at.toISOString(), job, slot, row.claimed_at, row.claimed_by).changes;
  return changed === 1 ? { won: true, from: row.claimed_by } : { won: false };
}

/** Record the end of a run. Only the current claimer records it: a claimer that was taken over
 *  (it was only slow) does not overwrite the run that replaced it. */
export function finishSlot(db: Db, job: string, slot: string, by: string, at: Date | string, outcome: unknown): boolean {
  return (
    stmt(db, 'UPDATE job_runs SET finished_at = ?, outcome = ? WHERE job = ? AND slot = ? AND claimed_by = ? AND finished_at IS NULL').run(
      iso(at),
      JSON.stringify(outcome ?? null),
      job,
      slot,
      by,
    ).changes === 1
  );
}

export function readSlot(db: Db, job: string, slot: string): SlotRow | undefined {
  return stmt(db, 'SELECT job, slot, claimed_by, claimed_at, finished_at, outcome FROM job_runs WHERE job = ? AND slot = ?').get(job, slot) as SlotRow | undefined;
}

/** The latest finished run of a job (for the console and the command line). */
export function lastFinished(db: Db, job: string): SlotRow | undefined {
  return stmt(db, 'SELECT job, slot, claimed_by, claimed_at, finished_at, outcome FROM job_runs WHERE job = ? AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1').get(job) as
    | SlotRow
    | undefined;
}

/** Forget finished runs claimed before `before` (the 5-minute jobs alone make 288 rows a day). */
export function pruneSlots(db: Db, before: Date): number {
  return stmt(db, 'DELETE FROM job_runs WHERE finished_at IS NOT NULL AND claimed_at < ?').run(before.toISOString()).changes;
}

// -- periods

/** The slot of a job that runs every `everyMs`: the start of the bucket `at` falls in (UTC). */
export function bucketSlot(at: Date, everyMs: number): string {
  return new Date(Math.floor(at.getTime() / everyMs) * everyMs).toISOString();
}
