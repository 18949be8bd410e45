// Running a hub on a trust's PostgreSQL database (core/host/officeHub.ts, what `npm run office --
// --database URL [--school S]` starts): with the database alone it is the trust hub, serving a
// school added after it started under /s/<slug>/ with the set-up code it told; with --school it
// serves that one school at the usual addresses. The database password is never told.
import { afterEach, describe, expect, it } from 'vitest';
import { runOfficeHub, runTrustHub } from '../../core/host/officeHub.js';
import { openHub } from '../../core/office/hub.js';
import { createPairingCode } from '../../core/office/sync/pairing.js';
import { ensureHubTls } from '../../core/office/tls/certificate.js';
import { startSyncAgent } from '../../core/sync/agent.js';
import { pairWithHub } from '../../core/sync/pair.js';
import { readSyncState } from '../../core/sync/status.js';
import { disposeKiosk } from '../support/fixtures.js';
import { addSchool, openTrustDirectory } from '../../core/office/trust/directory.js';
import { OFFICE_PATHS } from '../../shared/office.js';
import { ADMIN, OfficeBrowser } from '../support/officeHub.js';
import { TEST_DATABASE_ENV, testingOnPostgres } from '../support/postgres.js';
import { signInInput, tempDir, tempKiosk } from '../support/tempKiosk.js';
import fs from 'node:fs';
import path from 'node:path';
import { startTrustTestHub, uniqueSlug } from '../support/trustHub.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.runIf(testingOnPostgres())('a hub on a trust database', () => {
  // Read when the tests run: in the SQLite project the variable is blank and they are skipped.
  const url = process.env[TEST_DATABASE_ENV] || 'postgres://skipped@127.0.0.1/none';
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
    // No trust addresses on a one-school hub: /s/<slug>/api/... is no API there (at most the
    // console's page, when it is built).
    const trustPath = await new OfficeBrowser(`${one.http.url}s/${slug}`).get(OFFICE_PATHS.setupStatus);
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

  it('stops serving a school within moments of its archiving, on a hub that had it open', async () => {
    const t = await startTrustTestHub({ trust: { statusTtlMs: 0 } });
    cleanups.push(() => t.close());
    const slug = uniqueSlug('closing');
    addSchool(t.directory, { slug, name: 'Closing School', by: 'test', at: new Date() });
    expect((await t.browser(slug).get(OFFICE_PATHS.setupStatus)).status).toBe(200);
    t.directory.db.prepare("UPDATE schools SET status = 'archived' WHERE slug = ?").run(slug);
    const after = await t.browser(slug).get(OFFICE_PATHS.setupStatus);
    expect(after.status).toBe(404);
    expect(after.json).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it("pairs and syncs a kiosk over HTTPS at the school's address, pinning the trust hub's certificate", async () => {
    const dataDir = tempDir('trust-tls-');
    const tls = await ensureHubTls(dataDir);
    const t = await startTrustTestHub({ https: { key: tls.key, cert: tls.cert, pins: tls.pins } });
    cleanups.push(() => t.close());
    expect(t.url).toMatch(/^https:/);
    const slug = uniqueSlug('secure');
    addSchool(t.directory, { slug, name: 'Secure School', by: 'test', at: new Date() });
    // The school's own records, opened beside the hub as a second hub process would.
    const hub = openHub({ dataDir: tempDir('trust-tls-school-'), database: { url, school: slug }, log: () => {} });
    cleanups.push(() => hub.close());
    const code = hub.db.transaction(() => createPairingCode(hub.db, 'Secure gate', 'test', hub.now()).code)();

    const kiosk = tempKiosk();
    cleanups.push(() => disposeKiosk(kiosk));
    await pairWithHub(kiosk.db, `${t.schoolUrl(slug)}/`, code, 'Secure gate');
    expect(JSON.parse(readSyncState(kiosk.db)!.hub_pins)).toEqual(tls.pins);
    kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Tamsin Secure' }), 'kiosk');
    const agent = startSyncAgent(kiosk, { log: () => {}, intervalMs: 60_000 });
    try {
      expect((await agent.syncNow()).failures).toBe(0);
    } finally {
      await agent.stop();
    }
    expect(hub.db.prepare('SELECT full_name FROM visits').pluck().all()).toEqual(['Tamsin Secure']);
  });
});
