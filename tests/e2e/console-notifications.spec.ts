// Notifications in the office console, against the embedded hub of the browser kiosk (its outbox
// worker running) and a real SMTP server started here: the administrator sets up email, sends a
// test message that arrives, sees a message the server refused (550) as failed with the server's
// reason on "Messages sent", and sends it again once the server takes it. axe finds no serious or
// critical violation on either page. Screenshots: test-results/console/notifications/.
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN, ensureAccounts, loginAs, openPage, STAFF } from './console.js';
import { seriousViolations } from './kiosk.js';
import { startTestSmtp } from '../support/smtpServer.js';

const SHOTS = process.env.E2E_SHOTS_DIR ?? path.resolve(import.meta.dirname, '../../test-results/console/notifications');
const DESKTOP = { width: 1366, height: 768 };

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  expect(await seriousViolations(page), name).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

test('notifications: set up email, send a test message, see a failed message and send it again', async ({ page }) => {
  test.setTimeout(120_000);
  const smtp = await startTestSmtp();
  try {
    await ensureAccounts(page);
    await page.setViewportSize(DESKTOP);

    // Office staff see the message log, not the settings.
    await loginAs(page, STAFF.office);
    const nav = page.getByRole('navigation', { name: 'Console' });
    await expect(nav.getByRole('link', { name: 'Notifications', exact: true })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Messages sent', exact: true })).toHaveCount(1);

    await loginAs(page, ADMIN);
    await openPage(page, 'Notifications');
    await page.getByRole('checkbox', { name: 'Send notices by email' }).check();
    await page.getByRole('textbox', { name: /^Mail server \(SMTP host\)/ }).fill('127.0.0.1');
    await page.getByRole('textbox', { name: /^Port/ }).fill(String(smtp.port));
    await page.getByRole('combobox', { name: /^Encryption/ }).selectOption('none');
    await page.getByRole('textbox', { name: /^Send from \(address\)/ }).fill('office-hub@school.test, spy@evil.test');
    await page.getByRole('button', { name: 'Save notification settings' }).click();
    // A refused address says why, in words.
    await expect(page.getByText(/The sender address must be one address only/).first()).toBeVisible();
    await page.getByRole('textbox', { name: /^Send from \(address\)/ }).fill('office-hub@school.test');
    await page.getByRole('button', { name: 'Save notification settings' }).click();
    await expect(page.getByText('Saved.', { exact: true })).toBeVisible();

    await page.getByRole('textbox', { name: /^Send a test message to/ }).fill('me@school.test');
    await page.getByRole('button', { name: 'Send a test message' }).click();
    const result = page.getByRole('status').filter({ hasText: 'Test message to me@school.test' });
    await expect(result.getByText('Sent', { exact: true })).toBeVisible({ timeout: 30_000 });
    const [got] = await smtp.waitFor(1);
    expect(got!.mail.subject).toBe('Test message from the school office hub');
    expect(got!.rcptTo).toEqual(['me@school.test']);
    await shot(page, 'settings');

    // The server refuses the next one for good.
    smtp.mode = 'reject550';
    await page.getByRole('textbox', { name: /^Send a test message to/ }).fill('nobody@school.test');
    await page.getByRole('button', { name: 'Send a test message' }).click();
    const failed = page.getByRole('status').filter({ hasText: 'Test message to nobody@school.test' });
    await expect(failed.getByText('Failed', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(failed).toContainText('550');

    await openPage(page, 'Messages sent');
    const row = page.getByRole('row').filter({ hasText: 'nobody@school.test' });
    await expect(row.getByText('Failed', { exact: true })).toBeVisible();
    await expect(row).toContainText(/550 .*no such user here/);
    await shot(page, 'messages-failed');

    smtp.mode = 'accept';
    await row.getByRole('button', { name: 'Send again to nobody@school.test' }).click();
    await expect(page.getByText('The message to nobody@school.test will be sent again.')).toBeVisible();
    await smtp.waitFor(2, 30_000);
    expect(smtp.received[1]!.rcptTo).toEqual(['nobody@school.test']);
    await expect(row.getByText('Sent', { exact: true })).toBeVisible({ timeout: 30_000 });
    await shot(page, 'messages-sent-again');
  } finally {
    await smtp.stop();
  }
});
