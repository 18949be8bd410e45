// Regular visitors at the kiosk (issue #13), end to end: the office registers a volunteer with a
// recorded check and a card; the kiosk (synced from the embedded office hub) signs them in when a
// USB scanner "types" the card's code and Enter on the welcome screen. The first time they agree
// to the acceptable-use agreement and the phone rules; next time nothing changed and it takes at
// most 3 taps after the scan (counted here). A changed agreement is asked again, saying so. A card
// the kiosk does not accept gets the neutral "please see reception". Screens are photographed in
// portrait and landscape, English and Arabic, into /tmp/h4/.
import { expect, test, type Locator, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE_NAME } from '../../core/db/open.js';
import { groupCardCode } from '../../shared/cardCode.js';
import type { CardScan } from '../../shared/regulars.js';
import { ADMIN, OfficeApi, STAFF, ensureAccounts, loginAs, openPage } from './console.js';
import { chooseLanguage, fullPageShot, kioskCall, seriousViolations, smallTargets } from './kiosk.js';

const SHOTS = '/tmp/h4';
fs.mkdirSync(SHOTS, { recursive: true });

function kioskCount(sql: string, ...params: unknown[]): number {
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, DB_FILE_NAME), { readonly: true });
  try {
    return db.prepare(sql).pluck().get(...params) as number;
  } finally {
    db.close();
  }
}

/** Until the kiosk's copy (synced every second) answers as expected. */
async function kioskSees(code: string, ok: (s: CardScan) => boolean): Promise<CardScan> {
  let last: CardScan | null = null;
  await expect
    .poll(async () => ok((last = await kioskCall<CardScan>('regular.scan', { cardCode: code, language: 'en' }))), { timeout: 20_000 })
    .toBe(true);
  return last!;
}

/** A USB/HID scanner: the code's characters a few ms apart, then Enter (on the welcome screen,
 *  once it is ready: the scanner is heard there only). */
async function scanCard(page: Page, code: string): Promise<void> {
  const welcome = page.locator('.card-entry button');
  await expect(welcome).toBeVisible();
  // A scanner types the code and Enter in a burst; on a loaded machine the burst can arrive too
  // slowly to count as a scan, and a person would simply scan again.
  await expect(async () => {
    await page.keyboard.type(groupCardCode(code), { delay: 8 });
    await page.keyboard.press('Enter');
    await expect(welcome).toBeHidden({ timeout: 5_000 });
  }).toPass({ timeout: 20_000 });
}

let api: OfficeApi;
let grace: { id: string; code: string };
const seeReceptionCode = 'ABCD-EFGH-JKMN-PQRS';

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await ensureAccounts(page);
  await page.close();
  api = await OfficeApi.as(ADMIN);
  const host = (await api.call('reference.get', {})).hosts.find((h) => h.active)!;
  const { regular } = await api.call('regulars.save', { fullName: 'Grace Okoro', organisation: 'Friends of Greenfield', role: 'Reading volunteer', category: 'volunteer', hostId: host.id });
  await api.call('regulars.addAssurance', { regularId: regular.id, kind: 'dbs_update_service', checkedBy: 'Ada Administrator', checkedOn: '2020-01-01', expiresOn: '2099-12-31' });
  const { card } = await api.call('regulars.issueCard', { id: regular.id });
  grace = { id: regular.id, code: card.code };
  await kioskSees(grace.code, (s) => s.status === 'ok');
});

async function signOutGrace(): Promise<void> {
  const s = await kioskCall<CardScan>('regular.scan', { cardCode: grace.code, language: 'en' });
  if (s.status === 'ok' && s.onSiteVisitId) await kioskCall('visit.signOut', { visitId: s.onSiteVisitId, phoneCollected: true });
}

test.describe('Quick sign-in with a regular visitor card', () => {
  test('first scan: welcome back, agree to what is new, phone, badge; the next visit takes at most 3 taps', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'I have a card' })).toBeVisible();
    await scanCard(page, grace.code);
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome back, Grace O.' })).toBeVisible();
    await expect(page.getByText('The acceptable-use agreement for regular visitors. Please read it and agree.')).toBeVisible();
    await expect(page.getByText('The rules for phones and smart devices have changed.')).toBeVisible();
    await expect(page.getByText('Near pupils I switch Bluetooth, AirDrop and similar sharing off.')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    await fullPageShot(page, `${SHOTS}/kiosk-card-first-en-portrait.png`);

    // Not agreed: it says why and stays.
    await page.getByRole('radio', { name: 'I have handed it to reception' }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Please tick the box to show that you will follow this agreement.')).toBeVisible();
    await page.getByRole('checkbox', { name: 'I have read these expectations and I will follow them' }).check();
    await page.getByRole('checkbox', { name: 'I have read this agreement and I will follow it' }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'You are signed in' })).toBeVisible();
    await page.getByRole('button', { name: /Finish|Done/ }).first().click();
    await signOutGrace();

    // Next visit: nothing changed. Taps after the scan are counted.
    let taps = 0;
    const tap = async (l: Locator) => {
      taps++;
      await l.click();
    };
    await page.goto('/');
    await scanCard(page, grace.code);
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome back, Grace O.' })).toBeVisible();
    await expect(page.getByText('Nothing has changed since your last visit.')).toBeVisible();
    await expect(page.getByRole('checkbox')).toHaveCount(0);
    await fullPageShot(page, `${SHOTS}/kiosk-card-unchanged-en-portrait.png`);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await fullPageShot(page, `${SHOTS}/kiosk-card-unchanged-en-landscape.png`);
    await page.setViewportSize({ width: 1080, height: 1920 });
    await tap(page.getByText('I will lock my phone away')); // the first free locker is offered
    await tap(page.getByRole('button', { name: 'Sign in' }));
    await expect(page.getByRole('heading', { level: 1, name: 'You are signed in' })).toBeVisible();
    await tap(page.getByRole('button', { name: /Finish|Done/ }).first());
    await expect(page.getByRole('button', { name: 'I have a card' })).toBeVisible();
    expect(taps).toBeLessThanOrEqual(3);

    // Scanned again while on site (or a scanner that sends the code twice): no second visit.
    await scanCard(page, grace.code);
    await expect(page.getByRole('heading', { level: 1, name: 'You are already signed in' })).toBeVisible();
    expect(kioskCount('SELECT COUNT(*) FROM regular_visits rv JOIN visits v ON v.id = rv.visit_id WHERE rv.regular_id = ? AND v.departed_at IS NULL', grace.id)).toBe(1);
    await signOutGrace();
  });

  test('a scanner that sends the code twice signs in once', async ({ page }) => {
    await page.goto('/');
    const before = kioskCount('SELECT COUNT(*) FROM regular_visits WHERE regular_id = ?', grace.id);
    await expect(page.locator('.card-entry button')).toBeVisible();
    for (let i = 0; i < 2; i++) {
      await page.keyboard.type(groupCardCode(grace.code), { delay: 8 });
      await page.keyboard.press('Enter');
    }
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome back, Grace O.' })).toBeVisible();
    await page.getByText('I have handed it to reception').click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'You are signed in' })).toBeVisible();
    expect(kioskCount('SELECT COUNT(*) FROM regular_visits WHERE regular_id = ?', grace.id)).toBe(before + 1);
    await signOutGrace();
  });

  test('a changed agreement is asked again and shown as changed', async ({ page }) => {
    const current = (await api.call('regulars.list', {})).agreement;
    const en = current.texts.en!;
    await api.call('agreement.publish', { texts: { en: { title: en.title, points: [...en.points, 'I wear my visitor badge where it can be seen.'] } } });
    await kioskSees(grace.code, (s) => s.status === 'ok' && s.agreement?.due === 'changed');

    // In Arabic first: the reason in Arabic; the new text exists in English only, so it is shown in English.
    for (const [w, h, o] of [[1080, 1920, 'portrait'], [1920, 1080, 'landscape']] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto('/');
      const ar = await chooseLanguage(page, 'ar');
      await scanCard(page, grace.code);
      await expect(page.getByText(ar.card.agreementChanged)).toBeVisible();
      await expect(page.getByText(ar.policy.notTranslated)).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await fullPageShot(page, `${SHOTS}/kiosk-card-changed-ar-${o}.png`);
      await page.getByRole('button', { name: ar.app.back }).click();
    }
    await page.setViewportSize({ width: 1080, height: 1920 });

    await page.goto('/');
    await scanCard(page, grace.code);
    await expect(page.getByText('The acceptable-use agreement has changed.')).toBeVisible();
    await expect(page.getByText('I wear my visitor badge where it can be seen.')).toBeVisible();
    await expect(page.getByText('The rules for phones and smart devices have changed.')).toHaveCount(0);
    await fullPageShot(page, `${SHOTS}/kiosk-card-changed-en-portrait.png`);
    await page.getByText('I have handed it to reception').click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Please tick the box to show that you will follow this agreement.')).toBeVisible();
    await page.getByRole('checkbox', { name: 'I have read this agreement and I will follow it' }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'You are signed in' })).toBeVisible();
    await signOutGrace();
  });

  test('a card typed by hand (spaces, lower case) works; an unknown one gets "please see reception"', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'I have a card' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in with your card' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await fullPageShot(page, `${SHOTS}/kiosk-card-entry-en-portrait.png`);
    await page.getByRole('textbox', { name: 'Card code' }).fill(seeReceptionCode.toLowerCase().replaceAll('-', ' '));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Please see reception' })).toBeVisible();
    await expect(page.getByText('Reception will help you sign in today.')).toBeVisible();
    await fullPageShot(page, `${SHOTS}/kiosk-card-reception-en-portrait.png`);
    await page.getByRole('button', { name: 'OK' }).click();

    await page.getByRole('button', { name: 'I have a card' }).click();
    await page.getByRole('textbox', { name: 'Card code' }).fill(groupCardCode(grace.code).toLowerCase().replaceAll('-', ' '));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome back, Grace O.' })).toBeVisible();
  });

  test('in Arabic, right to left, portrait and landscape', async ({ page }) => {
    for (const [w, h, o] of [[1080, 1920, 'portrait'], [1920, 1080, 'landscape']] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto('/');
      const ar = await chooseLanguage(page, 'ar');
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await fullPageShot(page, `${SHOTS}/kiosk-welcome-ar-${o}.png`);
      await page.getByRole('button', { name: ar.card.haveCard }).click();
      await fullPageShot(page, `${SHOTS}/kiosk-card-entry-ar-${o}.png`);
      await page.getByRole('button', { name: ar.app.back }).click();
      await chooseLanguage(page, 'ar');
      await scanCard(page, grace.code);
      await expect(page.getByRole('heading', { level: 1 })).toContainText('أهلًا بعودتك');
      expect(await seriousViolations(page)).toEqual([]);
      await fullPageShot(page, `${SHOTS}/kiosk-card-welcome-ar-${o}.png`);
      await page.getByRole('button', { name: ar.app.back }).click();
      await chooseLanguage(page, 'ar');
      await page.getByRole('button', { name: ar.card.haveCard }).click();
      await page.getByRole('textbox', { name: ar.card.entryLabel }).fill(seeReceptionCode);
      await page.getByRole('button', { name: ar.app.continue }).click();
      await expect(page.getByRole('heading', { level: 1, name: ar.card.seeReceptionHeading })).toBeVisible();
      await fullPageShot(page, `${SHOTS}/kiosk-card-reception-ar-${o}.png`);
    }
  });
});

test.describe('The console page for regular visitors', () => {
  test('shows the register, refuses a certificate number in words, and issues a card with its PDF', async ({ page }) => {
    await loginAs(page, STAFF.office);
    await openPage(page, 'Regular visitors');
    await expect(page.getByRole('cell', { name: /Grace Okoro/ }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Details of Grace Okoro' }).last().click();
    await page.getByRole('textbox', { name: 'Checked by' }).fill('Pat Office');
    await page.getByLabel('Review or expiry date').fill('2030-01-31');
    await page.getByRole('textbox', { name: /Note/ }).fill('Certificate 0012 3456 7890');
    await page.getByRole('button', { name: 'Record check' }).click();
    await expect(page.getByText('Do not record DBS certificate numbers here', { exact: false }).first()).toBeVisible();
    await page.getByRole('textbox', { name: /Note/ }).fill('Seen with photo ID');
    await page.getByRole('button', { name: 'Record check' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Assurance recorded.' })).toBeVisible();
    await page.getByRole('button', { name: 'Issue a new card' }).click();
    await expect(page.getByText('New card code:', { exact: false })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Card (PDF)' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/console-regulars.png`, fullPage: true });
    // The old card is dead at the kiosk after its next sync.
    await kioskSees(grace.code, (s) => s.status === 'see_reception');
  });
});
