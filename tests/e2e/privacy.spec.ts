// The privacy notice at the point of collection: on "About you" the short notice is in a
// labelled box in readable text, and "Read more" opens the whole notice full screen, which
// closes with Back or Escape and by touch, focus returning where it was. In English and in
// Arabic (right to left), with axe-core finding nothing serious or critical; screenshots at
// 1080×1920 for people to look at.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { DEFAULT_PRIVACY } from '../../core/privacy/defaults.js';
import type { Language } from '../../shared/domain.js';
import { chooseLanguage, clippedText, fullPageShot, isFocused, seriousViolations, setDisplay, smallTargets, STRINGS, type Strings } from './kiosk.js';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots/privacy');

test.use({ viewport: { width: 1080, height: 1920 }, hasTouch: true });

async function openAboutYou(page: Page, lng: Language, display: { largeText?: boolean; highContrast?: boolean } = {}): Promise<Strings> {
  await page.goto('/');
  const s = lng === 'en' ? STRINGS.en : await chooseLanguage(page, lng);
  await setDisplay(page, s, display);
  await page.getByRole('button', { name: s.welcome.signIn, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.who.heading, exact: true })).toBeVisible();
  return s;
}

const noticeBox = (page: Page, s: Strings) => page.getByRole('region', { name: s.privacy.heading, exact: true }).first();
const readMore = (page: Page, s: Strings) => page.getByRole('button', { name: s.privacy.readMore, exact: true });

for (const lng of ['en', 'ar'] as const) {
  test.describe(`in ${lng === 'en' ? 'English' : 'Arabic'}`, () => {
    test('About you shows the short notice in a labelled box, in readable text, before the questions', async ({ page }) => {
      const s = await openAboutYou(page, lng);
      const box = noticeBox(page, s);
      await expect(box).toBeVisible();
      await expect(box.getByRole('heading', { level: 2, name: s.privacy.heading })).toBeVisible();
      const short = box.getByText(DEFAULT_PRIVACY[lng].short, { exact: true });
      await expect(short).toBeVisible();
      await expect(short).toHaveAttribute('lang', lng);
      await expect(short).toHaveAttribute('dir', lng === 'ar' ? 'rtl' : 'ltr');
      // Not small print: the notice is at least the size of the form's own text.
      const size = await short.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(20);
      // Before the first question, so it is read before anything is typed.
      const boxTop = (await box.boundingBox())!.y;
      const firstQuestion = (await page.getByRole('group', { name: s.who.category }).boundingBox())!.y;
      expect(boxTop).toBeLessThan(firstQuestion);
      expect(await smallTargets(page)).toEqual([]);
      expect(await clippedText(page)).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await fullPageShot(page, path.join(SHOTS, `${lng}-01-about-you.png`));
    });

    test('Read more opens the whole notice full screen and Back closes it (touch)', async ({ page }) => {
      const s = await openAboutYou(page, lng);
      await readMore(page, s).tap();
      const dialog = page.getByRole('dialog', { name: s.privacy.heading });
      await expect(dialog).toBeVisible();
      for (const section of DEFAULT_PRIVACY[lng].sections) await expect(dialog.getByRole('heading', { level: 3, name: section.heading, exact: true })).toBeVisible();
      const text = dialog.getByRole('region', { name: s.privacy.heading });
      await expect(text).toHaveAttribute('lang', lng);
      await expect(text).toHaveAttribute('dir', lng === 'ar' ? 'rtl' : 'ltr');
      // Full screen: it covers the viewport, and the screen behind cannot be used.
      const box = (await dialog.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(1900);
      await expect(page.locator('main.screen')).toHaveAttribute('inert', ''); // nothing behind it can be pressed or read
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `${lng}-02-read-more.png`) });

      await dialog.getByRole('button', { name: s.app.back, exact: true }).tap();
      await expect(dialog).toHaveCount(0);
      await expect(page.getByRole('heading', { level: 1, name: s.who.heading, exact: true })).toBeVisible();
      await expect(readMore(page, s)).toBeFocused();
    });

    test('Read more works by keyboard: Enter opens, the text scrolls with the keys, Escape and Back close', async ({ page }) => {
      const s = await openAboutYou(page, lng);
      await readMore(page, s).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: s.privacy.heading });
      await expect(dialog).toBeVisible();
      const back = dialog.getByRole('button', { name: s.app.back, exact: true });
      await expect(back).toBeFocused();
      // The text is one stop in the tab order, so arrow keys and Page Down scroll it.
      const text = dialog.getByRole('region', { name: s.privacy.heading });
      await page.keyboard.press('Tab');
      expect(await isFocused(text)).toBe(true);
      await page.keyboard.press('Shift+Tab');
      await expect(back).toBeFocused(); // focus stays inside the dialog
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(readMore(page, s)).toBeFocused();

      await page.keyboard.press('Space');
      await expect(dialog).toBeVisible();
      await page.keyboard.press('Enter'); // Back has focus
      await expect(dialog).toHaveCount(0);
      await expect(readMore(page, s)).toBeFocused();
    });

    test('large text and high contrast: the notice and the full view stay readable', async ({ page }) => {
      const s = await openAboutYou(page, lng, { largeText: true, highContrast: true });
      await expect(noticeBox(page, s)).toBeVisible();
      expect(await clippedText(page)).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await fullPageShot(page, path.join(SHOTS, `${lng}-03-about-you-large-high-contrast.png`));
      await readMore(page, s).click();
      const dialog = page.getByRole('dialog', { name: s.privacy.heading });
      await expect(dialog).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `${lng}-04-read-more-large-high-contrast.png`) });
      await dialog.getByRole('button', { name: s.app.back, exact: true }).click();
      await expect(dialog).toHaveCount(0);
    });
  });
}

test('in another language (Polish) the notice is in that language, with no "shown in English" note', async ({ page }) => {
  const s = await openAboutYou(page, 'pl');
  await expect(page.getByText(STRINGS.pl.privacy.notTranslated)).toHaveCount(0);
  await expect(noticeBox(page, s).getByText(DEFAULT_PRIVACY.pl.short, { exact: true })).toHaveAttribute('lang', 'pl');
});
