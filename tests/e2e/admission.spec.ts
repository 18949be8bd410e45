// Known visitors in the browser kiosk with its embedded office (issue #13):
//  - an expected visitor finds themselves by three letters among masked names, their details are
//    filled in, and the console shows them arrived;
//  - a sign-in whose name matches the restricted list (here an alias in Cyrillic) gets the neutral
//    "please see reception" screen, and the console raises the alert on every page.
// Every new screen is checked with axe and photographed in portrait and landscape, English and
// Arabic, under /tmp/h5/ (override with ADMISSION_SHOTS).
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE_NAME } from '../../core/db/open.js';
import { ensureAccounts, loginAs, OfficeApi, openPage, STAFF } from './console.js';
import { acknowledgePolicy, chooseLanguage, choosePhone, fillAboutYou, fullPageShot, seriousViolations, smallTargets, STRINGS, type Strings } from './kiosk.js';

const SHOTS = process.env.ADMISSION_SHOTS ?? '/tmp/h5';
fs.mkdirSync(SHOTS, { recursive: true });
const VIEWS = { portrait: { width: 1080, height: 1920 }, landscape: { width: 1920, height: 1080 } } as const;

function kioskDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, DB_FILE_NAME), { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Today in the site's time zone, as the office enters dates. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

async function until(what: string, cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function shots(page: Page, name: string): Promise<void> {
  for (const [view, size] of Object.entries(VIEWS)) {
    await page.setViewportSize(size);
    await fullPageShot(page, path.join(SHOTS, `${name}-${view}.png`));
  }
  await page.setViewportSize(VIEWS.portrait);
}

/** The sign-in code as the visitor has it: read off the invitation letter; once the kiosk knows it. */
async function invitationCode(office: OfficeApi, expectedId: string, stamp: number): Promise<string> {
  const letter = await office.call('invitations.letter', { expectedId, language: 'en', time: '10:30' });
  const pdf = path.join(SHOTS, `letter-${stamp}.pdf`);
  fs.writeFileSync(pdf, Buffer.from(letter.pdfBase64, 'base64'));
  const code = /\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/.exec(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }))![0];
  await until('the code hash reached the kiosk', () => kioskDb((db) => db.prepare('SELECT code_hash FROM expected_visitors WHERE id = ?').pluck().get(expectedId)) != null);
  return code;
}

/** A USB/HID scanner reading a QR on the welcome screen: the characters a few ms apart, then Enter. */
async function scan(page: Page, code: string): Promise<void> {
  await expect(page.locator('.card-entry button')).toBeVisible();
  await page.keyboard.type(code, { delay: 8 });
  await page.keyboard.press('Enter');
}

async function findBooking(page: Page, s: Strings, letters: string): Promise<void> {
  await page.getByRole('button', { name: s.welcome.signIn, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.who.heading, exact: true })).toBeVisible();
  await page.getByRole('button', { name: s.admission.findBooking, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.admission.heading, exact: true })).toBeVisible();
  await page.getByRole('textbox', { name: s.admission.letters, exact: true }).fill(letters);
  await page.getByRole('button', { name: s.admission.find, exact: true }).click();
}

test.describe.configure({ mode: 'serial' });

test('an expected visitor finds themselves by three letters, masked; details filled in; the console shows them arrived', async ({ page }) => {
  test.setTimeout(120_000);
  await ensureAccounts(page);
  const office = await OfficeApi.as(STAFF.office);
  const hostId = (await office.call('reference.get', {})).hosts.find((h) => h.name === 'School office')?.id ?? (await office.call('reference.get', {})).hosts[0]!.id;
  const stamp = Date.now() % 100000;
  const fullName = `Zanele Quist${stamp}`;
  await office.call('expected.save', { fullName, organisation: 'Ofsted', category: 'visitor', hostId, expectedOn: today(), note: 'Keep this note in the office' });
  await office.call('expected.save', { fullName: `Quincy Zed${stamp}`, organisation: '', category: 'visitor', hostId, expectedOn: today(), note: '' });
  await until('the bookings reached the kiosk', () => kioskDb((db) => db.prepare('SELECT COUNT(*) FROM expected_visitors WHERE full_name LIKE ?').pluck().get(`%${stamp}`) as number) === 2);
  expect(kioskDb((db) => db.prepare("SELECT COUNT(*) FROM expected_visitors WHERE note != ''").pluck().get())).toBe(0);

  // Arabic first: the screen and its masked matches, right to left.
  await page.goto('/');
  const ar = await chooseLanguage(page, 'ar');
  await findBooking(page, ar, 'qui');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('button', { name: 'Zanele Q.' })).toBeVisible();
  await shots(page, 'expected-find-ar');
  await page.getByRole('button', { name: 'Zanele Q.' }).click();
  await expect(page.getByRole('status').filter({ hasText: ar.admission.filled })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shots(page, 'expected-filled-ar');

  // English: three letters list both names, masked; nothing else of the booking shows.
  await page.goto('/');
  const en = STRINGS.en;
  await findBooking(page, en, 'qui');
  const list = page.getByRole('list').filter({ has: page.getByRole('button', { name: 'Zanele Q.' }) });
  await expect(list.getByRole('button')).toHaveText(['Quincy Z.', 'Zanele Q.']);
  await expect(page.getByText(fullName)).toHaveCount(0);
  await expect(page.getByText('Ofsted')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  expect(await smallTargets(page)).toEqual([]);
  await shots(page, 'expected-find-en');

  // Two letters are not enough.
  await page.getByRole('textbox', { name: en.admission.letters, exact: true }).fill('qu');
  await page.getByRole('button', { name: en.admission.find, exact: true }).click();
  await expect(page.getByText(en.admission.tooShort)).toBeVisible();
  await page.getByRole('textbox', { name: en.admission.letters, exact: true }).fill('qui');
  await page.getByRole('button', { name: en.admission.find, exact: true }).click();

  await page.getByRole('button', { name: 'Zanele Q.' }).click();
  await expect(page.getByRole('heading', { level: 1, name: en.who.heading })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: en.admission.filled })).toBeVisible();
  await expect(page.getByRole('textbox', { name: en.who.fullName, exact: true })).toHaveValue(fullName);
  await expect(page.getByRole('radio', { name: en.who.categories.visitor, exact: true })).toBeChecked();
  expect(await seriousViolations(page)).toEqual([]);
  await shots(page, 'expected-filled-en');
  await page.getByRole('textbox', { name: en.who.purpose, exact: true }).fill('Inspection');
  await page.getByRole('button', { name: en.app.continue, exact: true }).click();
  await acknowledgePolicy(page);
  await choosePhone(page, { name: fullName, phone: 'I have no phone or smart device with me' });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'You are signed in' })).toBeVisible();

  await loginAs(page, STAFF.office);
  // The arrival reaches the office at the kiosk's next sync: the page shows what the hub held when
  // it loaded, so look again until the push has landed (as reception would press reload).
  const row = page.getByRole('row').filter({ hasText: fullName });
  await openPage(page, 'Expected visitors');
  await expect(async () => {
    await page.reload();
    await expect(row.getByText(/^Arrived \d\d:\d\d$/)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole('row').filter({ hasText: `Quincy Zed${stamp}` }).getByText(/^Arrived/)).toHaveCount(0);
  await page.screenshot({ path: path.join(SHOTS, 'console-expected-arrived.png'), fullPage: true });
});

test('a restricted name (an alias in another script) is held with a neutral screen and the console raises the alert', async ({ page }) => {
  test.setTimeout(120_000);
  await ensureAccounts(page);
  const dsl = await OfficeApi.as(STAFF.dsl);
  const stamp = Date.now() % 100000;
  const cyrillic = `Виктор Рестриктедов${['а', 'б', 'в', 'г', 'д'][stamp % 5]}`;
  const before = kioskDb((db) => db.prepare('SELECT COUNT(*) FROM restricted_keys').pluck().get() as number);
  await dsl.call('restricted.save', { fullName: `Viktor Restricted ${stamp}`, aliases: [cyrillic], reason: 'Court order (e2e)', reviewOn: '2099-01-01' });
  await until('the keys reached the kiosk', () => kioskDb((db) => db.prepare('SELECT COUNT(*) FROM restricted_keys').pluck().get() as number) >= before + 2);

  for (const lng of ['ar', 'en'] as const) {
    await page.goto('/');
    const s = lng === 'en' ? STRINGS.en : await chooseLanguage(page, lng);
    await page.getByRole('button', { name: s.welcome.signIn, exact: true }).click();
    await page.getByRole('radio', { name: s.who.categories.visitor, exact: true }).check();
    // Another word order and capitals: still the same name.
    await page.getByRole('textbox', { name: s.who.fullName, exact: true }).fill(cyrillic.split(' ').reverse().join(' ').toLocaleUpperCase('ru'));
    await page.getByRole('radio', { name: 'School office', exact: true }).check();
    await page.getByRole('textbox', { name: s.who.purpose, exact: true }).fill('Meeting');
    await page.getByRole('button', { name: s.app.continue, exact: true }).click();
    await page.getByRole('checkbox', { name: s.policy.agree, exact: true }).check();
    await page.getByRole('button', { name: s.app.continue, exact: true }).click();
    await page.getByRole('radio', { name: s.phone.none, exact: true }).check();
    await page.getByRole('button', { name: s.phone.signIn, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: s.admission.heldHeading, exact: true })).toBeVisible();
    await expect(page.getByText(s.admission.heldText).first()).toBeVisible();
    // Neutral: no badge, no word of why.
    await expect(page.getByRole('img')).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    await shots(page, `held-${lng}`);
  }

  await loginAs(page, STAFF.office);
  await openPage(page, 'On site now');
  const alert = page.getByRole('alert').filter({ hasText: 'Held at the kiosk' });
  await expect(alert).toBeVisible({ timeout: 20_000 });
  await expect(alert).toContainText(`Viktor Restricted ${stamp}`);
  await page.screenshot({ path: path.join(SHOTS, 'console-held-alert.png'), fullPage: true });
  await openPage(page, 'Restricted list');
  // Office staff see who is on the list, not why.
  await expect(page.getByText('Court order (e2e)')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, 'console-restricted-office.png'), fullPage: true });

  // Reception deals with it: the alert leaves every page (and the specs after this one, which
  // share the office, see a console with no alert showing).
  // (one held sign-in per language tried above, each its own line with its own button)
  await openPage(page, 'On site now');
  const dealtWith = alert.getByRole('button', { name: 'Dealt with' });
  await expect(async () => {
    if ((await dealtWith.count()) > 0) await dealtWith.first().click();
    await expect(page.getByRole('alert').filter({ hasText: 'Held at the kiosk' })).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
});

test("reception records a professional's ID check on the desk: one step, and the desk shows who checked", async ({ page }) => {
  test.setTimeout(120_000);
  await ensureAccounts(page);
  const name = `Grace Checked ${Date.now() % 100000}`;
  await page.goto('/');
  await fillAboutYou(page, { category: 'Visiting professional', name, organisation: 'NHS Speech and Language Therapy', role: 'Speech and language therapist' });
  await acknowledgePolicy(page);
  await choosePhone(page, { name, phone: 'I have no phone or smart device with me' });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'You are signed in' })).toBeVisible();

  await loginAs(page, STAFF.office);
  await openPage(page, 'Reception desk');
  const open = page.getByRole('button', { name: `Record an ID check for ${name}` });
  await expect(open).toBeVisible({ timeout: 20_000 });
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row.getByText('ID not checked')).toBeVisible();
  await open.click();
  const dialog = page.getByRole('dialog', { name: 'Record an ID check' });
  await dialog.getByRole('radio', { name: 'Enhanced DBS certificate seen' }).check();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, 'console-id-check-dialog.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Record and reprint badge' }).click();
  await expect(page.getByRole('status').filter({ hasText: `ID check recorded for ${name}` })).toBeVisible();
  await expect(row.getByText(/^ID checked \d\d:\d\d by Olive Office \(office1\)$/)).toBeVisible();
  // The reprint went to the kiosk with it (no printer here: the kiosk says so).
  const requests = page.getByRole('table', { name: 'Recent requests' });
  await expect(requests.getByRole('row').filter({ hasText: name }).first()).toContainText('Reprint badge', { timeout: 20_000 });
  await expect.poll(() => kioskDb((db) => db.prepare('SELECT seen FROM id_checks v JOIN visits x ON x.id = v.visit_id WHERE x.full_name = ?').pluck().get(name)), { timeout: 20_000 }).toBe('dbs_certificate');
});

test("the invitation's sign-in code, typed loosely at the kiosk, finds today's booking; an unknown code says so plainly (issue #14)", async ({ page }) => {
  test.setTimeout(120_000);
  await ensureAccounts(page);
  const office = await OfficeApi.as(STAFF.office);
  const hostId = (await office.call('reference.get', {})).hosts[0]!.id;
  const stamp = Date.now() % 100000;
  const fullName = `Yusra Codeholder${stamp}`;
  const { expected } = await office.call('expected.save', { fullName, organisation: 'County Social Care', category: 'professional', hostId, expectedOn: today(), note: '' });
  const code = await invitationCode(office, expected.id, stamp);
  // The kiosk's files never hold the code itself.
  const kioskFiles = fs.readdirSync(process.env.E2E_DATA_DIR!).filter((f) => f.startsWith(DB_FILE_NAME)).map((f) => fs.readFileSync(path.join(process.env.E2E_DATA_DIR!, f)).toString('utf8')).join('\n');
  expect(kioskFiles).not.toContain(code);
  expect(kioskFiles).not.toContain(code.replaceAll('-', ''));
  const typed = code.toLowerCase().replaceAll('-', ' ');
  const unknown = code.endsWith('0') ? `${code.slice(0, -1)}1` : `${code.slice(0, -1)}0`;

  // Arabic: an unknown code first, then the real one, right to left.
  await page.goto('/');
  const ar = await chooseLanguage(page, 'ar');
  await findBooking(page, ar, unknown);
  await expect(page.getByRole('status').filter({ hasText: ar.signinCode.notFound })).toBeVisible();
  await expect(page.getByText(ar.signinCode.hint)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shots(page, 'expected-code-unknown-ar');
  await page.getByRole('textbox', { name: ar.admission.letters, exact: true }).fill(typed);
  await page.getByRole('button', { name: ar.admission.find, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: ar.who.heading })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: ar.admission.filled })).toBeVisible();
  await expect(page.getByRole('textbox', { name: ar.who.fullName, exact: true })).toHaveValue(fullName);
  await shots(page, 'expected-code-filled-ar');

  // English: typed in lower case with spaces, it fills in the details exactly as picking a match does.
  await page.goto('/');
  const en = STRINGS.en;
  await findBooking(page, en, typed);
  await expect(page.getByRole('heading', { level: 1, name: en.who.heading })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: en.admission.filled })).toBeVisible();
  await expect(page.getByRole('textbox', { name: en.who.fullName, exact: true })).toHaveValue(fullName);
  await expect(page.getByRole('textbox', { name: en.who.organisation, exact: true })).toHaveValue('County Social Care');
  await expect(page.getByRole('radio', { name: new RegExp(`^${en.who.categories.professional}`) })).toBeChecked();
  expect(await seriousViolations(page)).toEqual([]);
  await shots(page, 'expected-code-filled-en');
  await page.goto('/');
  await findBooking(page, en, unknown);
  await expect(page.getByRole('status').filter({ hasText: en.signinCode.notFound })).toBeVisible();
  await shots(page, 'expected-code-unknown-en');
});

test("an invitation's QR scanned on the welcome screen goes on as Find your booking does; an unknown code still says only 'Please see reception'", async ({ page }) => {
  test.setTimeout(120_000);
  await ensureAccounts(page);
  const office = await OfficeApi.as(STAFF.office);
  const hostId = (await office.call('reference.get', {})).hosts[0]!.id;
  const stamp = Date.now() % 100000;
  const fullName = `Zainab Scanholder${stamp}`;
  const { expected } = await office.call('expected.save', { fullName, organisation: 'Local Authority', category: 'professional', hostId, expectedOn: today(), note: '' });
  const code = await invitationCode(office, expected.id, stamp);
  const unknown = code.endsWith('0') ? `${code.slice(0, -1)}1` : `${code.slice(0, -1)}0`;
  const en = STRINGS.en;

  await page.goto('/');
  await scan(page, code);
  await expect(page.getByRole('heading', { level: 1, name: en.who.heading })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: en.admission.filled })).toBeVisible();
  await expect(page.getByRole('textbox', { name: en.who.fullName, exact: true })).toHaveValue(fullName);
  await expect(page.getByRole('textbox', { name: en.who.organisation, exact: true })).toHaveValue('Local Authority');
  await expect(page.getByRole('radio', { name: new RegExp(`^${en.who.categories.professional}`) })).toBeChecked();

  await page.goto('/');
  await scan(page, unknown);
  await expect(page.getByRole('heading', { level: 1, name: en.card.seeReceptionHeading })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: en.card.seeReceptionBody })).toBeVisible();
  await expect(page.getByText(en.signinCode.notFound)).toHaveCount(0);
});
