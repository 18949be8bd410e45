// The escort rule follows a recorded check (issue #13), over real HTTP sync with a real hub and
// a badge printer on a real TCP socket (the virtual printer); badges are read back from the
// bytes the printer received.
//  - A visiting professional's first badge says they must be escorted and "ID CHECK AT
//    RECEPTION"; reception's "ID checked" in the console records the check, reaches the kiosk
//    and reprints the badge, which now says "Escort not required", in one step.
//  - A device-use approval shows on the badge only once identity is checked, and only for the
//    category it was granted for.
import { afterEach, describe, expect, it } from 'vitest';
import { startKioskServices } from '../../core/host/kioskServices.js';
import type { Kiosk } from '../../core/kiosk.js';
import { jobsOfVisit } from '../../core/printing/queue.js';
import { plainText } from '../../core/printing/virtual/document.js';
import type { VirtualPrinter } from '../../core/printing/virtual/server.js';
import { localDay } from '../../core/site/settings.js';
import { pairedKiosk, printerOn, until } from '../support/kioskSync.js';
import { ACTORS } from '../support/officeDomain.js';
import { startTestHub, type TestHub } from '../support/syncHub.js';
import { signInInput } from '../support/tempKiosk.js';

const { office: OFFICE, head: HEAD } = ACTORS;
const INTERVAL_MS = 300;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A kiosk with its own badge printer, paired with the hub, syncing and printing. */
async function runningKiosk(t: TestHub): Promise<{ k: Kiosk; printer: VirtualPrinter }> {
  const printer = await printerOn(cleanups);
  const k = await pairedKiosk(cleanups, t, 'Main entrance', printer);
  const services = await startKioskServices(k, { log: () => {}, embeddedOffice: false, syncIntervalMs: INTERVAL_MS });
  cleanups.push(() => services.stop());
  const worker = k.startPrinting();
  cleanups.push(() => worker.stop());
  return { k, printer };
}

/** Each printed badge as one line of text (wrapped lines joined), in the order printed. */
const badges = (p: VirtualPrinter): string[] =>
  p
    .jobs()
    .filter((j) => j.printed && j.complete)
    .map((j) => plainText(j.document).replace(/\s+/g, ' '));

const PROFESSIONAL = { category: 'professional', fullName: 'Grace Okafor', organisation: 'NHS Speech and Language Therapy', agencyRole: 'Speech and language therapist' } as const;

describe('the escort rule follows a recorded check', () => {
  it("a professional's first badge asks for an ID check; reception's check reprints it without the escort", async () => {
    const t = await startTestHub();
    cleanups.push(() => t.dispose());
    const { k, printer } = await runningKiosk(t);

    const r = k.core.run('visit.signIn', signInInput(k, { ...PROFESSIONAL }), 'kiosk');
    await until('the badge has printed', () => badges(printer).length === 1);
    const first = badges(printer)[0]!;
    expect(first).toContain('Grace Okafor');
    expect(first).toContain('MUST BE ESCORTED');
    expect(first).toContain('ID CHECK AT RECEPTION');
    expect(first).not.toContain('Escort not required');

    await until('the visit reached the office', () => t.hub.core.run('onSite.list', {}, OFFICE).visits.some((v) => v.visitId === r.visitId));
    const { check, request } = t.hub.core.run('admission.idChecked', { visitId: r.visitId, seen: 'dbs_certificate' }, OFFICE);
    expect(check).toMatchObject({ visitId: r.visitId, seen: 'dbs_certificate', by: 'Ofelia Office (ofelia)' });
    expect(request).toMatchObject({ kind: 'reprint', visitId: r.visitId, outcome: null });

    // One step: the kiosk has the check, and the printer the new badge.
    await until('the reprint has printed', () => badges(printer).length === 2);
    const reprint = badges(printer)[1]!;
    expect(reprint).toContain('Grace Okafor');
    expect(reprint).toContain('Escort not required');
    expect(reprint).not.toContain('MUST BE ESCORTED');
    expect(reprint).not.toContain('ID CHECK AT RECEPTION');
    expect(k.db.prepare('SELECT seen, checked_by FROM id_checks WHERE visit_id = ?').get(r.visitId)).toEqual({ seen: 'dbs_certificate', checked_by: 'Ofelia Office (ofelia)' });
    expect(jobsOfVisit(k.db, r.visitId).map((j) => j.kind).sort()).toEqual(['badge', 'reprint']);
    await until('the console sees the reprint queued', () => t.hub.core.run('desk.get', {}, OFFICE).requests[0]?.outcome === 'queued');
    expect(t.hub.core.run('admission.idChecks', {}, OFFICE).checks).toEqual([check]);
    // The audit says who checked which visit, and what was seen.
    expect(t.hub.db.prepare("SELECT actor, target FROM audit_log WHERE action = 'admission.idChecked'").all()).toEqual([{ actor: 'Ofelia Office (ofelia)', target: `visit:${r.visitId}` }]);
  }, 40_000);

  it('a visitor nobody checked is escorted whatever their category; a checked parent stays escorted', async () => {
    const t = await startTestHub();
    cleanups.push(() => t.dispose());
    const { k, printer } = await runningKiosk(t);

    k.core.run('visit.signIn', signInInput(k, { category: 'volunteer', fullName: 'Vera Volunteer' }), 'kiosk');
    await until('the badge has printed', () => badges(printer).length === 1);
    expect(badges(printer)[0]).toContain('MUST BE ESCORTED');
    expect(badges(printer)[0]).not.toContain('ID CHECK AT RECEPTION'); // only professionals are sent to the desk for it

    const parent = k.core.run('visit.signIn', signInInput(k, { category: 'parent_carer', fullName: 'Pat Parent' }), 'kiosk');
    await until('the parent reached the office', () => t.hub.core.run('onSite.list', {}, OFFICE).visits.some((v) => v.visitId === parent.visitId));
    t.hub.core.run('admission.idChecked', { visitId: parent.visitId, seen: 'photo_id' }, OFFICE);
    await until('the reprint has printed', () => badges(printer).length === 3);
    expect(badges(printer)[2]).toContain('Pat Parent');
    expect(badges(printer)[2]).toContain('MUST BE ESCORTED');
  }, 40_000);

  it('refuses a check for a visitor who has left, and one for a visit the office does not know', async () => {
    const t = await startTestHub();
    cleanups.push(() => t.dispose());
    const { k } = await runningKiosk(t);
    const r = k.core.run('visit.signIn', signInInput(k, { ...PROFESSIONAL }), 'kiosk');
    k.core.run('visit.signOut', { visitId: r.visitId, phoneCollected: true }, 'kiosk');
    await until('the departure reached the office', () => t.hub.db.prepare('SELECT departed_at FROM visits WHERE id = ?').pluck().get(r.visitId) != null);
    expect(() => t.hub.core.run('admission.idChecked', { visitId: r.visitId, seen: 'photo_id' }, OFFICE)).toThrow(/signed out/);
    expect(() => t.hub.core.run('admission.idChecked', { visitId: 'no-such-visit', seen: 'photo_id' }, OFFICE)).toThrow(/not known/);
    expect(() => t.hub.core.run('admission.idChecked', { visitId: r.visitId, seen: 'passport_number_123' } as never, OFFICE)).toThrow();
    expect(t.hub.db.prepare('SELECT COUNT(*) FROM id_checks').pluck().get()).toBe(0);
  }, 40_000);
});

describe('a device-use approval needs a checked identity and the right category', () => {
  it('shows "ID CHECK AT RECEPTION" until reception checks, then the approval; a "visitor" cannot use it', async () => {
    const t = await startTestHub();
    cleanups.push(() => t.dispose());
    const { k, printer } = await runningKiosk(t);

    const today = localDay(new Date(), 'Europe/London');
    const req = t.hub.core.run(
      'exemptions.request',
      { fullName: PROFESSIONAL.fullName, organisation: PROFESSIONAL.organisation, agencyRole: PROFESSIONAL.agencyRole, purpose: 'Therapy session notes', devices: 'Work tablet', locationIds: ['office'], requestedWindow: '' },
      OFFICE,
    ).exemption;
    t.hub.core.run(
      'exemptions.approve',
      { id: req.id, validFrom: today, validTo: today, recurrence: { kind: 'single' }, locationIds: ['office'], devices: 'Work tablet only', conditions: 'Tablet stays in the therapy room.' },
      HEAD,
    );
    const holder = { fullName: PROFESSIONAL.fullName, organisation: PROFESSIONAL.organisation };
    await until('the approval reached the kiosk', () => k.core.run('exemption.check', { ...holder, category: 'professional' }, 'kiosk').found);

    // The same name and organisation under another category: no approval to use.
    expect(k.core.run('exemption.check', { ...holder, category: 'visitor' }, 'kiosk')).toEqual({ found: false });
    const offer = k.core.run('exemption.check', { ...holder, category: 'professional' }, 'kiosk');
    if (!offer.found) throw new Error('expected an approval');
    const asVisitor = signInInput(k, { ...holder, category: 'visitor', phone: { choice: 'exemption', exemptionId: offer.exemptionId, conditionsHash: offer.conditionsHash } });
    expect(() => k.core.run('visit.signIn', asVisitor, 'kiosk')).toThrow(/no longer valid/);

    const r = k.core.run('visit.signIn', signInInput(k, { ...PROFESSIONAL, phone: { choice: 'exemption', exemptionId: offer.exemptionId, conditionsHash: offer.conditionsHash } }), 'kiosk');
    await until('the badge has printed', () => badges(printer).length === 1);
    expect(badges(printer)[0]).toContain('DEVICE USE: ID CHECK AT RECEPTION');
    expect(badges(printer)[0]).not.toContain('DEVICE USE APPROVED');

    await until('the visit reached the office', () => t.hub.core.run('onSite.list', {}, OFFICE).visits.some((v) => v.visitId === r.visitId));
    t.hub.core.run('admission.idChecked', { visitId: r.visitId, seen: 'agency_letter' }, OFFICE);
    await until('the reprint has printed', () => badges(printer).length === 2);
    expect(badges(printer)[1]).toContain('DEVICE USE APPROVED');
    expect(badges(printer)[1]).not.toContain('ID CHECK AT RECEPTION');
  }, 40_000);
});
