// The Content Security Policy in a real browser: the whole visitor flow (welcome, help, display
// switches, sign-in with a locker, the done screen, sign-out, goodbye) runs in Chromium under the
// kiosk's CSP with no violation at all, and every response carries the policy header.
// Violations are caught two ways: Chromium's console messages, and a `securitypolicyviolation`
// listener installed before any page script runs (kept in window.__cspViolations and forwarded to
// the test, so none is lost when the page navigates). A last test proves the net catches one.
import { expect, test, type Page, type Response } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../../core/http/csp.js';
import { acknowledgePolicy, choosePhone, fillAboutYou } from './kiosk.js';

type Violation = { directive: string; blocked: string; source: string; line: number; column: number; sample: string; disposition: string };

declare global {
  interface Window {
    __cspViolations?: Violation[];
    __reportCspViolation?: (v: Violation) => void;
  }
}

/** Start recording before the first navigation; returns the live lists. */
async function recordViolations(page: Page) {
  const fromEvents: Violation[] = [];
  const fromConsole: string[] = [];
  const pageErrors: string[] = [];
  const responses: Response[] = [];
  await page.exposeFunction('__reportCspViolation', (v: Violation) => void fromEvents.push(v));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const v = {
          directive: e.effectiveDirective || e.violatedDirective,
          blocked: e.blockedURI,
          source: e.sourceFile,
          line: e.lineNumber,
          column: e.columnNumber,
          sample: e.sample,
          disposition: e.disposition,
        };
        window.__cspViolations!.push(v);
        void window.__reportCspViolation?.(v);
      },
      true,
    );
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) fromConsole.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('response', (r) => void responses.push(r));
  return { fromEvents, fromConsole, pageErrors, responses };
}

test.describe('Content Security Policy', () => {
  test('the whole sign-in → sign-out flow runs without a single CSP violation', async ({ page }) => {
    const rec = await recordViolations(page);

    const first = await page.goto('/');
    expect(first?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    // The page also carries the policy itself, for hosts that could not set a header.
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /script-src 'self'/);

    // Welcome: help and the display switches (they restyle the page through classes only).
    await page.getByRole('button', { name: /^Help/ }).first().click();
    await page.keyboard.press('Escape');
    for (const name of ['Large text', 'High contrast']) {
      const sw = page.getByRole('switch', { name, exact: true });
      await sw.check();
      await sw.uncheck();
    }

    // Sign in, phone in a locker; the done screen (badge state, preview).
    await fillAboutYou(page, { name: 'Cora Spencer-Price', host: 'School office', purpose: 'CSP check' });
    await acknowledgePolicy(page);
    await choosePhone(page, { name: 'Cora Spencer-Price', locker: 'Locker 7' });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'You are signed in' })).toBeVisible();
    await expect(page.getByText('In Locker 7')).toBeVisible();
    await page.waitForTimeout(500); // let the badge status poll run
    await page.getByRole('button', { name: 'Finish' }).click();

    // Sign out by name, collect the phone, goodbye, back to welcome.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('textbox', { name: 'Type your name' }).fill('cora spencer');
    await page.getByRole('button', { name: 'Find my visit' }).click();
    await page.getByRole('button', { name: /^Cora S\., signed in at/ }).click();
    await page.getByRole('checkbox', { name: 'I have collected my phone from Locker 7' }).check();
    await page.getByRole('button', { name: 'Sign me out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Goodbye, Cora S.' })).toBeVisible();
    await page.getByRole('button', { name: 'Finish' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Welcome to/ })).toBeVisible();

    // And a reload (a fresh document, as after a renderer restart).
    const again = await page.reload();
    expect(again?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await expect(page.getByRole('heading', { level: 1, name: /Welcome to/ })).toBeVisible();

    const inPage = await page.evaluate(() => window.__cspViolations ?? null);
    expect(inPage, 'the in-page listener was installed').not.toBeNull();
    expect(inPage).toEqual([]);
    expect(rec.fromEvents).toEqual([]);
    expect(rec.fromConsole).toEqual([]);
    expect(rec.pageErrors).toEqual([]);

    // Every response from the kiosk host carried the policy: documents, scripts, styles, API calls.
    const ours = rec.responses.filter((r) => new URL(r.url()).host === new URL(page.url()).host);
    expect(ours.length).toBeGreaterThan(5);
    expect(ours.filter((r) => r.url().includes('/api/')).length).toBeGreaterThan(0);
    const missing = ours.filter((r) => r.headers()['content-security-policy'] !== CONTENT_SECURITY_POLICY).map((r) => `${r.status()} ${r.url()}`);
    expect(missing).toEqual([]);
  });

  test('the net works: an injected inline script is blocked and reported both ways', async ({ page }) => {
    const rec = await recordViolations(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: /Welcome to/ })).toBeVisible();
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.append(s);
      return new Promise((r) => setTimeout(() => r((window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false), 200));
    });
    expect(ran).toBe(false);
    await expect.poll(() => rec.fromEvents.length).toBeGreaterThan(0);
    expect(rec.fromEvents).toContainEqual(expect.objectContaining({ directive: 'script-src-elem', blocked: 'inline', disposition: 'enforce' }));
    await expect.poll(() => rec.fromConsole.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__cspViolations?.length)).toBeGreaterThan(0);
  });
});
