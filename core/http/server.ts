// HTTP transport for the browser-kiosk mode and tests: the built kiosk screens and
// POST /api/<operation> over the same core the Electron IPC adapter uses.
// Loopback only; kiosk operations only; JSON only; Host and Origin checked.
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import fs from 'node:fs';
import { ERROR_STATUS } from '../../shared/errors.js';
import type { Core } from '../dispatcher.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';

export { CONTENT_SECURITY_POLICY };

export type HttpOptions = {
  core: Core;
  staticDir?: string;
  host?: string;
  port?: number;
  /** Awaited before an operation runs (KioskServices.freshen: the office's latest first). */
  beforeCall?: (op: string) => Promise<void> | undefined;
};

export async function startKioskHttp(opts: HttpOptions): Promise<{ app: FastifyInstance; url: string; close(): Promise<void> }> {
  const host = opts.host ?? '127.0.0.1';
  const app = Fastify({ bodyLimit: 64 * 1024, logger: false });
  // JSON only: without this Fastify parses text/plain (a no-preflight CORS type) into a string body.
  app.removeContentTypeParser('text/plain');
  let origin = '';

  app.addHook('onRequest', async (req, reply) => {
    // DNS-rebinding guard: only our own loopback name is accepted.
    const h = req.headers.host ?? '';
    const port = origin.split(':').pop();
    if (h !== `127.0.0.1:${port}` && h !== `localhost:${port}`) return reply.code(421).send({ ok: false, error: { code: 'FORBIDDEN', message: 'Wrong host.' } });
    const o = req.headers.origin;
    if (o !== undefined && o !== `http://127.0.0.1:${port}` && o !== `http://localhost:${port}`)
      return reply.code(403).send({ ok: false, error: { code: 'FORBIDDEN', message: 'Cross-origin requests are refused.' } });
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.post<{ Params: { op: string } }>('/api/:op', async (req, reply) => {
    const before = opts.beforeCall?.(req.params.op);
    if (before) await before;
    const env = opts.core.call(req.params.op, req.body, 'kiosk');
    if (!env.ok) reply.code(ERROR_STATUS[env.error.code] ?? 500);
    return env;
  });
  app.get('/healthz', async () => ({ ok: true }));
  app.setNotFoundHandler((req, reply) => {
    const api = req.url.startsWith('/api/');
    reply.code(api && req.method !== 'POST' ? 405 : 404).send({
      ok: false,
      error: { code: 'UNKNOWN_OPERATION', message: api && req.method !== 'POST' ? 'Operations are called with POST.' : 'Not found.' },
    });
  });

  app.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) => {
    // Fastify's own refusals (bad JSON, too large, wrong content type) in our envelope.
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    const message = status === 413 ? 'That is too much text. Please shorten it.' : status < 500 ? 'The request was not understood.' : 'Something went wrong.';
    reply.code(status).send({ ok: false, error: { code: status < 500 ? 'INVALID_INPUT' : 'INTERNAL', message } });
  });

  if (opts.staticDir && fs.existsSync(opts.staticDir)) {
    await app.register(fastifyStatic, { root: opts.staticDir, index: ['index.html'] });
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/plain').send('The kiosk screens are not built yet. Run `npm run build`, then start again.'),
    );
  }

  await app.listen({ host, port: opts.port ?? 0 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  origin = `${host}:${port}`;
  return { app, url: `http://${host}:${port}/`, close: () => app.close() };
}
