// The sign-in's side of badge printing: inside the sign-in transaction, freeze what the
// badge shows and queue it. With no printer configured nothing is queued and the visitor
// is sent to reception for a badge.
import type { BadgeOutcome, VisitReceipt } from '../../shared/contract.js';
import type { Db } from '../db/open.js';
import { enqueueJob } from './queue.js';

export interface BadgeQueue {
  enqueue(db: Db, receipt: Omit<VisitReceipt, 'badge'>, at: Date): BadgeOutcome;
}

export const noPrinterConfigured: BadgeQueue = { enqueue: () => ({ status: 'not_configured' }) };

export function printingBadgeQueue(model: (db: Db, receipt: Omit<VisitReceipt, 'badge'>) => unknown, kick: () => void): BadgeQueue {
  return {
    enqueue(db, receipt, at) {
      const jobId = enqueueJob(db, { kind: 'badge', visitId: receipt.visitId, payload: model(db, receipt), requestedBy: 'sign-in' }, at);
      setImmediate(kick); // after the sign-in's transaction has committed
      return { status: 'queued', jobId };
    },
  };
}
