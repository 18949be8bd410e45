// Print requests from the office console (reception's desk): a test badge, a visitor's badge
// again, or an interrupted job sent again, on this kiosk's printer. They arrive in the pull
// feed ('printreq'); the pull only records them (once, by request id), and the kiosk's
// services then queue each with the printing service and report the outcome with the next
// pull. A request the kiosk receives long after it was made (a kiosk off for the afternoon,
// or one re-paired and replaying the feed) is not printed: reception asks again if needed.
import { ContractError } from '../../shared/errors.js';
import { PRINT_REQUEST_KINDS, type KioskDeskStatus, type RefChange } from '../../shared/sync.js';
import { z } from '../../shared/zod.js';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { readSettings } from '../site/settings.js';
import { appendEvent } from '../visits/events.js';
import { backoffMs, GIVE_UP_AFTER_MS, getJob } from './queue.js';

/** Older than this when it reaches the kiosk: not printed. */
export const PRINT_REQUEST_MAX_AGE_MS = 10 * 60_000;
export const QUEUED = 'queued';
const RECEIVED = 'received';

const Body = z
  .object({
    kind: z.enum(PRINT_REQUEST_KINDS),
    kioskId: z.string().min(1).max(64),
    visitId: z.string().min(1).max(64).optional(),
    jobId: z.string().min(1).max(64).optional(),
    requestedBy: z.string().trim().min(1).max(120),
    requestedAt: z.iso.datetime({ offset: true }),
  })
  .refine((b) => (b.kind === 'reprint' ? !!b.visitId : b.kind === 'resume' ? !!b.jobId : true), 'a reprint names the visit, a resume the job');

/** In the pull's transaction: record a request meant for this kiosk, once. */
export function applyPrintRequestChange(db: Db, c: RefChange, at: Date): boolean {
  if (c.entity !== 'printreq') return false;
  const parsed = Body.safeParse(c.body);
  if (!parsed.success || parsed.data.kioskId !== readSettings(db).kioskId) return true; // not for this printer
  const b = parsed.data;
  const stale = at.getTime() - Date.parse(b.requestedAt) > PRINT_REQUEST_MAX_AGE_MS;
  stmt(
    db,
    `INSERT INTO print_requests (id, kind, visit_id, requested_by, requested_at, handled_at, job_id, outcome)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  ).run(
    c.key, b.kind, b.visitId ?? null, b.requestedBy, b.requestedAt, at.toISOString(), b.jobId ?? null,
    stale ? 'not printed: the kiosk received this request more than 10 minutes after it was made; ask again if it is still needed' : RECEIVED,
  );
  return true;
}

/** What the printing service offers reception (core/printing/service.ts). */
export type DeskPrinting = {
  readonly configured: boolean;
  reprint(db: Db, visitId: string, by: string, at: Date): string;
  testBadge(db: Db, by: string, at: Date): string;
  resume(db: Db, jobId: string, by: string, at: Date): string;
};

export type PrinterCheck = () => Promise<{ ok: true } | { ok: false; message: string }>;

/** Queue every request received and not yet handled (a 'check' asks the printer, outside any
 *  transaction); returns how many were handled. */
export async function handlePrintRequests(db: Db, printing: DeskPrinting, checkPrinter: PrinterCheck, now: () => Date): Promise<number> {
  const rows = stmt(db, 'SELECT id, kind, visit_id, job_id, requested_by FROM print_requests WHERE outcome = ? ORDER BY requested_at').all(RECEIVED) as {
    id: string;
    kind: 'test' | 'reprint' | 'resume' | 'check';
    visit_id: string | null;
    job_id: string | null;
    requested_by: string;
  }[];
  let n = 0;
  for (const r of rows) {
    if (r.kind === 'check') {
      const s = printing.configured ? await checkPrinter() : { ok: false as const, message: 'No badge printer is set up on this kiosk.' };
      const outcome = s.ok ? 'printer ready' : `printer not ready: ${s.message}`;
      if (stmt(db, 'UPDATE print_requests SET outcome = ?, handled_at = ? WHERE id = ? AND outcome = ?').run(outcome, now().toISOString(), r.id, RECEIVED).changes) n++;
      continue;
    }
    const at = now();
    // The job and the request's outcome commit together: a request is queued once, whatever happens.
    const done = db.transaction((): boolean => {
      if (stmt(db, 'SELECT outcome FROM print_requests WHERE id = ?').pluck().get(r.id) !== RECEIVED) return false;
      let outcome = QUEUED;
      let jobId: string | null = null;
      const by = `${r.requested_by} (office console)`;
      try {
        if (r.kind === 'test') jobId = printing.testBadge(db, by, at);
        else if (r.kind === 'reprint') jobId = printing.reprint(db, r.visit_id!, by, at);
        else jobId = printing.resume(db, r.job_id!, by, at);
      } catch (e) {
        if (!(e instanceof ContractError)) throw e;
        outcome = `not printed: ${e.message}`;
        jobId = r.kind === 'resume' ? r.job_id : null;
      }
      stmt(db, 'UPDATE print_requests SET outcome = ?, job_id = ?, handled_at = ? WHERE id = ?').run(outcome, jobId, at.toISOString(), r.id);
      return true;
    });
    if (done.immediate()) n++;
  }
  return n;
}

/** Send a job cut off mid-send (or given up) again: reception asked, so it may print twice. */
export function resumeJob(db: Db, jobId: string, by: string, at: Date): void {
  const job = getJob(db, jobId);
  if (!job) throw new ContractError('NOT_FOUND', 'That print job is no longer on this kiosk.');
  if (job.status !== 'interrupted' && job.status !== 'gave_up') throw new ContractError('CONFLICT', `That print job is not waiting for reception (it is ${job.status.replace('_', ' ')}).`);
  if (job.visitId && stmt(db, 'SELECT 1 FROM visits WHERE id = ? AND departed_at IS NOT NULL').get(job.visitId))
    throw new ContractError('ALREADY_SIGNED_OUT', 'This visitor has signed out; their badge is not printed again.');
  stmt(db, "UPDATE print_jobs SET status = 'pending', next_attempt_at = ?, give_up_at = ?, last_error = NULL WHERE id = ?").run(
    at.toISOString(), new Date(at.getTime() + GIVE_UP_AFTER_MS).toISOString(), jobId,
  );
  // Printing a visitor's badge again is a recorded action, like a reprint.
  if (job.visitId && (job.kind === 'badge' || job.kind === 'reprint'))
    appendEvent(db, { visitId: job.visitId, kioskId: readSettings(db).kioskId, at: at.toISOString(), body: { kind: 'badge_reprint_requested', jobId, by } });
}

/** The printer as this kiosk last saw it: the latest of reception's check and the print
 *  worker's last attempt. The kiosk never probes the printer on its own: that is a job. */
export function printerState(db: Db, configured: boolean, describeAll: string): KioskDeskStatus['printer'] {
  const describe = describeAll.slice(0, 200);
  if (!configured) return { configured, ready: false, problem: 'No badge printer is set up on this kiosk.', checkedAt: null, describe };
  const check = stmt(db, "SELECT outcome, handled_at FROM print_requests WHERE kind = 'check' AND outcome LIKE 'printer %' ORDER BY handled_at DESC LIMIT 1").get() as
    | { outcome: string; handled_at: string }
    | undefined;
  const job = stmt(db, "SELECT status, attempts, printed_at, next_attempt_at, last_error FROM print_jobs WHERE attempts > 0 AND status != 'sending' ORDER BY created_at DESC LIMIT 1").get() as
    | { status: string; attempts: number; printed_at: string | null; next_attempt_at: string; last_error: string | null }
    | undefined;
  const fromJob = job
    ? job.status === 'printed'
      ? { ready: true, problem: null, at: job.printed_at! }
      : { ready: false, problem: job.last_error, at: new Date(Date.parse(job.next_attempt_at) - backoffMs(job.attempts)).toISOString() }
    : null;
  const fromCheck = check ? { ready: check.outcome === 'printer ready', problem: check.outcome === 'printer ready' ? null : check.outcome.replace(/^printer not ready: /, ''), at: check.handled_at } : null;
  const latest = fromJob && (!fromCheck || fromJob.at > fromCheck.at) ? fromJob : fromCheck;
  if (!latest) return { configured, ready: null, problem: null, checkedAt: null, describe };
  return { configured, ready: latest.ready, problem: latest.problem?.slice(0, 300) ?? null, checkedAt: latest.at, describe };
}

/** The desk part of the pull request: the printer as last seen, jobs waiting for reception,
 *  and outcomes the office has not had yet. */
export function deskStatus(db: Db, printer: KioskDeskStatus['printer']): KioskDeskStatus {
  const interrupted = stmt(
    db,
    `SELECT id, kind, visit_id, created_at, last_error FROM print_jobs WHERE status IN ('interrupted', 'gave_up') AND kind != 'rollcall'
       AND (visit_id IS NULL OR visit_id IN (SELECT id FROM visits WHERE departed_at IS NULL)) ORDER BY created_at DESC LIMIT 50`,
  ).all() as { id: string; kind: 'badge' | 'reprint' | 'test'; visit_id: string | null; created_at: string; last_error: string | null }[];
  const requests = stmt(db, 'SELECT id, outcome, job_id, handled_at FROM print_requests WHERE reported = 0 AND outcome != ? ORDER BY handled_at LIMIT 100').all(RECEIVED) as {
    id: string;
    outcome: string;
    job_id: string | null;
    handled_at: string;
  }[];
  return {
    printer,
    interrupted: interrupted.map((j) => ({ jobId: j.id, kind: j.kind, visitId: j.visit_id, createdAt: j.created_at, error: j.last_error?.slice(0, 500) ?? null })),
    requests: requests.map((r) => ({ requestId: r.id, outcome: r.outcome.slice(0, 300), jobId: r.job_id, handledAt: r.handled_at })),
  };
}

/** The office has the outcomes (the pull that carried them succeeded). */
export function markRequestsReported(db: Db, requestIds: readonly string[]): void {
  if (requestIds.length) stmt(db, 'UPDATE print_requests SET reported = 1 WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(requestIds));
}
