// The done screen with a badge printer on the network (the virtual printer on a real TCP
// socket): the visitor sees their badge, hears that it printed, and the printer really got it.
// When the printer is off, the screen sends them to reception and the sign-in still stands.
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKioskHttp } from '../../core/http/server.js';
import { openKiosk, type Kiosk } from '../../core/kiosk.js';
import { qrPayloads, findRun } from '../../core/printing/virtual/document.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../core/printing/virtual/server.js';
import type { PrintWorker } from '../../core/printing/worker.js';
import { setStaffPin } from '../../core/staff/pin.js';
import { acknowledgePolicy, choosePhone, fillAboutYou, fullPageShot } from './kiosk.js';

const RENDERER = path.resolve(import.meta.dirname, '../../dist/renderer');
const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

let printer: VirtualPrinter;
let kiosk: Kiosk;
let worker: PrintWorker;
let host: Awaited<ReturnType<typeof startKioskHttp>>;

test.beforeEach(async () => {
  printer = await startVirtualPrinter({ port: 0, model: 'epson' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-badge-'));
  fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify({ printer: { type: 'epson', interface: printer.url, timeoutMs: 1000 } }));
  kiosk = openKiosk({ dataDir: dir, log: () => {} });
  setStaffPin(kiosk.db, '4826'); // set up (how its roll call opens), so it takes visitors
  worker = kiosk.startPrinting();
  host = await startKioskHttp({ core: kiosk.core, staticDir: RENDERER, port: 0 });
});

test.afterEach(async () => {
  await host.close();
  await worker.stop();
  kiosk.close();
  await printer.close();
});

for (const o of [
  { name: 'portrait', viewport: { width: 1080, height: 1920 } },
  { name: 'landscape', viewport: { width: 1920, height: 1080 } },
] as const) {
  test(`the done screen shows the badge and says it printed (${o.name})`, async ({ page }) => {
    await page.setViewportSize(o.viewport);
    await page.goto(host.url);
    await fillAboutYou(page, { name: 'Priya Raman', host: 'Headteacher' });
    await acknowledgePolicy(page);
    await choosePhone(page, { name: '', locker: 'Locker 12' });
    await page.getByRole('button', { name: 'Sign in' }).click();
    const preview = page.getByRole('img', { name: 'Your visitor badge' });
    await expect(preview).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Your badge has printed.' })).toBeVisible({ timeout: 10_000 });
    const code = (await page.locator('.code').textContent())!.trim();
    const [job] = await printer.waitForJobs(1);
    expect(qrPayloads(job!.document)).toEqual([code]);
    expect(findRun(job!.document, 'PHONE IN LOCKER 12')).toMatchObject({ bold: true, invert: true });
    await fullPageShot(page, path.join(SHOTS, o.name, '05c-done-with-badge.png'));
  });
}

test('with the printer off, the sign-in stands and the visitor is sent to reception for a badge', async ({ page }) => {
  await printer.setMode('refuse');
  await page.goto(host.url);
  await fillAboutYou(page, { name: 'Offline Printer' });
  await acknowledgePolicy(page);
  await choosePhone(page, { name: '', phone: 'I have handed it to reception' });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'You are signed in' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Please collect your visitor badge from reception.' })).toBeVisible({ timeout: 20_000 });
  expect(kiosk.core.run('visit.onSite', {}).visits.map((v) => v.fullName)).toEqual(['Offline Printer']);
});
