// The trust dashboard at trust size: N schools (default 50), each its own PostgreSQL schema
// with visits, concerns, requests and kiosks, behind the real /trust/api over HTTP. Reports how
// long GET /trust/api/dashboard takes (target: well under 200 ms at 50 schools) and, with
// --screenshot DIR, photographs the trust console (dashboard and trust staff) in Chromium.
//   npm run build && node dist/tests/bench/trustDashboard.js [--schools 50] [--screenshot DIR [--drill-in]] [--port N]
// (--drill-in also opens a school's console: it needs the school consoles under /s/<slug>/.)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { createTrustStaff, TRUST_COMMAND_LINE } from '../../core/office/trust/staff.js';
import { TRUST_PATHS, type TrustDashboard } from '../../shared/trust.js';
import type { Hub } from '../../core/office/hub.js';
import { ACTORS, eventSource, ingest, locker, registerKiosk } from '../support/officeDomain.js';
import { TEST_SCRYPT } from '../support/officeHub.js';
import { startTestPostgres, TEST_DATABASE_ENV } from '../support/postgres.js';
import { startTrustTestHub, uniqueSlug } from '../support/trustRolesHub.js';
import { fmtMs, nowMs, summarise } from './stats.js';

const NAMES = ['Riverside Primary', 'Hilltop Academy', 'Oakfield Juniors', 'St Anne\'s C of E', 'Meadowbank Infants', 'Northgate High', 'Brookside Primary', 'Elm Tree School'];
const ADMIN = { username: 'ian.trust', displayName: 'Ian Trustadmin', password: 'copper kettle on the hill' };

/** School i gets figures that differ from its neighbours' (so sorting shows something). */
function seed(hub: Hub, i: number, now: Date): void {
  const ago = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
  const k = eventSource(`k-${i}`);
  const events = [];
  const visits = 2 + (i * 7) % 11;
  for (let v = 0; v < visits; v++) {
    const a = k.arrive({ fullName: `Visitor ${i}-${v}`, at: ago(200 - v), ...(v % 3 === 0 ? { phone: locker(v + 1) } : {}) });
    events.push(...a.events);
    if (v % 4 === 1) events.push(...k.depart(a.visitId, ago(30), true));
  }
  ingest(hub, events, now.toISOString());
  const concern = { visitId: null, person: 'A visitor', location: 'Hall', what: 'Phone out near pupils', actionTaken: 'Asked to put it away' };
  for (let c = 0; c < (i * 5) % 4; c++) hub.core.run('breaches.log', concern, ACTORS.office);
  for (let r = 0; r < i % 3; r++) hub.core.run('exemptions.request', { fullName: `Therapist ${r}`, organisation: 'NHS', agencyRole: 'Therapist', purpose: 'Exercises', devices: 'Tablet', locationIds: [] }, ACTORS.office);
  registerKiosk(hub, `k-${i}`, 'Main entrance');
  hub.db.prepare('UPDATE kiosks SET last_pull_at = ? WHERE id = ?').run(ago(i % 5 === 2 ? 95 : 1), `k-${i}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { schools: { type: 'string', default: '50' }, screenshot: { type: 'string' }, port: { type: 'string' }, 'drill-in': { type: 'boolean', default: false } } });
  const count = Number(values.schools);
  const pg = await startTestPostgres();
  process.env[TEST_DATABASE_ENV] = pg.url;
  const now = new Date();
  const schools = Array.from({ length: count }, (_, i) => ({ slug: uniqueSlug(`school${i}`), name: i < NAMES.length ? NAMES[i]! : `School ${i + 1}` }));
  const started = Date.now();
  const consoleDir = path.resolve('dist', 'console');
  const t = await startTrustTestHub(schools, { ...(fs.existsSync(consoleDir) ? { consoleDir } : {}), ...(values.port ? { port: Number(values.port) } : {}) });
  schools.forEach((s, i) => seed(t.hubs.get(s.slug)!, i, now));
  console.log(`${count} schools opened and seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await createTrustStaff(t.directory.db, { ...ADMIN, role: 'trust_admin' }, { label: TRUST_COMMAND_LINE, commandLine: true }, now, TEST_SCRYPT);
  await createTrustStaff(t.directory.db, { username: 'tina.trust', displayName: 'Tina Trustlead', role: 'trust_dsl', password: 'lighthouse over the moor' }, { label: TRUST_COMMAND_LINE, commandLine: true }, now, TEST_SCRYPT);
  try {
    const b = t.browser();
    await b.post(TRUST_PATHS.login, { username: ADMIN.username, password: ADMIN.password });
    const samples: number[] = [];
    let last: TrustDashboard | null = null;
    for (let i = 0; i < 205; i++) {
      const t0 = nowMs();
      last = ((await b.get(TRUST_PATHS.dashboard)).json as { value: TrustDashboard }).value;
      samples.push(nowMs() - t0);
    }
    const s = summarise(samples.slice(5));
    console.log(`GET /trust/api/dashboard, ${last!.schools.length} schools: p50 ${fmtMs(s.p50)}, p99 ${fmtMs(s.p99)}, max ${fmtMs(s.max)}`);
    if (values.screenshot) await photograph(t.url, values.screenshot, values['drill-in']);
  } finally {
    await t.close();
    await pg.stop();
  }
}

async function photograph(base: string, dir: string, drillIn: boolean): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${base}/trust/`);
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Schools' }).waitFor();
    await page.locator('table').waitFor();
    await page.screenshot({ path: path.join(dir, 'trust-dashboard.png'), fullPage: false });
    await page.getByRole('link', { name: 'Trust staff' }).click();
    await page.getByRole('heading', { name: 'Trust staff' }).waitFor();
    await page.locator('table').waitFor();
    await page.screenshot({ path: path.join(dir, 'trust-staff.png'), fullPage: true });
    if (!drillIn) return console.log(`Screenshots in ${dir}`);
    // Into one school's console, as the trust administrator (needs the /s/<slug>/ console routes).
    await page.getByRole('link', { name: 'Schools' }).click();
    await page.locator('table').waitFor();
    await page.getByRole('button', { name: /^Open / }).first().click();
    await page.waitForURL(/\/s\/[^/]+\//);
    await page.locator('.trust-visitor').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(dir, 'trust-drill-in.png'), fullPage: false });
    console.log(`Screenshots in ${dir}`);
  } finally {
    await browser.close();
  }
}

await main();
