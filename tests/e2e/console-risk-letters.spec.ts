// Two things staff meet before a visit, in the office console against the browser kiosk's
// embedded hub:
//  - the head opens the agency's risk assessment from the device request page (a PDF download);
//    office staff see that it is attached but get no link, and the hub refuses them the file;
//  - when the phone rules change after a letter was made, the expected-visitors page says
//    "rules changed since the letter — give them the new sheet" and reprints the letter.
// The rules are put back word for word afterwards (a new version with the same text), so the
// specs after this one see the same policy text. axe finds no serious or critical violation.
// Screenshots: test-results/console/risk-letters/ (or E2E_SHOTS_DIR).
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { OFFICE_PATHS } from '../../shared/office.js';
import { OfficeApi, consoleUrl, ensureAccounts, loginAs, openPage, STAFF } from './console.js';
import { seriousViolations } from './kiosk.js';

const SHOTS = process.env.E2E_SHOTS_DIR ?? path.resolve(import.meta.dirname, '../../test-results/console/risk-letters');

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  expect(await seriousViolations(page), name).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** A small real PDF (the hub checks the bytes). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

test('the head downloads the risk assessment; office staff see it is attached but cannot open it', async ({ page }) => {
  test.setTimeout(90_000);
  await ensureAccounts(page);
  await page.setViewportSize({ width: 1366, height: 900 });
  const office = await OfficeApi.as(STAFF.office);
  const host = (await office.call('reference.get', {})).hosts.find((h) => h.active)!;
  const day = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
  const name = `Sam Worker ${Date.now() % 100000}`;
  const { expected } = await office.call('expected.save', { fullName: name, organisation: 'County Social Care', category: 'professional', hostId: host.id, expectedOn: day, note: '', cancelled: false });
  const { exemption } = await office.call('previsit.request', {
    expectedId: expected.id,
    email: 'sam@county.test',
    language: 'en',
    agencyRole: 'Social worker',
    devices: 'Work laptop',
    purpose: 'Recording a child\'s voice for a court report',
    locationIds: [],
    requestedWindow: '',
    riskAssessment: { fileName: 'County RA "final"\r\n.pdf', base64: PDF.toString('base64') },
  });

  await loginAs(page, STAFF.head);
  await page.goto(consoleUrl(`exemptions/${exemption.id}`));
  await expect(page.getByRole('heading', { level: 1, name: `Device request: ${name}` })).toBeVisible();
  const link = page.getByRole('link', { name: 'Download the risk assessment (PDF)' });
  await expect(link).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^County RA_final[ ._A-Za-z0-9-]*\.pdf$/);
  expect(fs.readFileSync((await download.path())!).equals(PDF)).toBe(true);
  // The approval starts from the day of the visit, not today (an approval for today would have
  // run out before they come).
  await expect(page.getByLabel('Valid from')).toHaveValue(day);
  await expect(page.getByLabel('Valid until')).toHaveValue(day);
  await shot(page, 'device-request-head');

  await loginAs(page, STAFF.office);
  await page.goto(consoleUrl(`exemptions/${exemption.id}`));
  await expect(page.getByText('Only the headteacher and the DSL can open it.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download the risk assessment (PDF)' })).toHaveCount(0);
  // And the hub itself refuses office staff the file, whatever the page shows.
  const refused = await office.ctx.get(OFFICE_PATHS.riskAssessment(exemption.id));
  expect(refused.status()).toBe(403);
  await shot(page, 'device-request-office');
});

test('after the rules change, a letter-only visitor is listed to get the new sheet, and the reprint clears it', async ({ page }) => {
  test.setTimeout(90_000);
  await ensureAccounts(page);
  await page.setViewportSize({ width: 1366, height: 900 });
  const office = await OfficeApi.as(STAFF.office);
  const head = await OfficeApi.as(STAFF.head);
  const ref = await office.call('reference.get', {});
  const host = ref.hosts.find((h) => h.active)!;
  const original = ref.policy.texts;
  const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  const name = `Lena Kowalska ${Date.now() % 100000}`;
  const { expected } = await office.call('expected.save', { fullName: name, organisation: '', category: 'parent_carer', hostId: host.id, expectedOn: day, note: '', cancelled: false });
  await office.call('invitations.letter', { expectedId: expected.id, language: 'pl', time: '09:30' });
  try {
    const en = original.en!;
    await head.call('policy.publish', { texts: { ...original, en: { title: en.title, points: [...en.points, 'Smart watches go in the locker too.'] } } });

    await loginAs(page, STAFF.office);
    await openPage(page, 'Expected visitors');
    const notice = page.locator('.notice').filter({ hasText: 'Rules changed since the letter — give them the new sheet' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(name);
    await expect(page.getByRole('row').filter({ hasText: name })).toContainText('Rules changed since the letter');
    await shot(page, 'expected-rules-changed');

    await notice.getByRole('button', { name: `Reprint the letter for ${name}` }).click();
    const link = page.getByRole('link', { name: `Download the new letter for ${name} (PDF)` });
    await expect(link).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(fs.readFileSync((await download.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect(page.getByRole('row').filter({ hasText: name })).not.toContainText('Rules changed since the letter');
    await shot(page, 'expected-reprinted');
  } finally {
    // The same words as before (a new version number), for the specs that follow.
    await head.call('policy.publish', { texts: original });
  }
});
