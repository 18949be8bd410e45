// A trust hub for tests: the trust directory on the run's PostgreSQL server, some schools (each
// its own schema, opened as a Hub), and a real HTTP server on 127.0.0.1 with the trust's API
// (/trust/api) and each school's sign-in and console API under /s/<slug>/. A small cookie jar
// plays the browser. No test-runner imports here.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Hub } from '../../core/office/hub.js';
import { startOfficeHttp } from '../../core/office/http/server.js';
import { addSchool, openTrustDirectory, type TrustDirectory } from '../../core/office/trust/directory.js';
import type { Envelope } from '../../shared/errors.js';
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
  const http = await startOfficeHttp({
    trust: { directory, dataDir: tempDir('trust-roles-hub-'), now, log: () => {} },
    port: opts.port ?? 0,
    host: '127.0.0.1',
    ...(opts.consoleDir ? { consoleDir: opts.consoleDir } : { consoleDir: '/nonexistent-console' }),
    scrypt: TEST_SCRYPT,
    signInRateLimit: NO_RATE_LIMIT,
    log: () => {},
  });
  const base = http.url.replace(/\/$/, '');
  return {
    url: base,
    directory,
    hubs,
    browser: () => new Jar(base),
    async close() {
      await http.close();
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
