// Device-use exemptions at the kiosk, on a real SQLite file: the office's approvals (copied into
// the kiosk's `exemptions` table) are matched on name AND organisation, only while valid; the
// visitor acknowledges the conditions, sign-in re-checks them in its transaction, and the badge
// says where and until when — as it was at sign-in.
import { readSettings } from '../../core/site/settings.js';
import { applyAdmissionChange } from '../../core/admission/apply.js';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/open.js';
import { openKiosk, type Kiosk } from '../../core/kiosk.js';
import { jobsOfVisit } from '../../core/printing/queue.js';
import type { BadgeModel } from '../../core/printing/types.js';
import { plainText } from '../../core/printing/virtual/document.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../core/printing/virtual/server.js';
import type { PrintWorker } from '../../core/printing/worker.js';
import type { OpInput } from '../../shared/contract.js';
import type { KioskExemption } from '../../shared/sync.js';
import { nameKey } from '../../shared/text.js';
import { disposeKiosk, eventRows, rowCounts } from '../support/fixtures.js';
import { fakeClock, signInInput, tempDir, type Clock } from '../support/tempKiosk.js';

// Tuesday 3 March 2026, 10:00 in London (GMT, so also 10:00 UTC).
const TUESDAY_10AM = '2026-03-03T10:00:00.000Z';
const CONDITIONS = 'Use the laptop only in the rooms named.\nNo photos or recordings of pupils.\nKeep the phone on silent and out of sight elsewhere.';

let kiosk: Kiosk | null = null;
let printer: VirtualPrinter | null = null;
let worker: PrintWorker | null = null;
afterEach(async () => {
  await worker?.stop();
  worker = null;
  if (kiosk) disposeKiosk(kiosk);
  kiosk = null;
  await printer?.close();
  printer = null;
});

function openSite(clock: Clock, printerUrl?: string): Kiosk {
  const dir = tempDir('kiosk-exemption-');
  const site = { timeZone: 'Europe/London', ...(printerUrl ? { printer: { type: 'epson', interface: printerUrl, timeoutMs: 1000 } } : {}) };
  fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify(site));
  kiosk = openKiosk({ dataDir: dir, now: clock.now, log: () => {} });
  return kiosk;
}

/** An approval as the office's sync would copy it: Dr Okafor from Kent Community Health. */
function addExemption(db: Db, over: Partial<KioskExemption> = {}): KioskExemption {
  const e: KioskExemption = {
    id: 'ex-okafor',
    status: 'approved',
    nameKey: nameKey('Dr Amara Okafor'),
    organisationKey: nameKey('Kent Community Health'),
    validFrom: '2026-03-02',
    validTo: '2026-03-20',
    dailyFrom: '09:00',
    dailyTo: '15:00',
    weekdays: null,
    locations: ['Room 4', 'Speech therapy room'],
    devices: 'Work laptop and phone',
    conditions: CONDITIONS,
    ...over,
  };
  db.prepare(
    `INSERT INTO exemptions (id, status, name_key, organisation_key, valid_from, valid_to, daily_from, daily_to, weekdays, locations, devices, conditions)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.id, e.status, e.nameKey, e.organisationKey, e.validFrom, e.validTo, e.dailyFrom, e.dailyTo, e.weekdays ? JSON.stringify(e.weekdays) : null, JSON.stringify(e.locations), e.devices, e.conditions);
  return e;
}

const check = (k: Kiosk, fullName = 'Dr Amara Okafor', organisation = 'Kent Community Health') =>
  k.core.run('exemption.check', { fullName, organisation }, 'kiosk');

function professional(k: Kiosk, phone: OpInput<'visit.signIn'>['phone']): OpInput<'visit.signIn'> {
  return signInInput(k, {
    category: 'professional',
    fullName: 'Dr Amara Okafor',
    organisation: 'Kent Community Health',
    agencyRole: 'Speech and language therapist',
    phone,
  });
}

/** What a refused request must leave exactly as it was, counted with raw SQL. */
function counts(db: Db) {
  return { ...rowCounts(db), exemptions: db.prepare('SELECT COUNT(*) FROM exemptions').pluck().get() };
}

describe('"I have approval to use my device": finding the approval', () => {
  it('finds an approval for exactly that name and organisation, however they are typed, with its terms', () => {
    const k = openSite(fakeClock(TUESDAY_10AM));
    addExemption(k.db);
    const found = check(k, '  dr  amara OKAFOR ', 'kent community HEALTH');
    expect(found).toEqual({
      found: true,
      exemptionId: 'ex-okafor',
      locations: ['Room 4', 'Speech therapy room'],
      until: '2026-03-03T15:00:00.000Z', // the end of today's window
      devices: 'Work laptop and phone',
      conditions: CONDITIONS,
      conditionsHash: createHash('sha256').update(JSON.stringify(['Work laptop and phone', ['Room 4', 'Speech therapy room'], CONDITIONS])).digest('hex'),
    });
  });

  it('does not match another organisation, another person, or a visitor who gave no organisation', () => {
    const k = openSite(fakeClock(TUESDAY_10AM));
    addExemption(k.db);
    expect(check(k, 'Dr Amara Okafor', 'Kent County Council')).toEqual({ found: false });
    expect(check(k, 'Dr Amara Okafor-Smith', 'Kent Community Health')).toEqual({ found: false });
    expect(check(k, 'Dr Amara Okafor', '')).toEqual({ found: false });
  });

  it('does not match before the first day or after the last day of the approval', () => {
    const clock = fakeClock('2026-03-01T10:00:00.000Z');
    const k = openSite(clock);
    addExemption(k.db);
    expect(check(k)).toEqual({ found: false });
    clock.set('2026-03-20T10:00:00.000Z');
    expect(check(k)).toMatchObject({ found: true });
    clock.set('2026-03-21T10:00:00.000Z');
    expect(check(k)).toEqual({ found: false });
  });

  it('a recurring approval matches only on its weekdays', () => {
    const clock = fakeClock(TUESDAY_10AM);
    const k = openSite(clock);
    addExemption(k.db, { weekdays: [2] }); // Tuesdays
    expect(check(k)).toMatchObject({ found: true });
    clock.set('2026-03-04T10:00:00.000Z'); // Wednesday
    expect(check(k)).toEqual({ found: false });
    clock.set('2026-03-10T10:00:00.000Z'); // the next Tuesday
    expect(check(k)).toMatchObject({ found: true });
  });

  it('matches only inside the daily window: from its start, until (not at) its end', () => {
    const clock = fakeClock('2026-03-03T08:59:00.000Z');
    const k = openSite(clock);
    addExemption(k.db);
    expect(check(k)).toEqual({ found: false });
    clock.set('2026-03-03T09:00:00.000Z');
    expect(check(k)).toMatchObject({ found: true });
    clock.set('2026-03-03T14:59:59.000Z');
    expect(check(k)).toMatchObject({ found: true });
    clock.set('2026-03-03T15:00:00.000Z');
    expect(check(k)).toEqual({ found: false });
  });

  it('reads days and times on the site’s clock: in summer time 09:00 London is 08:00 UTC', () => {
    const clock = fakeClock('2026-06-02T08:30:00.000Z'); // 09:30 BST
    const k = openSite(clock);
    addExemption(k.db, { validFrom: '2026-06-01', validTo: '2026-06-30' });
    expect(check(k)).toMatchObject({ found: true, until: '2026-06-02T14:00:00.000Z' });
    clock.set('2026-06-02T07:30:00.000Z'); // 08:30 BST: not yet
    expect(check(k)).toEqual({ found: false });
  });

  it('without a daily window, the approval lasts until the end of its last day', () => {
    const k = openSite(fakeClock(TUESDAY_10AM));
    addExemption(k.db, { dailyFrom: null, dailyTo: null });
    expect(check(k)).toMatchObject({ found: true, until: '2026-03-20T23:59:00.000Z' });
  });

  it.each(['revoked', 'refused', 'requested'] as const)('does not match an approval that is %s', (status) => {
    const k = openSite(fakeClock(TUESDAY_10AM));
    addExemption(k.db, { status });
    expect(check(k)).toEqual({ found: false });
  });

  it('refuses bad input with a clear message, like the sign-in does', () => {
    const k = openSite(fakeClock(TUESDAY_10AM));
    expect(k.core.call('exemption.check', { fullName: '', organisation: 'X' }, 'kiosk')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Please check: Full name is required.', fields: [{ path: 'fullName', message: 'required' }] },
    });
    expect(k.core.call('exemption.check', { fullName: 'A B', organisation: 'Evil\u202eCorp' }, 'kiosk')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'organisation', message: 'controlChars' }] },
    });
  });
});

describe('signing in under an approval', () => {
  it('with the conditions acknowledged: custody under the approval, and an event with the hash of what was acknowledged', () => {
    const k = openSite(fakeClock(TUESDAY_10AM));
    addExemption(k.db);
    const offer = check(k);
    if (!offer.found) throw new Error('expected an approval');
    const r = k.core.run('visit.signIn', professional(k, { choice: 'exemption', exemptionId: offer.exemptionId, conditionsHash: offer.conditionsHash }), 'kiosk');

    expect(r.phone).toEqual({ kind: 'exemption', exemptionId: 'ex-okafor' });
    expect(r.approvedUse).toEqual({ locations: ['Room 4', 'Speech therapy room'], until: '2026-03-03T15:00:00.000Z' });
    const events = eventRows(k.db, r.visitId);
    expect(events.map((e) => e.kind)).toEqual(['arrived', 'policy_acknowledged', 'exemption_conditions_acknowledged', 'phone_stored']);
    expect(events[2]!.body).toEqual({
      exemptionId: 'ex-okafor',
      conditionsHash: offer.conditionsHash,
      locations: ['Room 4', 'Speech therapy room'],
      until: '2026-03-03T15:00:00.000Z',
    });
    expect(events[3]!.body).toEqual({ custody: { kind: 'exemption', exemptionId: 'ex-okafor' } });
    expect(k.db.prepare('SELECT phone_kind, exemption_id, device_request_id FROM visits WHERE id = ?').get(r.visitId)).toEqual({
      phone_kind: 'exemption',
      exemption_id: 'ex-okafor',
      device_request_id: null,
    });
    // every event goes to the office with the visit
    expect(k.db.prepare('SELECT COUNT(*) FROM outbox').pluck().get()).toBe(4);
  });

  it('without an acknowledged approval: a pending request for reception, even when a valid approval exists', () => {
    const k = openSite(fakeClock(TUESDAY_10AM));
    addExemption(k.db);
    const r = k.core.run('visit.signIn', professional(k, { choice: 'exemption' }), 'kiosk');
    expect(r.phone).toMatchObject({ kind: 'exemption_pending' });
    expect(r.approvedUse).toBeUndefined();
    expect(eventRows(k.db, r.visitId).map((e) => e.kind)).toEqual(['arrived', 'policy_acknowledged', 'device_use_requested', 'phone_stored']);
  });

  it('an approval id without the acknowledged conditions is refused as incomplete, and nothing is written', () => {
    const k = openSite(fakeClock(TUESDAY_10AM));
    addExemption(k.db);
    const before = counts(k.db);
    expect(k.core.call('visit.signIn', professional(k, { choice: 'exemption', exemptionId: 'ex-okafor' }), 'kiosk')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'phone.conditionsHash', message: 'required' }] },
    });
    expect(counts(k.db)).toEqual(before);
  });

  describe('when the approval changes between the check and the sign-in, EXEMPTION_NOT_VALID and nothing is written', () => {
    const cases: { what: string; change: (db: Db, clock: Clock) => void; message: RegExp }[] = [
      { what: 'revoked', change: (db) => db.prepare("UPDATE exemptions SET status = 'revoked' WHERE id = 'ex-okafor'").run(), message: /no longer valid/ },
      { what: 'removed by the office', change: (db) => db.prepare("DELETE FROM exemptions WHERE id = 'ex-okafor'").run(), message: /no longer valid/ },
      { what: 'its window closed', change: (_db, clock) => clock.set('2026-03-03T15:00:00.000Z'), message: /no longer valid/ },
      {
        what: 'its conditions changed',
        change: (db) => db.prepare("UPDATE exemptions SET conditions = conditions || '\nSign out at reception.' WHERE id = 'ex-okafor'").run(),
        message: /conditions of this approval have just changed/,
      },
      { what: 'its places changed', change: (db) => db.prepare(`UPDATE exemptions SET locations = '["Staff room"]' WHERE id = 'ex-okafor'`).run(), message: /just changed/ },
    ];
    it.each(cases)('$what', ({ change, message }) => {
      const clock = fakeClock(TUESDAY_10AM);
      const k = openSite(clock);
      addExemption(k.db);
      const offer = check(k);
      if (!offer.found) throw new Error('expected an approval');
      change(k.db, clock);
      const before = counts(k.db);
      const env = k.core.call('visit.signIn', professional(k, { choice: 'exemption', exemptionId: offer.exemptionId, conditionsHash: offer.conditionsHash }), 'kiosk');
      expect(env).toMatchObject({ ok: false, error: { code: 'EXEMPTION_NOT_VALID', message: expect.stringMatching(message) } });
      expect(counts(k.db)).toEqual(before);
    });
  });

  it('someone else’s approval cannot be used under another name', () => {
    const k = openSite(fakeClock(TUESDAY_10AM));
    addExemption(k.db);
    const offer = check(k);
    if (!offer.found) throw new Error('expected an approval');
    const before = counts(k.db);
    const input = { ...professional(k, { choice: 'exemption', exemptionId: offer.exemptionId, conditionsHash: offer.conditionsHash }), fullName: 'Someone Else' };
    expect(k.core.call('visit.signIn', input, 'kiosk')).toMatchObject({ ok: false, error: { code: 'EXEMPTION_NOT_VALID' } });
    expect(counts(k.db)).toEqual(before);
  });
});

describe('the badge of a visitor under an approval', () => {
  const LINE = 'DEVICE USE APPROVED — Room 4, Speech therapy room, until 15:00';

  /** Reception's "ID checked" for the visit, as it arrives from the office's feed. */
  function idChecked(k: Kiosk, visitId: string) {
    applyAdmissionChange(k.db, { seq: 1, entity: 'idcheck', key: visitId, body: { visitId, kioskId: readSettings(k.db).kioskId, seen: 'photo_id', by: 'Pat Office (pat)', at: new Date(TUESDAY_10AM).toISOString() } });
  }

  function signInApproved(k: Kiosk) {
    addExemption(k.db);
    const offer = check(k);
    if (!offer.found) throw new Error('expected an approval');
    return k.core.run('visit.signIn', professional(k, { choice: 'exemption', exemptionId: offer.exemptionId, conditionsHash: offer.conditionsHash }), 'kiosk');
  }

  it('without a printer, the done screen’s preview says where and until when — as approved at sign-in, even after a revocation', () => {
    const clock = fakeClock(TUESDAY_10AM);
    const k = openSite(clock);
    const r = signInApproved(k);
    // Nobody has checked who this is yet: the approval is not shown as granted.
    expect(k.printing.previewModel(k.db, r.visitId, clock.now()).phoneStatus).toBe('DEVICE USE: ID CHECK AT RECEPTION');
    idChecked(k, r.visitId);
    expect(k.printing.previewModel(k.db, r.visitId, clock.now()).phoneStatus).toBe(LINE);
    const png = k.core.run('badge.preview', { visitId: r.visitId }, 'kiosk').png;
    expect(png).toMatch(/^data:image\/png;base64,/);

    k.db.prepare("UPDATE exemptions SET status = 'revoked', locations = '[\"Nowhere\"]' WHERE id = 'ex-okafor'").run();
    expect(k.printing.previewModel(k.db, r.visitId, clock.now()).phoneStatus).toBe(LINE);
    expect(k.core.run('badge.preview', { visitId: r.visitId }, 'kiosk').png).toBe(png);
  });

  it('on a network printer, the badge prints the approval line, and the roll call says it too', async () => {
    printer = await startVirtualPrinter({ port: 0, model: 'epson' });
    const clock = fakeClock(TUESDAY_10AM);
    const k = openSite(clock, printer.url);
    worker = k.startPrinting();
    const r = signInApproved(k);
    expect((jobsOfVisit(k.db, r.visitId)[0]!.payload as BadgeModel).phoneStatus).toBe('DEVICE USE: ID CHECK AT RECEPTION');
    const [first] = await printer.waitForJobs(1);
    expect(plainText(first!.document).replace(/\s+/g, ' ')).toContain('DEVICE USE: ID CHECK AT RECEPTION');

    // Reception checks the visitor's ID; the reprint says what was approved.
    idChecked(k, r.visitId);
    k.printing.reprint(k.db, r.visitId, 'Reception', clock.now());
    const [, job] = await printer.waitForJobs(2);
    const text = plainText(job!.document);
    // The printer's code page has no long dash: the sanitiser prints a hyphen in its place.
    expect(text).toContain('DEVICE USE APPROVED');
    expect(text).toContain('Room 4, Speech therapy room, until 15:00');

    const roll = k.core.run('rollCall.print', { by: 'Reception' });
    const payload = k.db.prepare('SELECT payload FROM print_jobs WHERE id = ?').pluck().get(roll.jobId) as string;
    expect((JSON.parse(payload) as { rows: { phoneStatus: string }[] }).rows.map((x) => x.phoneStatus)).toEqual([LINE]);
  });
});
