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

export type SyncRouteOptions = {
  /** Pins (base64 sha-256 SPKI) of the certificate served and, during a rotation, the next one;
   *  empty over plain HTTP. Announced in every signed answer. */
  pins?: string[];
};

export function registerSyncRoutes(app: FastifyInstance, hub: Hub, opts: SyncRouteOptions = {}): void {
  const identity = hubIdentity(hub.db);
  const pins = opts.pins ?? [];
  const pinsHeader = pins.join(',');
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    // Every answer, refusals included, is signed with the hub's identity key over the request's
    // nonce: a kiosk believes nothing that another machine at this address says.
    scope.addHook('onSend', async (req, reply, payload) => {
      const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
      const nonceHeader = req.headers[SIGNED_HEADERS.nonce];
      const nonce = (Array.isArray(nonceHeader) ? nonceHeader[0] : nonceHeader) ?? '';
      const path = req.routeOptions.url ?? req.url.split('?')[0]!;
      reply.header(HUB_HEADERS.id, identity.hubId);
      reply.header(HUB_HEADERS.pins, pinsHeader);
      reply.header(HUB_HEADERS.signature, identity.sign(path, nonce, reply.statusCode, pinsHeader, body));
      return payload;
    });
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: SYNC_BODY_LIMIT }, (_req, body, done) => done(null, body));

    const failures = new Map<string, number[]>();
    const recentFailures = (ip: string, at: number): number[] => {
      const kept = (failures.get(ip) ?? []).filter((t) => at - t < PAIR_FAILURE_WINDOW_MS);
      if (kept.length) failures.set(ip, kept);
      else failures.delete(ip);
      return kept;
    };

    const refuse = (reply: FastifyReply, e: unknown): FastifyReply => {
      const now = hub.now();
      if (e instanceof SyncRefusal) return reply.code(e.status).send(e.toBody(now));
      hub.log('sync request failed', e);
      const body: SyncErrorBody = { code: 'INVALID_INPUT', message: 'The hub could not process this request; it was not stored. Try again.', serverTime: now.toISOString() };
      return reply.code(500).send(body);
    };
    const raw = (req: FastifyRequest): string => (typeof req.body === 'string' ? req.body : '');

    const pairing = <T>(work: (body: string, now: Date) => T) => async (req: FastifyRequest, reply: FastifyReply) => {
      const now = hub.now();
      if (recentFailures(req.ip, now.getTime()).length >= PAIR_FAILURES_MAX)
        return reply.code(429).send({ code: 'BAD_CODE', message: 'Too many wrong pairing codes from this address. Wait 10 minutes, then try again.', serverTime: now.toISOString() } satisfies SyncErrorBody);
      try {
        return work(raw(req), now);
      } catch (e) {
        if (e instanceof SyncRefusal && e.code === 'BAD_CODE') failures.set(req.ip, [...recentFailures(req.ip, now.getTime()), now.getTime()]);
        return refuse(reply, e);
      }
    };
    scope.post(SYNC_PATHS.pairHello, { bodyLimit: 4096 }, pairing((body, now) => helloPairing(hub.db, parseBody(body, PairHelloRequest), identity, pins, now)));
    scope.post(SYNC_PATHS.pair, { bodyLimit: 4096 }, pairing((body, now) => redeemPairingCode(hub.db, parseBody(body, PairRequest), now)));

    // Push and pull: check the signature, then do the work, in one immediate transaction: the
    // nonce, the events and the kiosk's last contact are one commit (one fsync per request).
    const signed = <T>(path: string, work: (db: Hub['db'], kiosk: KioskRow, rawBody: string, at: Date) => T) => async (req: FastifyRequest, reply: FastifyReply) => {
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
        return out instanceof SyncRefusal ? refuse(reply, out) : out;
      } catch (e) {
        return refuse(reply, e);
      }
    };
    scope.post(SYNC_PATHS.push, { bodyLimit: SYNC_BODY_LIMIT }, signed(SYNC_PATHS.push, handlePush));
    scope.post(SYNC_PATHS.pull, { bodyLimit: SYNC_SMALL_BODY_LIMIT }, signed(SYNC_PATHS.pull, handlePull));
    scope.post(SYNC_PATHS.quarantine, { bodyLimit: SYNC_SMALL_BODY_LIMIT }, signed(SYNC_PATHS.quarantine, handleQuarantineReport));

    scope.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) => {
      // Fastify's own refusals (too large, wrong content type, empty JSON body) as SyncErrorBody.
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status === 500) hub.log('sync route error', err);
      const message =
        status === 413 ? `The request is larger than this hub accepts (${Math.floor(SYNC_BODY_LIMIT / 1024)} KiB for a push); send fewer events at a time.`
        : status === 415 ? 'Sync requests are JSON (Content-Type: application/json).'
        : status < 500 ? `The request was not understood: ${err.message}`
        : 'The hub could not process this request; it was not stored. Try again.';
      reply.code(status).send({ code: 'INVALID_INPUT', message, serverTime: hub.now().toISOString() } satisfies SyncErrorBody);
    });
  });
}
