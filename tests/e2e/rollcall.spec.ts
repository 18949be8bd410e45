// Issue 6: the fire roll call at the kiosk. Staff open it from the hidden staff dialog with the
// PIN and their name; it lists the visitors on site from the kiosk's own records, marks people
// safe or missing with large buttons, and makes a PDF. It needs no office (this kiosk has none).
import { expect, test, type Page } from '@playwright/test';
import { E2E_PIN as PIN, fullPageShot, seriousViolations, signIn, smallTargets } from './kiosk.js';

async function openRollCall(page: Page, by: string): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible(); // Welcome, not the loading screen
  await page.keyboard.press('Control+Alt+Shift+S');
  const dialog = page.getByRole('dialog', { name: 'Staff' });
  await dialog.getByLabel('Staff PIN').fill(PIN);
  // With the kiosk's own PIN (not a personal one) the name is required: it is recorded with every mark.
  await dialog.getByRole('button', { name: 'Fire roll call' }).click();
  await expect(dialog.getByLabel(/Your name/)).toHaveAccessibleDescription(/Please type your name\./);
  await dialog.getByLabel(/Your name/).fill(by);
  await dialog.getByRole('button', { name: 'Fire roll call' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fire roll call' })).toBeVisible();
}

test('staff open the roll call with the PIN, mark people safe or missing, and get a PDF', async ({ page }) => {
  await signIn(page, { name: 'Rollcall Ann Example', phone: 'I have handed it to reception' });
  await signIn(page, { name: 'Rollcall Bartholomew Featherstonehaugh-Cholmondeley of Little Snoring', category: 'Contractor', organisation: 'Acme Roofing' });

  await openRollCall(page, 'Fire Warden Flo');
  const ann = page.getByRole('listitem').filter({ hasText: 'Rollcall Ann Example' });
  await expect(ann).toContainText('Not yet checked');
  await expect(ann).toContainText(/reception/i);
  await ann.getByRole('button', { name: 'Safe' }).click();
  await expect(ann.getByRole('button', { name: 'Safe' })).toHaveAttribute('aria-pressed', 'true');
  await expect(ann).toContainText(/Safe — marked by Fire Warden Flo at \d\d:\d\d/);
  const bart = page.getByRole('listitem').filter({ hasText: 'Featherstonehaugh' });
  await bart.getByRole('button', { name: 'Missing' }).click();
  await expect(bart).toContainText('MISSING');
  await expect(page.getByRole('status').filter({ hasText: 'on site' })).toContainText(/1 safe · 1 missing/);

  expect(await smallTargets(page)).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);
  await fullPageShot(page, 'test-results/screenshots/portrait/20-roll-call.png');
  await page.setViewportSize({ width: 390, height: 844 });
  await fullPageShot(page, 'test-results/screenshots/phone/20-roll-call.png');
  await page.setViewportSize({ width: 1080, height: 1920 });

  // No printer on this kiosk: a clear message, not silence.
  await page.getByRole('button', { name: 'Print on badge printer' }).click();
  await expect(page.getByRole('alert')).toContainText(/No badge printer is set up/);

  await page.getByRole('button', { name: 'Make PDF' }).click();
  const save = page.getByRole('link', { name: 'Save PDF' });
  await expect(save).toHaveAttribute('href', /^data:application\/pdf;base64,JVBERi/); // "%PDF-"
  await expect(page.getByText(/kept on this kiosk as roll-calls\/roll-call-/)).toBeVisible();

  // Leaving keeps the roll call; opening it again (another member of staff) joins it with the marks.
  await page.getByRole('button', { name: /Back to the kiosk/ }).click();
  await openRollCall(page, 'Second Warden');
  await expect(page.getByRole('listitem').filter({ hasText: 'Rollcall Ann Example' })).toContainText('Safe — marked by Fire Warden Flo');

  await page.getByRole('button', { name: 'End the roll call' }).click();
  const confirm = page.getByRole('dialog', { name: 'End the roll call?' });
  await expect(confirm).toContainText(/not marked safe/);
  await confirm.getByRole('button', { name: 'End it' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});
