// Issue 8: staff leave kiosk mode only with the staff PIN. In browser-kiosk mode the app cannot
// quit itself, so the exit answers with how to leave (close the browser window). The kiosk's
// PIN was set by globalSetup.ts (a fresh kiosk takes no visitors until it is: setup.spec.ts).
import { expect, test, type Page } from '@playwright/test';
import { E2E_PIN as PIN, smallTargets } from './kiosk.js';

const staffDialog = (page: Page) => page.getByRole('dialog', { name: 'Staff' });

test('holding the heading for 3 seconds opens the staff dialog; the PIN unlocks the exit', async ({ page }) => {
  await page.goto('/');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toBeVisible();
  await expect(page.getByText(/staff/i)).toHaveCount(0); // visitors see no hint of it

  // A short press does nothing.
  await heading.hover();
  await page.mouse.down();
  await page.waitForTimeout(1000);
  await page.mouse.up();
  await page.waitForTimeout(2500);
  await expect(staffDialog(page)).toHaveCount(0);

  // A 3-second hold opens it.
  await page.mouse.down();
  await expect(staffDialog(page)).toBeVisible({ timeout: 5000 });
  await page.mouse.up();

  const pin = staffDialog(page).getByLabel('Staff PIN');
  await expect(pin).toBeFocused();
  await expect(pin).toHaveAttribute('type', 'password');
  await expect(pin).toHaveAttribute('inputmode', 'numeric');
  expect(await smallTargets(page)).toEqual([]);

  // Wrong PIN: an error tied to the field.
  const exit = staffDialog(page).getByRole('button', { name: 'Exit the kiosk app' });
  await pin.fill('1111');
  await exit.click();
  await expect(pin).toHaveAttribute('aria-invalid', 'true');
  await expect(pin).toHaveAccessibleDescription(/That PIN is not right/);
  await page.screenshot({ path: 'test-results/screenshots/portrait/10-staff-wrong-pin.png' });

  // Right PIN → Exit → the browser-kiosk message.
  await pin.fill(PIN);
  await exit.click();
  await expect(staffDialog(page).getByRole('status')).toHaveText('This is the browser kiosk: close the browser window to leave it.');
  await staffDialog(page).getByRole('button', { name: 'Close' }).click();
  await expect(staffDialog(page)).toHaveCount(0);
});

test('Ctrl+Alt+Shift+S on Welcome opens the staff dialog; Cancel closes it', async ({ page }) => {
  await page.goto('/');
  // The Welcome screen (not the loading screen's heading) listens for the keys.
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.keyboard.press('Control+Alt+Shift+KeyS');
  await expect(staffDialog(page)).toBeVisible();
  await staffDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(staffDialog(page)).toHaveCount(0);
});
