// Screenshots of every kiosk screen in portrait (1080×1920) and landscape (1920×1080), with a
// 60-character name, for people to look at; plus the checks a picture makes obvious:
// touch targets ≥ 48 px and no text cut off.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { acknowledgePolicy, choosePhone, clippedText, fillAboutYou, fullPageShot, smallTargets } from './kiosk.js';

const LONG_NAME = 'Maximilian Alexander Fitzgerald-Montgomery Wojciechowski-Ngo'; // 60 characters
const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

const orientations = [
  { name: 'portrait', viewport: { width: 1080, height: 1920 } },
  { name: 'landscape', viewport: { width: 1920, height: 1080 } },
] as const;

for (const o of orientations) {
  test.describe(`every screen in ${o.name}`, () => {
    test.use({ viewport: o.viewport });

    test('is readable, has large targets and cuts nothing off', async ({ page }) => {
      expect(LONG_NAME).toHaveLength(60);
      const shot = async (name: string) => {
        expect(await smallTargets(page), `small targets on ${name}`).toEqual([]);
        expect(await clippedText(page), `clipped text on ${name}`).toEqual([]);
        // Full page, with the sticky footer put back in the flow so it is not drawn mid-page.
        await fullPageShot(page, path.join(SHOTS, o.name, `${name}.png`));
      };
      const unique = `${LONG_NAME.slice(0, 55)} ${o.name.slice(0, 4)}`;

      await page.goto('/');
      await shot('01-welcome');
      await page.getByRole('switch', { name: 'Large text' }).check();
      await page.getByRole('switch', { name: 'High contrast' }).check();
      await shot('01b-welcome-large-high-contrast');
      await page.getByRole('switch', { name: 'Large text' }).uncheck();
      await page.getByRole('switch', { name: 'High contrast' }).uncheck();

      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
      await shot('02a-about-you-errors');
      await page.getByRole('button', { name: 'Back' }).click();

      await fillAboutYou(page, {
        category: 'Visiting professional',
        name: unique,
        organisation: 'Kent and Medway Children’s Speech and Language Therapy Service',
        role: 'Speech and language therapist',
        host: 'SENCo (special educational needs)',
        purpose: 'Weekly therapy session with a pupil in Year 2',
      });
      await page.getByRole('button', { name: 'Back' }).click();
      await shot('02-about-you-professional');
      await page.getByRole('button', { name: 'Continue' }).click();
      await shot('03-policy');
      await acknowledgePolicy(page);
      await choosePhone(page, { name: unique });
      await shot('04-phone-locker');
      await page.getByRole('radio', { name: 'I have approval to use my device' }).check();
      await shot('04b-phone-device-approval');
      await page.getByRole('radio', { name: 'I will lock my phone away' }).check();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'You are signed in' })).toBeVisible();
      await shot('05-done');
      await page.getByRole('button', { name: 'Help' }).click();
      await shot('05b-help');
      await page.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('button', { name: 'Finish' }).click();

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('textbox', { name: 'Type your name' }).fill('Maximilian');
      await page.getByRole('button', { name: 'Find my visit' }).click();
      await shot('06-sign-out-find');
      await page.getByRole('button', { name: /^Maximilian/ }).first().click();
      await shot('07-sign-out-confirm');
      await page.getByRole('button', { name: 'Sign me out' }).click();
      await shot('08-sign-out-done');
      await page.getByRole('button', { name: 'Finish' }).click();

      await page.clock.install();
      await page.reload();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.clock.fastForward('01:15');
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await shot('09-idle-warning');
    });
  });
}
