// Accessibility of every kiosk screen, by axe-core (WCAG 2.0–2.2 A/AA and best practice) in
// English and Arabic, in normal, large-text and high-contrast modes: no serious or critical
// violation anywhere. And large text at 200% zoom: everything reflows, nothing is cut off, the
// page never scrolls sideways.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import type { Language } from '../../shared/domain.js';
import {
  chooseLanguage,
  clippedText,
  fullPageShot,
  scrollsSideways,
  seriousViolations,
  setDisplay,
  smallTargets,
  STRINGS,
  type Display,
  type Strings,
} from './kiosk.js';

const MODES: { name: string; display: Display }[] = [
  { name: 'normal', display: {} },
  { name: 'large text', display: { largeText: true } },
  { name: 'high contrast', display: { highContrast: true } },
];

let visitorNo = 0;

/** Choose the language and display modes on Welcome (they reset after each visit). */
async function start(page: Page, lng: Language, display: Display): Promise<Strings> {
  const s = lng === 'en' ? STRINGS.en : await chooseLanguage(page, lng);
  await setDisplay(page, s, display);
  return s;
}

/**
 * Every kiosk screen, in order, calling `check` on each: welcome, help dialog, about you (empty
 * and with errors), the idle warning, policy (and its error), phone (with lockers), done,
 * sign-out find (with a result), sign-out confirm, sign-out done.
 */
async function everyScreen(page: Page, lng: Language, display: Display, check: (screen: string) => Promise<void>): Promise<void> {
  await page.clock.install();
  await page.goto('/');
  let s = await start(page, lng, display);
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const h1 = (name: string) => expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
  await check('welcome');

  await button(s.app.help).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await check('help dialog');
  await page.keyboard.press('Escape');

  await button(s.welcome.signIn).click();
  await h1(s.who.heading);
  await check('about you');
  await button(s.app.continue).click();
  await expect(page.getByRole('alert')).toHaveText(s.errors.summary);
  await check('about you, errors');

  await page.clock.fastForward('01:15');
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await check('idle warning');
  await page.getByRole('alertdialog').getByRole('button').click();
  await expect(page.getByRole('alertdialog')).toBeHidden();

  const first = `Axe${lng}${++visitorNo}`;
  await page.getByRole('radio', { name: s.who.categories.professional }).check();
  await page.getByRole('textbox', { name: s.who.fullName, exact: true }).fill(`${first} Checker`);
  await page.getByRole('textbox', { name: s.who.organisation, exact: true }).fill('Kent Community Health');
  await page.getByRole('textbox', { name: s.who.agencyRole, exact: true }).fill('Therapist');
  await page.getByRole('radio', { name: 'School office', exact: true }).check();
  await page.getByRole('textbox', { name: s.who.purpose, exact: true }).fill('Meeting');
  await check('about you, filled in (professional)');
  await button(s.app.continue).click();

  await h1(s.policy.heading);
  await expect(button(s.policy.readAloud).or(page.getByText(s.policy.noVoice))).toBeVisible();
  await check('policy');
  await button(s.app.continue).click();
  await expect(page.getByText(s.policy.mustAgree)).toBeVisible();
  await check('policy, not ticked');
  await page.getByRole('checkbox', { name: s.policy.agree }).check();
  await button(s.app.continue).click();

  await h1(s.phone.heading);
  await page.getByRole('radio', { name: s.phone.locker }).check();
  await check('phone, lockers');
  await page.getByRole('radio', { name: s.phone.exemption }).check();
  await check('phone, device approval');
  await page.getByRole('radio', { name: s.phone.locker }).check();
  await button(s.phone.signIn).click();

  await h1(s.done.heading);
  await check('done');
  await button(s.done.finish).click();

  s = await start(page, lng, display);
  await button(s.welcome.signOut).click();
  await page.getByRole('textbox', { name: s.signOut.byName }).fill(first);
  await button(s.signOut.find).click();
  const match = page.getByRole('button', { name: new RegExp(`^${first} C\\.`) });
  await expect(match).toBeVisible();
  await check('sign-out find');
  await match.click();
  await page.getByRole('checkbox').check();
  await check('sign-out confirm');
  await button(s.signOut.signMeOut).click();
  await expect(page.getByText(s.signOut.thanks)).toBeVisible();
  await check('sign-out done');
  await button(s.done.finish).click();
}

for (const lng of ['en', 'ar'] as const) {
  for (const mode of MODES) {
    test(`axe: no serious or critical violation on any screen, ${lng}, ${mode.name}`, async ({ page }) => {
      const found: string[] = [];
      await everyScreen(page, lng, mode.display, async (screen) => {
        for (const v of await seriousViolations(page)) found.push(`${screen}: ${v}`);
      });
      expect(found).toEqual([]);
    });
  }
}

for (const o of [
  { name: 'portrait', viewport: { width: 540, height: 960 } },
  { name: 'landscape', viewport: { width: 960, height: 540 } },
] as const) {
  test.describe(`large text at 200% zoom, ${o.name} (${o.viewport.width}×${o.viewport.height} CSS px)`, () => {
    test.use({ viewport: o.viewport });

    for (const lng of ['en', 'ar'] as const) {
      test(`${lng}: every screen reflows, nothing is cut off or scrolls sideways`, async ({ page }) => {
        const problems: string[] = [];
        await everyScreen(page, lng, { largeText: true, highContrast: true }, async (screen) => {
          for (const c of await clippedText(page)) problems.push(`${screen}: clipped ${c}`);
          for (const t of await smallTargets(page)) problems.push(`${screen}: small target ${t}`);
          if (await scrollsSideways(page)) problems.push(`${screen}: scrolls sideways`);
          if (['welcome', 'about you, errors', 'policy', 'phone, lockers', 'done', 'sign-out confirm'].includes(screen))
            await fullPageShot(page, path.resolve(import.meta.dirname, `../../test-results/screenshots/zoom-200/${o.name}-${lng}-${screen.replace(/[^a-z]+/g, '-')}.png`));
        });
        expect(problems).toEqual([]);
      });
    }
  });
}
