// A sync request the hub will not serve: the wire code (shared/sync.ts SyncErrorBody), the HTTP
// status it travels with, and a message an administrator can act on.
import type { SyncErrorBody } from '../../../shared/sync.js';

export type RefusalCode = SyncErrorBody['code'];

/** 401: prove who you are; 403: known, but not allowed; 409: this exact request was seen; 400: malformed. */
export const REFUSAL_STATUS: Record<RefusalCode, number> = {
  UNPAIRED: 401,
  BAD_SIGNATURE: 401,
  CLOCK_SKEW: 401,
  REVOKED: 403,
  REPLAY: 409,
  BAD_CODE: 403,
  ALREADY_PAIRED: 409,
  INVALID_INPUT: 400,
  NOT_OWNER: 403,
};

export class SyncRefusal extends Error {
  readonly code: RefusalCode;
  readonly status: number;
  /** The events a refusal is about (NOT_OWNER), so the kiosk can set them aside. */
  readonly eventIds: string[] | undefined;
  constructor(code: RefusalCode, message: string, status = REFUSAL_STATUS[code], eventIds?: string[]) {
    super(message);
    this.name = 'SyncRefusal';
    this.code = code;
    this.status = status;
    this.eventIds = eventIds;
  }
  toBody(serverTime: Date): SyncErrorBody {
    return { code: this.code, message: this.message, serverTime: serverTime.toISOString(), ...(this.eventIds ? { eventIds: this.eventIds } : {}) };
  }
}
