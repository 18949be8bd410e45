// Accessibility and layout of every office console screen (issue 7): axe-core finds no serious
// or critical violation (WCAG 2.0–2.2 A/AA and best practice) at 1366×768, on a 390×844 phone
// and at 200% zoom (1366×768 at 200% is 683×384 CSS px); nothing scrolls sideways; every
// control is at least 44 px. Full-page screenshots of each screen go to test-results/console/.
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN, ensureAccounts, loginAs, logOut, OfficeApi, openPage, setUpThroughConsole, STAFF, consoleUrl } from './console.js';
import { scrollsSideways, seriousViolations, signIn } from './kiosk.js';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/console');

const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1366, height: 768 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'zoom200', viewport: { width: 683, height: 384 } },
] as const;

/** Controls smaller than 44 × 44 CSS px (links inside text excepted). */
async function smallControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, input, select, textarea, a.btn, nav a')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const box = el.matches('input[type="checkbox"], input[type="radio"]') ? (el.parentElement?.getBoundingClientRect() ?? r) : r;
      if (box.height < 44 || box.width < 44) bad.push(`${el.tagName} "${(el.textContent || el.getAttribute('aria-label') || el.id).trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return bad;
  });
}

/** Data worth looking at on every page: requests waiting and decided, a breach, expected visitors. */
async function seed(): Promise<{ pendingId: string; approvedId: string }> {
  const office = await OfficeApi.as(STAFF.office);
  const head = await OfficeApi.as(STAFF.head);
  {
    const { exemptions } = await office.call('exemptions.list', { status: 'requested' });
    let pending = exemptions.find((e) => e.fullName.startsWith('Dr Aleksandra'));
    pending ??= (
      await office.call('exemptions.request', {
        fullName: 'Dr Aleksandra Wiśniewska-Konstantynopolitańczykowa',
        organisation: 'Kent and Medway Child and Adolescent Mental Health Service',
        agencyRole: 'Clinical psychologist',
        purpose: 'Needs to take calls from the duty team during a multi-agency meeting about a pupil.',
        devices: 'Work mobile phone',
        locationIds: ['office'],
        requestedWindow: 'Thursday 10:00 to 12:00',
      })
    ).exemption;
    const approved = (await office.call('exemptions.list', { status: 'approved' })).exemptions[0];
    let approvedId = approved?.id;
    if (!approvedId) {
      const req = await office.call('exemptions.request', {
        fullName: 'Sam Speech',
        organisation: 'NHS Kent',
        agencyRole: 'Speech therapist',
        purpose: 'Uses a tablet app in therapy sessions.',
        devices: 'Tablet',
        locationIds: ['office'],
        requestedWindow: 'Tuesdays this term',
      });
      const today = new Date().toISOString().slice(0, 10);
      await head.call('exemptions.approve', {
        id: req.exemption.id,
        validFrom: today,
        validTo: today,
        recurrence: { kind: 'single' },
        locationIds: ['office'],
        devices: 'Tablet',
        conditions: 'No photographs of pupils.',
      });
      approvedId = req.exemption.id;
    }
    const { breaches } = await office.call('breaches.list', { status: 'open' });
    if (breaches.length === 0)
      await office.call('breaches.log', {
        person: 'Visitor in a red coat (name not known)',
        location: 'Playground gate',
        what: 'Taking a photograph towards the playground during break time.',
        actionTaken: 'Asked them to delete it and put the phone away; they did.',
      });
    const ref = await office.call('reference.get', {});
    if (ref.expected.length === 0)
      await office.call('expected.save', {
        fullName: 'Bob Builder',
        organisation: 'Fix-It Roofing Ltd',
        category: 'contractor',
        hostId: ref.hosts[0]!.id,
        expectedOn: new Date().toISOString().slice(0, 10),
        note: 'Roof survey; needs ladder access to the hall.',
      });
    return { pendingId: pending.id, approvedId };
  }
}

type Check = (screen: string) => Promise<void>;

async function adminScreens(page: Page, check: Check): Promise<void> {
  await loginAs(page, ADMIN);
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
  await check('on-site');
  for (const [label, heading, slug] of [
    ['Fire roll call', 'Fire roll call', 'roll-call'],
    ['End of day', 'End of day', 'end-of-day'],
    ['Reception desk', 'Reception desk', 'desk'],
    ['Phone custody', 'Phone custody', 'phones'],
    ['Device requests', 'Device requests and exemptions', 'exemptions'],
    ['Breaches and concerns', 'Breaches and concerns', 'breaches'],
    ['Visit history', 'Visit history', 'history'],
    ['Expected visitors', 'Expected visitors', 'expected'],
    ['Kiosks', 'Kiosks', 'kiosks'],
    ['Lockers, places, hosts', 'Lockers, places and hosts', 'site-lists'],
    ['Phone policy text', 'Phone policy text', 'policy'],
    ['Subject access', 'Subject access', 'subject-access'],
    ['Retention', 'Retention', 'retention'],
    ['Staff accounts', 'Staff accounts', 'staff'],
    ['Kiosk PINs', 'Kiosk PINs', 'kiosk-pins'],
    ['Audit log', 'Audit log', 'audit'],
  ] as const) {
    await openPage(page, label, heading);
    await expect(page.getByText(/^Loading/)).toHaveCount(0);
    await check(slug);
  }
  // Audit: the verdict.
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByText(/The chain is/)).toBeVisible();
  await check('audit-verified');
  // Policy in a right-to-left language.
  await openPage(page, 'Phone policy text');
  await page.getByRole('button', { name: /^Arabic/ }).click();
  await check('policy-arabic');
  // Staff: the create form with errors, and the role dialog.
  await openPage(page, 'Staff accounts');
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Please check/ })).toBeVisible();
  await check('staff-create-errors');
  await page.getByRole('button', { name: `Change role of ${STAFF.office.displayName}` }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await check('staff-role-dialog');
  await page.keyboard.press('Escape');
  // Kiosks: a pairing code.
  await openPage(page, 'Kiosks');
  await page.getByRole('textbox', { name: 'Kiosk name' }).fill('Main entrance');
  await page.getByRole('button', { name: 'Create pairing code' }).click();
  await expect(page.locator('.pairing-code')).toBeVisible();
  await check('kiosks-pairing-code');
  // Breaches: the log form with its errors.
  await openPage(page, 'Breaches and concerns');
  await page.getByRole('button', { name: 'Log a breach or concern' }).click();
  await page.getByRole('button', { name: 'Log it' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Please check/ })).toBeVisible();
  await check('breach-log-errors');
  // Expected: the add form.
  await openPage(page, 'Expected visitors');
  await page.getByRole('button', { name: 'Add an expected visitor' }).click();
  await check('expected-add');
  // A new device request with errors.
  await page.goto(consoleUrl('exemptions/new'));
  await page.getByRole('button', { name: 'Send request for a decision' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Please check/ })).toBeVisible();
  await check('exemption-new-errors');
}

async function headScreens(page: Page, ids: { pendingId: string; approvedId: string }, check: Check): Promise<void> {
  await loginAs(page, STAFF.head);
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
  await check('head-on-site');
  await page.goto(consoleUrl(`exemptions/${ids.pendingId}`));
  await expect(page.getByRole('heading', { name: 'Approve device use' })).toBeVisible();
  await page.getByRole('radio', { name: 'Only on certain weekdays' }).check();
  await page.getByRole('checkbox', { name: 'Only between certain times of day' }).check();
  await page.getByRole('checkbox', { name: 'Add a risk assessment' }).check();
  await page.getByRole('button', { name: 'Approve device use' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Please check|weekday|day/ })).toBeVisible();
  await check('exemption-approve-form');
  await page.getByRole('button', { name: 'Refuse…' }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await check('exemption-refuse-dialog');
  await page.keyboard.press('Escape');
  await page.goto(consoleUrl(`exemptions/${ids.approvedId}`));
  await page.getByRole('button', { name: 'Revoke…' }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await check('exemption-revoke-dialog');
  await page.keyboard.press('Escape');
  // The evidence view: a term's visits, all of them, in the table.
  await openPage(page, 'Evidence and review pack');
  await page.getByRole('checkbox', { name: 'Only visitors on site with a device under an approval' }).uncheck();
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByText(/\d+ visit\(s\)/)).toBeVisible();
  await check('head-evidence');
}

test.describe.configure({ mode: 'serial' });

let ids: { pendingId: string; approvedId: string };

test('set-up and login screens', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(consoleUrl());
  const setUp = page.getByRole('heading', { level: 1, name: 'Set up the office service' });
  const login = page.getByRole('heading', { level: 1, name: 'Log in' });
  await expect(setUp.or(login)).toBeVisible();
  fs.mkdirSync(SHOTS, { recursive: true });
  if (await setUp.isVisible()) {
    for (const v of VIEWPORTS) {
      await page.setViewportSize(v.viewport);
      expect(await seriousViolations(page), `set-up ${v.name}`).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `${v.name}-setup.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await setUpThroughConsole(page);
    await logOut(page);
  }
  await ensureAccounts(page);
  ids = await seed();
  await page.goto(consoleUrl());
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('Please fill in both fields');
  for (const v of VIEWPORTS) {
    await page.setViewportSize(v.viewport);
    expect(await seriousViolations(page), `login ${v.name}`).toEqual([]);
    expect(await scrollsSideways(page), `login ${v.name} scrolls sideways`).toBe(false);
    await page.screenshot({ path: path.join(SHOTS, `${v.name}-login-errors.png`), fullPage: true });
  }
});

for (const v of VIEWPORTS) {
  test.describe(`${v.name} (${v.viewport.width}×${v.viewport.height})`, () => {
    test.use({ viewport: v.viewport });

    test('every screen: no serious axe violation, no sideways scrolling, targets ≥ 44 px', async ({ page }) => {
      test.setTimeout(240_000);
      if (!ids) {
        await ensureAccounts(page);
        ids = await seed();
      }
      fs.mkdirSync(SHOTS, { recursive: true });
      const problems: string[] = [];
      const check: Check = async (screen) => {
        // axe at 1366×768 and at 200% zoom; the phone is checked for layout (the same DOM as zoom).
        if (v.name !== 'phone') for (const p of await seriousViolations(page)) problems.push(`${screen}: ${p}`);
        if (await scrollsSideways(page)) problems.push(`${screen}: scrolls sideways`);
        for (const s of await smallControls(page)) problems.push(`${screen}: small control ${s}`);
        // From the top, so the sticky navigation is drawn where it starts.
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: path.join(SHOTS, `${v.name}-${screen}.png`), fullPage: true });
      };
      await adminScreens(page, check);
      await headScreens(page, ids, check);
      expect(problems).toEqual([]);
    });
  });
}

// ---- Display modes (larger text, high contrast) and Arabic content --------------------------

const MODE_SHOTS = path.join(SHOTS, 'modes');
type Mode = 'large-text' | 'high-contrast';
const MODE_BUTTON: Record<Mode, string> = { 'large-text': 'Larger text', 'high-contrast': 'High contrast' };

/** Turns a mode on through the header's Display control, checking the toggle and that it is kept. */
async function turnOn(page: Page, mode: Mode): Promise<void> {
  const banner = page.getByRole('banner');
  await banner.getByRole('button', { name: 'Display' }).click();
  await expect(banner.getByRole('button', { name: 'Display' })).toHaveAttribute('aria-expanded', 'true');
  const toggle = banner.getByRole('group', { name: 'Display' }).getByRole('button', { name: MODE_BUTTON[mode] });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${mode}\\b`));
  // The open panel, in the mode just chosen.
  expect(await seriousViolations(page), `display panel open, ${mode}`).toEqual([]);
  expect(await scrollsSideways(page), `display panel open, ${mode}: scrolls sideways`).toBe(false);
  fs.mkdirSync(MODE_SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(MODE_SHOTS, `display-panel-${mode}-${page.viewportSize()?.width ?? 0}.png`) });
  await page.keyboard.press('Escape');
  await expect(banner.getByRole('button', { name: 'Display' })).toBeFocused();
  await expect(banner.getByRole('group', { name: 'Display' })).toHaveCount(0);
  // Kept in this browser: still on after a reload.
  await page.reload();
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${mode}\\b`));
}

function modeCheck(page: Page, prefix: string, problems: string[], opts: { axe?: boolean } = {}): Check {
  fs.mkdirSync(MODE_SHOTS, { recursive: true });
  return async (screen) => {
    if (opts.axe !== false) for (const p of await seriousViolations(page)) problems.push(`${prefix} ${screen}: ${p}`);
    if (await scrollsSideways(page)) problems.push(`${prefix} ${screen}: scrolls sideways`);
    for (const s of await smallControls(page)) problems.push(`${prefix} ${screen}: small control ${s}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(MODE_SHOTS, `${prefix}-${screen}.png`), fullPage: true });
  };
}

/** The screens most worth checking in each mode: lists, boards, forms, errors, dialogs. */
async function representativeScreens(page: Page, ids: { pendingId: string; approvedId: string }, check: Check): Promise<void> {
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
  await check('on-site');
  for (const [label, heading, slug] of [
    ['Fire roll call', 'Fire roll call', 'roll-call'],
    ['End of day', 'End of day', 'end-of-day'],
    ['Phone custody', 'Phone custody', 'phones'],
    ['Device requests', 'Device requests and exemptions', 'exemptions'],
    ['Breaches and concerns', 'Breaches and concerns', 'breaches'],
    ['Visit history', 'Visit history', 'history'],
    ['Subject access', 'Subject access', 'subject-access'],
    ['Staff accounts', 'Staff accounts', 'staff'],
  ] as const) {
    await openPage(page, label, heading);
    await expect(page.getByText(/^Loading/)).toHaveCount(0);
    await check(slug);
  }
  await openPage(page, 'Phone policy text');
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
  await check('policy');
  await page.getByRole('button', { name: /^Arabic/ }).click();
  await check('policy-arabic');
  await openPage(page, 'Breaches and concerns');
  await page.getByRole('button', { name: 'Log a breach or concern' }).click();
  await page.getByRole('button', { name: 'Log it' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Please check/ })).toBeVisible();
  await check('breach-log-errors');
  // The head teacher: a device request with the approve form (errors shown) and the refuse dialog.
  const mode = await page.evaluate(() => document.documentElement.className);
  await loginAs(page, STAFF.head);
  expect(await page.evaluate(() => document.documentElement.className)).toBe(mode);
  await page.goto(consoleUrl(`exemptions/${ids.pendingId}`));
  await expect(page.getByRole('heading', { name: 'Approve device use' })).toBeVisible();
  await page.getByRole('radio', { name: 'Only on certain weekdays' }).check();
  await page.getByRole('checkbox', { name: 'Only between certain times of day' }).check();
  await page.getByRole('button', { name: 'Approve device use' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Please check|weekday|day/ })).toBeVisible();
  await check('exemption-approve-form');
  await page.getByRole('button', { name: 'Refuse…' }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await check('exemption-refuse-dialog');
  await page.keyboard.press('Escape');
}

for (const mode of ['large-text', 'high-contrast'] as const) {
  test(`${mode} mode at 1366×768: no serious axe violation, no sideways scrolling`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    if (!ids) {
      await ensureAccounts(page);
      ids = await seed();
    }
    await loginAs(page, ADMIN);
    await turnOn(page, mode);
    const problems: string[] = [];
    await representativeScreens(page, ids, modeCheck(page, `desktop-${mode}`, problems));
    expect(problems).toEqual([]);
  });
}

test('large-text mode on a 390×844 phone: layouts reflow with no sideways scrolling', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  if (!ids) {
    await ensureAccounts(page);
    ids = await seed();
  }
  await loginAs(page, ADMIN);
  await turnOn(page, 'large-text');
  const problems: string[] = [];
  // Layout only here (the DOM is the one axe has checked at 1366×768 and at 200% zoom).
  await representativeScreens(page, ids, modeCheck(page, `phone-large-text`, problems, { axe: false }));
  expect(problems).toEqual([]);
});

test('high contrast follows prefers-contrast: more when nothing is stored', async ({ browser }) => {
  const context = await browser.newContext({ contrast: 'more', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await loginAs(page, ADMIN);
  await expect(page.locator('html')).toHaveClass(/\bhigh-contrast\b/);
  await page.getByRole('banner').getByRole('button', { name: 'Display' }).click();
  const toggle = page.getByRole('banner').getByRole('button', { name: 'High contrast' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  // Turned off here: the stored choice wins over the system's.
  await toggle.click();
  await page.reload();
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.locator('html')).not.toHaveClass(/\bhigh-contrast\b/);
  await context.close();
});

// Staff screens are English by design; Arabic arrives as content (a visitor's name, the Arabic
// policy text). It is isolated with dir="auto" so it reads right to left inside English pages.
const ARABIC_NAME = `فاطمة الزهراء ${String(Date.now() % 100000)}`;

test('Arabic content: a visitor with an Arabic name on the on-site, roll call and history pages', async ({ page, context }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  if (!ids) {
    await ensureAccounts(page);
    ids = await seed();
  }
  const kiosk = await context.newPage();
  await kiosk.setViewportSize({ width: 1080, height: 1920 });
  // The kiosk may receive the office's phone policy in the middle of a sign-in: start again.
  try {
    await signIn(kiosk, { name: ARABIC_NAME, phone: 'I have no phone or smart device with me' });
  } catch {
    await signIn(kiosk, { name: ARABIC_NAME, phone: 'I have no phone or smart device with me' });
  }
  await kiosk.close();
  const office = await OfficeApi.as(STAFF.office);
  await expect
    .poll(async () => (await office.call('onSite.list', {})).visits.some((v) => v.fullName === ARABIC_NAME), { timeout: 30_000, intervals: [1000] })
    .toBe(true);
  const startedHere = !(await office.call('rollCall.current', {})).rollCall;
  if (startedHere) await office.call('rollCall.start', {});
  try {
    await loginAs(page, ADMIN);
    const problems: string[] = [];
    for (const mode of ['normal', 'high-contrast'] as const) {
      if (mode === 'high-contrast') await turnOn(page, mode);
      const check = modeCheck(page, `arabic-${mode}`, problems);
      await openPage(page, 'On site now');
      const name = page.locator('main bdi[dir="auto"]', { hasText: ARABIC_NAME }).first();
      await expect(name).toBeVisible();
      expect(await name.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
      await check('on-site');
      await openPage(page, 'Fire roll call');
      const card = page.getByRole('list', { name: 'People on site' }).getByRole('listitem').filter({ hasText: ARABIC_NAME });
      await expect(card).toBeVisible();
      await expect(card.locator('bdi[dir="auto"]', { hasText: ARABIC_NAME })).toBeVisible();
      if (mode === 'high-contrast') {
        // A marked card and the pressed button, in high contrast.
        await card.getByRole('button', { name: 'Safe' }).click();
        await expect(card.getByRole('button', { name: 'Safe' })).toHaveAttribute('aria-pressed', 'true');
      }
      await check('roll-call');
      await openPage(page, 'Visit history');
      await expect(page.getByText(/^Loading|^Searching/)).toHaveCount(0);
      await page.getByRole('searchbox', { name: 'Name' }).fill(ARABIC_NAME);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect(page.locator('main bdi[dir="auto"]', { hasText: ARABIC_NAME }).first()).toBeVisible();
      await check('history');
      await openPage(page, 'Phone policy text');
      await expect(page.getByText(/^Loading/)).toHaveCount(0);
      await page.getByRole('button', { name: /^Arabic/ }).click();
      const title = page.getByRole('textbox', { name: 'Title' });
      await expect(title).toHaveAttribute('lang', 'ar');
      await expect(title).toHaveAttribute('dir', 'auto');
      await check('policy-arabic');
    }
    expect(problems).toEqual([]);
  } finally {
    if (startedHere) await office.call('rollCall.end', {});
  }
});
