// Issue #12: a fresh kiosk takes no visitors until staff set how its fire roll call opens. Its
// welcome screen says so instead of offering sign-in; signing out still works, and so does the
// roll call (with a name, as no PIN exists yet). Staff set the kiosk PIN on the set-up screen,
// and sign-in appears. A personal PIN set in the console then opens the roll call too, naming
// its holder, and the console's Kiosks page shows the kiosk's roll call as ready.
import { expect, test } from '@playwright/test';
import { openKiosk } from '../../core/kiosk.js';
import { E2E_PIN, fullPageShot, smallTargets } from './kiosk.js';
import { ADMIN, ensureAccounts, loginAs, openPage, STAFF } from './console.js';

const NOT_SET_UP = 'This kiosk is not set up yet — staff: set the roll-call PIN.';

test.beforeAll(() => {
  // Make the e2e kiosk fresh again (globalSetup set it up): no PIN of any kind.
  const kiosk = openKiosk({ dataDir: process.env.E2E_DATA_DIR!, log: () => {} });
  try {
    kiosk.db.prepare("DELETE FROM site_settings WHERE key LIKE 'staff_pin%'").run();
    kiosk.db.prepare('DELETE FROM staff_pins').run();
  } finally {
    kiosk.close();
  }
});

test('a fresh kiosk asks for set-up before visitors; sign-out and the roll call still work', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText(NOT_SET_UP)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in' })).toHaveCount(0);
  expect(await smallTargets(page)).toEqual([]);
  await fullPageShot(page, 'test-results/screenshots/portrait/05-not-set-up.png');

  // Signing out still works.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/Welcome/);
  await page.goto('/');

  // The roll call opens with no PIN (none exists yet), recorded with the name typed.
  await page.getByRole('button', { name: 'Set up this kiosk' }).click();
  const setUp = page.getByRole('dialog', { name: 'Set up this kiosk' });
  await setUp.getByRole('button', { name: 'Fire roll call' }).click();
  await expect(setUp.getByLabel(/Your name/)).toHaveAccessibleDescription(/Please type your name\./);
  await setUp.getByLabel(/Your name/).fill('Warden Wendy');
  await setUp.getByRole('button', { name: 'Fire roll call' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fire roll call' })).toBeVisible();
  await page.getByRole('button', { name: 'End the roll call' }).click();
  await page.getByRole('dialog', { name: 'End the roll call?' }).getByRole('button', { name: 'End it' }).click();
  await expect(page.getByText(NOT_SET_UP)).toBeVisible();

  // Staff set the kiosk PIN: typed twice, and the two must match.
  await page.getByRole('button', { name: 'Set up this kiosk' }).click();
  await setUp.getByLabel('New staff PIN').fill(E2E_PIN);
  await setUp.getByLabel('Type the PIN again').fill('000000');
  await setUp.getByRole('button', { name: 'Set the PIN' }).click();
  await expect(setUp.getByLabel('New staff PIN')).toHaveAccessibleDescription('The two PINs are not the same.');
  await setUp.getByLabel('Type the PIN again').fill(E2E_PIN);
  await setUp.getByRole('button', { name: 'Set the PIN' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText(NOT_SET_UP)).toHaveCount(0);
});

test('a personal PIN set in the console opens the roll call at the kiosk and names its holder', async ({ page }) => {
  test.setTimeout(90_000);
  await ensureAccounts(page);
  await loginAs(page, STAFF.office);
  await openPage(page, 'Kiosk PINs');
  await page.getByLabel('PIN', { exact: true }).fill('736154');
  await page.getByLabel('Type it again').fill('736154');
  await page.getByRole('button', { name: 'Set my kiosk PIN' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your kiosk PIN is set' })).toBeVisible();

  // The kiosk syncs every second: the PIN arrives, and the Kiosks page shows its roll call ready with it.
  await loginAs(page, ADMIN);
  await openPage(page, 'Kiosks');
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('table', { name: 'Paired kiosks' })).toContainText(/Ready\s*kiosk PIN and 1 personal PIN/, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.keyboard.press('Control+Alt+Shift+S');
  const dialog = page.getByRole('dialog', { name: 'Staff' });
  await dialog.getByLabel('Staff PIN').fill('736154');
  await dialog.getByRole('button', { name: 'Fire roll call' }).click(); // no name needed: the PIN says who
  await expect(page.getByRole('heading', { level: 1, name: 'Fire roll call' })).toBeVisible();
  await expect(page.getByText(new RegExp(`Started .* by ${STAFF.office.displayName}`))).toBeVisible();
  await page.getByRole('button', { name: 'End the roll call' }).click();
  await page.getByRole('dialog', { name: 'End the roll call?' }).getByRole('button', { name: 'End it' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});
