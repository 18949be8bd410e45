// Drives the kiosk the way a visitor does: by roles and visible labels only.
import { expect, type Page } from '@playwright/test';

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
