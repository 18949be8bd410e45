import { expect, test } from '@playwright/test';
import { acknowledgePolicy, choosePhone, fillAboutYou, signIn } from './kiosk.js';

test.describe('A visitor at the reception kiosk', () => {
  test('signs in, locks their phone in a locker, and signs out collecting it', async ({ page }) => {
    await signIn(page, { name: 'Jane Smithson', host: 'A class teacher', purpose: 'Parents evening', locker: 'Locker 5' });
    await expect(page.getByText('In Locker 5')).toBeVisible();
    await expect(page.getByText('Please collect your visitor badge from reception.')).toBeVisible();
    await page.getByRole('button', { name: 'Finish' }).click();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('textbox', { name: 'Type your name' }).fill('jane smith');
    await page.getByRole('button', { name: 'Find my visit' }).click();
    const match = page.getByRole('button', { name: /^Jane S\., signed in at \d\d:\d\d$/ });
    await expect(match).toBeVisible();
    await expect(page.getByText('Smithson')).toHaveCount(0); // the full surname is never shown
    await match.click();
    await expect(page.getByText('Please collect your phone from Locker 5.')).toBeVisible();
    await page.getByRole('checkbox', { name: 'I have collected my phone from Locker 5' }).check();
    await page.getByRole('button', { name: 'Sign me out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Goodbye, Jane S.' })).toBeVisible();
    await page.getByRole('button', { name: 'Finish' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Welcome to/ })).toBeVisible();

    // Locker 5 is free again for the next visitor.
    await fillAboutYou(page, { name: 'Next Person' });
    await acknowledgePolicy(page);
    await choosePhone(page, { name: 'Next Person' });
    await expect(page.getByRole('radio', { name: 'Locker 5', exact: true })).toBeVisible();
  });

  test('signs out with the code from the badge, and cannot sign out twice', async ({ page }) => {
    const { badgeCode } = await signIn(page, { name: 'Piotr Wiśniewski', phone: 'I have handed it to reception' });
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('textbox', { name: 'Sign-out code from your badge' }).fill(badgeCode.toLowerCase());
    await page.getByRole('button', { name: 'Use code' }).click();
    await expect(page.getByText('Please collect your phone from reception.')).toBeVisible();
    await page.getByRole('button', { name: 'Sign me out' }).click(); // leaves without collecting
    await expect(page.getByText('Your phone is still with reception.', { exact: false })).toBeVisible();
    await page.getByRole('button', { name: 'Finish' }).click();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('textbox', { name: 'Sign-out code from your badge' }).fill(badgeCode);
    await page.getByRole('button', { name: 'Use code' }).click();
    await expect(page.getByText('This visit has already been signed out.')).toBeVisible();
  });

  test('a visiting professional is told reception will check their ID, and a device request goes to reception', async ({ page }) => {
    await page.goto('/');
    await fillAboutYou(page, {
      category: 'Visiting professional',
      name: 'Dr Amara Okafor',
      organisation: 'Kent Community Health',
      role: 'Speech and language therapist',
      host: 'SENCo (special educational needs)',
      purpose: 'Therapy session',
    });
    await acknowledgePolicy(page);
    await choosePhone(page, { name: '', phone: 'I have approval to use my device' });
    await expect(page.getByText('Please speak to reception before you use your device.', { exact: false })).toBeVisible();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Not yet approved: please speak to reception')).toBeVisible();
    await expect(page.getByText('Reception will ask to see your ID badge', { exact: false })).toBeVisible();
  });

  test('must tick the policy box: continuing without it explains why and stays on the policy', async ({ page }) => {
    await page.goto('/');
    await fillAboutYou(page, { name: 'Sam Lee' });
    const box = page.getByRole('checkbox', { name: 'I have read these expectations and I will follow them' });
    await expect(box).not.toBeChecked(); // never pre-ticked
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByText('Please tick the box to show that you will follow these expectations.')).toBeVisible();
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('heading', { level: 1, name: 'Phones and smart devices' })).toBeVisible();
  });

  test('bad input gets a clear message next to the field and nothing is lost', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert')).toHaveText('Please check the highlighted answers.');
    const name = page.getByRole('textbox', { name: 'Full name' });
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(name).toHaveAccessibleDescription('Please fill this in.');

    await name.fill('   ');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(name).toHaveAccessibleDescription('Please fill this in.');

    await name.fill('Jane\u001b[2JSmith');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(name).toHaveAccessibleDescription('This contains characters that cannot be used. Please retype it.');

    await name.fill('x'.repeat(301));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(name).toHaveAccessibleDescription('This is too long (at most 300 characters).');

    // What was typed elsewhere is kept while the name is fixed.
    await page.getByRole('textbox', { name: 'Reason for your visit' }).fill('Delivery');
    await name.fill('Zoë O’Brien-Nowak 李 😀');
    await page.getByRole('radio', { name: 'Volunteer' }).check();
    await page.getByRole('radio', { name: 'School office' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await acknowledgePolicy(page);
    await choosePhone(page, { name: '', phone: 'I have no phone or smart device with me' });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Thank you, Zoë O’Brien-Nowak 李 😀.')).toBeVisible();
  });

  test('Back and Help are on every step', async ({ page }) => {
    await page.goto('/');
    await fillAboutYou(page, { name: 'Help Seeker' });
    for (const heading of ['Phones and smart devices', 'About you']) {
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await page.getByRole('button', { name: 'Help' }).click();
      await expect(page.getByRole('dialog', { name: 'Help' })).toBeVisible();
      await page.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('button', { name: 'Back' }).click();
    }
    await expect(page.getByRole('heading', { level: 1, name: /Welcome to/ })).toBeVisible();
  });

  test('after inactivity a countdown offers more time, then the screen clears everything typed', async ({ page }) => {
    await page.clock.install();
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('textbox', { name: 'Full name' }).fill('Private Person');

    await page.clock.fastForward('01:11'); // default: warn 20 s before the 90 s timeout
    const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });
    await expect(warning).toBeVisible();
    await page.getByRole('button', { name: 'I need more time' }).click();
    await expect(warning).toBeHidden();
    await expect(page.getByRole('textbox', { name: 'Full name' })).toHaveValue('Private Person');

    await page.clock.fastForward('01:31');
    await expect(page.getByRole('heading', { level: 1, name: /Welcome to/ })).toBeVisible();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('textbox', { name: 'Full name' })).toHaveValue('');
  });
});
