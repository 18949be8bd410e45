// Signed requests from the kiosk to its hub (shared/sync.ts). Each attempt gets a fresh nonce
// and is signed with the kiosk's clock corrected by the offset it has learned. When the hub
// refuses the time (CLOCK_SKEW) its answer carries the hub's time: the kiosk records the
// offset and retries once, so a kiosk whose clock is 10 minutes out costs one retry.
import { createHash } from 'node:crypto';
import type { Db } from '../db/open.js';
import { getSetting } from '../site/settings.js';
import { CLOCK_OFFSET_HEADER, SIGNED_HEADERS, SYNC_PATHS, type SyncErrorBody } from '../../shared/sync.js';
import { newNonce, signRequest } from './keys.js';
import { readSyncState, recordClockOffset } from './status.js';

export type SyncPath = (typeof SYNC_PATHS)[keyof typeof SYNC_PATHS];

/** Why a sync request failed: the hub's refusal code, or a transport failure. */
export type SyncErrorCode = SyncErrorBody['code'] | 'UNREACHABLE' | 'TIMEOUT' | 'HTTP' | 'NOT_PAIRED';

export class SyncError extends Error {
  readonly code: SyncErrorCode;
  readonly status: number | null;
  readonly serverTime: string | null;
  constructor(code: SyncErrorCode, message: string, status: number | null = null, serverTime: string | null = null) {
    super(message);
    this.name = 'SyncError';
    this.code = code;
    this.status = status;
    this.serverTime = serverTime;
  }
  /** Worth trying again later by itself (network, hub restarting), as opposed to a refusal. */
  get transient(): boolean {
    return this.code === 'UNREACHABLE' || this.code === 'TIMEOUT' || this.code === 'HTTP';
  }
}

export type ClientOptions = {
  /** Default: the global fetch. Tests pass one that drops, delays or captures. */
  fetch?: typeof fetch;
  now?: () => Date;
  /** Per request, default 15 s. */
  timeoutMs?: number;
};

export type SyncClient = {
  /** POST a body (an object, or the exact JSON text to sign) to a sync path; the parsed answer. */
  post<T>(path: SyncPath, body: unknown): Promise<T>;
};

/** `path` under the hub's URL, keeping a path prefix the hub may be served under. */
export function hubEndpoint(hubUrl: string, path: string): string {
  const base = hubUrl.endsWith('/') ? hubUrl : `${hubUrl}/`;
  return new URL(path.replace(/^\//, ''), base).toString();
}

/** One HTTP exchange with timeout; answers the parsed JSON or throws SyncError. */
export async function postJson<T>(doFetch: typeof fetch, url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<T> {
  let res: Response;
  try {
    res = await doFetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new SyncError('TIMEOUT', `The hub did not answer within ${Math.round(timeoutMs / 1000)} s.`);
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    throw new SyncError('UNREACHABLE', `The hub cannot be reached${cause ? ` (${cause})` : ''}.`);
  }
  let text: string;
  try {
    text = await res.text();
  } catch {
    throw new SyncError('UNREACHABLE', 'The connection to the hub broke during the answer.', res.status);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SyncError('HTTP', `The hub answered ${res.status} without JSON (a proxy or another server at that address?).`, res.status);
  }
  if (res.ok) return json as T;
  const err = json as Partial<SyncErrorBody>;
  if (typeof err.code === 'string' && typeof err.message === 'string' && res.status < 500)
    throw new SyncError(err.code as SyncErrorCode, err.message, res.status, typeof err.serverTime === 'string' ? err.serverTime : null);
  throw new SyncError('HTTP', `The hub answered ${res.status}: ${typeof err.message === 'string' ? err.message : 'no reason given'}.`, res.status);
}

export function createSyncClient(db: Db, opts: ClientOptions = {}): SyncClient {
  const doFetch = opts.fetch ?? fetch;
  const now = opts.now ?? (() => new Date());
  const timeoutMs = opts.timeoutMs ?? 15_000;

  async function attempt<T>(path: SyncPath, body: string): Promise<T> {
    const state = readSyncState(db);
    if (!state) throw new SyncError('NOT_PAIRED', 'This kiosk is not paired with an office hub.');
    const kioskId = getSetting(db, 'kiosk_id') ?? 'unset';
    const offset = state.clock_offset_ms;
    const time = new Date(now().getTime() - offset).toISOString();
    const nonce = newNonce();
    const bodyHash = createHash('sha256').update(body, 'utf8').digest('hex');
    const headers = {
      [SIGNED_HEADERS.kiosk]: kioskId,
      [SIGNED_HEADERS.time]: time,
      [SIGNED_HEADERS.nonce]: nonce,
      [SIGNED_HEADERS.signature]: signRequest(state.private_key, 'POST', path, time, nonce, bodyHash),
      [CLOCK_OFFSET_HEADER]: String(offset),
    };
    return postJson<T>(doFetch, hubEndpoint(state.hub_url, path), body, headers, timeoutMs);
  }

  return {
    async post<T>(path: SyncPath, body: unknown): Promise<T> {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      try {
        return await attempt<T>(path, text);
      } catch (e) {
        if (!(e instanceof SyncError) || e.code !== 'CLOCK_SKEW' || !e.serverTime || Number.isNaN(Date.parse(e.serverTime))) throw e;
        // The hub's clock is the reference: sign with our clock shifted onto it, then try once more.
        recordClockOffset(db, now().getTime() - Date.parse(e.serverTime));
        return attempt<T>(path, text);
      }
    },
  };
}
