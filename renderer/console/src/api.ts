// The console's one client: every operation is a POST of JSON to OFFICE_PATHS.op(name), typed
// from the contract (shared/office.ts). The session is a cookie the hub sets (same-origin
// only); writes carry the CSRF token the hub gave at login in CSRF_HEADER. An error envelope
// becomes a thrown ApiError with the contract's code, message and field problems; a 401 on an
// operation means the session ended, and the app goes back to the login screen.
import { ERROR_STATUS, type Envelope, type ErrorCode, type FieldProblem } from '../../../shared/errors';
import {
  CSRF_HEADER,
  OFFICE_PATHS,
  POLL_HEADER,
  type OfficeClient,
  type OfficeOpInput,
  type OfficeOpName,
  type OfficeOpResult,
  type SessionInfo,
} from '../../../shared/office';
import { schoolBase } from './schoolBase';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldProblem[];
  readonly status: number;
  constructor(code: ErrorCode, message: string, fields: FieldProblem[] = [], status?: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.fields = fields;
    this.status = status ?? ERROR_STATUS[code] ?? 500;
  }
}

/** This console's school: '/' or '/s/<slug>/' (./schoolBase.ts). */
const BASE = schoolBase(window.location.pathname);

/** An absolute hub path (OFFICE_PATHS) under this console's school. */
export function hubPath(path: string): string {
  return BASE + path.replace(/^\//, '');
}

/** The address kiosks pair with: this hub and, on a trust hub, the school's path. */
export function hubAddress(): string {
  return window.location.origin + (BASE === '/' ? '' : BASE);
}

/** What the hub answers on OFFICE_PATHS.setupStatus (GET). */
export type SetupStatus = { needsSetup: boolean };

let csrfToken = '';
let onUnauthenticated: () => void = () => {};
/** True while a background refresh starts its requests (see inBackground). */
let background = false;
/** When the hub last heard from a person (a request not marked as a refresh). */
let lastUseSentAt = Date.now();

/**
 * Run a background refresh: the requests it starts (synchronously, before its first await)
 * carry POLL_HEADER, so the hub does not count them as use of the session.
 */
export function inBackground<T>(fn: () => T): T {
  background = true;
  try {
    return fn();
  } finally {
    background = false;
  }
}

/** True while a background refresh is starting its requests (the trust console's client marks them too). */
export function isBackground(): boolean {
  return background;
}

/** How long ago the hub last saw a request a person made. */
export function sinceLastUse(): number {
  return Date.now() - lastUseSentAt;
}

/** The token from the hub's SessionInfo; sent with every call. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** What to do when the hub says the session is gone (expired, logged out elsewhere). */
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

const unreachable = () =>
  new ApiError('STORE_BUSY', 'The office service cannot be reached. Check the connection and try again.', [], 0);

function isEnvelope(v: unknown): v is Envelope<unknown> {
  return typeof v === 'object' && v !== null && 'ok' in v && typeof (v as { ok: unknown }).ok === 'boolean';
}

async function request<T>(method: 'GET' | 'POST', path: string, body: unknown, opts: { sessionCall: boolean }): Promise<T> {
  let res: Response;
  try {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (method === 'POST') headers['Content-Type'] = 'application/json';
    if (csrfToken) headers[CSRF_HEADER] = csrfToken;
    if (background) headers[POLL_HEADER] = '1';
    else lastUseSentAt = Date.now();
    const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
    if (method === 'POST') init.body = JSON.stringify(body ?? {});
    res = await fetch(hubPath(path), init);
  } catch {
    throw unreachable();
  }
  let env: unknown;
  try {
    env = await res.json();
  } catch {
    if (res.status === 401 && !opts.sessionCall) onUnauthenticated();
    throw res.ok ? unreachable() : new ApiError(res.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', `The office service answered ${res.status}.`, [], res.status);
  }
  if (!isEnvelope(env)) throw unreachable();
  if (env.ok) return env.value as T;
  const err = new ApiError(env.error.code, env.error.message, env.error.fields ?? [], res.status);
  // A login that fails is a 401 too: only an operation's 401 means "your session has ended".
  if ((res.status === 401 || err.code === 'UNAUTHENTICATED') && !opts.sessionCall) onUnauthenticated();
  throw err;
}

/** Call one console operation. */
export const call: OfficeClient = <K extends OfficeOpName>(name: K, input: OfficeOpInput<K>) =>
  request<OfficeOpResult<K>>('POST', OFFICE_PATHS.op(name), input, { sessionCall: false });

// ---- session routes ------------------------------------------------------------------------

export type SetupBody = { setupCode: string; username: string; displayName: string; password: string };
export type LoginBody = { username: string; password: string };

export const session = {
  setupStatus: () => request<SetupStatus>('GET', OFFICE_PATHS.setupStatus, undefined, { sessionCall: true }),
  /** The current session, or null when there is none. */
  me: async (): Promise<SessionInfo | null> => {
    try {
      return await request<SessionInfo>('GET', OFFICE_PATHS.me, undefined, { sessionCall: true });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.code === 'UNAUTHENTICATED')) return null;
      throw e;
    }
  },
  setup: (body: SetupBody) => request<SessionInfo>('POST', OFFICE_PATHS.setup, body, { sessionCall: true }),
  login: (body: LoginBody) => request<SessionInfo>('POST', OFFICE_PATHS.login, body, { sessionCall: true }),
  logout: () => request<unknown>('POST', OFFICE_PATHS.logout, {}, { sessionCall: true }),
};

/** Field problems of an error, or none. */
export function fieldsOf(e: unknown): FieldProblem[] {
  return e instanceof ApiError ? e.fields : [];
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : 'Something went wrong.';
}
