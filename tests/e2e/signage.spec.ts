// Signage and the help screen (issue #15), in the browser: the console's Signage page makes a
// poster of the live policy (preview and PDF) and records it in the register, which flags it
// when the places on it change; the kiosk's help screen shows the DSLs and the never-here
// places and takes a visitor's "report a concern", in English and Arabic, which reaches the
// DSL's queue. axe-clean throughout. Screenshots: test-results/signage (and $SIGNAGE_SHOTS).
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { ADMIN, ensureAccounts, loginAs, OfficeApi, openPage, STAFF } from './console.js';
import { chooseLanguage, fillAboutYouIn, scrollsSideways, seriousViolations, setDisplay, STRINGS } from './kiosk.js';

const SHOTS = process.env.SIGNAGE_SHOTS ?? path.resolve(import.meta.dirname, '../../test-results/signage');
const DSLS = [
  { id: 'e2e-emma', name: 'Emma Law', role: 'dsl' as const, contact: 'Headteacher, ext 201', active: true },
  { id: 'e2e-lisa', name: 'Lisa Bowden', role: 'deputy' as const, contact: 'ext 214, room 4', active: true },
];

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await ensureAccounts(page);
  await page.close();
  const dsl = await OfficeApi.as(STAFF.dsl);
  await dsl.call('dsls.save', { dsls: DSLS });
});

test('the Signage page makes a poster with a preview, records it, and flags it when its places change', async ({ page }) => {
  test.setTimeout(90_000);
  const admin = await OfficeApi.as(ADMIN);
  const before = (await admin.call('signage.get', {})).neverPlaces;
  try {
    await loginAs(page, ADMIN);
    await openPage(page, 'Signage and DSLs', 'Signage and safeguarding contacts');
    await page.getByRole('button', { name: 'Make poster' }).click();
    const preview = page.getByRole('img', { name: /Preview of the A4 poster, policy version \d+/ });
    await expect(preview).toBeVisible({ timeout: 20_000 });
    expect(await preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(200);
    await expect(page.getByRole('link', { name: 'Download the poster (PDF)' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'console-signage.png'), fullPage: true });

    const place = `Main entrance ${Date.now() % 100000}`;
    await page.getByRole('textbox', { name: /Where it hangs/ }).fill(place);
    await page.getByRole('button', { name: 'Record poster' }).click();
    const row = page.getByRole('row').filter({ hasText: place });
    await expect(row).toContainText('Up to date');

    // The places on it change: the register says so.
    await admin.call('neverPlaces.save', { neverPlaces: [...before, { id: 'e2e-nursery', name: 'Nursery', active: true }] });
    await page.reload();
    await expect(page.getByRole('row').filter({ hasText: place })).toContainText('Out of date: places or contacts changed');
    await expect(page.getByText(/an older policy or older places or contacts/)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'console-signage-out-of-date.png'), fullPage: true });
    await page.getByRole('button', { name: `Take down the poster at ${place}` }).click();
    await expect(page.getByRole('row').filter({ hasText: place })).toHaveCount(0);
  } finally {
    await admin.call('neverPlaces.save', { neverPlaces: before.map((p) => ({ id: p.id, name: p.name, active: p.active })) });
  }
});

async function openHelp(page: Page, lng: 'en' | 'ar') {
  await page.goto('/');
  const s = lng === 'en' ? STRINGS.en : await chooseLanguage(page, lng);
  await page.screenshot({ path: path.join(SHOTS, `kiosk-welcome-${lng}.png`), fullPage: true });
  await page.getByRole('button', { name: s.safeguarding.button, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.safeguarding.heading, exact: true })).toBeVisible();
  return s;
}

for (const lng of ['en', 'ar'] as const) {
  test(`the kiosk's help screen in ${lng}: the DSLs, the never-here places, and a report that reaches the DSL`, async ({ page }) => {
    test.setTimeout(90_000);
    // The kiosk syncs every second: wait for the directory saved above.
    await expect
      .poll(async () => (await openHelp(page, lng), (await page.getByRole('main').textContent()) ?? ''), { timeout: 30_000, intervals: [1000] })
      .toContain('Lisa Bowden');
    const s = STRINGS[lng];
    const main = page.getByRole('main');
    await expect(main).toContainText('Emma Law');
    await expect(main).toContainText(s.safeguarding.roleDsl);
    await expect(main).toContainText(s.safeguarding.roleDeputy);
    await expect(page.getByRole('heading', { name: s.safeguarding.neverHeading })).toBeVisible();
    await expect(main).toContainText('Toilets');
    if (lng === 'ar') await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, `kiosk-help-${lng}.png`), fullPage: true });

    await page.getByRole('button', { name: s.safeguarding.report, exact: true }).click();
    // Sending nothing is refused with a message, not sent.
    await page.getByRole('button', { name: s.safeguarding.send, exact: true }).click();
    await expect(page.getByRole('textbox', { name: s.safeguarding.reportText })).toHaveAttribute('aria-invalid', 'true');
    const words = lng === 'en' ? `Someone was filming near the pool (${Date.now() % 100000})` : `رأيت شخصًا يصوّر قرب المسبح (${Date.now() % 100000})`;
    await page.getByRole('textbox', { name: s.safeguarding.reportText }).fill(words);
    await page.getByRole('textbox', { name: s.safeguarding.reportName }).fill(lng === 'en' ? 'Sam Parent' : 'سامي');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, `kiosk-report-${lng}.png`), fullPage: true });
    await page.getByRole('button', { name: s.safeguarding.send, exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: s.safeguarding.sent })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    const dsl = await OfficeApi.as(STAFF.dsl);
    await expect
      .poll(async () => (await dsl.call('breaches.list', { status: 'open' })).breaches.find((b) => b.what === words)?.loggedBy ?? null, { timeout: 30_000, intervals: [1000] })
      .toBe('kiosk visitor report');
  });
}

test('the help screen in large text and high contrast: axe-clean, nothing scrolls sideways', async ({ page }) => {
  await page.goto('/');
  const s = STRINGS.en;
  await setDisplay(page, s, { largeText: true, highContrast: true });
  await page.getByRole('button', { name: s.safeguarding.button, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.safeguarding.heading, exact: true })).toBeVisible();
  await page.getByRole('button', { name: s.safeguarding.report, exact: true }).click();
  await expect(page.getByRole('textbox', { name: s.safeguarding.reportText })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);
  // The screen's body scrolls at this size: Send is there, below the name.
  const send = page.getByRole('button', { name: s.safeguarding.send, exact: true });
  await send.scrollIntoViewIfNeeded();
  await expect(send).toBeInViewport();
  await page.screenshot({ path: path.join(SHOTS, 'kiosk-report-en-large-contrast.png'), fullPage: true });
});

test('the policy screen lists the places where devices are never used', async ({ page }) => {
  await page.goto('/');
  const s = await chooseLanguage(page, 'uk');
  await fillAboutYouIn(page, s, 'Olena Policy');
  const never = page.getByRole('region', { name: s.safeguarding.neverHeading });
  await expect(never).toContainText('Changing rooms');
  await expect(never).toContainText('Swimming pool areas');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, 'kiosk-policy-uk.png'), fullPage: true });
});
