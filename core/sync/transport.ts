// How the kiosk reaches its hub: HTTP(S) with node:https and the hub's TLS certificate pinned.
// The kiosk does not trust certificate authorities for its hub: it accepts the certificate whose
// public key (sha-256 of the SPKI, base64) it pinned at pairing, or the next one the hub
// announced over that pinned channel. The check runs when the TLS handshake is done and before a
// byte of the request is written, so a machine in the middle learns nothing, not even the path.
//
// A sync client keeps its connections alive (createHubAgents): a TLS handshake costs more than a
// push, and 150 kiosks reconnecting every few seconds would spend the hub's time on handshakes.
// A kept socket remembers the pin it showed when it connected and is checked against the pins
// accepted now before each request, so a retired certificate's connection is never reused.
// TLS session resumption is off: a resumed session skips the certificate, and the pin with it.
//
// It has fetch's shape so tests can wrap it (drop, delay, capture) exactly as they wrap fetch.
import { createHash, type X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';

/** The certificate shown is not one this kiosk pinned (`seen` is its pin). */
export class PinMismatchError extends Error {
  readonly seen: string;
  constructor(seen: string) {
    super(`The hub's address answered with a certificate this kiosk did not pin (${seen.slice(0, 12)}…): another machine is answering for the hub, or it is being intercepted. Nothing was sent.`);
    this.name = 'PinMismatchError';
    this.seen = seen;
  }
}

export function pinOf(cert: X509Certificate): string {
  return createHash('sha256').update(cert.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

export type HubFetchOptions = {
  /** Pins accepted; empty: any certificate (pairing's first step, which proves the hub otherwise). */
  pins: readonly string[];
  /** Told the pin of the certificate each TLS connection showed (pairing binds it to the hub's proof). */
  onPeerPin?: (pin: string) => void;
  /** Keep-alive agents (createHubAgents); without them every request opens its own connection. */
  agents?: HubAgents | undefined;
};

export type HubAgents = { https: https.Agent; http: http.Agent; destroy(): void };

/** Connections a sync client keeps open between requests (see the note at the top). */
export function createHubAgents(): HubAgents {
  // rejectUnauthorized: false because the pin check below replaces CA trust.
  const tlsAgent = new https.Agent({ keepAlive: true, maxSockets: 4, maxCachedSessions: 0, rejectUnauthorized: false });
  const plain = new http.Agent({ keepAlive: true, maxSockets: 4 });
  return {
    https: tlsAgent,
    http: plain,
    destroy() {
      tlsAgent.destroy();
      plain.destroy();
    },
  };
}

/** The pin each kept TLS socket showed at its handshake. */
const socketPins = new WeakMap<object, string>();
const STALE_SOCKET = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

export function hubFetch(opts: HubFetchOptions): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input.toString() : input.url);
    const body = typeof init.body === 'string' ? init.body : init.body == null ? '' : String(init.body);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    headers['content-length'] = String(Buffer.byteLength(body));
    const tls = url.protocol === 'https:';
    if (!tls && url.protocol !== 'http:') throw new TypeError(`Unsupported protocol ${url.protocol}`);
    try {
      return await send(opts, url, body, headers, init, tls);
    } catch (e) {
      // The hub closed a kept connection as we reused it: nothing was answered, so send once
      // more on a fresh one (a push is idempotent; a request the hub did see fails its nonce).
      if (!(e instanceof StaleSocketError)) throw e;
      return send(opts, url, body, headers, init, tls);
    }
  }) as typeof fetch;
}

class StaleSocketError extends TypeError {}

function send(opts: HubFetchOptions, url: URL, body: string, headers: Record<string, string>, init: RequestInit, tls: boolean): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const signal = init.signal;
    const agent = tls ? (opts.agents?.https ?? false) : (opts.agents?.http ?? false);
    const common = { method: init.method ?? 'GET', headers, agent };
    const req = tls
      ? https.request(url, { ...common, rejectUnauthorized: false }) // the pin below replaces CA trust
      : http.request(url, common);
    let reused = false;
    let answered = false;
    const fail = (e: unknown) => {
      req.destroy();
      const code = (e as { code?: string } | null)?.code;
      if (reused && !answered && code && STALE_SOCKET.has(code)) return reject(Object.assign(new StaleSocketError('fetch failed'), { cause: e }));
      reject(e instanceof Error ? Object.assign(new TypeError('fetch failed'), { cause: e }) : e);
    };
    const onAbort = () => {
      const reason = signal?.reason as { name?: string } | undefined;
      const e = new Error('The operation was aborted');
      e.name = reason?.name === 'TimeoutError' ? 'TimeoutError' : 'AbortError';
      req.destroy();
      reject(e);
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e) => fail(e));
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => fail(e));
      res.on('end', () => {
        signal?.removeEventListener('abort', onAbort);
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 502, headers: h }));
      });
    });
    req.on('socket', (socket) => {
      if (!tls) {
        reused = req.reusedSocket;
        return;
      }
      const check = (pin: string) => {
        opts.onPeerPin?.(pin);
        if (opts.pins.length > 0 && !opts.pins.includes(pin)) {
          req.destroy();
          signal?.removeEventListener('abort', onAbort);
          return reject(new PinMismatchError(pin));
        }
        req.end(body);
      };
      const kept = socketPins.get(socket);
      if (kept !== undefined) {
        reused = true;
        return check(kept);
      }
      (socket as TLSSocket).once('secureConnect', () => {
        const cert = (socket as TLSSocket).getPeerX509Certificate();
        const pin = cert ? pinOf(cert) : '';
        socketPins.set(socket, pin);
        check(pin);
      });
    });
    if (!tls) req.end(body);
  });
}
