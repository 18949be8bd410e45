// The office console end to end against a real office hub (scripts/office.ts): first-run
// set-up, login and logout, every page for the administrator, navigation by role, a device
// request decided by the headteacher and revoked by the DSL, a breach logged by office staff
// (who then see its status only) and closed by the DSL, a new account choosing its own
// password, and the console locking itself when left alone.
import { expect, test } from '@playwright/test';
import { ADMIN, consoleUrl, ensureAccounts, logIn, loginAs, logOut, OfficeApi, openPage, STAFF } from './console.js';

test.use({ viewport: { width: 1366, height: 768 } });

const ADMIN_PAGES: [label: string, heading: string][] = [
  ['Fire roll call', 'Fire roll call'],
  ['On site now', 'On site now'],
  ['End of day', 'End of day'],
  ['Reception desk', 'Reception desk'],
  ['Phone custody', 'Phone custody'],
  ['Device requests', 'Device requests and exemptions'],
  ['Breaches and concerns', 'Breaches and concerns'],
  ['Visit history', 'Visit history'],
  ['Expected visitors', 'Expected visitors'],
  ['Kiosks', 'Kiosks'],
  ['Lockers, places, hosts', 'Lockers, places and hosts'],
  ['Phone policy text', 'Phone policy text'],
  ['Subject access', 'Subject access'],
  ['Retention', 'Retention'],
  ['Staff accounts', 'Staff accounts'],
  ['Audit log', 'Audit log'],
];

test.beforeEach(async ({ page }) => {
  await ensureAccounts(page);
});

test('login, who am I, every page renders, logout', async ({ page }) => {
  await logIn(page, ADMIN);
  await expect(page.getByRole('banner')).toContainText('Administrator');
  for (const [label, heading] of ADMIN_PAGES) {
    await openPage(page, label, heading);
    await expect(page.getByRole('status').filter({ hasText: /Loading/ })).toHaveCount(0);
    await expect(page.locator('.error-box')).toHaveCount(0);
  }
  await logOut(page);
  // The session is gone: a page address leads back to login.
  await page.goto(consoleUrl('staff'));
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
});

test('a wrong password says so plainly, and leaves the form usable', async ({ page }) => {
  await page.goto(consoleUrl());
  await page.getByRole('textbox', { name: 'Username' }).fill(STAFF.office.username);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('The username or password is not right');
  await expect(page.getByLabel('Password')).toHaveValue('');
});

test('navigation shows each role only what it can use', async ({ page }) => {
  const nav = page.getByRole('navigation', { name: 'Console' });
  await loginAs(page, STAFF.office);
  await expect(page.getByRole('banner')).toContainText('Office staff');
  for (const hidden of ['Staff accounts', 'Audit log', 'Phone policy text', 'Lockers, places, hosts', 'Retention', 'Subject access']) await expect(nav.getByRole('link', { name: hidden })).toHaveCount(0);
  for (const shown of ['Fire roll call', 'On site now', 'End of day', 'Phone custody', 'Device requests', 'Breaches and concerns', 'Visit history', 'Expected visitors', 'Kiosks'])
    await expect(nav.getByRole('link', { name: shown, exact: true })).toBeVisible();
  // An address the role cannot use shows its first page instead.
  await page.goto(consoleUrl('staff'));
  await expect(page.getByRole('heading', { level: 1, name: 'On site now' })).toBeVisible();

  await loginAs(page, STAFF.head);
  await expect(nav.getByRole('link', { name: 'Phone policy text' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Staff accounts' })).toHaveCount(0);
});

test('a device request: office enters it and cannot approve, the head approves, the DSL revokes', async ({ page }) => {
  const name = `Priya Therapist ${Date.now() % 100000}`;
  await loginAs(page, STAFF.office);
  await openPage(page, 'Device requests', 'Device requests and exemptions');
  await page.getByRole('link', { name: 'New request' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New device-use request' })).toBeVisible();
  // Errors are tied to their fields.
  await page.getByRole('button', { name: 'Send request for a decision' }).click();
  await expect(page.getByRole('alert').first()).toContainText('Please check');
  const fullName = page.getByRole('textbox', { name: 'Visitor’s full name' });
  await expect(fullName).toHaveAttribute('aria-invalid', 'true');
  await expect(fullName).toHaveAccessibleDescription(/required/);
  await fullName.fill(name);
  await page.getByRole('textbox', { name: 'Organisation' }).fill('Kent Community Health NHS Foundation Trust');
  await page.getByRole('textbox', { name: /Their role/ }).fill('Speech and language therapist');
  await page.getByRole('textbox', { name: 'Why they need to use a device' }).fill('Records a therapy session plan on a work tablet.');
  await page.getByRole('textbox', { name: /Devices/ }).fill('Work tablet');
  await page.getByRole('checkbox', { name: 'Room 4 (meeting room)' }).check();
  await page.getByRole('button', { name: 'Send request for a decision' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Device request: ${name}` })).toBeVisible();
  await expect(page.getByText('Waiting for a decision').first()).toBeVisible();
  // Office staff may not decide.
  await expect(page.getByRole('heading', { name: 'Approve device use' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Refuse/ })).toHaveCount(0);
  const detailUrl = page.url();

  await loginAs(page, STAFF.head);
  await page.goto(detailUrl);
  await expect(page.getByRole('heading', { name: 'Approve device use' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Room 4 (meeting room)' })).toBeChecked();
  await page.getByRole('radio', { name: 'Only on certain weekdays' }).check();
  await page.getByRole('button', { name: 'Approve device use' }).click();
  await expect(page.getByText('Choose at least one day.')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Tuesday' }).check();
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  await page.getByLabel('Valid until').fill(`${inTwoWeeks.getFullYear()}-${pad(inTwoWeeks.getMonth() + 1)}-${pad(inTwoWeeks.getDate())}`);
  await page.getByRole('checkbox', { name: 'Only between certain times of day' }).check();
  await page.getByRole('textbox', { name: 'Conditions' }).fill('No photographs of pupils. Use only in Room 4.');
  await page.getByRole('checkbox', { name: 'Add a risk assessment' }).check();
  await page.getByRole('textbox', { name: 'Hazards' }).fill('Pupils could be recorded.');
  await page.getByRole('textbox', { name: 'Controls' }).fill('Camera covered; door closed.');
  await page.getByRole('textbox', { name: 'Reviewed by' }).fill('Hari Headteacher');
  await page.getByRole('button', { name: 'Approve device use' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Approved.' })).toBeVisible();
  await expect(page.getByText('Every Tuesday')).toBeVisible();

  await loginAs(page, STAFF.dsl);
  await page.goto(detailUrl);
  await page.getByRole('button', { name: 'Revoke…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Revoke this exemption now?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Revoke exemption' }).click();
  await expect(dialog.getByText('Give a reason.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Recorded in the corridor.');
  await dialog.getByRole('button', { name: 'Revoke exemption' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Reason: Recorded in the corridor.')).toBeVisible();
});

test('a breach logged by office staff is new for the DSL, who closes it with an outcome and the lessons learnt', async ({ page }) => {
  const who = `Corridor Caller ${Date.now() % 100000}`;
  await loginAs(page, STAFF.office);
  await openPage(page, 'Breaches and concerns');
  await page.getByRole('button', { name: 'Log a breach or concern' }).click();
  await page.getByRole('textbox', { name: 'Who' }).fill(who);
  await page.getByRole('textbox', { name: 'Where' }).fill('Year 2 corridor');
  await page.getByRole('textbox', { name: 'What happened' }).fill('Was on a phone call near the classrooms.');
  await page.getByRole('textbox', { name: 'Action taken' }).fill('Asked to end the call and lock the phone away.');
  await page.getByRole('button', { name: 'Log it' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Logged. The DSL sees it in their list.' })).toBeVisible();
  // Need to know: office staff see that it is open and not yet seen, not who or what (the hub
  // does not send it to them), and cannot close it.
  const item = page.getByRole('list', { name: 'Breaches and concerns' }).getByRole('listitem').first();
  await expect(item.getByText('Not yet seen by the DSL')).toBeVisible();
  await expect(item).toContainText('Details for the DSL, headteacher and administrators only');
  await expect(page.getByRole('list', { name: 'Breaches and concerns' })).not.toContainText(who);
  await expect(item.getByRole('button', { name: /Close/ })).toHaveCount(0);

  await loginAs(page, STAFF.dsl);
  await openPage(page, 'Breaches and concerns');
  const mine = page.getByRole('listitem').filter({ hasText: who });
  await expect(mine.getByText('New', { exact: true })).toBeVisible();
  await mine.getByRole('button', { name: /Close/ }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Close this concern' });
  await dialog.getByRole('textbox', { name: 'Outcome' }).fill('Spoke to the visitor; reminded of the policy.');
  await dialog.getByRole('textbox', { name: 'Lessons learnt' }).fill('Remind visitors where phones may be used when they sign in.');
  await dialog.getByRole('button', { name: 'Close it' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('listitem').filter({ hasText: who })).toHaveCount(0);
  await page.getByRole('button', { name: 'Closed', exact: true }).click();
  await expect(page.getByRole('listitem').filter({ hasText: who })).toContainText('Spoke to the visitor');
});

test('an administrator pairs a kiosk: the code is shown with its expiry and the command', async ({ page }) => {
  await loginAs(page, ADMIN);
  await openPage(page, 'Kiosks');
  await page.getByRole('textbox', { name: 'Kiosk name' }).fill('Main entrance');
  await page.getByRole('button', { name: 'Create pairing code' }).click();
  await expect(page.locator('.pairing-code')).toHaveText(/\S{4,}/);
  await expect(page.locator('.command')).toContainText(`npm run kiosk:admin -- pair ${new URL(consoleUrl()).origin}`);
});

test('staff accounts: create, change role, disable; the audit chain verifies', async ({ page }) => {
  await loginAs(page, ADMIN);
  await openPage(page, 'Staff accounts');
  const username = `temp${Date.now() % 100000}`;
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Tess Temporary');
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByRole('combobox', { name: 'Role' }).selectOption('dsl');
  await page.getByLabel('First password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('First password')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('First password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Account ${username} created.` })).toBeVisible();
  await page.getByRole('button', { name: 'Change role of Tess Temporary' }).click();
  await page.getByRole('dialog').getByRole('combobox', { name: 'Role' }).selectOption('office');
  await page.getByRole('dialog').getByRole('button', { name: 'Save role' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Tess Temporary is now: Office staff.' })).toBeVisible();
  await page.getByRole('button', { name: 'Disable Tess Temporary' }).click();
  await expect(page.getByRole('button', { name: 'Enable Tess Temporary' })).toBeVisible();

  await openPage(page, 'Audit log');
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByText(/The chain is intact/)).toBeVisible();
});

test('a new account chooses its own password before anything else, then uses the console', async ({ page }) => {
  const username = `newbie${Date.now() % 100000}`;
  // Made by the administrator (through the API: sign-ins are rate limited, and the Staff page
  // has its own test); the newcomer signs in through the form.
  await (await OfficeApi.as(ADMIN)).call('staff.create', { username, displayName: 'Nell Newcomer', role: 'office', password: 'given by the administrator' });
  await page.goto(consoleUrl());
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByLabel('Password').fill('given by the administrator');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your own password' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Console' })).toHaveCount(0);
  await page.getByLabel('Current password').fill('given by the administrator');
  await page.getByLabel('New password', { exact: true }).fill('given by the administrator');
  await page.getByLabel('New password again').fill('given by the administrator');
  await page.getByRole('button', { name: 'Save and open the console' }).click();
  await expect(page.getByText('Choose a password different from the current one.')).toBeVisible();
  await page.getByLabel('Current password').fill('given by the administrator');
  await page.getByLabel('New password', { exact: true }).fill('only nell knows this one');
  await page.getByLabel('New password again').fill('only nell knows this one');
  await page.getByRole('button', { name: 'Save and open the console' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'On site now' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Your password' })).toBeVisible();
});

test('left alone, the console locks itself; the same person unlocks it with their password and carries on', async ({ page }) => {
  await page.clock.install();
  await loginAs(page, STAFF.office);
  await openPage(page, 'Phone custody');
  // The page refreshes itself every 10 seconds: that is not use, and does not keep it open.
  await page.clock.runFor('15:30');
  await expect(page.getByRole('heading', { level: 1, name: 'Console locked' })).toBeVisible();
  OfficeApi.forget(STAFF.office.username); // locking ended that session on the hub
  await expect(page.getByRole('heading', { name: 'Phone custody' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter your password to unlock.');
  await page.getByLabel('Password').fill(STAFF.office.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Phone custody' })).toBeVisible();
});
