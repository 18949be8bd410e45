// Badge printing as the rest of the core sees it: the sign-in's queue, what the done screen
// may ask (state, preview), reception's reprint, a test badge and the printed roll call.
// The layout and byte functions are passed in, so this file only coordinates.
import type { BadgeState, OnSiteVisit, VisitReceipt } from '../../shared/contract.js';
import { ContractError } from '../../shared/errors.js';
import type { Db } from '../db/open.js';
import { stmt, transaction } from '../db/statements.js';
import { approvedUseOfVisit } from '../exemptions/acknowledged.js';
import { onSite } from '../visits/queries.js';
import { noPrinterConfigured, printingBadgeQueue, type BadgeQueue } from './badgeQueue.js';
import { resumeJob } from './requests.js';
import { enqueueJob, jobsOfVisit, requestReprint, type PrintJob } from './queue.js';
import { startPrintWorker, type PrintWorker } from './worker.js';
import type { BadgeModel, PrinterConfig } from './types.js';

export type BadgeArt = {
  /** What the badge shows, frozen at sign-in. */
  model(db: Db, receipt: Omit<VisitReceipt, 'badge'>): BadgeModel;
  /** A made-up visitor for "print test badge". */
  testModel(db: Db, at: Date): BadgeModel;
  badgeBytes(model: BadgeModel, cfg: PrinterConfig): Buffer;
  badgePng(model: BadgeModel, cfg: PrinterConfig): Buffer;
  /** The roll call as printed, frozen when asked for (rows already in words). */
  rollCall(db: Db, visits: OnSiteVisit[], at: Date): unknown;
  rollCallBytes(payload: unknown, cfg: PrinterConfig): Buffer;
};

export type PrintingService = {
  readonly configured: boolean;
  readonly queue: BadgeQueue;
  /** e.g. "epson on tcp://10.0.0.5:9100, 80 mm, PC858". */
  describe(): string;
  badgeState(db: Db, visitId: string, at: Date): BadgeState;
  /** What the preview shows: the queued badge as frozen at sign-in, or (no printer) the same model rebuilt from the visit's record. */
  previewModel(db: Db, visitId: string, at: Date): BadgeModel;
  previewPng(db: Db, visitId: string, at: Date): Buffer;
  reprint(db: Db, visitId: string, by: string, at: Date): string;
  testBadge(db: Db, by: string, at: Date): string;
  /** Send an interrupted (or given-up) job again, as reception asked; returns its id. */
  resume(db: Db, jobId: string, by: string, at: Date): string;
  rollCall(db: Db, by: string, at: Date): { jobId: string; count: number };
  /** Start sending queued jobs (hosts call this; tests may not). */
  start(db: Db, now: () => Date, log?: (m: string, e?: unknown) => void, onAttempt?: Parameters<typeof startPrintWorker>[0]['onAttempt']): PrintWorker;
};

/** After this long without printing, the done screen sends the visitor to reception. */
export const PRINT_PATIENCE_MS = 8000;
/** The done screen may only ask about a visit signed in this recently. */
const DONE_SCREEN_WINDOW_MS = 15 * 60_000;
/** The preview's paper when no printer is set up. */
const DEFAULT_PAPER: PrinterConfig = { type: 'epson', interface: 'tcp://127.0.0.1:9100', paperWidthMm: 80, characterSet: 'PC858', timeoutMs: 5000 };

export function createPrintingService(config: PrinterConfig | null, art: BadgeArt): PrintingService {
  let kick = () => {};
  const queue = config ? printingBadgeQueue((db, r) => art.model(db, r), () => kick()) : noPrinterConfigured;
  const paper = config ?? DEFAULT_PAPER;

  function recentVisit(db: Db, visitId: string, at: Date): { id: string } {
    const v = stmt(db, 'SELECT id, arrived_at, departed_at FROM visits WHERE id = ?').get(visitId) as
      | { id: string; arrived_at: string; departed_at: string | null }
      | undefined;
    // Only the visitor still at the done screen may see their badge: no browsing old visits.
    if (!v || v.departed_at || at.getTime() - new Date(v.arrived_at).getTime() > DONE_SCREEN_WINDOW_MS)
      throw new ContractError('NOT_FOUND', 'That badge is no longer available here. Please ask reception.');
    return v;
  }

  function badgeJob(db: Db, visitId: string): PrintJob | undefined {
    return jobsOfVisit(db, visitId).find((j) => j.kind === 'badge');
  }

  function previewModel(db: Db, visitId: string, at: Date): BadgeModel {
    recentVisit(db, visitId, at);
    const job = badgeJob(db, visitId);
    return job ? (job.payload as BadgeModel) : art.model(db, receiptOf(db, visitId));
  }

  return {
    configured: config !== null,
    queue,
    describe: () => (config ? `${config.type} on ${config.interface}, ${config.paperWidthMm} mm, ${config.characterSet}` : 'none'),
    badgeState(db, visitId, at) {
      recentVisit(db, visitId, at);
      const job = badgeJob(db, visitId);
      if (!job) return 'not_configured';
      if (job.status === 'printed') return 'printed';
      const waiting = at.getTime() - new Date(job.createdAt).getTime();
      if (job.status === 'gave_up' || job.status === 'interrupted' || (job.attempts > 0 && job.lastError && waiting > PRINT_PATIENCE_MS))
        return 'collect_from_reception';
      return waiting > PRINT_PATIENCE_MS * 2 ? 'collect_from_reception' : 'printing';
    },
    previewModel,
    previewPng: (db, visitId, at) => art.badgePng(previewModel(db, visitId, at), paper),
    reprint: (db, visitId, by, at) => {
      if (!config) throw new ContractError('NOT_FOUND', 'No badge printer is set up on this kiosk.');
      const id = requestReprint(db, visitId, by, at, (d, v) => {
        const m = art.model(d, receiptOf(d, v));
        return { escortRequired: m.escortRequired, escortRule: m.escortRule, phoneStatus: m.phoneStatus, ...(m.idCheckNote ? { idCheckNote: m.idCheckNote } : {}) };
      });
      setImmediate(kick);
      return id;
    },
    resume(db, jobId, by, at) {
      if (!config) throw new ContractError('NOT_FOUND', 'No badge printer is set up on this kiosk.');
      transaction(db, resumeJob).immediate(db, jobId, by, at);
      setImmediate(kick);
      return jobId;
    },
    testBadge(db, by, at) {
      if (!config) throw new ContractError('NOT_FOUND', 'No badge printer is set up on this kiosk.');
      const id = enqueueJob(db, { kind: 'test', visitId: null, payload: art.testModel(db, at), requestedBy: by }, at);
      setImmediate(kick);
      return id;
    },
    rollCall(db, by, at) {
      if (!config) throw new ContractError('NOT_FOUND', 'No badge printer is set up on this kiosk.');
      const rows = onSite(db);
      const id = enqueueJob(db, { kind: 'rollcall', visitId: null, payload: art.rollCall(db, rows, at), requestedBy: by }, at);
      setImmediate(kick);
      return { jobId: id, count: rows.length };
    },
    start(db, now, log, onAttempt) {
      const worker = startPrintWorker({
        db,
        now,
        printer: () => config,
        idleMs: 3000, // jobs queued by another process (kioskAdmin) are picked up within seconds
        render: (job, cfg) => {
          if (job.kind === 'rollcall') return art.rollCallBytes(job.payload, cfg);
          return art.badgeBytes(job.payload as BadgeModel, cfg);
        },
        ...(log ? { log } : {}),
        ...(onAttempt ? { onAttempt } : {}),
      });
      kick = worker.kick;
      return worker;
    },
  };
}

/** Rebuild the receipt fields a badge needs from the visit table (preview without a job). */
function receiptOf(db: Db, visitId: string): Omit<VisitReceipt, 'badge'> {
  const v = onSite(db).find((x) => x.visitId === visitId);
  const row = stmt(db, 'SELECT badge_code, badge_prefix FROM visits WHERE id = ?').get(visitId) as { badge_code: string; badge_prefix: string };
  if (!v) throw new ContractError('NOT_FOUND', 'That badge is no longer available here. Please ask reception.');
  // As acknowledged at sign-in (the visit's event), not as the exemptions table says now.
  const approvedUse = v.phone.kind === 'exemption' ? approvedUseOfVisit(db, visitId) : undefined;
  return {
    visitId,
    badgeCode: row.badge_code,
    badgeNumber: v.badgeNumber,
    badgePrefix: row.badge_prefix,
    fullName: v.fullName,
    category: v.category,
    hostName: v.hostName,
    arrivedAt: v.arrivedAt,
    phone: v.phone,
    idCheckRequired: v.idCheckRequired,
    ...(approvedUse ? { approvedUse } : {}),
  };
}
