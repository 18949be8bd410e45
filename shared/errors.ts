// Errors that cross the contract. Every transport carries the same envelope, so the kiosk
// shows the same message whether it talks IPC (Electron) or HTTP (browser-kiosk, tests).

export const ERROR_STATUS = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  CSRF: 403,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  EXEMPTION_NOT_VALID: 409,
  UNKNOWN_OPERATION: 404,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  LOCKED_OUT: 423,
  ALREADY_SIGNED_OUT: 409,
  LOCKER_TAKEN: 409,
  POLICY_CHANGED: 409,
  STORE_BUSY: 503,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export type FieldProblem = { path: string; message: string; max?: number };

export type ErrorBody = { code: ErrorCode; message: string; fields?: FieldProblem[] };

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

export class ContractError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldProblem[] | undefined;
  constructor(code: ErrorCode, message: string, fields?: FieldProblem[]) {
    super(message);
    this.name = 'ContractError';
    this.code = code;
    this.fields = fields;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  toBody(): ErrorBody {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
  static fromBody(b: ErrorBody): ContractError {
    return new ContractError(b.code, b.message, b.fields);
  }
}
