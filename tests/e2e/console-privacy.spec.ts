// The privacy notice edited in the console (per language) and published as a new version:
// the kiosk's "About you" screen shows it after the next sync. The notice is put back as it
// was at the end, so the kiosk specs see the default wording.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { ADMIN, ensureAccounts, loginAs, OfficeApi, openPage, STAFF } from './console.js';
import { seriousViolations } from './kiosk.js';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/console/privacy');

test('an administrator edits the privacy notice, publishes it, and the kiosk shows it', async ({ page, context }) => {
  test.setTimeout(90_000);
  await ensureAccounts(page);
  const admin = await OfficeApi.as(ADMIN);
  const before = await admin.call('privacy.get', {});
  try {
    await loginAs(page, STAFF.office);
    await expect(page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Privacy notice' })).toHaveCount(0);

    await loginAs(page, ADMIN);
    await openPage(page, 'Privacy notice');
    const short = page.getByRole('textbox', { name: /Short notice/ });
    await expect(short).not.toHaveValue('');
    const wording = `We record your visit to keep pupils safe (edited ${Date.now() % 100000}).`;
    await short.fill(wording);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'privacy-editor.png'), fullPage: true });
    await page.getByRole('button', { name: 'Publish new version' }).click();
    await expect(page.getByText('Published. Kiosks show the new notice after their next sync.')).toBeVisible();
    await expect(page.getByText(`Now showing version ${before.version + 1}`, { exact: false })).toBeVisible();

    const kiosk = await context.newPage();
    await expect
      .poll(
        async () => {
          await kiosk.goto('/');
          await kiosk.getByRole('button', { name: 'Sign in' }).click();
          return (await kiosk.getByRole('main').textContent()) ?? '';
        },
        { timeout: 30_000, intervals: [1000] },
      )
      .toContain(wording);
  } finally {
    await admin.call('privacy.publish', { texts: before.texts as Parameters<typeof admin.call<'privacy.publish'>>[1]['texts'] });
  }
});
