// The seam for badge printing: called inside the sign-in transaction so that a print job,
// once the printer issue lands, is stored atomically with the visit it belongs to.
import type { BadgeOutcome, VisitReceipt } from '../../shared/contract.js';
import type { Db } from '../db/open.js';

export interface BadgeQueue {
  enqueue(db: Db, receipt: Omit<VisitReceipt, 'badge'>): BadgeOutcome;
}

export const noBadgePrinterYet: BadgeQueue = { enqueue: () => ({ status: 'not_configured' }) };
