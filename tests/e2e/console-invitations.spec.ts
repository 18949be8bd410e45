// Before the visit, in the office console against the browser kiosk's embedded hub (its outbox
// worker running) and a real SMTP server started here: office staff open an expected visitor,
// send an invitation in Arabic that arrives with the Arabic policy text and its hash, see it
// listed with the policy version, and make the letter PDF. axe finds no serious or critical
// violation. Screenshots: test-results/console/invitations/ (or E2E_SHOTS_DIR).
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN, OfficeApi, ensureAccounts, loginAs, openPage, STAFF } from './console.js';
import { seriousViolations } from './kiosk.js';
import { startTestSmtp } from '../support/smtpServer.js';

const SHOTS = process.env.E2E_SHOTS_DIR ?? path.resolve(import.meta.dirname, '../../test-results/console/invitations');

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  expect(await seriousViolations(page), name).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

test('expected visitors: send an invitation in Arabic and make the letter', async ({ page }) => {
  test.setTimeout(120_000);
  const smtp = await startTestSmtp();
  try {
    await ensureAccounts(page);
    await page.setViewportSize({ width: 1366, height: 900 });
    const admin = await OfficeApi.as(ADMIN);
    const current = await admin.call('notifications.get', {});
    await admin.call('notifications.save', {
      settings: { ...current.settings, smtp: { enabled: true, host: '127.0.0.1', port: smtp.port, security: 'none', username: '', from: 'office-hub@school.test' } },
    });
    const ref = await admin.call('reference.get', {});
    const host = ref.hosts.find((h) => h.active)!;
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const name = `Layla Hassan ${Date.now() % 100000}`;
    await (await OfficeApi.as(STAFF.office)).call('expected.save', { fullName: name, organisation: 'County Social Care', category: 'professional', hostId: host.id, expectedOn: day, note: '', cancelled: false });

    await loginAs(page, STAFF.office);
    await openPage(page, 'Expected visitors');
    await page.getByRole('button', { name: `Invite ${name} (before the visit)` }).click();
    const panel = page.getByRole('region', { name: /Before the visit/ });
    await expect(panel).toBeVisible();
    // A second address in the field is refused in words.
    await panel.getByRole('textbox', { name: /Visitor's email address/ }).fill('layla@agency.test, spy@evil.test');
    await panel.getByRole('button', { name: 'Send invitation' }).click();
    await expect(panel.getByText(/must be one address only/).first()).toBeVisible();

    await panel.getByRole('textbox', { name: /Visitor's email address/ }).fill('layla@agency.test');
    await panel.getByRole('combobox', { name: /Their language/ }).selectOption('ar');
    await panel.getByLabel(/^Time/).fill('10:30');
    await panel.getByRole('button', { name: 'Send invitation' }).click();
    await expect(panel.getByText(/Invitation queued for layla@agency.test \(policy version \d+\)/)).toBeVisible();
    const [got] = await smtp.waitFor(1, 30_000);
    expect(got!.rcptTo).toEqual(['layla@agency.test']);
    expect(got!.mail.subject).toMatch(/^زيارتك إلى /);
    expect(got!.mail.text).toContain('البصمة الرقمية لنص السياسة (SHA-256): ');
    expect(got!.mail.attachments.map((a) => a.filename).sort()).toEqual(['invitation.pdf', 'sign-in-code.png']);
    const row = panel.getByRole('table', { name: 'Invitations sent' }).getByRole('row').filter({ hasText: 'layla@agency.test' });
    await expect(row).toContainText(/Version \d+ \(/);

    await panel.getByRole('button', { name: 'Make the letter (PDF)' }).click();
    const link = panel.getByRole('link', { name: 'Download the invitation letter (PDF)' });
    await expect(link).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    expect(fs.readFileSync(file!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect(row.getByText('sent', { exact: true })).toBeVisible({ timeout: 20_000 });

    // A device-use request before the visit: a file that is not a PDF is refused in words; a PDF goes to the head.
    await panel.getByRole('textbox', { name: /^Devices/ }).fill('Work laptop');
    await panel.getByRole('textbox', { name: /^What for/ }).fill('Recording a child\'s voice for a court report');
    await panel.getByRole('group', { name: 'Places' }).getByRole('checkbox').first().check();
    const fileInput = panel.getByLabel(/^Risk assessment/);
    await fileInput.setInputFiles({ name: 'risk-assessment.pdf', mimeType: 'application/pdf', buffer: Buffer.from('PK\u0003\u0004 this is a zip, not a PDF') });
    await panel.getByRole('button', { name: 'Send the request to the head' }).click();
    await expect(panel.getByText(/must be a PDF file/).first()).toBeVisible();
    await fileInput.setInputFiles({ name: 'risk-assessment.pdf', mimeType: 'application/pdf', buffer: fs.readFileSync(file!) });
    await panel.getByRole('button', { name: 'Send the request to the head' }).click();
    await expect(panel.getByText('Request recorded in the exemptions register; the head has been told.')).toBeVisible();
    await expect(panel.getByRole('table', { name: 'Requests made before the visit' }).getByRole('row')).toHaveCount(2);
    const requested = (await admin.call('exemptions.list', { status: 'requested' })).exemptions.find((x) => x.fullName === name);
    expect(requested).toMatchObject({ devices: 'Work laptop', organisation: 'County Social Care' });
    await shot(page, 'invite-panel');
  } finally {
    await smtp.stop();
  }
});
