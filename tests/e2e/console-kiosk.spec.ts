// The office and the kiosk together, as on a one-PC reception (the browser kiosk runs the office
// hub embedded and syncs with it): the office enters a device request, the headteacher approves
// it in the console, the visitor uses it at the kiosk (conditions shown and ticked, the office
// sees them on site under the exemption), the DSL revokes it, and the kiosk then refuses it.
import { expect, test, type Page } from '@playwright/test';
import { acknowledgePolicy, choosePhone, fillAboutYou } from './kiosk.js';
import { consoleUrl, ensureAccounts, loginAs, OfficeApi, openPage, STAFF } from './console.js';

const ORG = 'County Speech and Language Service';
const SHOTS = 'test-results/console/flow';

async function atPhoneStep(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await fillAboutYou(page, { category: 'Visiting professional', name, organisation: ORG, role: 'Speech and language therapist', purpose: 'Therapy session' });
  await acknowledgePolicy(page);
  await choosePhone(page, { name, phone: 'I have approval to use my device' });
}

test('create → approve in the console → use at the kiosk → revoke → the kiosk refuses', async ({ page, context }) => {
  test.setTimeout(180_000);
  const name = `Dr Priya Shah ${Date.now() % 100000}`;
  await ensureAccounts(page);

  // Office staff enter the request (API: the form itself is tested in console.spec.ts).
  const office = await OfficeApi.as(STAFF.office);
  const { exemption } = await office.call('exemptions.request', {
    fullName: name,
    organisation: ORG,
    agencyRole: 'Speech and language therapist',
    purpose: 'Uses a work tablet for therapy records.',
    devices: 'Work tablet',
    locationIds: ['room-4'],
  });

  // The head approves it in the console, for today, with conditions.
  await loginAs(page, STAFF.head);
  await page.goto(consoleUrl(`exemptions/${exemption.id}`));
  await expect(page.getByRole('heading', { name: 'Approve device use' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Conditions' }).fill('Use the tablet only in Room 4. No photographs of pupils.');
  await page.getByRole('button', { name: 'Approve device use' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Approved.' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/01-approved.png`, fullPage: true });

  // At the kiosk (a second tab, as the visitor): the approval has arrived by sync.
  const kiosk = await context.newPage();
  await expect
    .poll(
      async () => {
        await atPhoneStep(kiosk, name);
        return kiosk.getByRole('region', { name: 'Your approval to use a device' }).isVisible();
      },
      // The approval arrives at the kiosk's next pull; each look walks the sign-in (seconds).
      { timeout: 60_000, intervals: [1000] },
    )
    .toBe(true);
  const approval = kiosk.getByRole('region', { name: 'Your approval to use a device' });
  await expect(approval).toContainText('Room 4 (meeting room)');
  await expect(approval).toContainText('No photographs of pupils.');
  await kiosk.getByRole('checkbox', { name: 'I will follow these conditions' }).check();
  await kiosk.getByRole('button', { name: 'Sign in' }).click();
  await expect(kiosk.getByRole('heading', { level: 1, name: 'You are signed in' })).toBeVisible();
  await expect(kiosk.getByText(/Device use approved: Room 4 \(meeting room\)/)).toBeVisible();
  await kiosk.screenshot({ path: `${SHOTS}/02-kiosk-signed-in-with-approval.png` });

  // The office sees them on site under the exemption (after the kiosk's next push).
  await page.bringToFront();
  await expect
    .poll(async () => (await office.call('onSite.list', {})).visits.find((v) => v.fullName === name)?.phone?.kind, { timeout: 30_000, intervals: [1000] })
    .toBe('exemption');
  await openPage(page, 'On site now');
  await expect(page.getByRole('main')).toContainText(name);
  await page.screenshot({ path: `${SHOTS}/03-on-site.png`, fullPage: true });

  // The DSL revokes it in the console.
  await loginAs(page, STAFF.dsl);
  await page.goto(consoleUrl(`exemptions/${exemption.id}`));
  await page.getByRole('button', { name: 'Revoke…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Revoke this exemption now?' });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Used the tablet in the playground.');
  await dialog.getByRole('button', { name: 'Revoke exemption' }).click();
  await expect(dialog).toBeHidden();
  // On site now flags the visitor whose exemption was revoked while here.
  await openPage(page, 'On site now');
  await expect(page.getByRole('main')).toContainText(/revoked/i);
  await page.screenshot({ path: `${SHOTS}/04-revoked-on-site.png`, fullPage: true });

  // Back at the kiosk: the same visitor (next day, say) is refused the approval.
  await kiosk.bringToFront();
  await expect
    .poll(
      async () => {
        await atPhoneStep(kiosk, name);
        return kiosk.getByText('We could not find an approval for your name and organisation for today.').isVisible();
      },
      // Each look walks the kiosk's sign-in to the phone step (seconds on a loaded machine), and the
      // revocation arrives at the kiosk's next pull: allow a minute.
      { timeout: 60_000, intervals: [1000] },
    )
    .toBe(true);
  await expect(kiosk.getByRole('checkbox', { name: 'I will follow these conditions' })).toHaveCount(0);
  await kiosk.screenshot({ path: `${SHOTS}/05-kiosk-refuses.png` });
});
