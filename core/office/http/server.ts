// The office hub's HTTP server: the console (its built files and its JSON API) and the kiosk
// sync API, on one port. Unlike the kiosk's loopback transport it listens on the school
// network (kiosks on other PCs reach it), so the console API stands on staff sessions:
// HttpOnly SameSite=Strict cookies, a CSRF token per session, same-origin checks, per-account
// lockout and per-address rate limits on sign-in. JSON only, strict CSP, no framing.
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContractError, type Envelope } from '../../../shared/errors.js';
import { DEFAULT_SCRYPT, type ScryptParams } from '../auth/passwords.js';
import { prepareSetupCode } from '../auth/setup.js';
import type { Hub } from '../hub.js';
import { registerSyncRoutes } from '../sync/routes.js';
import { registerConsoleFiles } from './consoleFiles.js';
import { registerTrustRoutes } from '../trust/routes.js';
import { SECURITY_HEADERS } from './csp.js';
import { crossSiteProblem } from './guards.js';
import { registerOfficeRoutes } from './officeRoutes.js';
import { singleSchool, trustSchools, type School, type TrustHubOptions } from './schools.js';
import { registerSessionRoutes, type RateLimit } from './sessionRoutes.js';

export { OFFICE_CONSOLE_CSP } from './csp.js';

export const DEFAULT_OFFICE_PORT = 5180;
/** Every interface: kiosks on other PCs must reach the hub. --host 127.0.0.1 for a one-PC site. */
export const DEFAULT_OFFICE_HOST = '0.0.0.0';
/** Console calls are small; the largest is a policy in every language. Sync sets its own. */
export const OFFICE_BODY_LIMIT = 256 * 1024;
export const SIGN_IN_RATE_LIMIT: RateLimit = { max: 10, timeWindowMs: 60_000 };

export type OfficeHttpOptions = {
  /** One school, at the root URLs (a SQLite hub, or one school of a trust's database). */
  hub?: Hub;
  /** A trust hub instead: every active school of the directory, each under /s/<slug>/. */
  trust?: TrustHubOptions;
  port: number;
  host?: string;
  /** The built console (default dist/console). */
  consoleDir?: string;
  /** Lower only in tests: the default is memory-hard on purpose. */
  scrypt?: ScryptParams;
  /** Sign-in and set-up attempts per address (default 10 a minute). */
  signInRateLimit?: RateLimit;
  /** Serve over https (then cookies are marked Secure). `pins` (core/office/tls) are announced
   *  to kiosks in every signed sync answer. */
  https?: { key: string | Buffer; cert: string | Buffer; pins?: string[] };
  /** Plain HTTP on a non-loopback address: refused unless this is set (and then logged loudly). */
  insecureHttp?: boolean;
  /** Behind a reverse proxy that terminates TLS: believe its X-Forwarded-* headers (true, a hop
   *  count, or the proxy's addresses). */
  trustProxy?: boolean | string | string[];
  /** The address people and kiosks use, e.g. https://office.school.example (behind a proxy):
   *  its host is allowed and the console's same-origin check accepts it. */
  publicOrigin?: string;
  /** More Host names the hub answers to (DNS names of the office PC). Loopback, this computer's
   *  name and addresses, and the public origin's host are always allowed. */
  allowedHosts?: string[];
  /** Where the address and the first-run set-up code are told (default the terminal). */
  log?: (line: string) => void;
};

export type OfficeHttp = { url: string; app: FastifyInstance; close(): Promise<void> };

/** dist/console beside the compiled code, wherever this module runs from (dist/ or sources). */
export function defaultConsoleDir(): string {
  const up = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  return path.basename(up) === 'dist' ? path.join(up, 'console') : path.join(up, 'dist', 'console');
}

function errorBody(code: ContractError['code'], message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

/** A school's own path after its URL prefix ('/s/<slug>/api/x' → '/api/x'). */
function localPath(req: { url: string; school: School | null }): string {
  const base = req.school?.base ?? '/';
  return req.url.startsWith(base) ? req.url.slice(base.length - 1) : req.url;
}

export async function startOfficeHttp(opts: OfficeHttpOptions): Promise<OfficeHttp> {
  if ((opts.hub === undefined) === (opts.trust === undefined)) throw new Error('startOfficeHttp serves one hub or one trust: give `hub` or `trust`.');
  const host = opts.host ?? DEFAULT_OFFICE_HOST;
  const scrypt = opts.scrypt ?? DEFAULT_SCRYPT;
  const log = opts.log ?? ((line: string) => console.log(line));
  if (!opts.https && !isLoopback(host) && !opts.insecureHttp)
    throw new Error(
      `The office hub will not serve plain HTTP on ${host}: names, safeguarding records and staff passwords would cross the network in clear. ` +
        'Serve HTTPS (the default of `npm run office`), listen on 127.0.0.1, or pass --insecure-http if a TLS proxy in front of it is the only way in.',
    );
  const publicOrigin = opts.publicOrigin ? new URL(opts.publicOrigin).origin : null;
  const hostAllowed = hostAllowList(host, opts.allowedHosts ?? [], publicOrigin);
  const schools = opts.trust ? trustSchools(opts.trust, scrypt, log) : singleSchool(opts.hub!, scrypt);
  const app = Fastify({
    bodyLimit: OFFICE_BODY_LIMIT,
    logger: false,
    ...(opts.trustProxy !== undefined ? { trustProxy: opts.trustProxy } : {}),
    ...(opts.https ? { https: { key: opts.https.key, cert: opts.https.cert } } : {}),
  }) as unknown as FastifyInstance;
  // JSON only: without this Fastify parses text/plain (a no-preflight CORS type) into a string body.
  app.removeContentTypeParser('text/plain');

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new Error(`Too many attempts from this computer. Wait ${ctx.after} and try again.`), { statusCode: ctx.statusCode, rateLimited: true }),
  });

  app.addHook('onRequest', async (req, reply) => {
    // DNS rebinding: a page from another site that resolves its own name to this hub is
    // refused because its Host is not one of ours (behind a trusted proxy: the host it forwards).
    if (!hostAllowed(req.host)) return reply.code(421).send(errorBody('FORBIDDEN', 'This hub does not answer to that address. Add it to the hub\'s allowed hosts (--allowed-host) if it is yours.'));
    const problem = crossSiteProblem(req, publicOrigin);
    if (problem) return reply.code(403).send(errorBody('FORBIDDEN', problem));
  });
  app.addHook('onSend', async (req, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    if (req.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000');
    if (/^(\/s\/[^/]+)?\/api\//.test(req.url)) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.setErrorHandler((err: Error & { statusCode?: number; rateLimited?: boolean }, req, reply) => {
    if (err instanceof ContractError) return reply.code(err.status).send({ ok: false, error: err.toBody() });
    if (err.rateLimited) return reply.code(429).send(errorBody('RATE_LIMITED', err.message));
    // Fastify's own refusals (bad JSON, too large, wrong content type) in our envelope.
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) (req.school?.hub.log ?? schools.log)('office request failed', err);
    const message =
      status === 413 ? 'That is too much text. Please shorten it.'
      : status === 415 ? 'The office API accepts JSON only (Content-Type: application/json).'
      : status < 500 ? 'The request was not understood.'
      : 'Something went wrong and nothing was saved. Please try again.';
    return reply.code(status).send(errorBody(status < 500 ? 'INVALID_INPUT' : 'INTERNAL', message));
  });

  // Every school route, once: at the root for one school, under /s/:school for a trust. The
  // school is found (its hub opened on first use) before any handler runs; a school the hub
  // does not serve is a 404 whatever the path after it.
  app.decorateRequest('school', null);
  await app.register(
    async (scope) => {
      scope.addHook('onRequest', async (req, reply) => {
        const school = schools.resolve(req);
        if (!school) return reply.code(404).send(errorBody('NOT_FOUND', 'This hub serves no school at that address. Check the school\'s address (…/s/<school>/) with your trust.'));
        req.school = school;
      });
      registerSessionRoutes(scope, opts.signInRateLimit ?? SIGN_IN_RATE_LIMIT);
      registerOfficeRoutes(scope, scrypt);
      registerSyncRoutes(scope, (req) => req.school?.hub ?? null, { pins: opts.https?.pins ?? [] });
      const consolePage = await registerConsoleFiles(scope, opts.consoleDir ?? defaultConsoleDir());

      scope.setNotFoundHandler((req, reply) => {
        const local = localPath(req);
        if (local.startsWith('/api/')) {
          const wrongMethod = local.startsWith('/api/office/') && req.method !== 'POST';
          return reply
            .code(wrongMethod ? 405 : 404)
            .send(errorBody('UNKNOWN_OPERATION', wrongMethod ? 'Operations are called with POST.' : 'Not found.'));
        }
        const pathname = req.url.split('?')[0]!;
        // A school's address without its last slash: the console's files are relative to it.
        if (req.school && `${pathname}/` === req.school.base) return reply.redirect(req.school.base, 301);
        // A page the console routes itself (no file extension): the console.
        if ((req.method === 'GET' || req.method === 'HEAD') && !/\.[a-z0-9]+$/i.test(pathname)) return consolePage(reply);
        return reply.code(404).type('text/plain; charset=utf-8').send('Not found.');
      });
    },
    { prefix: schools.prefix },
  );
  if (opts.trust) {
    // The trust's own console and API under /trust/ (core/office/trust/routes.ts).
    const trustDir = opts.trust.directory;
    await registerTrustRoutes(app, {
      directory: trustDir,
      hubFor: (slug) => {
        const school = schools.bySlug(slug);
        if (!school) throw new Error(`This hub does not serve school "${slug}".`);
        return school.hub;
      },
      consoleDir: opts.consoleDir ?? defaultConsoleDir(),
      scrypt,
      signInRateLimit: opts.signInRateLimit ?? SIGN_IN_RATE_LIMIT,
      ...(opts.trust.now ? { now: opts.trust.now } : {}),
      log: schools.log,
    });
  }
  if (opts.trust)
    app.setNotFoundHandler((req, reply) => {
      if (/^\/(api|sync)\//.test(req.url)) return reply.code(404).send(errorBody('NOT_FOUND', 'This hub serves many schools: each is under /s/<school>/.'));
      return reply.code(404).type('text/plain; charset=utf-8').send('This hub serves the schools of a trust: open /s/<school>/ (your school\'s short name).');
    });

  // Before listening: a set-up request must never find the code not yet made. (A trust's
  // schools get theirs from add-school, or when first opened: core/office/http/schools.ts.)
  const setup = opts.hub ? prepareSetupCode(opts.hub.db, opts.hub.dataDir) : null;
  await app.listen({ host, port: opts.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const scheme = opts.https ? 'https' : 'http';
  const any = host === '0.0.0.0' || host === '::';
  const url = `${scheme}://${any ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${port}/`;

  log(opts.trust ? `Trust hub on ${url} (each school at ${url}s/<school>/)` : `Office hub on ${url}`);
  if (!opts.https && !isLoopback(host))
    log('WARNING: --insecure-http: this hub serves PLAIN HTTP on the network. Anyone on it can read visitors\' names, safeguarding records and staff passwords unless a TLS proxy is the only way in.');
  if (any) for (const a of lanAddresses()) log(`  from other computers (kiosks, office PCs): ${scheme}://${a}:${port}/`);
  if (setup) {
    log(`First run: no staff account yet. Open the console and enter this set-up code to create the administrator:`);
    log(`  Set-up code: ${setup.code}`);
    log(`  (also in ${setup.file}; it works once)`);
  }
  return {
    url,
    app,
    async close() {
      await app.close();
      schools.close();
    },
  };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

/** The Host header values this hub answers to (port ignored). */
function hostAllowList(listenHost: string, extra: string[], publicOrigin: string | null): (header: string | undefined) => boolean {
  const allowed = new Set<string>(['localhost', '127.0.0.1', '::1', os.hostname().toLowerCase(), ...extra.map((h) => h.toLowerCase())]);
  if (listenHost !== '0.0.0.0' && listenHost !== '::') allowed.add(listenHost.toLowerCase());
  for (const a of Object.values(os.networkInterfaces()).flatMap((l) => l ?? [])) allowed.add(a.address.toLowerCase());
  if (publicOrigin) allowed.add(new URL(publicOrigin).hostname.toLowerCase());
  return (header) => {
    if (!header) return false;
    let name: string;
    try {
      name = new URL(`http://${header}`).hostname.toLowerCase();
    } catch {
      return false;
    }
    name = name.replace(/^\[(.*)\]$/, '$1');
    return allowed.has(name) || /^127\./.test(name);
  };
}

function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}
