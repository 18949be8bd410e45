// Reception's desk in the console, with the browser kiosk and its embedded office (one-PC
// reception, no badge printer set up): the done screen shows the kiosk's badge letter, the
// console shows the kiosk's printer as the kiosk reported it, and a reprint asked for in the
// console reaches the kiosk and comes back with the kiosk's answer.
import { expect, test } from '@playwright/test';
import { ensureAccounts, loginAs, openPage, STAFF } from './console.js';
import { signIn } from './kiosk.js';

test('a reprint from the console reaches the kiosk, which answers; the badge carries the kiosk letter', async ({ page }) => {
  test.setTimeout(90_000);
  await ensureAccounts(page);
  // On a fresh office the first set-up publishes the office's policy: let the kiosk's sync
  // (every second here) bring it before the visitor reads it.
  await page.waitForTimeout(3000);
  const name = `Rhea Reprint ${Date.now() % 100000}`;
  await signIn(page, { name, phone: 'I have handed it to reception' });
  // The kiosk's letter from the office, then the day's number.
  await expect(page.locator('dt', { hasText: 'Badge number' }).locator('xpath=following-sibling::dd[1]')).toHaveText(/^[A-HJ-NP-Z]+[0-9]+$/);

  await loginAs(page, STAFF.office);
  await openPage(page, 'Reception desk');
  const printers = page.getByRole('table', { name: 'Badge printers' });
  await expect(printers.getByText('No printer set up')).toBeVisible({ timeout: 15_000 });

  const reprint = page.getByRole('button', { name: `Reprint the badge of ${name}` });
  await expect(reprint).toBeVisible({ timeout: 20_000 }); // once the visit has synced
  await reprint.click();
  await expect(page.getByRole('status').filter({ hasText: `Reprint for ${name}: sent to the kiosk` })).toBeVisible();
  const requests = page.getByRole('table', { name: 'Recent requests' });
  await expect(requests.getByRole('row').nth(1)).toContainText('not printed: No badge printer is set up on this kiosk.', { timeout: 20_000 });
});
