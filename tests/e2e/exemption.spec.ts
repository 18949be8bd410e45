// A visiting professional whose device use the headteacher approved: the kiosk finds the approval
// (copied from the office into the kiosk's database), shows where, until when and its conditions,
// will not go on until they are ticked, and the done screen says what was approved. Without an
// approval the visitor is sent to reception, as before. The approvals are written straight into
// the running kiosk's SQLite file, as the office sync would.
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { DB_FILE_NAME } from '../../core/db/open.js';
import { nameKey } from '../../shared/text.js';
import { acknowledgePolicy, chooseLanguage, choosePhone, fillAboutYou, fullPageShot, seriousViolations, smallTargets, STRINGS } from './kiosk.js';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots/exemption');
const ORG = 'Kent Community Health';
const CONDITIONS = 'Use the laptop only in the rooms named above.\nNo photos, video or audio recordings of pupils.\nKeep your phone on silent and out of sight everywhere else.';

/** The kiosk's own database file, opened beside the running kiosk (WAL: both see each other's writes). */
function kioskDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, DB_FILE_NAME));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** An approval valid all day today, every day, as the office would send it. */
function approve(id: string, fullName: string, organisation = ORG): void {
  kioskDb((db) =>
    db
      .prepare(
        `INSERT OR REPLACE INTO exemptions (id, status, name_key, organisation_key, valid_from, valid_to, daily_from, daily_to, weekdays, locations, devices, conditions)
         VALUES (?, 'approved', ?, ?, '2020-01-01', '2099-12-31', '00:00', '23:59', NULL, ?, ?, ?)`,
      )
      .run(id, nameKey(fullName), nameKey(organisation), JSON.stringify(['Room 4', 'Speech therapy room']), 'Work laptop', CONDITIONS),
  );
}

const revoke = (id: string) => kioskDb((db) => db.prepare("UPDATE exemptions SET status = 'revoked' WHERE id = ?").run(id));

test.afterAll(() => kioskDb((db) => db.prepare("DELETE FROM exemptions WHERE id LIKE 'e2e-%'").run()));

async function professionalAtPhoneStep(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await fillAboutYou(page, { category: 'Visiting professional', name, organisation: ORG, role: 'Speech and language therapist', purpose: 'Therapy session' });
  await acknowledgePolicy(page);
  await choosePhone(page, { name, phone: 'I have approval to use my device' });
}

test.describe('A visitor who says "I have approval to use my device"', () => {
  test('with an approval: sees where, until when and the conditions, must tick them, and the done screen and badge say so', async ({ page }) => {
    approve('e2e-adebayo', 'Dr Nia Adebayo');
    await professionalAtPhoneStep(page, 'Dr Nia Adebayo');

    const approval = page.getByRole('region', { name: 'Your approval to use a device' });
    await expect(approval).toBeVisible();
    await expect(approval.getByText('Room 4, Speech therapy room')).toBeVisible();
    await expect(approval.getByText('23:59')).toBeVisible();
    await expect(approval.getByText('Work laptop')).toBeVisible();
    await expect(approval.getByText('No photos, video or audio recordings of pupils.', { exact: false })).toBeVisible();
    const box = page.getByRole('checkbox', { name: 'I will follow these conditions' });
    await expect(box).not.toBeChecked(); // never pre-ticked
    expect(await seriousViolations(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    await fullPageShot(page, path.join(SHOTS, 'portrait-01-phone-approval.png'));

    // Not ticked: it explains why and stays.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Please tick the box to show that you will follow these conditions.')).toBeVisible();
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(box).toBeFocused();
    await expect(page.getByRole('heading', { level: 1, name: 'Your phone' })).toBeVisible();

    await box.check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'You are signed in' })).toBeVisible();
    await expect(page.getByText('Device use approved: Room 4, Speech therapy room, until 23:59')).toBeVisible();
    await expect(page.getByRole('img', { name: 'Your visitor badge' })).toBeVisible();
    await fullPageShot(page, path.join(SHOTS, 'portrait-02-done-approval.png'));

    // What the kiosk recorded: custody under the approval, and the hash of the conditions ticked.
    const code = (await page.locator('.code').textContent())!.trim();
    const recorded = kioskDb((db) => {
      const v = db.prepare('SELECT id, phone_kind, exemption_id FROM visits WHERE badge_code = ?').get(code) as { id: string; phone_kind: string; exemption_id: string };
      const ack = db.prepare("SELECT body FROM visit_events WHERE visit_id = ? AND kind = 'exemption_conditions_acknowledged'").pluck().get(v.id) as string;
      return { phone_kind: v.phone_kind, exemption_id: v.exemption_id, ack: JSON.parse(ack) as Record<string, unknown> };
    });
    expect(recorded).toMatchObject({ phone_kind: 'exemption', exemption_id: 'e2e-adebayo', ack: { exemptionId: 'e2e-adebayo', conditionsHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });

  test('without an approval: told none was found, and sent to reception as before', async ({ page }) => {
    await professionalAtPhoneStep(page, 'Tomasz Nowak');
    await expect(page.getByText('We could not find an approval for your name and organisation for today.')).toBeVisible();
    await expect(page.getByText('Please speak to reception before you use your device.', { exact: false })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'I will follow these conditions' })).toHaveCount(0);
    await fullPageShot(page, path.join(SHOTS, 'portrait-03-phone-no-approval.png'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Not yet approved: please speak to reception')).toBeVisible();
  });

  test('an approval revoked while they read it: the sign-in says so, writes nothing, and the phone step asks again', async ({ page }) => {
    approve('e2e-revoked', 'Dr Sam Revell');
    await professionalAtPhoneStep(page, 'Dr Sam Revell');
    await page.getByRole('checkbox', { name: 'I will follow these conditions' }).check();
    const visitsBefore = kioskDb((db) => db.prepare('SELECT COUNT(*) FROM visits').pluck().get());
    revoke('e2e-revoked');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByRole('alert')).toHaveText('Your approval has just changed or is no longer valid. Please read the details below again.');
    await expect(page.getByRole('heading', { level: 1, name: 'Your phone' })).toBeVisible();
    await expect(page.getByText('We could not find an approval for your name and organisation for today.')).toBeVisible();
    expect(kioskDb((db) => db.prepare('SELECT COUNT(*) FROM visits').pluck().get())).toBe(visitsBefore);
    await fullPageShot(page, path.join(SHOTS, 'portrait-04-approval-revoked.png'));

    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Not yet approved: please speak to reception')).toBeVisible();
  });

  test('in Arabic: the approval and its box are shown right to left, and the done screen says what was approved', async ({ page }) => {
    const name = 'ليلى حداد';
    approve('e2e-haddad', name);
    const s = STRINGS.ar;
    await page.goto('/');
    await chooseLanguage(page, 'ar');
    await page.getByRole('button', { name: s.welcome.signIn, exact: true }).click();
    await page.getByRole('radio', { name: s.who.categories.professional }).check();
    await page.getByRole('textbox', { name: s.who.fullName, exact: true }).fill(name);
    await page.getByRole('textbox', { name: s.who.organisation, exact: true }).fill(ORG);
    await page.getByRole('textbox', { name: s.who.agencyRole, exact: true }).fill('أخصائية نطق');
    await page.getByRole('radio', { name: 'School office', exact: true }).check();
    await page.getByRole('textbox', { name: s.who.purpose, exact: true }).fill('جلسة علاجية');
    await page.getByRole('button', { name: s.app.continue, exact: true }).click();
    await page.getByRole('checkbox', { name: s.policy.agree, exact: true }).check();
    await page.getByRole('button', { name: s.app.continue, exact: true }).click();
    await page.getByRole('radio', { name: s.phone.exemption, exact: true }).check();

    const approval = page.getByRole('region', { name: s.approval.heading, exact: true });
    await expect(approval).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(approval.getByText(s.approval.asWritten)).toBeVisible();
    // Mirrored: each label sits to the right of its value.
    const dt = await approval.locator('dt').first().boundingBox();
    const dd = await approval.locator('dd').first().boundingBox();
    expect(dt!.x).toBeGreaterThan(dd!.x);
    await fullPageShot(page, path.join(SHOTS, 'portrait-05-phone-approval-ar.png'));

    await page.getByRole('button', { name: s.phone.signIn, exact: true }).click();
    await expect(page.getByText(s.approval.mustAgree)).toBeVisible();
    await page.getByRole('checkbox', { name: s.approval.agree, exact: true }).check();
    await page.getByRole('button', { name: s.phone.signIn, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: s.done.heading, exact: true })).toBeVisible();
    await expect(page.locator('.summary dd.strong')).toContainText('Room 4, Speech therapy room');
    await expect(page.locator('.summary dd.strong')).toContainText('تمت الموافقة على استخدام الجهاز');
    await fullPageShot(page, path.join(SHOTS, 'portrait-06-done-approval-ar.png'));
  });
});
