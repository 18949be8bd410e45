// Regular visitors' cards over real sync (issue #13): a real hub served over HTTP, a real kiosk
// on its own SQLite file, a real TCP badge printer (the virtual one). The office records the
// person, their assurance and a card; the kiosk copies what it needs and then signs the person
// in by card with the office unreachable, catching an expired assurance or a due agreement on
// its own. Revocation and a re-issued card reach the kiosk at its next sync.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openKiosk, type Kiosk } from '../../core/kiosk.js';
import { deleteKioskVisits } from '../../core/retention/deleteVisits.js';
import { deleteHubVisits } from '../../core/office/retention/remove.js';
import { plainText } from '../../core/printing/virtual/document.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../core/printing/virtual/server.js';
import type { PrintWorker } from '../../core/printing/worker.js';
import { groupCardCode, normaliseCardCode } from '../../shared/cardCode.js';
import type { OpInput } from '../../shared/contract.js';
import type { CardScan } from '../../shared/regulars.js';
import { disposeKiosk, eventRows } from '../support/fixtures.js';
import { ADMIN, hubCount, pairKiosk, startTestHub, type TestHub } from '../support/syncHub.js';
import { cardSignInInput, fakeClock, tempDir, type Clock } from '../support/tempKiosk.js';
import { refusal } from '../support/refusal.js';
import { syncWithRetries } from '../support/kioskSync.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Site = { t: TestHub; k: Kiosk; clock: Clock; printer: VirtualPrinter; worker: PrintWorker };

async function site(): Promise<Site> {
  // Tuesday 3 March 2026, 09:00 in London (GMT).
  const clock = fakeClock('2026-03-03T09:00:00.000Z');
  const t = await startTestHub({ now: clock.now });
  cleanups.push(() => t.dispose());
  const printer = await startVirtualPrinter({ port: 0, model: 'epson' });
  cleanups.push(() => printer.close());
  const dir = tempDir('kiosk-regulars-');
  fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify({ timeZone: 'Europe/London', printer: { type: 'epson', interface: printer.url, timeoutMs: 1000 } }));
  const k = openKiosk({ dataDir: dir, now: clock.now, log: () => {} });
  cleanups.push(() => disposeKiosk(k));
  const worker = k.startPrinting();
  cleanups.push(() => worker.stop());
  await pairKiosk(k.db, t, 'Main entrance');
  await syncWithRetries(k);
  return { t, k, clock, printer, worker };
}

/** The office registers a Tuesday reading volunteer with a DBS check until 20 March and a card. */
function registerVolunteer(t: TestHub): { id: string; code: string } {
  const host = t.hub.core.run('reference.get', {}, ADMIN).hosts.find((h) => h.active)!;
  const { regular } = t.hub.core.run('regulars.save', { fullName: 'Jane Smith', organisation: '', role: 'Reading volunteer', category: 'volunteer', hostId: host.id }, ADMIN);
  t.hub.core.run('regulars.addAssurance', { regularId: regular.id, kind: 'enhanced_dbs_seen', checkedBy: 'Pat Office', checkedOn: '2026-01-10', expiresOn: '2026-03-20' }, ADMIN);
  const { card } = t.hub.core.run('regulars.issueCard', { id: regular.id }, ADMIN);
  return { id: regular.id, code: card.code };
}

const scan = (k: Kiosk, cardCode: string): CardScan => k.core.run('regular.scan', { cardCode, language: 'en' }, 'kiosk');

const cardSignIn = (k: Kiosk, cardCode: string, s: CardScan, phone?: OpInput<'regular.signIn'>['phone']) => cardSignInInput(k, cardCode, s, phone);

describe('regular visitors: card sign-in with the kiosk offline from the office', () => {
  it('signs a regular in by card offline, prints the badge, asks only what changed, and the hub learns it at the next sync', async () => {
    const { t, k, clock, printer } = await site();
    const jane = registerVolunteer(t);
    await syncWithRetries(k);
    // The kiosk holds no name, no code: only the hash and a masked name.
    const copy = k.db.prepare('SELECT * FROM regulars').all() as Record<string, unknown>[];
    expect(copy).toHaveLength(1);
    expect(copy[0]!.masked_name).toBe('Jane S.');
    expect(JSON.stringify(copy)).not.toContain('Smith');
    expect(JSON.stringify(copy)).not.toContain(jane.code);

    await t.stop(); // the office is unreachable from here on

    // Typed as people type it: lower case, spaces instead of dashes.
    const typed = groupCardCode(jane.code).toLowerCase().replaceAll('-', ' ');
    const first = scan(k, typed);
    expect(first).toMatchObject({ status: 'ok', maskedName: 'Jane S.', category: 'volunteer', onSiteVisitId: null, policyChanged: true });
    if (first.status !== 'ok') throw new Error();
    expect(first.agreement?.due).toBe('first');
    expect(first.agreement?.points.join(' ')).toMatch(/Bluetooth/);

    // Without acknowledging the agreement that is due: refused, nothing written.
    const before = eventRows(k.db).length;
    const { agreement: _skip, ...noAgreement } = cardSignIn(k, typed, first);
    expect(refusal(() => k.core.run('regular.signIn', noAgreement, 'kiosk')).code).toBe('POLICY_CHANGED');
    expect(eventRows(k.db)).toHaveLength(before);

    const receipt = k.core.run('regular.signIn', cardSignIn(k, typed, first), 'kiosk');
    expect(receipt.fullName).toBe('Jane S.');
    const [job] = await printer.waitForJobs(1);
    expect(plainText(job!.document)).toContain('Jane S.');
    // Her enhanced DBS check is recorded on the register and valid today: the badge, decoded from
    // the printer's bytes, lets her go unescorted, and says why nowhere a corridor reader needs.
    expect(plainText(job!.document)).toContain('Escort not required');
    expect(plainText(job!.document)).not.toContain('MUST BE ESCORTED');

    // A scanner that sends the code twice: one visit, and the second scan says so.
    expect(refusal(() => k.core.run('regular.signIn', cardSignIn(k, jane.code, first), 'kiosk')).code).toBe('CONFLICT');
    expect(scan(k, jane.code)).toMatchObject({ status: 'ok', onSiteVisitId: receipt.visitId });
    expect(k.db.prepare("SELECT COUNT(*) FROM visit_events WHERE kind = 'arrived'").pluck().get()).toBe(1);

    // She leaves; next Tuesday, still offline: nothing changed, so nothing to acknowledge.
    k.core.run('visit.signOut', { visitId: receipt.visitId, phoneCollected: true }, 'kiosk');
    clock.set('2026-03-10T09:00:00.000Z');
    const again = scan(k, jane.code);
    expect(again).toMatchObject({ status: 'ok', agreement: null, policyChanged: false });
    const second = k.core.run('regular.signIn', { cardCode: jane.code, language: 'en', phone: { choice: 'none' } }, 'kiosk');
    k.core.run('visit.signOut', { visitId: second.visitId, phoneCollected: false }, 'kiosk');

    // The DBS check ran out on 20 March: caught offline, with the neutral answer.
    clock.set('2026-03-24T09:00:00.000Z');
    expect(scan(k, jane.code)).toEqual({ status: 'see_reception' });
    const expired = refusal(() => k.core.run('regular.signIn', { cardCode: jane.code, language: 'en', phone: { choice: 'none' } }, 'kiosk'));
    expect(expired.code).toBe('FORBIDDEN');
    expect(expired.message).toBe('Please see reception.');

    // The office is back: the visits, the agreement she acknowledged and the hours reach it.
    await t.start();
    await syncWithRetries(k);
    expect(hubCount(t.hub, 'SELECT COUNT(*) FROM regular_visits WHERE regular_id = ?', jane.id)).toBe(2);
    const view = t.hub.core.run('regulars.list', {}, ADMIN);
    const me = view.regulars.find((r) => r.id === jane.id)!;
    expect(me.agreement).toMatchObject({ version: 1, language: 'en' });
    expect(me.agreementDue).toBeNull();
    expect(me.assuranceValidUntil).toBeNull(); // ran out on 20 March
    const csv = t.hub.core.run('regulars.hoursCsv', { fromMonth: '2026-03', toMonth: '2026-03' }, ADMIN).csv;
    expect(csv.split('\r\n')[1]).toBe('"2026-03","Jane Smith","","volunteer","Reading volunteer","2","0","0.00"');
    // The kiosk only ever held "Jane S.": the office's lists show, and search by, the register's name.
    const found = t.hub.core.run('visits.search', { query: 'smith' }, ADMIN).visits;
    expect(found.map((v) => v.fullName)).toEqual(['Jane Smith', 'Jane Smith']);

    // A visit purged or erased takes its link to the person with it, on the kiosk and on the hub;
    // the agreement she acknowledged stays on her record.
    k.db.transaction(() => deleteKioskVisits(k.db, [receipt.visitId]))();
    expect(k.db.prepare('SELECT COUNT(*) FROM regular_visits WHERE visit_id = ?').pluck().get(receipt.visitId)).toBe(0);
    t.hub.db.transaction(() => deleteHubVisits(t.hub.db, [receipt.visitId]))();
    expect(hubCount(t.hub, 'SELECT COUNT(*) FROM regular_visits WHERE regular_id = ?', jane.id)).toBe(1);
    expect(t.hub.core.run('regulars.list', {}, ADMIN).regulars[0]!.agreement).toMatchObject({ version: 1 });
  });

  it('catches the yearly renewal and a changed agreement offline, and shows what changed', async () => {
    const { t, k, clock } = await site();
    const jane = registerVolunteer(t);
    t.hub.core.run('regulars.addAssurance', { regularId: jane.id, kind: 'dbs_update_service', checkedBy: 'Pat Office', checkedOn: '2026-03-01', expiresOn: '2027-03-01' }, ADMIN);
    await syncWithRetries(k);
    const s = scan(k, jane.code);
    const v = k.core.run('regular.signIn', cardSignIn(k, jane.code, s), 'kiosk');
    k.core.run('visit.signOut', { visitId: v.visitId, phoneCollected: true }, 'kiosk');
    await syncWithRetries(k);

    // The school changes the agreement's wording: the kiosk asks again, saying it changed.
    const cur = t.hub.core.run('regulars.list', {}, ADMIN).agreement;
    const en = cur.texts.en!;
    t.hub.core.run('agreement.publish', { texts: { en: { title: en.title, points: [...en.points, 'I wear my badge where it can be seen.'] } } }, ADMIN);
    await syncWithRetries(k);
    await t.stop();
    const changed = scan(k, jane.code);
    expect(changed.status === 'ok' && changed.agreement).toMatchObject({ due: 'changed', version: 2 });
    expect(changed.status === 'ok' && changed.agreement?.points.at(-1)).toBe('I wear my badge where it can be seen.');
    const v2 = k.core.run('regular.signIn', cardSignIn(k, jane.code, changed), 'kiosk');
    k.core.run('visit.signOut', { visitId: v2.visitId, phoneCollected: true }, 'kiosk');
    expect(scan(k, jane.code)).toMatchObject({ status: 'ok', agreement: null });

    // 1 September (the default renewal day) passes with the office still unreachable.
    clock.set('2026-09-02T08:30:00.000Z');
    const renewal = scan(k, jane.code);
    expect(renewal.status === 'ok' && renewal.agreement?.due).toBe('renewal');
  });

  it('revocation reaches the kiosk at the next sync; a re-issued card works and the old one is dead', async () => {
    const { t, k } = await site();
    const jane = registerVolunteer(t);
    await syncWithRetries(k);
    expect(scan(k, jane.code).status).toBe('ok');

    t.hub.core.run('regulars.revokeCard', { id: jane.id }, ADMIN);
    expect(scan(k, jane.code).status).toBe('ok'); // not yet: the kiosk has not synced
    await syncWithRetries(k);
    expect(scan(k, jane.code)).toEqual({ status: 'see_reception' });

    const { card } = t.hub.core.run('regulars.issueCard', { id: jane.id }, ADMIN);
    expect(card.code).not.toBe(jane.code);
    await syncWithRetries(k);
    expect(scan(k, card.code).status).toBe('ok');
    expect(scan(k, jane.code)).toEqual({ status: 'see_reception' });

    // Suspended: the same neutral answer, never the reason.
    const reg = t.hub.core.run('regulars.list', {}, ADMIN).regulars[0]!;
    t.hub.core.run('regulars.save', { id: reg.id, fullName: reg.fullName, organisation: reg.organisation, role: reg.role, category: reg.category, hostId: reg.hostId, status: 'suspended' }, ADMIN);
    await syncWithRetries(k);
    expect(scan(k, card.code)).toEqual({ status: 'see_reception' });
  });

  it('unknown, tampered and malformed codes all get the neutral answer', async () => {
    const { t, k } = await site();
    const jane = registerVolunteer(t);
    await syncWithRetries(k);
    // One symbol changed: the check symbol catches it before any lookup.
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const i = 5;
    const swapped = alphabet[(alphabet.indexOf(jane.code[i]!) + 1) % 32]!;
    const tampered = jane.code.slice(0, i) + swapped + jane.code.slice(i + 1);
    expect(normaliseCardCode(tampered)).toBeNull();
    // A well-formed code nobody holds.
    const data = 'ABCDEFGHJKMNPQR';
    const unknown = normaliseCardCode(data + '0') ?? [...alphabet].map((c) => data + c).find((c) => normaliseCardCode(c))!;
    for (const code of [tampered, unknown, '', 'not a card', jane.code.slice(0, 15), `${jane.code}X`, '<script>', '١٢٣٤']) expect(scan(k, code)).toEqual({ status: 'see_reception' });
    // Too long for the contract: an input error, which says nothing about any card either.
    expect(refusal(() => scan(k, 'X'.repeat(65))).code).toBe('INVALID_INPUT');
  });
});
