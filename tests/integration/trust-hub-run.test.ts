// Running a hub on a trust's PostgreSQL database (core/host/officeHub.ts, what `npm run office --
// --database URL [--school S]` starts): with the database alone it is the trust hub, serving a
// school added after it started under /s/<slug>/ with the set-up code it told; with --school it
// serves that one school at the usual addresses. The database password is never told.
import { afterEach, describe, expect, it } from 'vitest';
import { runOfficeHub, runTrustHub } from '../../core/host/officeHub.js';
import { addSchool, openTrustDirectory } from '../../core/office/trust/directory.js';
import { OFFICE_PATHS } from '../../shared/office.js';
import { ADMIN, OfficeBrowser } from '../support/officeHub.js';
import { TEST_DATABASE_ENV, testingOnPostgres } from '../support/postgres.js';
import { tempDir } from '../support/tempKiosk.js';
import fs from 'node:fs';
import path from 'node:path';
import { startTrustTestHub, uniqueSlug } from '../support/trustHub.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.runIf(testingOnPostgres())('a hub on a trust database', () => {
  const url = process.env[TEST_DATABASE_ENV]!;
  const password = new URL(url).password;

  it('with the database alone, serves a school added while it runs under /s/<slug>/, and never tells the password', async () => {
    const logged: string[] = [];
    const trust = await runTrustHub({ dataDir: tempDir('trust-run-'), port: 0, host: '127.0.0.1', databaseUrl: url, log: (l) => logged.push(l) });
    cleanups.push(() => trust.stop());
    const slug = uniqueSlug('added');
    const directory = openTrustDirectory(url);
    cleanups.push(() => directory.close());
    addSchool(directory, { slug, name: 'Added Later Primary', by: 'test', at: new Date() });

    const b = new OfficeBrowser(`${trust.http.url}s/${slug}`);
    expect(await b.get(OFFICE_PATHS.setupStatus)).toMatchObject({ status: 200, json: { ok: true, value: { needsSetup: true } } });
    const code = logged.join('\n').match(new RegExp(`Set-up code for ${slug}: (\\S+)`))?.[1];
    expect(code).toBeDefined();
    expect((await b.post(OFFICE_PATHS.setup, { setupCode: code, ...ADMIN })).status).toBe(200);
    expect((await b.get(OFFICE_PATHS.me)).status).toBe(200);

    expect(password.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain(password);
    expect(logged.join('\n')).toContain('***');
  });

  it('with --school, serves that one school at the usual addresses', async () => {
    const slug = uniqueSlug('solo');
    const directory = openTrustDirectory(url);
    cleanups.push(() => directory.close());
    addSchool(directory, { slug, name: 'Solo School', by: 'test', at: new Date() });
    const logged: string[] = [];
    const one = await runOfficeHub({ dataDir: tempDir('solo-run-'), port: 0, host: '127.0.0.1', database: { url, school: slug }, log: (l) => logged.push(l) });
    cleanups.push(() => one.stop());
    expect(one.hub.engine).toBe('postgres');
    expect(one.hub.dbFile).not.toContain(password);

    const b = new OfficeBrowser(one.http.url.replace(/\/$/, ''));
    const code = logged.join('\n').match(/Set-up code: (\S+)/)?.[1];
    const setUp = await b.post(OFFICE_PATHS.setup, { setupCode: code, ...ADMIN });
    expect(setUp.status).toBe(200);
    expect(setUp.headers.getSetCookie().join()).toMatch(/Path=\/(;|$)/);
    expect((await b.get(OFFICE_PATHS.me)).status).toBe(200);
    // No trust addresses on a one-school hub: /s/<slug>/api/... is no API there.
    const trustPath = await new OfficeBrowser(`${one.http.url}s/${slug}`).get(OFFICE_PATHS.setupStatus);
    expect(trustPath.status).not.toBe(200);
    expect(trustPath.json).toBeUndefined();
  });

  it("serves the built console at each school's address, its files relative to it", async () => {
    const consoleDir = tempDir('console-build-');
    fs.mkdirSync(path.join(consoleDir, 'assets'));
    fs.writeFileSync(path.join(consoleDir, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
    fs.writeFileSync(path.join(consoleDir, 'assets', 'app.js'), 'console.log("console");');
    const t = await startTrustTestHub({ consoleDir });
    cleanups.push(() => t.close());
    const slug = uniqueSlug('pages');
    const directory = openTrustDirectory(url);
    cleanups.push(() => directory.close());
    addSchool(directory, { slug, name: 'Pages School', by: 'test', at: new Date() });

    for (const page of [`/s/${slug}/`, `/s/${slug}/index.html`, `/s/${slug}/staff`]) {
      const res = await fetch(`${t.url}${page}`);
      expect(res.status, page).toBe(200);
      expect(await res.text()).toContain('./assets/app.js');
    }
    const asset = await fetch(`${t.url}/s/${slug}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toContain('console');
    const bare = await fetch(`${t.url}/s/${slug}`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe(`/s/${slug}/`);
    expect((await fetch(`${t.url}/s/${slug}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${t.url}/s/${slug}/../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${t.url}/s/no-such-school/`)).status).toBe(404);
  });
});
