// Test helpers around a real trust hub: the trust's directory in the run's PostgreSQL server,
// schools added to it, and the real HTTP server serving each under /s/<slug>/. Each school gets
// a browser (tests/support/officeHub.ts OfficeBrowser) whose base is the school's address.
// No test-runner imports here (tsconfig.build.json compiles it).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SETUP_CODE_FILE } from '../../core/office/auth/setup.js';
import { startOfficeHttp, type OfficeHttpOptions } from '../../core/office/http/server.js';
import { schoolDataDir, type TrustHubOptions } from '../../core/office/http/schools.js';
import { addSchool, openTrustDirectory, type TrustDirectory } from '../../core/office/trust/directory.js';
import { OFFICE_PATHS, type Role } from '../../shared/office.js';
import { ADMIN, firstPassword, NO_RATE_LIMIT, OfficeBrowser, TEST_SCRYPT } from './officeHub.js';
import { TEST_DATABASE_ENV } from './postgres.js';
import { tempDir } from './tempKiosk.js';

export type TrustTestHub = {
  url: string;
  dataDir: string;
  directory: TrustDirectory;
  logged: string[];
  /** A school's address on this hub, e.g. http://127.0.0.1:1234/s/north-ab12 (no last slash). */
  schoolUrl(slug: string): string;
  /** A fresh console tab on that school. */
  browser(slug: string): OfficeBrowser;
  close(): Promise<void>;
};

/** A short name no other test in the run uses (they share one PostgreSQL server). */
export function uniqueSlug(stem: string): string {
  return `${stem}-${randomBytes(4).toString('hex')}`;
}

export async function startTrustTestHub(
  opts: Partial<Omit<OfficeHttpOptions, 'hub' | 'trust' | 'port'>> & { trust?: Partial<Omit<TrustHubOptions, 'directory' | 'dataDir'>> } = {},
): Promise<TrustTestHub> {
  const url = process.env[TEST_DATABASE_ENV];
  if (!url) throw new Error('A trust hub needs the PostgreSQL test run (vitest --project postgres).');
  const dataDir = tempDir('trust-hub-');
  const directory = openTrustDirectory(url);
  const logged: string[] = [];
  const { trust, ...httpOpts } = opts;
  const http = await startOfficeHttp({
    trust: { directory, dataDir, log: (m, e) => logged.push(`${m} ${e instanceof Error ? e.stack : String(e ?? '')}`), ...trust },
    port: 0,
    host: '127.0.0.1',
    consoleDir: path.join(dataDir, 'no-console-here'),
    scrypt: TEST_SCRYPT,
    signInRateLimit: NO_RATE_LIMIT,
    log: (line) => logged.push(line),
    ...httpOpts,
  });
  const base = http.url.replace(/\/$/, '');
  const schoolUrl = (slug: string) => `${base}/s/${slug}`;
  return {
    url: base,
    dataDir,
    directory,
    logged,
    schoolUrl,
    browser: (slug) => new OfficeBrowser(schoolUrl(slug)),
    async close() {
      await http.close();
      directory.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Adds a school to the trust; its first administrator set up through its own address with the
 *  set-up code the hub wrote for it. Returns the administrator's signed-in browser. */
export async function addTestSchool(t: TrustTestHub, slug: string, name: string): Promise<OfficeBrowser> {
  addSchool(t.directory, { slug, name, by: 'test', at: new Date() });
  const b = t.browser(slug);
  const status = await b.get(OFFICE_PATHS.setupStatus); // the school's hub opens, and makes its code
  if (status.status !== 200) throw new Error(`setup-status failed: ${status.status} ${status.text}`);
  const code = fs.readFileSync(path.join(schoolDataDir(t.dataDir, slug), SETUP_CODE_FILE), 'utf8').trim();
  const res = await b.post(OFFICE_PATHS.setup, { setupCode: code, ...ADMIN });
  if (res.status !== 200) throw new Error(`set-up of ${slug} failed: ${res.status} ${res.text}`);
  return b;
}

/** An account the school's administrator made, signed in by its owner with their own password. */
export async function schoolStaff(t: TrustTestHub, slug: string, admin: OfficeBrowser, a: { username: string; displayName: string; role: Role; password: string }): Promise<OfficeBrowser> {
  const created = await admin.op('staff.create', { ...a, password: firstPassword(a.password) });
  if (created.status !== 200) throw new Error(`staff.create failed: ${created.text}`);
  const b = t.browser(slug);
  const res = await b.logIn(a.username, firstPassword(a.password));
  if (res.status !== 200) throw new Error(`login failed: ${res.text}`);
  const changed = await b.op('account.changePassword', { currentPassword: firstPassword(a.password), newPassword: a.password });
  if (changed.status !== 200) throw new Error(`account.changePassword failed: ${changed.text}`);
  return b;
}
