// Reception's desk in the console: each kiosk's badge printer as the kiosk last reported it,
// the jobs waiting for reception, and buttons that ask a kiosk's printer for a test badge, a
// visitor's badge again, an interrupted job again, or whether it is ready. The printer is on
// the kiosk, so a request travels there through the pull feed ('printreq'); the kiosk queues
// it once (by request id) and reports the outcome with its next pull.
import { v7 as uuidv7 } from 'uuid';
import { ContractError } from '../../../shared/errors.js';
import type { Desk, DeskJob, DeskKiosk, DeskRequest } from '../../../shared/office.js';
import type { RefPrintRequest } from '../../../shared/sync.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { actorLabel, type OfficeHandlers } from '../context.js';
import { appendRefChange } from '../reference/feed.js';
import { deskStatusOf } from './desk.js';

/** How many recent requests the desk lists. */
const RECENT_REQUESTS = 20;

function visitLabel(db: Db, visitId: string | null): { name: string; badge: string } | null {
  if (!visitId) return null;
  const v = stmt(db, 'SELECT full_name, badge_prefix, badge_number FROM visits WHERE id = ?').get(visitId) as { full_name: string; badge_prefix: string; badge_number: number } | undefined;
  return v ? { name: v.full_name, badge: `${v.badge_prefix}${v.badge_number}` } : null;
}

function desk(db: Db, at: Date): Desk {
  const kiosks = stmt(db, 'SELECT id, name, badge_prefix, revoked_at, last_seen_at FROM kiosks ORDER BY revoked_at IS NOT NULL, name, id').all() as {
    id: string;
    name: string;
    badge_prefix: string | null;
    revoked_at: string | null;
    last_seen_at: string | null;
  }[];
  const out: DeskKiosk[] = kiosks.map((k) => {
    const d = deskStatusOf(db, k.id);
    const waiting: DeskJob[] = (d?.status.interrupted ?? []).map((j) => {
      const v = visitLabel(db, j.visitId);
      return { jobId: j.jobId, kind: j.kind, visitId: j.visitId, visitorName: v?.name ?? null, badge: v?.badge ?? null, createdAt: j.createdAt, error: j.error };
    });
    return {
      kioskId: k.id,
      kioskName: k.name,
      badgePrefix: k.badge_prefix ?? '',
      revoked: k.revoked_at !== null,
      lastSeenAt: k.last_seen_at,
      printer: d?.status.printer ?? null,
      reportedAt: d?.at ?? null,
      waiting,
    };
  });
  const rows = stmt(
    db,
    `SELECT r.id, r.kiosk_id, COALESCE(k.name, r.kiosk_id) AS kiosk_name, r.kind, r.visit_id, r.requested_by, r.requested_at, r.outcome, r.outcome_at
       FROM print_requests r LEFT JOIN kiosks k ON k.id = r.kiosk_id ORDER BY r.requested_at DESC, r.id DESC LIMIT ?`,
  ).all(RECENT_REQUESTS) as { id: string; kiosk_id: string; kiosk_name: string; kind: DeskRequest['kind']; visit_id: string | null; requested_by: string; requested_at: string; outcome: string | null; outcome_at: string | null }[];
  return { kiosks: out, requests: rows.map((r) => toRequest(db, r)), at: at.toISOString() };
}

function toRequest(db: Db, r: { id: string; kiosk_id: string; kiosk_name: string; kind: DeskRequest['kind']; visit_id: string | null; requested_by: string; requested_at: string; outcome: string | null; outcome_at: string | null }): DeskRequest {
  return {
    id: r.id,
    kioskId: r.kiosk_id,
    kioskName: r.kiosk_name,
    kind: r.kind,
    visitId: r.visit_id,
    visitorName: visitLabel(db, r.visit_id)?.name ?? null,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    outcome: r.outcome,
    outcomeAt: r.outcome_at,
  };
}

function activeKiosk(db: Db, kioskId: string): { id: string; name: string } {
  const k = stmt(db, 'SELECT id, name, revoked_at FROM kiosks WHERE id = ?').get(kioskId) as { id: string; name: string; revoked_at: string | null } | undefined;
  if (!k) throw new ContractError('NOT_FOUND', 'That kiosk is not paired with this office.');
  if (k.revoked_at) throw new ContractError('CONFLICT', `Kiosk "${k.name}" was revoked; it no longer takes requests.`);
  return k;
}

export const receptionHandlers: OfficeHandlers<'desk.get' | 'desk.request'> = {
  'desk.get': (_i, ctx) => desk(ctx.db, ctx.now),
  'desk.request': (input, ctx) => {
    let kioskId: string;
    let visitId: string | undefined;
    let jobId: string | undefined;
    if (input.kind === 'reprint') {
      const v = stmt(ctx.db, 'SELECT id, kiosk_id, departed_at FROM visits WHERE id = ?').get(input.visitId) as { id: string; kiosk_id: string; departed_at: string | null } | undefined;
      if (!v) throw new ContractError('NOT_FOUND', 'That visit is not known to the office. Refresh the list.');
      if (v.departed_at) throw new ContractError('ALREADY_SIGNED_OUT', 'This visitor has signed out; their badge cannot be reprinted.');
      kioskId = v.kiosk_id;
      visitId = v.id;
    } else {
      kioskId = input.kioskId;
      if (input.kind === 'resume') {
        jobId = input.jobId;
        // Only a job the kiosk reported as waiting: the console cannot name any job it likes.
        const waiting = deskStatusOf(ctx.db, kioskId)?.status.interrupted ?? [];
        const job = waiting.find((j) => j.jobId === jobId);
        if (!job) throw new ContractError('NOT_FOUND', 'That print job is no longer waiting on this kiosk. Refresh the desk.');
        visitId = job.visitId ?? undefined;
      }
    }
    const kiosk = activeKiosk(ctx.db, kioskId);
    const id = uuidv7();
    const body: RefPrintRequest = {
      kind: input.kind,
      kioskId: kiosk.id,
      ...(visitId ? { visitId } : {}),
      ...(jobId ? { jobId } : {}),
      requestedBy: actorLabel(ctx.actor),
      requestedAt: ctx.now.toISOString(),
    };
    stmt(ctx.db, 'INSERT INTO print_requests (id, kiosk_id, kind, visit_id, job_id, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id, kiosk.id, input.kind, visitId ?? null, jobId ?? null, body.requestedBy, body.requestedAt,
    );
    appendRefChange(ctx.db, 'printreq', id, body, ctx.now);
    ctx.audit(`desk.${input.kind}`, visitId ? `visit:${visitId}` : `kiosk:${kiosk.id}`, { request: id, ...(jobId ? { job: jobId } : {}) });
    const d = desk(ctx.db, ctx.now);
    return { request: d.requests.find((r) => r.id === id)!, desk: d };
  },
};
