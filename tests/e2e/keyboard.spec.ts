// Keyboard and switch access: a whole visit with the keyboard only (Tab, Shift+Tab, Space,
// Enter, arrow keys; never the mouse), focus always visible, dialogs that keep focus while open
// and give it back, and the reach layout that puts every control in the lower half.
import { expect, test, type Page } from '@playwright/test';
import { chooseLanguage, focusIsVisible, setDisplay, STRINGS, tabTo } from './kiosk.js';

const s = STRINGS.en;
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

test('signs in and out with the keyboard only', async ({ page }) => {
  await page.goto('/');

  // Welcome → About you.
  await tabTo(page, button(page, s.welcome.signIn));
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 1, name: s.who.heading });
  await expect(heading).toBeFocused(); // a new screen starts at its heading

  // Radio group: Tab in, arrow keys choose, Tab out.
  const parent = page.getByRole('radio', { name: s.who.categories.parent_carer });
  await tabTo(page, parent);
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: s.who.categories.volunteer })).toBeChecked();
  await page.keyboard.press('ArrowUp');
  await expect(parent).toBeChecked();
  await page.keyboard.press('Tab');
  const name = page.getByRole('textbox', { name: s.who.fullName });
  await expect(name).toBeFocused();
  await page.keyboard.type('Kim Keyboard');
  await page.keyboard.press('Tab');
  const office = page.getByRole('radio', { name: 'School office' });
  await expect(office).toBeFocused();
  await page.keyboard.press('Space');
  await expect(office).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: s.who.purpose })).toBeFocused();
  await page.keyboard.type('Meeting');
  // Shift+Tab goes back the same way.
  await page.keyboard.press('Shift+Tab');
  await expect(office).toBeFocused();
  await tabTo(page, button(page, s.app.continue));
  await page.keyboard.press('Enter');

  // Policy: continuing without the tick moves focus to the box, with the reason attached.
  await expect(page.getByRole('heading', { level: 1, name: s.policy.heading })).toBeFocused();
  await tabTo(page, button(page, s.app.continue));
  await page.keyboard.press('Enter');
  const agree = page.getByRole('checkbox', { name: s.policy.agree });
  await expect(agree).toBeFocused();
  await expect(agree).toHaveAccessibleDescription(s.policy.mustAgree);
  await page.keyboard.press('Space');
  await expect(agree).toBeChecked();
  await tabTo(page, button(page, s.app.continue));
  await page.keyboard.press('Enter');

  // Phone: a locker, the first free one offered; Enter signs in.
  await expect(page.getByRole('heading', { level: 1, name: s.phone.heading })).toBeFocused();
  const locker = page.getByRole('radio', { name: s.phone.locker });
  await tabTo(page, locker);
  await page.keyboard.press('Space');
  await expect(locker).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Locker 1', exact: true }).or(page.getByRole('radio', { checked: true, name: /Locker|Pouch/ })).first()).toBeChecked();
  await tabTo(page, button(page, s.phone.signIn));
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: s.done.heading })).toBeFocused();
  await tabTo(page, button(page, s.done.finish));
  await page.keyboard.press('Enter');

  // Sign out: type, Enter submits, choose the visit, tick, sign out.
  await tabTo(page, button(page, s.welcome.signOut));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('textbox', { name: s.signOut.byName }));
  await page.keyboard.type('Kim');
  await page.keyboard.press('Enter');
  const match = page.getByRole('button', { name: /^Kim K\., signed in at/ });
  await expect(match).toBeVisible();
  await tabTo(page, match);
  await page.keyboard.press('Enter');
  const collected = page.getByRole('checkbox', { name: /I have collected my phone from/ });
  await tabTo(page, collected);
  await page.keyboard.press('Space');
  await expect(collected).toBeChecked();
  await tabTo(page, button(page, s.signOut.signMeOut));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Goodbye, Kim K.' })).toBeFocused();
  await tabTo(page, button(page, s.done.finish));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Welcome to/ })).toBeVisible();
});

test('every control on Welcome is reached by Tab, in reading order, with a visible focus', async ({ page }) => {
  await page.goto('/');
  const order: string[] = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null; // focus is in the browser, between laps
      return (el.getAttribute('aria-label') ?? el.closest('label')?.textContent ?? el.textContent ?? '').trim();
    });
    if (label === null) continue;
    if (order.includes(label)) break; // wrapped round: no trap, the whole page was visited
    expect(await focusIsVisible(page), `focus visible on ${label}`).toBe(true);
    order.push(label);
  }
  expect(order).toEqual([
    s.app.help,
    s.welcome.signIn,
    s.welcome.signOut,
    s.card.haveCard,
    s.safeguarding.button,
    'English', 'Polski', 'Română', 'Українська', 'Português', 'ਪੰਜਾਬੀ', 'اردو', 'বাংলা', 'العربية',
    s.welcome.largeText,
    s.welcome.highContrast,
    s.welcome.reach,
  ]);
});

test('Help keeps focus inside while open, closes with Escape, and gives focus back', async ({ page }) => {
  await page.goto('/');
  await tabTo(page, button(page, s.welcome.signIn));
  await page.keyboard.press('Enter');
  const help = button(page, s.app.help);
  await tabTo(page, help);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: s.app.help });
  await expect(dialog).toBeVisible();
  const close = dialog.getByRole('button', { name: s.app.close });
  await expect(close).toBeFocused();
  for (const key of ['Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    await expect(close).toBeFocused(); // nothing behind the dialog can take focus
  }
  await expect(page.locator('main')).toHaveAttribute('inert', '');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(help).toBeFocused();
  await expect(page.locator('main')).not.toHaveAttribute('inert', '');

  // Enter on Close does the same.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(help).toBeFocused();
});

test('the idle warning takes focus, is announced once, and Escape asks for more time', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await tabTo(page, button(page, s.welcome.signIn));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('textbox', { name: s.who.fullName }));
  await page.keyboard.type('Idle Person');
  await page.clock.fastForward('01:11');
  const warning = page.getByRole('alertdialog', { name: s.idle.heading });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('button', { name: s.idle.more })).toBeFocused();
  // The sentence is the dialog's description (read once as it opens); the ticking number is not
  // a live region, so a screen reader is not interrupted every second.
  await expect(warning).toHaveAccessibleDescription(/For your privacy this screen will clear in \d+ seconds\./);
  expect(await warning.evaluate((d) => [...d.querySelectorAll('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="timer"]')].length)).toBe(0);
  await page.keyboard.press('Escape');
  await expect(warning).toBeHidden();
  await expect(page.getByRole('textbox', { name: s.who.fullName })).toHaveValue('Idle Person');
  await expect(page.getByRole('textbox', { name: s.who.fullName })).toBeFocused(); // focus given back
});

test('errors are tied to their fields: text boxes, choice groups and the policy box', async ({ page }) => {
  await page.goto('/');
  await button(page, s.welcome.signIn).click();
  await button(page, s.app.continue).click();
  const category = page.getByRole('radio', { name: s.who.categories.parent_carer });
  await expect(category).toBeFocused(); // the first problem gets focus
  await expect(category).toHaveAccessibleDescription(s.errors.choose);
  await expect(page.getByRole('group', { name: s.who.category })).toHaveAccessibleDescription(s.errors.choose);
  await expect(page.getByRole('radio', { name: 'School office' })).toHaveAccessibleDescription(s.errors.choose);
  await expect(page.getByRole('textbox', { name: s.who.purpose })).toHaveAccessibleDescription(`${s.who.purposeHint} ${s.errors.required}`);
  await category.check();
  await expect(category).not.toHaveAttribute('aria-invalid', 'true');
});

for (const o of [
  { name: 'portrait', viewport: { width: 1080, height: 1920 } },
  { name: 'landscape', viewport: { width: 1920, height: 1080 } },
] as const) {
  test.describe(`reach ("Controls lower down"), ${o.name}`, () => {
    test.use({ viewport: o.viewport });

    test('puts Help and the main actions in the lower half of every screen', async ({ page }) => {
      await page.goto('/');
      const half = o.viewport.height / 2;
      const inLowerHalf = async (name: string) => {
        const b = (await button(page, name).boundingBox())!;
        expect(b.y, `${name} top at ${Math.round(b.y)} of ${o.viewport.height}`).toBeGreaterThanOrEqual(half);
      };
      // The switch itself is within reach before it is turned on.
      const reach = page.getByRole('switch', { name: s.welcome.reach });
      expect((await reach.boundingBox())!.y).toBeGreaterThanOrEqual(half);
      await setDisplay(page, s, { reach: true });
      await expect(page.locator('html')).toHaveClass(/\breach\b/);
      for (const name of [s.app.help, s.welcome.signIn, s.welcome.signOut]) await inLowerHalf(name);

      await button(page, s.welcome.signIn).click();
      await expect(page.getByRole('heading', { level: 1, name: s.who.heading })).toBeVisible();
      for (const name of [s.app.help, s.app.back, s.app.continue]) await inLowerHalf(name);
      await page.getByRole('radio', { name: s.who.categories.parent_carer }).check();
      await page.getByRole('textbox', { name: s.who.fullName }).fill('Reach Test');
      await page.getByRole('radio', { name: 'School office' }).check();
      await page.getByRole('textbox', { name: s.who.purpose }).fill('Meeting');
      await button(page, s.app.continue).click();
      await expect(page.getByRole('heading', { level: 1, name: s.policy.heading })).toBeVisible();
      for (const name of [s.app.help, s.app.back, s.app.continue]) await inLowerHalf(name);
      await page.getByRole('checkbox', { name: s.policy.agree }).check();
      await button(page, s.app.continue).click();
      await expect(page.getByRole('heading', { level: 1, name: s.phone.heading })).toBeVisible();
      for (const name of [s.app.help, s.app.back, s.phone.signIn]) await inLowerHalf(name);
      await page.screenshot({ path: `test-results/screenshots/reach/${o.name}-phone.png` });
      await page.getByRole('radio', { name: s.phone.none }).check();
      await button(page, s.phone.signIn).click();
      await expect(page.getByRole('heading', { level: 1, name: s.done.heading })).toBeVisible();
      for (const name of [s.app.help, s.done.finish]) await inLowerHalf(name);
      await button(page, s.done.finish).click();
      await expect(page.locator('html')).not.toHaveClass(/\breach\b/); // the next visitor starts afresh
    });

    test('works in Arabic too, mirrored', async ({ page }) => {
      await page.goto('/');
      const a = await chooseLanguage(page, 'ar');
      await setDisplay(page, a, { reach: true });
      await page.screenshot({ path: `test-results/screenshots/reach/${o.name}-welcome-ar.png` });
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      const signIn = (await button(page, a.welcome.signIn).boundingBox())!;
      const signOut = (await button(page, a.welcome.signOut).boundingBox())!;
      const help = (await button(page, a.app.help).boundingBox())!;
      for (const b of [signIn, signOut, help]) expect(b.y).toBeGreaterThanOrEqual(o.viewport.height / 2);
      expect(signIn.x, 'Sign in (first) is on the right').toBeGreaterThan(signOut.x);
      expect(help.x + help.width, 'Help starts at the right').toBeGreaterThan(o.viewport.width / 2);
    });
  });
}
