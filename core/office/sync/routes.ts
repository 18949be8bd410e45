// The hub's sync endpoints for kiosks (shared/sync.ts): POST pair, push and pull, JSON only.
// Registered as an encapsulated plugin so its raw-body JSON parser, body limit and error
// answers apply to these routes alone. The signature covers the body's exact bytes, so the
// parser keeps the raw text and the handler parses it only after the signature is checked.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HUB_HEADERS, PUSH_BODY_MAX_BYTES, PairHelloRequest, PairRequest, SIGNED_HEADERS, SYNC_PATHS, type SyncErrorBody } from '../../../shared/sync.js';
import type { Hub } from '../hub.js';
import { verifySignedRequest, type KioskRow } from './auth.js';
import { hubIdentity } from './identity.js';
import { helloPairing, redeemPairingCode } from './pairing.js';
import { handlePull } from './pull.js';
import { handlePush, parseBody } from './push.js';
import { handleQuarantineReport } from './quarantine.js';
import { SyncRefusal } from './refusal.js';

/** A push: the largest batch a kiosk builds (shared/sync.ts PUSH_BODY_MAX_BYTES, ~12 MiB). */
export const SYNC_BODY_LIMIT = PUSH_BODY_MAX_BYTES;
/** Pair, pull and quarantine reports are small: a stranger cannot make the hub read 12 MiB there. */
export const SYNC_SMALL_BODY_LIMIT = 256 * 1024;

/** Wrong pairing codes allowed per address per window before it must wait (guessing guard). */
const PAIR_FAILURES_MAX = 10;
const PAIR_FAILURE_WINDOW_MS = 10 * 60_000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The sync path as the kiosk signs it (SYNC_PATHS), whatever prefix the route is served under. */
    syncPath?: string;
  }
}

export type SyncRouteOptions = {
  /** Pins (base64 sha-256 SPKI) of the certificate served and, during a rotation, the next one;
   *  empty over plain HTTP. Announced in every signed answer. */
  pins?: string[];
};

/** The hub a sync request is for: one hub, or (on a trust hub) the school its URL names, or
 *  null when the request was refused before a school was found. */
export type SyncHubSource = Hub | ((req: FastifyRequest) => Hub | null);

export function registerSyncRoutes(app: FastifyInstance, source: SyncHubSource, opts: SyncRouteOptions = {}): void {
  const hubOf = typeof source === 'function' ? source : () => source;
  const hubFor = (req: FastifyRequest): Hub => {
    const hub = hubOf(req);
    if (!hub) throw new Error(`No hub for ${req.url}`);
    return hub;
  };
  // A one-school hub makes its identity key now, before the first kiosk asks.
  if (typeof source !== 'function') hubIdentity(source.db);
  const pins = opts.pins ?? [];
  const pinsHeader = pins.join(',');
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    // Every answer, refusals included, is signed with the hub's identity key over the request's
    // nonce: a kiosk believes nothing that another machine at this address says. The path signed
    // is the sync path the kiosk asked for, without the school's URL prefix on a trust hub.
    scope.addHook('onSend', async (req, reply, payload) => {
      const hub = hubOf(req);
      if (!hub) return payload; // no such school: nobody's answer to sign
      const identity = hubIdentity(hub.db);
      const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
      const nonceHeader = req.headers[SIGNED_HEADERS.nonce];
      const nonce = (Array.isArray(nonceHeader) ? nonceHeader[0] : nonceHeader) ?? '';
      const path = req.routeOptions.config?.syncPath ?? req.routeOptions.url ?? req.url.split('?')[0]!;
      reply.header(HUB_HEADERS.id, identity.hubId);
      reply.header(HUB_HEADERS.pins, pinsHeader);
      reply.header(HUB_HEADERS.signature, identity.sign(path, nonce, reply.statusCode, pinsHeader, body));
      return payload;
    });
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: SYNC_BODY_LIMIT }, (_req, body, done) => done(null, body));

    // One count per address across every school of a trust hub: a guesser gains nothing by
    // trying each school's door in turn.
    const failures = new Map<string, number[]>();
    const recentFailures = (ip: string, at: number): number[] => {
      const kept = (failures.get(ip) ?? []).filter((t) => at - t < PAIR_FAILURE_WINDOW_MS);
      if (kept.length) failures.set(ip, kept);
      else failures.delete(ip);
      return kept;
    };

    const refuse = (hub: Hub, reply: FastifyReply, e: unknown): FastifyReply => {
      const now = hub.now();
      if (e instanceof SyncRefusal) return reply.code(e.status).send(e.toBody(now));
      hub.log('sync request failed', e);
      const body: SyncErrorBody = { code: 'INVALID_INPUT', message: 'The hub could not process this request; it was not stored. Try again.', serverTime: now.toISOString() };
      return reply.code(500).send(body);
    };
    const raw = (req: FastifyRequest): string => (typeof req.body === 'string' ? req.body : '');

    const pairing = <T>(work: (hub: Hub, body: string, now: Date) => T) => async (req: FastifyRequest, reply: FastifyReply) => {
      const hub = hubFor(req);
      const now = hub.now();
      if (recentFailures(req.ip, now.getTime()).length >= PAIR_FAILURES_MAX)
        return reply.code(429).send({ code: 'BAD_CODE', message: 'Too many wrong pairing codes from this address. Wait 10 minutes, then try again.', serverTime: now.toISOString() } satisfies SyncErrorBody);
      try {
        return work(hub, raw(req), now);
      } catch (e) {
        if (e instanceof SyncRefusal && e.code === 'BAD_CODE') failures.set(req.ip, [...recentFailures(req.ip, now.getTime()), now.getTime()]);
        return refuse(hub, reply, e);
      }
    };
    scope.post(SYNC_PATHS.pairHello, { bodyLimit: 4096, config: { syncPath: SYNC_PATHS.pairHello } }, pairing((hub, body, now) => helloPairing(hub.db, parseBody(body, PairHelloRequest), hubIdentity(hub.db), pins, now)));
    scope.post(SYNC_PATHS.pair, { bodyLimit: 4096, config: { syncPath: SYNC_PATHS.pair } }, pairing((hub, body, now) => redeemPairingCode(hub.db, parseBody(body, PairRequest), now)));

    // Push and pull: check the signature, then do the work, in one immediate transaction: the
    // nonce, the events and the kiosk's last contact are one commit (one fsync per request).
    const signed = <T>(path: string, work: (db: Hub['db'], kiosk: KioskRow, rawBody: string, at: Date) => T) => async (req: FastifyRequest, reply: FastifyReply) => {
      const hub = hubFor(req);
      const now = hub.now();
      const body = raw(req);
      try {
        const out = hub.db
          .transaction(() => {
            const { kiosk } = verifySignedRequest(hub.db, { method: req.method, path, headers: req.headers, rawBody: body }, now);
            return work(hub.db, kiosk, body, now);
          })
          .immediate();
        // A refusal returned (not thrown) commits what it recorded (its audit entry) first.
        return out instanceof SyncRefusal ? refuse(hub, reply, out) : out;
      } catch (e) {
        return refuse(hub, reply, e);
      }
    };
    for (const [path, work, bodyLimit] of [
      [SYNC_PATHS.push, handlePush, SYNC_BODY_LIMIT],
      [SYNC_PATHS.pull, handlePull, SYNC_SMALL_BODY_LIMIT],
      [SYNC_PATHS.quarantine, handleQuarantineReport, SYNC_SMALL_BODY_LIMIT],
    ] as const)
      scope.post(path, { bodyLimit, config: { syncPath: path } }, signed(path, work as (db: Hub['db'], kiosk: KioskRow, rawBody: string, at: Date) => unknown));

    scope.setErrorHandler((err: { statusCode?: number; message: string }, req, reply) => {
      // Fastify's own refusals (too large, wrong content type, empty JSON body) as SyncErrorBody.
      const hub = hubOf(req);
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status === 500) (hub?.log ?? console.error)('sync route error', err);
      const message =
        status === 413 ? `The request is larger than this hub accepts (${Math.floor(SYNC_BODY_LIMIT / 1024)} KiB for a push); send fewer events at a time.`
        : status === 415 ? 'Sync requests are JSON (Content-Type: application/json).'
        : status < 500 ? `The request was not understood: ${err.message}`
        : 'The hub could not process this request; it was not stored. Try again.';
      reply.code(status).send({ code: 'INVALID_INPUT', message, serverTime: (hub ? hub.now() : new Date()).toISOString() } satisfies SyncErrorBody);
    });
  });
}
