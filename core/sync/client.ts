// Signed requests from the kiosk to its hub (shared/sync.ts). Each attempt gets a fresh nonce
// and is signed with the kiosk's clock corrected by the offset it has learned. When the hub
// refuses the time (CLOCK_SKEW) its answer carries the hub's time: the kiosk records the
// offset and retries once, so a kiosk whose clock is 10 minutes out costs one retry.
//
// Answers are believed only when they are the paired hub's (shared/sync.ts HUB_HEADERS): the
// connection shows a pinned certificate (./transport.ts), the answer names the hub's id and is
// signed with the identity key learned at pairing over this request's nonce. Anything else is
// a HUB_MISMATCH: nothing in it is applied, the outbox is kept, and the status says why.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { getSetting } from '../site/settings.js';
import { answerSigningString, CLOCK_OFFSET_HEADER, HUB_HEADERS, SIGNED_HEADERS, SYNC_PATHS, type SyncErrorBody } from '../../shared/sync.js';
import { newNonce, signRequest } from './keys.js';
import { readSyncState, recordClockOffset } from './status.js';
import { createHubAgents, hubFetch, PinMismatchError } from './transport.js';

export type SyncPath = (typeof SYNC_PATHS)[keyof typeof SYNC_PATHS];

/** Why a sync request failed: the hub's refusal code, or a transport failure. */
export type SyncErrorCode = SyncErrorBody['code'] | 'UNREACHABLE' | 'TIMEOUT' | 'HTTP' | 'NOT_PAIRED' | 'HUB_MISMATCH';

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
  /** Ask this address instead of the paired one, with the same pins, hub id and key (checking a
   *  new address before the kiosk moves to it: core/sync/rehome.ts). */
  hubUrl?: string;
  /** Accept these certificate pins instead of the stored ones (with hubUrl: a kiosk that pinned
   *  none, moving to an https address whose pin an administrator gave). */
  pins?: readonly string[];
};

export type SyncClient = {
  /** POST a body (an object, or the exact JSON text to sign) to a sync path; the parsed answer. */
  post<T>(path: SyncPath, body: unknown): Promise<T>;
  /** Closes the connections kept open to the hub. */
  close(): void;
};

/** `path` under the hub's URL, keeping a path prefix the hub may be served under. */
export function hubEndpoint(hubUrl: string, path: string): string {
  const base = hubUrl.endsWith('/') ? hubUrl : `${hubUrl}/`;
  return new URL(path.replace(/^\//, ''), base).toString();
}

/** Checks an answer before anything in it is believed (throws SyncError HUB_MISMATCH). */
export type AnswerCheck = (res: Response, text: string) => void;

/** One HTTP exchange with timeout; answers the parsed JSON or throws SyncError. */
export async function postJson<T>(doFetch: typeof fetch, url: string, body: string, headers: Record<string, string>, timeoutMs: number, check?: AnswerCheck): Promise<T> {
  let res: Response;
  try {
    res = await doFetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const pinned = e instanceof PinMismatchError ? e : (e as { cause?: unknown }).cause instanceof PinMismatchError ? ((e as { cause: PinMismatchError }).cause) : null;
    if (pinned) throw new SyncError('HUB_MISMATCH', pinned.message);
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
  check?.(res, text);
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

const hubKeys = new Map<string, KeyObject>();
function hubKey(b64: string): KeyObject {
  let k = hubKeys.get(b64);
  if (!k) hubKeys.set(b64, (k = createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' })));
  return k;
}

/**
 * The check every answer from the paired hub passes: its id, and its signature over this
 * request (path, nonce), the status, the pins it announces and the body. `hubPublicKey` null is
 * a kiosk paired before answers were signed: it keeps the hub id check until it re-pairs.
 */
export function hubAnswerCheck(expected: { hubId: string; hubPublicKey: string | null }, path: string, nonce: string): AnswerCheck {
  return (res, text) => {
    const id = res.headers.get(HUB_HEADERS.id);
    const sig = res.headers.get(HUB_HEADERS.signature);
    const pins = res.headers.get(HUB_HEADERS.pins) ?? '';
    const mismatch = (why: string) => new SyncError('HUB_MISMATCH', `Not the paired hub's answer (${why}); nothing in it was used and the outbox is kept. Another machine may be answering at the hub's address.`, res.status);
    if (id !== expected.hubId) throw mismatch(id ? `hub id ${id.slice(0, 40)}, paired with ${expected.hubId}` : 'no hub id');
    if (expected.hubPublicKey === null) return;
    if (!sig) throw mismatch('unsigned');
    let ok = false;
    try {
      const digest = createHash('sha256').update(text, 'utf8').digest('hex');
      ok = verify(null, Buffer.from(answerSigningString(id, path, nonce, res.status, pins, digest), 'utf8'), hubKey(expected.hubPublicKey), Buffer.from(sig, 'base64'));
    } catch {
      ok = false;
    }
    if (!ok) throw mismatch('bad signature');
  };
}

/** Pins the hub announced in a signed answer (current first, then a next one during a
 *  rotation). Learned only over a channel already pinned, and only when they still include a
 *  pin this kiosk accepts: a rotation adds a pin before it removes the old one. */
function learnPins(db: Db, announced: string | null, current: readonly string[]): void {
  if (!announced || current.length === 0) return; // plain-HTTP hub: nothing to pin
  const next = [...new Set(announced.split(',').filter((p) => /^[A-Za-z0-9+/=]{40,64}$/.test(p)))];
  if (next.length === 0 || !next.some((p) => current.includes(p))) return;
  if (JSON.stringify(next) !== JSON.stringify(current)) stmt(db, 'UPDATE sync_state SET hub_pins = ? WHERE id = 1').run(JSON.stringify(next));
}

export function parsePins(json: string | null | undefined): string[] {
  try {
    const v = JSON.parse(json ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

export function createSyncClient(db: Db, opts: ClientOptions = {}): SyncClient {
  const now = opts.now ?? (() => new Date());
  const timeoutMs = opts.timeoutMs ?? 15_000;
  // One pool of kept connections per client: reconnecting for every push costs a handshake each.
  const agents = opts.fetch ? undefined : createHubAgents();

  async function attempt<T>(path: SyncPath, body: string): Promise<T> {
    const state = readSyncState(db);
    if (!state) throw new SyncError('NOT_PAIRED', 'This kiosk is not paired with an office hub.');
    const pins = opts.pins ? [...opts.pins] : parsePins(state.hub_pins);
    const hubUrl = opts.hubUrl ?? state.hub_url;
    if (hubUrl.startsWith('https:') && pins.length === 0 && state.hub_public_key)
      throw new SyncError('HUB_MISMATCH', 'This kiosk has no pinned certificate for its https hub. Re-pair it.');
    const doFetch = opts.fetch ?? hubFetch({ pins, agents });
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
    let announced: string | null = null;
    const check = hubAnswerCheck({ hubId: state.hub_id, hubPublicKey: state.hub_public_key }, path, nonce);
    const result = await postJson<T>(doFetch, hubEndpoint(hubUrl, path), body, headers, timeoutMs, (res, text) => {
      check(res, text);
      announced = res.headers.get(HUB_HEADERS.pins);
    });
    learnPins(db, announced, pins);
    return result;
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
    close() {
      agents?.destroy();
    },
  };
}
