// Known visitors at the kiosk (issue #13), over real HTTP sync with a real hub and real SQLite:
//  - Expected visitors: today's list reaches the kiosk without the staff notes; three letters
//    find a visitor (masked), their pick fills in the details, and the office marks them arrived.
//  - The restricted list reaches the kiosk only as keyed hashes; a sign-in that matches (another
//    word order, capitals, diacritics, or an alias in another script) is held quietly and the
//    console shows the alert; removing the entry reaches the kiosk at its next sync.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { jobsOfVisit } from '../../core/printing/queue.js';
import { localDay } from '../../core/site/settings.js';
import { syncOnce } from '../support/kioskSync.js';
import { ACTORS } from '../support/officeDomain.js';
import { hubWithPairedKiosk, type TestHub } from '../support/syncHub.js';
import { signInInput } from '../support/tempKiosk.js';

const { office: OFFICE, dsl: DSL } = ACTORS;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(): Promise<{ t: TestHub; k: Kiosk; dir: string }> {
  const { t, k } = await hubWithPairedKiosk(cleanups);
  const dir = k.dataDir;
  return { t, k, dir };
}

/** Everything the kiosk keeps on disk, as text: its database and write-ahead log. */
function kioskFiles(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => fs.readFileSync(`${f.parentPath}/${f.name}`).toString('utf8'))
    .join('\n');
}

describe('expected visitors at the kiosk', () => {
  it('are found by three letters, masked; the pick fills in the details; the office sees them arrive; notes never leave the hub', async () => {
    const { t, k, dir } = await setUp();
    const today = localDay(new Date(), 'Europe/London');
    const hostId = t.hub.core.run('reference.get', {}, OFFICE).hosts[0]!.id;
    const note = 'Confidential: meeting about a child protection plan';
    const { expected: priya } = t.hub.core.run('expected.save', { fullName: 'Priya Shah', organisation: 'Ofsted', category: 'professional', hostId, expectedOn: today, note }, OFFICE);
    t.hub.core.run('expected.save', { fullName: 'Prince Adeyemi', organisation: '', category: 'visitor', hostId, expectedOn: today, note: '' }, OFFICE);
    t.hub.core.run('expected.save', { fullName: 'Pria Tomorrow', organisation: '', category: 'visitor', hostId, expectedOn: '2099-01-01', note: '' }, OFFICE);
    await syncOnce(k);

    // The note is nowhere on the kiosk: not in its tables, not in its files.
    expect(k.db.prepare("SELECT COUNT(*) FROM expected_visitors WHERE note != ''").pluck().get()).toBe(0);
    expect(kioskFiles(dir)).not.toContain('child protection');
    expect(t.hub.db.prepare("SELECT body FROM ref_changes WHERE entity = 'expected'").pluck().all().join('')).not.toContain('child protection');

    // Fewer than three letters list nobody; three letters list today's matches, masked.
    expect(k.core.run('expected.find', { query: 'pr' }, 'kiosk').matches).toEqual([]);
    expect(k.core.run('expected.find', { query: 'pri' }, 'kiosk').matches.map((m) => m.maskedName).sort()).toEqual(['Prince A.', 'Priya S.']);
    const [match] = k.core.run('expected.find', { query: 'sha' }, 'kiosk').matches;
    expect(match).toEqual({ expectedId: priya.id, maskedName: 'Priya S.' });
    const details = k.core.run('expected.details', { expectedId: match!.expectedId }, 'kiosk');
    expect(details).toEqual({ expectedId: priya.id, fullName: 'Priya Shah', organisation: 'Ofsted', category: 'professional', hostId, policyChangedSinceInvitation: false });
    expect(JSON.stringify(details)).not.toContain('child protection');

    const r = k.core.run(
      'visit.signIn',
      signInInput(k, { fullName: details.fullName, organisation: details.organisation, category: details.category, agencyRole: 'Inspector', hostId: details.hostId!, expectedId: details.expectedId }),
      'kiosk',
    );
    // Signed in: no longer offered at the kiosk.
    expect(k.core.run('expected.find', { query: 'sha' }, 'kiosk').matches).toEqual([]);
    expect(() => k.core.run('expected.details', { expectedId: priya.id }, 'kiosk')).toThrow(/today/);

    await syncOnce(k);
    const list = t.hub.core.run('reference.get', {}, OFFICE).expected;
    expect(list.find((e) => e.id === priya.id)?.arrivedAt).toBe(r.arrivedAt);
    expect(list.find((e) => e.fullName === 'Prince Adeyemi')?.arrivedAt).toBeNull();
  }, 30_000);

  it('an id that is not on today\'s open list changes nothing: the sign-in goes ahead as an ordinary one', async () => {
    const { t, k } = await setUp();
    const hostId = t.hub.core.run('reference.get', {}, OFFICE).hosts[0]!.id;
    const { expected: later } = t.hub.core.run('expected.save', { fullName: 'Later Person', organisation: '', category: 'visitor', hostId, expectedOn: '2099-01-01', note: '' }, OFFICE);
    await syncOnce(k);
    const r = k.core.run('visit.signIn', signInInput(k, { fullName: 'Later Person', expectedId: later.id }), 'kiosk');
    await syncOnce(k);
    expect(t.hub.core.run('onSite.list', {}, OFFICE).visits.map((v) => v.visitId)).toEqual([r.visitId]);
    expect(t.hub.db.prepare('SELECT arrived_visit_id FROM expected_visitors WHERE id = ?').pluck().get(later.id)).toBeNull();
  }, 30_000);
});

describe('people who must not be admitted', () => {
  it('are sent to kiosks as keyed hashes only; a match is held quietly and alerts the console', async () => {
    const { t, k, dir } = await setUp();
    const review = '2099-01-01';
    const { entry } = t.hub.core.run(
      'restricted.save',
      { fullName: 'Ivan Petrov', aliases: ['Иван Петров', 'محمد حسن'], dateOfBirth: '1980-02-03', reason: 'Court order: no contact with pupil A.', reviewOn: review },
      DSL,
    );
    t.hub.core.run('restricted.save', { fullName: 'José Álvarez-Núñez', reason: 'Banning letter, 2026', reviewOn: review }, DSL);
    await syncOnce(k);

    // The kiosk holds hex keys and no names, in its tables or anywhere in its files.
    const keys = k.db.prepare('SELECT key FROM restricted_keys').pluck().all() as string[];
    expect(keys).toHaveLength(4);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{64}$/);
    const files = kioskFiles(dir);
    for (const name of ['Petrov', 'Петров', 'حسن', 'Álvarez', 'Alvarez', 'alvarez', 'Court order', 'Banning']) expect(files).not.toContain(name);

    // Another word order, capitals, punctuation, no accents, another script, Arabic with harakat: all held.
    const held: string[] = [];
    for (const typed of ['PETROV, Ivan', 'иван  петров', 'Jose Alvarez Nunez', 'مُحَمَّد حَسَن']) {
      const r = k.core.run('visit.signIn', signInInput(k, { fullName: typed }), 'kiosk');
      expect(r, typed).toMatchObject({ held: true, badge: { status: 'not_configured' } });
      expect(jobsOfVisit(k.db, r.visitId)).toEqual([]);
      held.push(r.visitId);
    }
    // Near misses are not held.
    for (const typed of ['Ivan Petrova', 'Ivana Petrov', 'José Álvarez']) expect(k.core.run('visit.signIn', signInInput(k, { fullName: typed }), 'kiosk').held, typed).toBeUndefined();

    await syncOnce(k);
    const alerts = t.hub.core.run('restricted.alerts', {}, OFFICE).alerts;
    expect(alerts.map((a) => a.visitId).sort()).toEqual([...held].sort());
    expect(alerts.find((a) => a.typedName === 'PETROV, Ivan')).toMatchObject({ entryId: entry.id, entryName: 'Ivan Petrov', kioskName: 'Main entrance', acknowledgedAt: null });
    // Office staff see who, not why; the DSL sees why.
    expect(t.hub.core.run('restricted.list', {}, OFFICE).entries.map((e) => e.reason)).toEqual([null, null]);
    expect(t.hub.core.run('restricted.list', {}, DSL).entries.find((e) => e.id === entry.id)?.reason).toBe('Court order: no contact with pupil A.');
    expect(() => t.hub.core.run('restricted.save', { fullName: 'Someone Else', reason: 'x y z', reviewOn: review }, OFFICE)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));

    const first = alerts[0]!;
    expect(t.hub.core.run('restricted.acknowledge', { id: first.id }, OFFICE).alert).toMatchObject({ acknowledgedBy: 'Ofelia Office (ofelia)' });
    // A push of the same visits again raises nothing new.
    k.db.prepare('INSERT INTO outbox (event_id) SELECT id FROM visit_events WHERE true ON CONFLICT DO NOTHING').run();
    await syncOnce(k);
    expect(t.hub.core.run('restricted.alerts', {}, OFFICE).alerts).toHaveLength(held.length);
  }, 30_000);

  it("an erased held visit takes its alert and reception's ID check with it", async () => {
    const { t, k } = await setUp();
    t.hub.core.run('restricted.save', { fullName: 'Ivan Petrov', reason: 'Court order', reviewOn: '2000-01-01' }, DSL);
    // A review date that has passed is flagged.
    expect(t.hub.core.run('restricted.list', {}, OFFICE).entries[0]).toMatchObject({ reviewOn: '2000-01-01', reviewDue: true });
    await syncOnce(k);
    const r = k.core.run('visit.signIn', signInInput(k, { fullName: 'Ivan Petrov' }), 'kiosk');
    await syncOnce(k);
    t.hub.core.run('admission.idChecked', { visitId: r.visitId, seen: 'photo_id' }, OFFICE);
    const count = (sql: string) => t.hub.db.prepare(sql).pluck().get(r.visitId) as number;
    expect([count('SELECT COUNT(*) FROM restricted_alerts WHERE visit_id = ?'), count('SELECT COUNT(*) FROM id_checks WHERE visit_id = ?')]).toEqual([1, 1]);
    k.core.run('visit.signOut', { visitId: r.visitId, phoneCollected: true }, 'kiosk');
    await syncOnce(k);
    t.hub.core.run('subjectAccess.erase', { visitIds: [r.visitId], exemptionIds: [], reason: 'Erasure request (test)' }, DSL);
    expect([count('SELECT COUNT(*) FROM restricted_alerts WHERE visit_id = ?'), count('SELECT COUNT(*) FROM id_checks WHERE visit_id = ?')]).toEqual([0, 0]);
    expect(count("SELECT COUNT(*) FROM ref_changes WHERE entity = 'idcheck' AND key = ?")).toBe(0);
  }, 30_000);

  it('removing an entry reaches the kiosk at its next sync', async () => {
    const { t, k } = await setUp();
    const { entry } = t.hub.core.run('restricted.save', { fullName: 'Ivan Petrov', reason: 'Court order', reviewOn: '2099-01-01' }, DSL);
    await syncOnce(k);
    expect(k.core.run('visit.signIn', signInInput(k, { fullName: 'Ivan Petrov' }), 'kiosk').held).toBe(true);
    expect(t.hub.core.run('restricted.remove', { id: entry.id }, DSL)).toEqual({ removed: true });
    await syncOnce(k);
    expect(k.db.prepare('SELECT COUNT(*) FROM restricted_keys').pluck().get()).toBe(0);
    expect(k.core.run('visit.signIn', signInInput(k, { fullName: 'Ivan Petrov' }), 'kiosk').held).toBeUndefined();
  }, 30_000);
});
