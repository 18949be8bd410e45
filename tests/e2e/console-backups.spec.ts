// Backups in the office console (administrators only), against the embedded hub of the browser
// kiosk: office staff have no Backups page; the administrator backs up now, sees the new file
// in the list with its check, changes how many are kept. axe finds no serious or critical
// violation at 1366×768 and 390×844; screenshots go to test-results/console/backups/.
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN, ensureAccounts, loginAs, OfficeApi, openPage, STAFF } from './console.js';
import { scrollsSideways, seriousViolations } from './kiosk.js';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/console/backups');
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

async function checkBoth(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const [label, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await seriousViolations(page), `${name} ${label}`).toEqual([]);
    expect(await scrollsSideways(page), `${name} ${label} scrolls sideways`).toBe(false);
    await page.screenshot({ path: path.join(SHOTS, `${label}-${name}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

test('backups: office staff do not see them; the administrator backs up now, sees the file and its check, and sets how many are kept', async ({ page }) => {
  await ensureAccounts(page);
  await page.setViewportSize(DESKTOP);

  await loginAs(page, STAFF.office);
  await expect(page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Backups' })).toHaveCount(0);

  await loginAs(page, ADMIN);
  await openPage(page, 'Backups');
  const admin = await OfficeApi.as(ADMIN);
  const before = (await admin.call('backups.get', {})).files.length;
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText(/Backup office-.*\.sqlite3 written and checked\./)).toBeVisible();
  await expect(page.getByText(/Checked: the copy is intact and its audit log verifies/)).toBeVisible();
  const view = await admin.call('backups.get', {});
  expect(view.files.length).toBe(Math.min(before + 1, view.keep));
  await expect(page.getByRole('table').getByText(view.files[0]!.name)).toBeVisible();
  await checkBoth(page, 'backups');

  await page.getByRole('textbox', { name: 'Backups kept' }).fill('0');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Enter a whole number from 1 to 365.').first()).toBeVisible();
  await page.getByRole('textbox', { name: 'Backups kept' }).fill('21');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved. The newest 21 backups are kept.')).toBeVisible();
  expect((await admin.call('backups.get', {})).keep).toBe(21);
  await admin.call('backups.save', { keep: 14 });
});
