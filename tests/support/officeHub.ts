// Test helpers around a real office hub: its own SQLite file in a temp folder, the real HTTP
// server on 127.0.0.1, and a small "browser" that keeps the session cookie and the CSRF token
// the way the console does. No test-runner imports here (tsconfig.build.json compiles it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Hub } from '../../core/office/hub.js';
import { openTestHub } from './postgres.js';
import { startOfficeHttp, type OfficeHttpOptions } from '../../core/office/http/server.js';
import { SETUP_CODE_FILE } from '../../core/office/auth/setup.js';
import type { ScryptParams } from '../../core/office/auth/passwords.js';
import { CSRF_HEADER, OFFICE_PATHS, SESSION_COOKIE, type Role, type SessionInfo } from '../../shared/office.js';
import type { Envelope } from '../../shared/errors.js';

/** Cheap enough for hundreds of hashes in a test run; production uses DEFAULT_SCRYPT. */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
/** Tests that are not about the rate limit must not trip it. */
export const NO_RATE_LIMIT = { max: 100_000, timeWindowMs: 60_000 };

export type TestHub = {
  hub: Hub;
  url: string;
  dataDir: string;
  logged: string[];
  setupCode(): string;
  browser(): OfficeBrowser;
  close(): Promise<void>;
};

export async function startTestHub(opts: { now?: () => Date } & Partial<Omit<OfficeHttpOptions, 'hub' | 'port'>> = {}): Promise<TestHub> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'office-test-'));
  const hub = openTestHub({ dataDir, log: () => {}, ...(opts.now ? { now: opts.now } : {}) });
  const logged: string[] = [];
  const { now: _now, ...httpOpts } = opts;
  const http = await startOfficeHttp({
    hub,
    port: 0,
    host: '127.0.0.1',
    consoleDir: path.join(dataDir, 'no-console-here'),
    scrypt: TEST_SCRYPT,
    signInRateLimit: NO_RATE_LIMIT,
    log: (line) => logged.push(line),
    ...httpOpts,
  });
  const base = http.url.replace(/\/$/, '');
  return {
    hub,
    url: base,
    dataDir,
    logged,
    setupCode: () => fs.readFileSync(path.join(dataDir, SETUP_CODE_FILE), 'utf8').trim(),
    browser: () => new OfficeBrowser(base),
    async close() {
      await http.close();
      hub.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `text` is decoded as a browser would (a UTF-8 BOM dropped); `bytes` is what was sent. */
export type Answer = { status: number; headers: Headers; bytes: Buffer; text: string; json: Envelope<unknown> | undefined };

export type RequestOptions = { raw?: string; headers?: Record<string, string>; csrf?: string | null; method?: string };

/** One console tab: remembers the session cookie and the CSRF token from sign-in. */
export class OfficeBrowser {
  cookie: string | undefined;
  csrf: string | undefined;
  lastSetCookie: string | undefined;
  /** `doFetch`: another transport, e.g. core/sync/transport.ts hubFetch for a hub on https
   *  with its own certificate (pinned, as a kiosk does). */
  constructor(
    readonly base: string,
    private readonly doFetch: typeof fetch = fetch,
  ) {}

  async request(pathname: string, body?: unknown, o: RequestOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (body !== undefined && o.raw === undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = `${SESSION_COOKIE}=${this.cookie}`;
    const csrf = o.csrf === undefined ? this.csrf : o.csrf;
    if (csrf) headers[CSRF_HEADER] = csrf;
    const payload = o.raw ?? (body === undefined ? undefined : JSON.stringify(body));
    const res = await this.doFetch(this.base + pathname, {
      method: o.method ?? 'POST',
      headers: { ...headers, ...o.headers },
      ...(payload === undefined ? {} : { body: payload }),
    });
    for (const c of res.headers.getSetCookie()) {
      this.lastSetCookie = c;
      const m = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(c);
      if (m) this.cookie = m[1] || undefined;
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    let json: Envelope<unknown> | undefined;
    try {
      json = JSON.parse(text) as Envelope<unknown>;
    } catch {
      json = undefined;
    }
    if (json?.ok && json.value && typeof json.value === 'object' && 'csrfToken' in json.value) this.csrf = (json.value as SessionInfo).csrfToken;
    return { status: res.status, headers: res.headers, bytes, text, json };
  }

  get(pathname: string, o: RequestOptions = {}): Promise<Answer> {
    return this.request(pathname, undefined, { ...o, method: 'GET' });
  }

  post(pathname: string, body: unknown = {}, o: RequestOptions = {}): Promise<Answer> {
    return this.request(pathname, body, { ...o, method: 'POST' });
  }

  op(name: string, input: unknown = {}, o: RequestOptions = {}): Promise<Answer> {
    return this.post(`/api/office/${name}`, input, o);
  }

  logIn(username: string, password: string): Promise<Answer> {
    return this.post(OFFICE_PATHS.login, { username, password });
  }
}

export const ADMIN = { username: 'head.admin', displayName: 'Alex Admin', password: 'correct horse battery staple' };

/** First-run set-up with the code the hub wrote; the browser is then signed in as ADMIN. */
export async function setUpHub(t: TestHub): Promise<OfficeBrowser> {
  const b = t.browser();
  const res = await b.post(OFFICE_PATHS.setup, { setupCode: t.setupCode(), ...ADMIN });
  if (res.status !== 200) throw new Error(`set-up failed: ${res.status} ${res.text}`);
  return b;
}

export const PASSWORDS: Record<Role, string> = {
  office: 'reception desk sunflower 42',
  dsl: 'safeguarding lantern river',
  head: 'headteacher marmalade cloud',
  admin: ADMIN.password,
};

/** The password an administrator gives a new account: its owner must replace it at first sign-in. */
export const firstPassword = (password: string) => `first ${password} given`;

/**
 * An account made by the administrator and signed in by its owner, who has chosen their own
 * password (as every new account must before doing anything else).
 */
export async function staffAccount(t: TestHub, admin: OfficeBrowser, a: { username: string; displayName: string; role: Role; password: string }): Promise<OfficeBrowser> {
  const created = await admin.op('staff.create', { ...a, password: firstPassword(a.password) });
  if (created.status !== 200) throw new Error(`staff.create failed: ${created.text}`);
  const b = t.browser();
  const res = await b.logIn(a.username, firstPassword(a.password));
  if (res.status !== 200) throw new Error(`login failed: ${res.text}`);
  const changed = await b.op('account.changePassword', { currentPassword: firstPassword(a.password), newPassword: a.password });
  if (changed.status !== 200) throw new Error(`account.changePassword failed: ${changed.text}`);
  return b;
}

/** A signed-in browser for each role (the admin made the other three accounts). */
export async function browsersByRole(t: TestHub, admin: OfficeBrowser): Promise<Record<Role, OfficeBrowser>> {
  const out = { admin } as Record<Role, OfficeBrowser>;
  for (const role of ['office', 'dsl', 'head'] as const) {
    const b = await staffAccount(t, admin, { username: `${role}.user`, displayName: `${role} user`, role, password: PASSWORDS[role] });
    out[role] = b;
  }
  return out;
}
