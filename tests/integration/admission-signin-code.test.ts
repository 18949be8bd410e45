// The invitation's sign-in code at the kiosk (issue #14), over real HTTP sync with a real hub
// and a real SQLite kiosk: the code reaches the kiosk only as a hash (nowhere in its files), the
// code typed in any case with spaces finds today's visit and fills in the same details as picking
// a masked match, never another day's; and the policy version the invitation sent travels with
// the visit, so the kiosk reports when the rules in force are not the ones the visitor was sent.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { localDay } from '../../core/site/settings.js';
import { startSyncAgent } from '../../core/sync/agent.js';
import { smtpSettings } from '../support/notifyHub.js';
import { ACTORS } from '../support/officeDomain.js';
import { hubWithPairedKiosk, type TestHub } from '../support/syncHub.js';
import { signInInput } from '../support/tempKiosk.js';

const { office: OFFICE, head: HEAD, admin: ADMIN } = ACTORS;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(): Promise<{ t: TestHub; k: Kiosk; dir: string; hostId: string; today: string }> {
  const { t, k } = await hubWithPairedKiosk(cleanups);
  const dir = k.dataDir;
  // Invitations go by email: email must be on (nothing is delivered in these tests).
  t.hub.core.run('notifications.save', { settings: smtpSettings(2525), hostEmails: {}, staffEmails: {} }, ADMIN);
  const hostId = t.hub.core.run('reference.get', {}, OFFICE).hosts[0]!.id;
  return { t, k, dir, hostId, today: localDay(new Date(), 'Europe/London') };
}

async function syncOnce(k: Kiosk): Promise<void> {
  const agent = startSyncAgent(k, { log: () => {}, intervalMs: 60_000 });
  try {
    expect((await agent.syncNow()).lastError).toBeNull();
  } finally {
    await agent.stop();
  }
}

/** Everything the kiosk keeps on disk, as text: its database and write-ahead log. */
function kioskFiles(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => fs.readFileSync(`${f.parentPath}/${f.name}`).toString('utf8'))
    .join('\n');
}

function invite(t: TestHub, expectedId: string): string {
  t.hub.core.run('invitations.send', { expectedId, email: 'visitor@agency.test', language: 'en', time: '10:30' }, OFFICE);
  return t.hub.db.prepare('SELECT signin_code FROM expected_visitors WHERE id = ?').pluck().get(expectedId) as string;
}

describe('the sign-in code at the kiosk', () => {
  it('reaches the kiosk only as a hash; typed in lower case with spaces it finds today\'s visit, not tomorrow\'s', async () => {
    const { t, k, dir, hostId, today } = await setUp();
    const save = (fullName: string, expectedOn: string) =>
      t.hub.core.run('expected.save', { fullName, organisation: 'County Social Care', category: 'professional', hostId, expectedOn, note: '' }, OFFICE).expected;
    const priya = save('Priya Shah', today);
    const later = save('Tomas Later', '2099-01-01');
    const code = invite(t, priya.id);
    const laterCode = invite(t, later.id);
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await syncOnce(k);

    // The feed and the kiosk hold a 64-hex hash; the code, in any spelling, is nowhere on the kiosk's disk.
    const feed = t.hub.db.prepare("SELECT body FROM ref_changes WHERE entity = 'expected'").pluck().all().join('\n');
    expect(feed).not.toContain(code);
    expect(feed).not.toContain(code.replaceAll('-', ''));
    expect(k.db.prepare('SELECT code_hash FROM expected_visitors WHERE id = ?').pluck().get(priya.id)).toMatch(/^[0-9a-f]{64}$/);
    const files = kioskFiles(dir);
    for (const c of [code, laterCode]) for (const spelling of [c, c.replaceAll('-', ''), c.toLowerCase()]) expect(files).not.toContain(spelling);

    // Typed as a visitor might: lower case, spaces for dashes. It fills in what picking the masked match would.
    const typed = ` ${code.toLowerCase().replaceAll('-', ' ')} `;
    const byCode = k.core.run('expected.byCode', { code: typed }, 'kiosk').details;
    const [match] = k.core.run('expected.find', { query: 'sha' }, 'kiosk').matches;
    expect(byCode).toEqual(k.core.run('expected.details', { expectedId: match!.expectedId }, 'kiosk'));
    expect(byCode).toMatchObject({ expectedId: priya.id, fullName: 'Priya Shah', organisation: 'County Social Care', category: 'professional', hostId });
    // A scanner's burst (the QR holds the code as printed) finds it too.
    expect(k.core.run('expected.byCode', { code }, 'kiosk').details?.expectedId).toBe(priya.id);

    // Tomorrow's visit is not found by its code today; nor is a code nobody was given, or a non-code.
    expect(k.core.run('expected.byCode', { code: laterCode }, 'kiosk').details).toBeNull();
    const other = code.endsWith('0') ? `${code.slice(0, -1)}1` : `${code.slice(0, -1)}0`;
    expect(k.core.run('expected.byCode', { code: other }, 'kiosk').details).toBeNull();
    expect(k.core.run('expected.byCode', { code: 'Priya Shah' }, 'kiosk').details).toBeNull();

    // Once signed in as that visit, the code finds nothing more today.
    k.core.run('visit.signIn', signInInput(k, { fullName: byCode!.fullName, hostId: byCode!.hostId!, expectedId: byCode!.expectedId }), 'kiosk');
    expect(k.core.run('expected.byCode', { code }, 'kiosk').details).toBeNull();
  }, 30_000);

  it('carries the policy version the invitation sent: a different version in force is reported, the same is not', async () => {
    const { t, k, hostId, today } = await setUp();
    const save = (fullName: string) => t.hub.core.run('expected.save', { fullName, organisation: '', category: 'visitor', hostId, expectedOn: today, note: '' }, OFFICE).expected;
    const before = save('Ana Before');
    const after = save('Ben After');
    const notInvited = save('Cai Uninvited');
    const beforeCode = invite(t, before.id);
    const sentVersion = t.hub.core.run('invitations.list', { expectedId: before.id }, OFFICE).invitations[0]!.policyVersionId;
    await syncOnce(k);
    expect(k.db.prepare('SELECT invited_policy_version_id FROM expected_visitors WHERE id = ?').pluck().get(before.id)).toBe(sentVersion);
    expect(k.core.run('expected.byCode', { code: beforeCode }, 'kiosk').details?.policyChangedSinceInvitation).toBe(false);

    // The school publishes new rules; Ben is invited after that, Ana was invited before.
    t.hub.core.run('policy.publish', { texts: { en: { title: 'Phones at our school', points: ['Phones stay in a locker at all times.'] } } }, HEAD);
    const afterCode = invite(t, after.id);
    await syncOnce(k);
    expect(k.core.run('expected.byCode', { code: beforeCode }, 'kiosk').details?.policyChangedSinceInvitation).toBe(true);
    expect(k.core.run('expected.byCode', { code: afterCode }, 'kiosk').details?.policyChangedSinceInvitation).toBe(false);
    // Found by name, the same answer; someone never invited is not told the rules changed.
    expect(k.core.run('expected.details', { expectedId: before.id }, 'kiosk').policyChangedSinceInvitation).toBe(true);
    expect(k.core.run('expected.details', { expectedId: notInvited.id }, 'kiosk').policyChangedSinceInvitation).toBe(false);

    // A second invitation to Ana sends the rules now in force: the next sync clears the notice.
    invite(t, before.id);
    await syncOnce(k);
    expect(k.core.run('expected.byCode', { code: beforeCode }, 'kiosk').details?.policyChangedSinceInvitation).toBe(false);
  }, 30_000);
});
