// A trust hub for tests: the trust directory on the run's PostgreSQL server, some schools (each
// its own schema, opened as a Hub), and a real HTTP server on 127.0.0.1 with the trust's API
// (/trust/api) and each school's sign-in and console API under /s/<slug>/. A small cookie jar
// plays the browser. No test-runner imports here.
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createSignIn } from '../../core/office/auth/signIn.js';
import type { Hub } from '../../core/office/hub.js';
import { registerOfficeRoutes } from '../../core/office/http/officeRoutes.js';
import { registerSessionRoutes } from '../../core/office/http/sessionRoutes.js';
import { addSchool, openTrustDirectory, type TrustDirectory } from '../../core/office/trust/directory.js';
import { registerTrustRoutes } from '../../core/office/trust/routes.js';
import { ContractError, type Envelope } from '../../shared/errors.js';
import { CSRF_HEADER } from '../../shared/office.js';
import { NO_RATE_LIMIT, TEST_SCRYPT } from './officeHub.js';
import { openTestHub, TEST_DATABASE_ENV } from './postgres.js';
import { tempDir } from './tempKiosk.js';

export type TrustTestHub = {
  url: string;
  directory: TrustDirectory;
  /** This test's schools by slug (other tests' schools share the directory). */
  hubs: Map<string, Hub>;
  browser(): Jar;
  close(): Promise<void>;
};

/** Short names unique to this test run (the directory is shared by every trust test file). */
export function uniqueSlug(base: string): string {
  return `${base}-${randomBytes(4).toString('hex')}`;
}

export async function startTrustTestHub(schools: { slug: string; name: string }[], opts: { now?: () => Date; consoleDir?: string; port?: number } = {}): Promise<TrustTestHub> {
  const url = process.env[TEST_DATABASE_ENV];
  if (!url) throw new Error('A trust hub needs the PostgreSQL test server.');
  const directory = openTrustDirectory(url);
  const now = opts.now ?? (() => new Date());
  const hubs = new Map<string, Hub>();
  for (const s of schools) {
    addSchool(directory, { ...s, by: 'test', at: now() });
    hubs.set(s.slug, openTestHub({ dataDir: tempDir('trust-school-'), database: { url, school: s.slug }, now, log: () => {} }));
  }
  const app = Fastify({ logger: false }) as unknown as FastifyInstance;
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    if (err instanceof ContractError) return reply.code(err.status).send({ ok: false, error: err.toBody() });
    return reply.code(err.statusCode ?? 500).send({ ok: false, error: { code: 'INTERNAL', message: err.message } });
  });
  await registerTrustRoutes(app, {
    directory,
    hubFor: (slug) => {
      const hub = hubs.get(slug);
      if (!hub) throw new Error(`school ${slug} belongs to another test`);
      return hub;
    },
    now,
    scrypt: TEST_SCRYPT,
    signInRateLimit: NO_RATE_LIMIT,
    log: () => {},
    ...(opts.consoleDir ? { consoleDir: opts.consoleDir } : {}),
  });
  // Each school's own console API under its prefix, as a trust hub serves it.
  for (const [slug, hub] of hubs)
    await app.register(
      async (scope) => {
        registerSessionRoutes(scope, hub, createSignIn(hub, TEST_SCRYPT), NO_RATE_LIMIT);
        registerOfficeRoutes(scope, hub, TEST_SCRYPT);
      },
      { prefix: `/s/${slug}` },
    );
  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    url: base,
    directory,
    hubs,
    browser: () => new Jar(base),
    async close() {
      await app.close();
      for (const hub of hubs.values()) {
        hub.close();
        fs.rmSync(hub.dataDir, { recursive: true, force: true });
      }
      directory.close();
    },
  };
}

export type JarAnswer = { status: number; json: Envelope<unknown> | undefined; setCookies: string[] };

/** A browser's cookies, by name and path (only sent where the Path covers the URL), and the
 *  CSRF token of the last session it was given. */
export class Jar {
  cookies = new Map<string, { value: string; path: string }>();
  csrf: string | undefined;
  constructor(readonly base: string) {}

  async request(method: string, pathname: string, body?: unknown, o: { csrf?: string | null } = {}): Promise<JarAnswer> {
    const headers: Record<string, string> = {};
    const sent = [...this.cookies].filter(([, c]) => pathname.startsWith(c.path)).map(([name, c]) => `${name}=${c.value}`);
    if (sent.length > 0) headers.cookie = sent.join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    const csrf = o.csrf === undefined ? this.csrf : o.csrf;
    if (csrf) headers[CSRF_HEADER] = csrf;
    const res = await fetch(this.base + pathname, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const setCookies = res.headers.getSetCookie();
    for (const c of setCookies) {
      const m = /^([^=]+)=([^;]*)/.exec(c);
      const p = /;\s*Path=([^;]+)/i.exec(c)?.[1] ?? '/';
      if (m) {
        if (m[2]) this.cookies.set(m[1]!, { value: m[2], path: p });
        else this.cookies.delete(m[1]!);
      }
    }
    const text = await res.text();
    let json: Envelope<unknown> | undefined;
    try {
      json = JSON.parse(text) as Envelope<unknown>;
    } catch {
      json = undefined;
    }
    if (json?.ok && json.value && typeof json.value === 'object' && 'csrfToken' in json.value) this.csrf = (json.value as { csrfToken: string }).csrfToken;
    return { status: res.status, json, setCookies };
  }

  get(pathname: string): Promise<JarAnswer> {
    return this.request('GET', pathname);
  }

  post(pathname: string, body: unknown = {}, o: { csrf?: string | null } = {}): Promise<JarAnswer> {
    return this.request('POST', pathname, body, o);
  }
}
