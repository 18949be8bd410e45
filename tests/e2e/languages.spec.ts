// Every kiosk language: chosen on Welcome by its own name, the whole flow in that language,
// the policy in that language (same version), <html lang/dir> set, Arabic and Urdu mirrored.
// Screenshots of the policy screen in every language, portrait and landscape, for people to
// look at: test-results/screenshots/languages/<orientation>/policy-<lang>.png
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { LANGUAGES, type Language } from '../../shared/domain.js';
import { chooseLanguage, clippedText, fillAboutYouIn, fullPageShot, kioskCall, LANGUAGE_NAMES, smallTargets, STRINGS } from './kiosk.js';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots/languages');
const RTL: Language[] = ['ar', 'ur'];

test.describe('the language choice on Welcome', () => {
  test('offers every language in its own name and script, with its language tag', async ({ page }) => {
    await page.goto('/');
    const group = page.getByRole('group', { name: 'Language' });
    for (const lng of LANGUAGES) {
      const b = group.getByRole('button', { name: LANGUAGE_NAMES[lng], exact: true });
      await expect(b).toHaveAttribute('lang', lng);
      await expect(b).toHaveAttribute('aria-pressed', lng === 'en' ? 'true' : 'false');
    }
    await expect(group.getByRole('button')).toHaveText(['English', 'Polski', 'Română', 'Українська', 'Português', 'ਪੰਜਾਬੀ', 'اردو', 'বাংলা', 'العربية']);
  });

  test('sets <html lang> and dir, and goes back to English for the next visitor', async ({ page }) => {
    await page.goto('/');
    for (const lng of LANGUAGES) {
      await chooseLanguage(page, lng);
      await expect(page.locator('html')).toHaveAttribute('dir', RTL.includes(lng) ? 'rtl' : 'ltr');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(STRINGS[lng].welcome.heading.replace('{{site}}', 'School Reception'));
    }
    const s = STRINGS.ar;
    await page.getByRole('button', { name: s.welcome.signIn, exact: true }).click();
    await page.getByRole('button', { name: s.app.back, exact: true }).click(); // Back from step 1 starts again
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  });
});

for (const o of [
  { name: 'portrait', viewport: { width: 1080, height: 1920 } },
  { name: 'landscape', viewport: { width: 1920, height: 1080 } },
] as const) {
  test.describe(`the policy screen in every language, ${o.name}`, () => {
    test.use({ viewport: o.viewport });

    for (const lng of LANGUAGES) {
      test(`${lng} (${LANGUAGE_NAMES[lng]}): translated, the same version, nothing cut off`, async ({ page }) => {
        await page.goto('/');
        const s = await chooseLanguage(page, lng);
        await fillAboutYouIn(page, s, `Policy Reader ${lng}`);
        const policy = page.getByRole('article');
        await expect(policy).toHaveAttribute('lang', lng);
        await expect(page.getByRole('checkbox', { name: s.policy.agree, exact: true })).not.toBeChecked();
        await expect(page.getByText(s.policy.notTranslated)).toHaveCount(0);
        // The approved places stay in the site's own words; the token never shows.
        await expect(policy).toContainText('the school office; the staff room; outside the main gate');
        await expect(policy).not.toContainText('{locations}');
        // Whatever version the office has published by now (console specs publish some): the
        // kiosk's own, the same in every language.
        const { policy: current } = await kioskCall<{ policy: { version: number } }>('kiosk.bootstrap', { language: lng });
        await expect(page.getByText(s.policy.version.replace('{{version}}', String(current.version)), { exact: true })).toBeVisible();

        // Read aloud: a button where the kiosk has a voice for the language, else a sentence saying so.
        await expect(page.getByRole('button', { name: s.policy.readAloud }).or(page.getByText(s.policy.noVoice))).toBeVisible();

        expect(await smallTargets(page), 'small targets').toEqual([]);
        expect(await clippedText(page), 'clipped text').toEqual([]);
        await fullPageShot(page, path.join(SHOTS, o.name, `policy-${lng}.png`));
      });
    }
  });
}

test.describe('right to left', () => {
  for (const lng of RTL) {
    test(`in ${lng} the layout mirrors: Back on the right, Continue on the left, text from the right`, async ({ page }) => {
      await page.goto('/');
      const s = await chooseLanguage(page, lng);
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await page.getByRole('button', { name: s.welcome.signIn, exact: true }).click();

      const width = page.viewportSize()!.width;
      const box = async (name: string) => (await page.getByRole('button', { name, exact: true }).boundingBox())!;
      const back = await box(s.app.back);
      const next = await box(s.app.continue);
      const help = await box(s.app.help);
      expect(back.x, 'Back is right of Continue').toBeGreaterThan(next.x);
      expect(back.x + back.width).toBeGreaterThan(width * 0.75);
      expect(next.x).toBeLessThan(width * 0.25);
      expect(help.x, 'Help is on the left of the header').toBeLessThan(width * 0.25);

      // The heading starts at the right; a radio sits to the right of its label.
      const h1 = (await page.getByRole('heading', { level: 1 }).boundingBox())!;
      expect(h1.x + h1.width).toBeGreaterThan(width * 0.75);
      const radio = (await page.getByRole('radio', { name: s.who.categories.parent_carer, exact: true }).boundingBox())!;
      const label = (await page.getByText(s.who.categories.parent_carer, { exact: true }).boundingBox())!;
      expect(radio.x).toBeGreaterThan(label.x);

      // A visitor's Latin-script name keeps its own direction in the field.
      const name = page.getByRole('textbox', { name: s.who.fullName, exact: true });
      await expect(name).toHaveAttribute('dir', 'auto');
      await name.fill('Jane Smith');
      expect(await name.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    });
  }

  test('in English an Arabic name keeps its own direction wherever it shows', async ({ page }) => {
    await page.goto('/');
    const s = STRINGS.en;
    await fillAboutYouIn(page, s, 'مريم أحمد');
    const name = page.getByRole('textbox', { name: s.who.fullName });
    await page.getByRole('button', { name: s.app.back, exact: true }).click();
    expect(await name.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await page.getByRole('button', { name: s.app.continue }).click();
    await page.getByRole('checkbox', { name: s.policy.agree }).check();
    await page.getByRole('button', { name: s.app.continue }).click();
    await page.getByRole('radio', { name: s.phone.none }).check();
    await page.getByRole('button', { name: s.phone.signIn }).click();
    await expect(page.getByText('Thank you, مريم أحمد.')).toBeVisible();
    await page.getByRole('button', { name: s.done.finish }).click();

    await page.getByRole('button', { name: s.welcome.signOut }).click();
    await page.getByRole('textbox', { name: s.signOut.byName }).fill('مريم');
    await page.getByRole('button', { name: s.signOut.find }).click();
    const match = page.getByRole('button', { name: /^مريم أ\., signed in at \d\d:\d\d$/ });
    await expect(match).toBeVisible();
    // The name is isolated (<bdi dir=auto>): the sentence around it stays left to right.
    const bdi = match.locator('bdi');
    await expect(bdi).toHaveAttribute('dir', 'auto');
    expect(await bdi.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await match.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    await match.click();
    await page.getByRole('button', { name: s.signOut.signMeOut }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Goodbye, مريم أ.' })).toBeVisible();
  });
});

test('a whole visit in Ukrainian: sign in, the answers in Ukrainian, sign out with the code', async ({ page }) => {
  await page.goto('/');
  const s = await chooseLanguage(page, 'uk');
  await fillAboutYouIn(page, s, 'Олена Коваленко');
  await page.getByRole('checkbox', { name: s.policy.agree, exact: true }).check();
  await page.getByRole('button', { name: s.app.continue, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.phone.heading })).toBeVisible();
  await page.getByRole('radio', { name: s.phone.reception, exact: true }).check();
  await page.getByRole('button', { name: s.phone.signIn, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.done.heading })).toBeVisible();
  await expect(page.getByText(s.custody.reception, { exact: true })).toBeVisible();
  const code = (await page.locator('.code').textContent()) ?? '';
  await page.getByRole('button', { name: s.done.finish, exact: true }).click();

  // Back to English for the next visitor; this visitor chooses Ukrainian again to sign out.
  await chooseLanguage(page, 'uk');
  await page.getByRole('button', { name: s.welcome.signOut, exact: true }).click();
  await page.getByRole('textbox', { name: s.signOut.byCode, exact: true }).fill(code);
  await page.getByRole('button', { name: s.signOut.findCode, exact: true }).click();
  await expect(page.getByText(s.signOut.collectReception)).toBeVisible();
  await page.getByRole('checkbox', { name: s.signOut.collectedReception }).check();
  await page.getByRole('button', { name: s.signOut.signMeOut, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.signOut.goodbye.replace('{{name}}', 'Олена К.') })).toBeVisible();

  // Signing out twice: the service's message comes in Ukrainian, not English.
  await page.getByRole('button', { name: s.done.finish, exact: true }).click();
  await chooseLanguage(page, 'uk');
  await page.getByRole('button', { name: s.welcome.signOut, exact: true }).click();
  await page.getByRole('textbox', { name: s.signOut.byCode, exact: true }).fill(code);
  await page.getByRole('button', { name: s.signOut.findCode, exact: true }).click();
  await expect(page.getByText(s.serverErrors.ALREADY_SIGNED_OUT)).toBeVisible();
});
