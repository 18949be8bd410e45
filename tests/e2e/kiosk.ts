// Drives the kiosk the way a visitor does: by roles and visible labels only.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import type { Strings } from '../../renderer/src/i18n/en.js';
import { LANGUAGE_NAMES, STRINGS } from '../../renderer/src/i18n/index.js';
import type { Language } from '../../shared/domain.js';

/** The e2e kiosk's own staff PIN, set by globalSetup.ts (or by setup.spec.ts on the set-up screen). */
export const E2E_PIN = '482916';

/** Call a kiosk operation over the browser kiosk's HTTP API (as its screens do). */
export async function kioskCall<T = unknown>(op: string, input: unknown): Promise<T> {
  const base = `http://127.0.0.1:${process.env.E2E_PORT ?? 5191}`;
  const res = await fetch(`${base}/api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  const env = (await res.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
  return env.value;
}

export type Visitor = {
  category?: 'Parent or carer' | 'Volunteer' | 'Contractor' | 'Visitor' | 'Visiting professional';
  name: string;
  organisation?: string;
  role?: string;
  host?: string;
  purpose?: string;
  phone?: 'I will lock my phone away' | 'I have handed it to reception' | 'I have no phone or smart device with me' | 'I have approval to use my device';
  locker?: string;
};

export async function fillAboutYou(page: Page, v: Visitor): Promise<void> {
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'About you' })).toBeVisible();
  await page.getByRole('radio', { name: v.category ?? 'Parent or carer' }).check();
  await page.getByRole('textbox', { name: 'Full name' }).fill(v.name);
  if (v.organisation !== undefined) await page.getByRole('textbox', { name: /Organisation/ }).fill(v.organisation);
  if (v.role !== undefined) await page.getByRole('textbox', { name: 'Your role' }).fill(v.role);
  await page.getByRole('radio', { name: v.host ?? 'School office' }).check();
  await page.getByRole('textbox', { name: 'Reason for your visit' }).fill(v.purpose ?? 'Meeting');
  await page.getByRole('button', { name: 'Continue' }).click();
}

export async function acknowledgePolicy(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Phones and smart devices' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'I have read these expectations and I will follow them' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

export async function choosePhone(page: Page, v: Visitor): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Your phone' })).toBeVisible();
  await page.getByRole('radio', { name: v.phone ?? 'I will lock my phone away' }).check();
  if (v.locker) await page.getByRole('radio', { name: v.locker, exact: true }).check();
}

export async function signIn(page: Page, v: Visitor): Promise<{ badgeCode: string }> {
  await page.goto('/');
  await fillAboutYou(page, v);
  await acknowledgePolicy(page);
  await choosePhone(page, v);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'You are signed in' })).toBeVisible();
  const badgeCode = (await page.locator('.code').textContent()) ?? '';
  return { badgeCode };
}

/** Every interactive element is at least 48 × 48 CSS px (WCAG 2.2 target size, kiosk grade). */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, input[type="text"], label.choice, label.check, label.switch')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < 48 || r.height < 48) bad.push(`${el.tagName} "${(el.textContent ?? '').trim().slice(0, 40)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return bad;
  });
}

/** Text clipped by its box (content wider than the element, hidden overflow) on the page. */
export async function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('h1, h2, p, dd, dt, li, label, legend, button, span')) {
      const cs = getComputedStyle(el);
      if (el.scrollWidth > el.clientWidth + 1 && cs.overflowX !== 'visible') bad.push(`${el.tagName} "${(el.textContent ?? '').slice(0, 40)}"`);
      if (el.getBoundingClientRect().right > window.innerWidth + 1) bad.push(`${el.tagName} off-screen "${(el.textContent ?? '').slice(0, 40)}"`);
    }
    return bad;
  });
}

// ---- Languages, display modes, keyboard and accessibility checks (issue 7) ----------------

export { LANGUAGE_NAMES, STRINGS, type Strings };

/** On Welcome: choose a language by its own name (as a visitor reading that language would). */
export async function chooseLanguage(page: Page, lng: Language): Promise<Strings> {
  const s = STRINGS[lng];
  await page.getByRole('button', { name: LANGUAGE_NAMES[lng], exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lng);
  await expect(page.getByRole('button', { name: s.welcome.signIn, exact: true })).toBeVisible();
  return s;
}

export type Display = { largeText?: boolean; highContrast?: boolean; reach?: boolean };

/** On Welcome: turn the display switches on, in whatever language the screen is in. */
export async function setDisplay(page: Page, s: Strings, d: Display): Promise<void> {
  if (d.largeText) await page.getByRole('switch', { name: s.welcome.largeText, exact: true }).check();
  if (d.highContrast) await page.getByRole('switch', { name: s.welcome.highContrast, exact: true }).check();
  if (d.reach) await page.getByRole('switch', { name: s.welcome.reach, exact: true }).check();
}

/** "About you" filled in any language; hosts are the site's own words (English by default). */
export async function fillAboutYouIn(page: Page, s: Strings, name: string, host = 'School office'): Promise<void> {
  await page.getByRole('button', { name: s.welcome.signIn, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.who.heading, exact: true })).toBeVisible();
  await page.getByRole('radio', { name: s.who.categories.parent_carer, exact: true }).check();
  await page.getByRole('textbox', { name: s.who.fullName, exact: true }).fill(name);
  await page.getByRole('radio', { name: host, exact: true }).check();
  await page.getByRole('textbox', { name: s.who.purpose, exact: true }).fill('Meeting');
  await page.getByRole('button', { name: s.app.continue, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.policy.heading, exact: true })).toBeVisible();
}

/** Serious and critical axe-core violations (WCAG 2.0–2.2 A/AA and best practice), one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`);
}

/** Whether the element has keyboard focus. */
export async function isFocused(l: Locator): Promise<boolean> {
  return l.evaluate((el) => el === document.activeElement);
}

/** Press Tab (or Shift+Tab) until `target` has focus; fails if it is not reached in `max` presses. */
export async function tabTo(page: Page, target: Locator, opts: { back?: boolean; max?: number } = {}): Promise<void> {
  const key = opts.back ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < (opts.max ?? 40); i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(key);
  }
  if (!(await isFocused(target))) throw new Error(`${key} never reached ${target.toString()}`);
}

/** The focused element shows a visible focus indicator (an outline at least 2 px wide). */
export async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const cs = getComputedStyle(el);
    return cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
  });
}

/** The page scrolls sideways (content wider than the viewport): reflow failed. */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/**
 * A full-page screenshot with the sticky footer put back in the flow, so it is drawn at the end
 * of the page and not over the middle of it. (Playwright's `style` option injects a <style>
 * element, which the kiosk's CSP refuses; setting the property through the CSSOM is allowed.)
 */
export async function fullPageShot(page: Page, file: string): Promise<void> {
  await page.evaluate(() => document.querySelectorAll<HTMLElement>('.screen-foot').forEach((f) => (f.style.position = 'static')));
  try {
    await page.screenshot({ path: file, fullPage: true });
  } finally {
    await page.evaluate(() => document.querySelectorAll<HTMLElement>('.screen-foot').forEach((f) => (f.style.position = '')));
  }
}
