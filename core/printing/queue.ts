// The durable print queue. A badge job is written in the sign-in's own transaction, so a
// committed sign-in always has its badge job and a crash never loses one. The worker
// (worker.ts) claims due jobs one at a time; failures come back later with backoff.
import { v7 as uuidv7 } from 'uuid';
import { ContractError } from '../../shared/errors.js';
import type { Db } from '../db/open.js';
import { stmt, transaction } from '../db/statements.js';
import { readSettings } from '../site/settings.js';
import { appendEvent } from '../visits/events.js';
import type { BadgeModel } from './types.js';

export type PrintJobKind = 'badge' | 'reprint' | 'test' | 'rollcall';
export type PrintJobStatus = 'pending' | 'sending' | 'printed' | 'gave_up' | 'interrupted' | 'skipped';

export type PrintJob = {
  id: string;
  kind: PrintJobKind;
  visitId: string | null;
  payload: unknown;
  requestedBy: string;
  createdAt: string;
  status: PrintJobStatus;
  attempts: number;
  nextAttemptAt: string;
  giveUpAt: string;
  lastError: string | null;
  printedAt: string | null;
};

type Row = {
  id: string;
  kind: PrintJobKind;
  visit_id: string | null;
  payload: string;
  requested_by: string;
  created_at: string;
  status: PrintJobStatus;
  attempts: number;
  next_attempt_at: string;
  give_up_at: string;
  last_error: string | null;
  printed_at: string | null;
};

function toJob(r: Row): PrintJob {
  return {
    id: r.id,
    kind: r.kind,
    visitId: r.visit_id,
    payload: JSON.parse(r.payload),
    requestedBy: r.requested_by,
    createdAt: r.created_at,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    giveUpAt: r.give_up_at,
    lastError: r.last_error,
    printedAt: r.printed_at,
  };
}

/** A badge that has not printed within this long is left for reception to reprint. */
export const GIVE_UP_AFTER_MS = 15 * 60_000;

/** 1 s, 2 s, 4 s … capped at 30 s between attempts. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

/** Adds a job; call inside the transaction that makes it necessary. */
export function enqueueJob(db: Db, job: { kind: PrintJobKind; visitId: string | null; payload: unknown; requestedBy: string }, at: Date): string {
  const id = uuidv7();
  const iso = at.toISOString();
  stmt(
    db,
    `INSERT INTO print_jobs (id, kind, visit_id, payload, requested_by, created_at, status, attempts, next_attempt_at, give_up_at)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
  ).run(id, job.kind, job.visitId, JSON.stringify(job.payload), job.requestedBy, iso, iso, new Date(at.getTime() + GIVE_UP_AFTER_MS).toISOString());
  return id;
}

/** Why a visitor's badge is not printed after they left (the job's last_error). */
export const SKIPPED_SIGNED_OUT = 'not printed: the visitor signed out before the badge could print';

function claimTx(db: Db, at: string): PrintJob | null {
  for (;;) {
    const row = stmt(db, "SELECT * FROM print_jobs WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 1").get(at) as Row | undefined;
    if (!row) return null;
    // A badge for someone who has gone would be a pass for whoever picks it up: never printed.
    if (row.visit_id && (row.kind === 'badge' || row.kind === 'reprint') && stmt(db, 'SELECT 1 FROM visits WHERE id = ? AND departed_at IS NOT NULL').get(row.visit_id)) {
      stmt(db, "UPDATE print_jobs SET status = 'skipped', last_error = ? WHERE id = ?").run(SKIPPED_SIGNED_OUT, row.id);
      continue;
    }
    stmt(db, "UPDATE print_jobs SET status = 'sending', attempts = attempts + 1 WHERE id = ?").run(row.id);
    return toJob({ ...row, status: 'sending', attempts: row.attempts + 1 });
  }
}

/** Takes the next due job (marking it 'sending'), or null.
 *  The mark only has to survive the kiosk process being killed (so a job caught mid-send is
 *  not resent), not a power cut, so this one commit skips the fsync: WAL with
 *  synchronous=NORMAL is crash-safe for the process. It keeps a badge's way to the printer short. */
export function claimDueJob(db: Db, at: Date): PrintJob | null {
  const sync = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  try {
    return transaction(db, claimTx).immediate(db, at.toISOString());
  } finally {
    db.pragma(`synchronous = ${sync}`);
  }
}

function printedTx(db: Db, job: PrintJob, at: Date): void {
  stmt(db, "UPDATE print_jobs SET status = 'printed', printed_at = ?, last_error = NULL WHERE id = ?").run(at.toISOString(), job.id);
  if (job.visitId && (job.kind === 'badge' || job.kind === 'reprint'))
    appendEvent(db, {
      visitId: job.visitId,
      kioskId: readSettings(db).kioskId,
      at: at.toISOString(),
      body: { kind: 'badge_printed', jobId: job.id, reprint: job.kind === 'reprint' },
    });
}

export function markPrinted(db: Db, job: PrintJob, at: Date): void {
  transaction(db, printedTx).immediate(db, job, at);
}

/** A failed attempt: back to pending with backoff, or gave_up past the job's deadline. */
export function markFailed(db: Db, job: PrintJob, error: string, at: Date): PrintJobStatus {
  const next = new Date(at.getTime() + backoffMs(job.attempts));
  const status: PrintJobStatus = next.toISOString() > job.giveUpAt ? 'gave_up' : 'pending';
  stmt(db, 'UPDATE print_jobs SET status = ?, next_attempt_at = ?, last_error = ? WHERE id = ?').run(status, next.toISOString(), error.slice(0, 500), job.id);
  return status;
}

/** At start: a job caught mid-send may or may not have printed. It is not resent by itself
 *  (that could print a badge twice); reception sees it and can reprint. */
export function recoverInterrupted(db: Db): number {
  return stmt(db, "UPDATE print_jobs SET status = 'interrupted', last_error = 'the kiosk stopped while sending this job' WHERE status = 'sending'").run().changes;
}

export function nextDueAt(db: Db): string | null {
  const r = stmt(db, "SELECT MIN(next_attempt_at) AS t FROM print_jobs WHERE status = 'pending'").get() as { t: string | null };
  return r.t;
}

export function getJob(db: Db, id: string): PrintJob | null {
  const r = stmt(db, 'SELECT * FROM print_jobs WHERE id = ?').get(id) as Row | undefined;
  return r ? toJob(r) : null;
}

export function jobsOfVisit(db: Db, visitId: string): PrintJob[] {
  return (stmt(db, 'SELECT * FROM print_jobs WHERE visit_id = ? ORDER BY created_at, id').all(visitId) as Row[]).map(toJob);
}

/** The admission lines of a badge as they read now (reception may have checked the visitor's
 *  ID since the badge was printed): the escort rule, the ID-check note and the phone line. */
export type AdmissionLines = (db: Db, visitId: string) => Pick<BadgeModel, 'escortRequired' | 'escortRule' | 'idCheckNote' | 'phoneStatus'>;

function reprintTx(db: Db, visitId: string, by: string, at: Date, now?: AdmissionLines): string {
  const visit = stmt(db, 'SELECT departed_at FROM visits WHERE id = ?').get(visitId) as { departed_at: string | null } | undefined;
  if (!visit) throw new ContractError('NOT_FOUND', 'No such visit.');
  if (visit.departed_at) throw new ContractError('ALREADY_SIGNED_OUT', 'This visitor has signed out; their badge cannot be reprinted.');
  const original = stmt(db, "SELECT payload FROM print_jobs WHERE visit_id = ? AND kind = 'badge' ORDER BY created_at LIMIT 1").get(visitId) as
    | { payload: string }
    | undefined;
  if (!original) throw new ContractError('NOT_FOUND', 'This visit has no badge to reprint (no printer was set up when they signed in).');
  // The badge as printed at sign-in, with its admission lines as they are now.
  const payload = JSON.parse(original.payload) as BadgeModel;
  if (now) {
    const { idCheckNote, ...lines } = now(db, visitId);
    delete payload.idCheckNote;
    Object.assign(payload, lines, idCheckNote ? { idCheckNote } : {});
  }
  const jobId = enqueueJob(db, { kind: 'reprint', visitId, payload, requestedBy: by }, at);
  appendEvent(db, { visitId, kioskId: readSettings(db).kioskId, at: at.toISOString(), body: { kind: 'badge_reprint_requested', jobId, by } });
  return jobId;
}

/** Reception asks for another copy of an on-site visitor's badge: an explicit, recorded action. */
export function requestReprint(db: Db, visitId: string, by: string, at: Date, admission?: AdmissionLines): string {
  return transaction(db, reprintTx).immediate(db, visitId, by, at, admission);
}
