// Concerns that lead somewhere, in the console (issue #15 part B): office staff log an urgent
// kind and see only that it exists; the DSL sees it flagged, follows the referral route,
// records a referral, cannot close without the lessons learnt, then closes it; the evidence
// view shows the day and exports a PDF. Screenshots under /tmp/h3/.
import { expect, test } from '@playwright/test';
import { ensureAccounts, loginAs, openPage, STAFF } from './console.js';
import { seriousViolations, signIn } from './kiosk.js';

const SHOTS = '/tmp/h3';

test('an urgent concern goes from office staff to the DSL, is referred and closed with lessons learnt', async ({ page, context }) => {
  test.setTimeout(120_000);
  await ensureAccounts(page);
  // A visitor signs in at the kiosk (reception holds her phone): the evidence view shows her.
  // On a fresh office the set-up publishes the office's policy: let the kiosk's sync (every
  // second here) bring it before the visitor reads it (as console-desk.spec.ts does).
  await page.waitForTimeout(3000);
  const visitor = `Wanda Evidence ${Date.now() % 100000}`;
  await signIn(await context.newPage(), { name: visitor, phone: 'I have handed it to reception' });
  const what = `Saw a visitor photographing the Year 1 display with pupils in front (${Date.now() % 100000}).`;

  await loginAs(page, STAFF.office);
  await openPage(page, 'Breaches and concerns');
  await page.getByRole('button', { name: 'Log a breach or concern' }).click();
  await page.getByRole('textbox', { name: 'Who' }).fill('Man in a grey coat');
  await page.getByRole('textbox', { name: 'Where' }).fill('Year 1 corridor');
  await page.getByRole('textbox', { name: 'What happened' }).fill(what);
  await page.getByRole('textbox', { name: 'Action taken' }).fill('Asked him to stop; phone taken to the office; DSL called.');
  await page.getByRole('combobox', { name: 'Kind of concern' }).selectOption({ label: 'Image of a child (possibly indecent)' });
  await page.getByRole('button', { name: 'Log it' }).click();
  await expect(page.getByText('Logged. The DSL sees it in their list.')).toBeVisible();
  // Office staff: only that it exists.
  await expect(page.getByText(what)).toHaveCount(0);
  await expect(page.getByText('URGENT')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Evidence and review pack' })).toHaveCount(0);

  await loginAs(page, STAFF.dsl);
  await openPage(page, 'Breaches and concerns');
  const item = page.getByRole('listitem').filter({ hasText: what });
  await expect(item.getByText('URGENT')).toBeVisible();
  await page.getByText('What the policy says to do (the referral route)').click();
  await expect(page.getByText('hand the device to the police', { exact: false })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await item.getByRole('button', { name: 'Record a referral…' }).click();
  const refer = page.getByRole('dialog', { name: 'Record a referral' });
  await refer.getByRole('combobox', { name: 'Referred to' }).selectOption({ label: 'Police' });
  await refer.getByRole('textbox', { name: 'Who you spoke to' }).fill('PC 4411 Ames');
  await refer.getByRole('textbox', { name: /Their reference/ }).fill('CAD 2203');
  await refer.getByRole('button', { name: 'Record it' }).click();
  await expect(page.getByText('Referral recorded.')).toBeVisible();
  await expect(item.getByText('Police: PC 4411 Ames', { exact: false })).toBeVisible();

  await item.getByRole('button', { name: 'Start a new policy draft from this concern' }).click();
  await expect(page.getByText(/Policy draft started from this concern/)).toBeVisible();

  await item.getByRole('button', { name: /Close:/ }).click();
  const close = page.getByRole('alertdialog', { name: 'Close this concern' });
  await close.getByRole('textbox', { name: 'Outcome' }).fill('Police took the phone; visitor barred pending their enquiry.');
  await close.getByRole('button', { name: 'Close it' }).click();
  await expect(close.getByText('Write the lessons learnt before closing.')).toBeVisible();
  await close.getByRole('textbox', { name: 'Lessons learnt' }).fill('Reception now points out where phones may be used when handing over the badge.');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/concern-close.png`, fullPage: true });
  await close.getByRole('button', { name: 'Close it' }).click();
  await expect(page.getByText('Closed.')).toBeVisible();
  await page.getByRole('button', { name: 'All' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: what }).getByText('Reception now points out', { exact: false })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/concerns.png`, fullPage: true });

  // The head finds the draft on the policy page.
  await loginAs(page, STAFF.head);
  await openPage(page, 'Phone policy text');
  const drafts = page.getByRole('region', { name: 'Drafts started from concerns' });
  await expect(drafts).toContainText('Dev Safeguarding-Lead');
  await drafts.getByRole('button', { name: 'Load into the editor' }).first().click();
  await expect(page.getByText('Draft loaded into the editor: review it and publish.')).toBeVisible();

  await loginAs(page, STAFF.dsl);
  await openPage(page, 'Evidence and review pack');
  await page.getByRole('radio', { name: 'A day' }).check();
  // The kiosk syncs every second: show until her visit has arrived.
  await expect
    .poll(
      async () => {
        await page.getByRole('button', { name: 'Show' }).click();
        return (await page.getByRole('main').textContent()) ?? '';
      },
      { timeout: 30_000, intervals: [1000] },
    )
    .toContain(visitor);
  await expect(page.getByRole('main')).toContainText('Handed to reception');
  await page.getByRole('button', { name: 'Export PDF' }).click();
  await expect(page.getByRole('link', { name: 'Download PDF' })).toBeVisible();
  await page.getByRole('button', { name: 'Make the review pack' }).click();
  await expect(page.getByRole('link', { name: 'Download review pack (PDF)' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/evidence.png`, fullPage: true });
});
