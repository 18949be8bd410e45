// The DSL's evidence view and the governors' annual review pack, on a real hub database fed by
// two kiosks' event streams: device approvals (one revoked while its holder was on site), phones
// in lockers and with reception, one never collected, and concerns with a referral. Every
// expectation is written out here; the PDFs are read back with pdftotext.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import type { Evidence } from '../../shared/concerns.js';
import { ACTORS, auditRows, disposeHub, eventSource, ingest, locker, registerKiosk, tempHub } from '../support/officeDomain.js';
import { fakeClock, tempDir, type Clock } from '../support/tempKiosk.js';

const { office, dsl, head } = ACTORS;
let hub: Hub;
let clock: Clock;
let hash: string; // the English text hash of policy version 1 (the default policy)
const ids: Record<string, string> = {};

function pdfText(base64: string): string {
  const dir = tempDir('evidence-pdf-');
  const file = path.join(dir, 'out.pdf');
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return text.replace(/\s+/g, ' ');
}

beforeAll(() => {
  clock = fakeClock('2026-02-27T08:00:00.000Z'); // the hub opens (and publishes policy v1) on Friday 27 Feb
  hub = tempHub(clock.now);
  hash = hub.db.prepare("SELECT text_hash FROM policy_texts WHERE language = 'en'").pluck().get() as string;
  const versionId = hub.db.prepare('SELECT id FROM policy_versions WHERE version = 1').pluck().get() as string;
  const ack = (language: string) => ({ versionId, version: 1, textHash: hash, language });
  registerKiosk(hub, 'k-north', 'North gate');
  registerKiosk(hub, 'k-south', 'Main office');
  const north = eventSource('k-north');
  const south = eventSource('k-south');

  // Two approvals: a speech therapist's tablet (kept), a photographer's camera (revoked on site).
  const req = (fullName: string, organisation: string) =>
    hub.core.run('exemptions.request', { fullName, organisation, agencyRole: 'Visitor', purpose: 'Work with pupils', devices: 'Device', locationIds: ['staffroom'] }, office).exemption.id;
  ids.priyaEx = req('Priya Nair', 'NHS Speech and Language Therapy');
  ids.marekEx = req('Marek Zieliński', 'Sunbeam School Photos');
  clock.set('2026-02-27T14:00:00.000Z');
  const approve = (id: string, devices: string, conditions: string) =>
    hub.core.run('exemptions.approve', { id, validFrom: '2026-03-02', validTo: '2026-03-27', recurrence: { kind: 'single' }, locationIds: ['staffroom'], devices, conditions }, head);
  approve(ids.priyaEx, 'Work tablet', 'Only in the staff room; no images of pupils.');
  approve(ids.marekEx, 'Camera', 'Class photos only, with a member of staff present.');

  // Monday 2 March.
  const priya1 = north.arrive({ fullName: 'Priya Nair', organisation: 'NHS Speech and Language Therapy', category: 'professional', at: '2026-03-02T09:00:00.000Z', phone: { kind: 'exemption', exemptionId: ids.priyaEx }, ack: ack('en') });
  const tom = south.arrive({ fullName: 'Tom Blue', at: '2026-03-02T09:30:00.000Z', phone: locker(4), ack: ack('pl') });
  ingest(hub, [...priya1.events, ...tom.events, ...south.depart(tom.visitId, '2026-03-02T10:00:00.000Z'), ...north.depart(priya1.visitId, '2026-03-02T11:00:00.000Z')]);
  ids.priya1 = priya1.visitId;
  ids.tom = tom.visitId;

  // Tuesday 3 March: the photographer's approval is revoked while he is here; a concern about him.
  const marek = south.arrive({ fullName: 'Marek Zieliński', organisation: 'Sunbeam School Photos', at: '2026-03-03T09:00:00.000Z', phone: { kind: 'exemption', exemptionId: ids.marekEx }, ack: ack('pl') });
  ingest(hub, marek.events);
  ids.marek = marek.visitId;
  clock.set('2026-03-03T10:15:00.000Z');
  ids.concern = hub.core.run(
    'breaches.log',
    { visitId: marek.visitId, person: 'Marek Zieliński', location: 'Year 3 corridor', what: 'Photographing pupils outside the class photo session.', actionTaken: 'Stopped him; DSL called.', kind: 'photo_or_recording_of_pupils', severity: 'high', policyPoint: 'visitor_use_agreed_first', occurredAt: '2026-03-03T10:05:00Z' },
    office,
  ).breach.id;
  clock.set('2026-03-03T10:30:00.000Z');
  hub.core.run('exemptions.revoke', { id: ids.marekEx, reason: 'Photographed pupils outside the session.' }, dsl);
  hub.core.run('concerns.refer', { id: ids.concern, agency: 'county_safeguarding', contact: 'Education safeguarding adviser', referredAt: '2026-03-03T10:30:00Z', reference: 'ESS-441' }, dsl);
  ingest(hub, south.depart(marek.visitId, '2026-03-03T12:00:00.000Z'));
  // Priya again, her phone in a locker this time; she leaves without it.
  const priya2 = south.arrive({ fullName: 'Priya Nair', organisation: 'NHS Speech and Language Therapy', category: 'professional', at: '2026-03-03T13:00:00.000Z', phone: locker(7), ack: ack('en') });
  ingest(hub, [...priya2.events, ...south.depart(priya2.visitId, '2026-03-03T14:00:00.000Z', false)]);
  ids.priya2 = priya2.visitId;

  // Wednesday 4 March: a parent hands her phone to reception; a second concern, not about a visit.
  const ann = north.arrive({ fullName: 'Ann Other', at: '2026-03-04T08:45:00.000Z', phone: { kind: 'reception' }, ack: ack('ar') });
  ingest(hub, [...ann.events, ...north.depart(ann.visitId, '2026-03-04T09:15:00.000Z')]);
  ids.ann = ann.visitId;
  clock.set('2026-03-04T12:00:00.000Z');
  hub.core.run('breaches.log', { visitId: null, person: 'Unknown parent', location: 'Playground', what: 'Phone call at the gate during pick-up.', actionTaken: 'Reminded.', kind: 'phone_use_seen', severity: 'low', policyPoint: 'visitor_phone_locked_away' }, office);
  clock.set('2026-03-05T09:00:00.000Z');
});
afterAll(() => disposeHub(hub));

const names = (e: Evidence) => e.rows.map((r) => `${r.day} ${r.fullName}`);

describe('the evidence view', () => {
  it('a day: every visit, with what they acknowledged and where their phone was', () => {
    const e = hub.core.run('evidence.view', { scope: 'day', day: '2026-03-02' }, dsl);
    expect(names(e)).toEqual(['2026-03-02 Priya Nair', '2026-03-02 Tom Blue']);
    expect(e.rows[0]).toMatchObject({
      kioskName: 'North gate',
      policyVersion: 1,
      policyTextHash: hash,
      acknowledgedAt: '2026-03-02T09:00:00.000Z',
      language: 'en',
      custody: 'Kept under an approval',
      approval: {
        exemptionId: ids.priyaEx,
        status: 'approved',
        devices: 'Work tablet',
        locations: ['the staff room'],
        conditions: 'Only in the staff room; no images of pupils.',
        approvedBy: 'Hugh Head (hugh)',
        approvedAt: '2026-02-27T14:00:00.000Z',
        revokedAt: null,
      },
      concerns: [],
    });
    expect(e.rows[1]).toMatchObject({ kioskName: 'Main office', language: 'pl', custody: 'Locker 4', phoneInAt: '2026-03-02T09:30:00.000Z', phoneOutAt: '2026-03-02T10:00:00.000Z', approval: null });
  });

  it('a term: who was on site with a device, approved by whom, revocations and concerns', () => {
    const e = hub.core.run('evidence.view', { scope: 'term', from: '2026-02-23', to: '2026-04-03' }, dsl);
    expect(e.query.devicesOnly).toBe(true);
    expect(names(e)).toEqual(['2026-03-02 Priya Nair', '2026-03-03 Marek Zieliński']);
    expect(e.rows[1]).toMatchObject({
      approval: { status: 'revoked', devices: 'Camera', approvedBy: 'Hugh Head (hugh)', revokedBy: 'Dana Lead (dana)', revokedAt: '2026-03-03T10:30:00.000Z', revokeReason: 'Photographed pupils outside the session.' },
      concerns: [{ id: ids.concern, kind: 'photo_or_recording_of_pupils', severity: 'high', status: 'open' }],
    });
    const all = hub.core.run('evidence.view', { scope: 'term', from: '2026-02-23', to: '2026-04-03', devicesOnly: false }, dsl);
    expect(names(all)).toEqual(['2026-03-02 Priya Nair', '2026-03-02 Tom Blue', '2026-03-03 Marek Zieliński', '2026-03-03 Priya Nair', '2026-03-04 Ann Other']);
  });

  it('a person: all their visits, under an approval or not, whatever case or spacing is typed', () => {
    const e = hub.core.run('evidence.view', { scope: 'person', name: '  priya   NAIR ' }, dsl);
    expect(e.rows.map((r) => [r.day, r.kioskName, r.custody, r.approval?.exemptionId ?? null, r.phoneOutAt])).toEqual([
      ['2026-03-02', 'North gate', 'Kept under an approval', ids.priyaEx, '2026-03-02T11:00:00.000Z'],
      ['2026-03-03', 'Main office', 'Locker 7', null, null],
    ]);
  });

  it('is audited like other reads of the visitor record: scope, days and rows, never the name', () => {
    const before = auditRows(hub).length;
    hub.core.run('evidence.view', { scope: 'person', name: 'Priya Nair', from: '2026-03-01', to: '2026-03-31' }, head);
    const [entry, ...rest] = auditRows(hub).slice(before);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ action: 'evidence.view', actor: 'Hugh Head (hugh)', target: 'visits', detail: { scope: 'person', from: '2026-03-01', to: '2026-03-31', devicesOnly: false, nameSearched: true, rows: 2 } });
    expect(JSON.stringify(entry)).not.toMatch(/Priya|Nair/);
  });

  it('exports CSV and PDF with the same rows', () => {
    const q = { scope: 'term', from: '2026-03-01', to: '2026-03-31' } as const;
    const { csv, fileName } = hub.core.run('evidence.csv', q, dsl);
    expect(fileName).toBe('device-evidence-term-2026-03-01-to-2026-03-31.csv');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"Priya Nair","NHS Speech and Language Therapy"');
    expect(lines[1]).toContain(`"${hash}"`);
    expect(lines[2]).toContain('"Dana Lead (dana)","2026-03-03T10:30:00.000Z","Photographed pupils outside the session."');
    expect(lines[2]).toContain('Photo or recording of pupils (high, open');

    const text = pdfText(hub.core.run('evidence.pdf', q, dsl).pdf);
    for (const s of ['Device evidence', 'Priya Nair', 'Marek Zieli', 'Work tablet', 'approved by Hugh Head (hugh)', 'Only in the staff room; no images of pupils.', `Text hash ${hash}`, 'Dana Lead (dana)', 'Photo or recording of pupils'])
      expect(text, s).toContain(s);
    expect(text).not.toContain('Tom Blue'); // a term's devices only
    expect(auditRows(hub).slice(-2).map((a) => a.action)).toEqual(['evidence.csv', 'evidence.pdf']);
  });

  it('refuses a range that ends before it starts, and is for the DSL and head only', () => {
    expect(() => hub.core.run('evidence.view', { scope: 'term', from: '2026-03-10', to: '2026-03-01' }, dsl)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => hub.core.run('evidence.view', { scope: 'day', day: '2026-03-02' }, office)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});

describe('the annual review pack', () => {
  it('gathers the year for governors: versions, acknowledgements, concerns, approvals, phones left behind', () => {
    const { pack, pdf, fileName } = hub.core.run('evidence.reviewPack', { from: '2025-09-01', to: '2026-08-31' }, head);
    expect(fileName).toBe('annual-review-pack-2025-09-01-to-2026-08-31.pdf');
    expect(pack.policyVersions).toEqual([{ version: 1, publishedAt: '2026-02-27T08:00:00.000Z', languages: expect.arrayContaining(['en', 'ar', 'pl']), hashPrefix: hash.slice(0, 12) }]);
    expect(pack.acknowledgementsByLanguage).toEqual([
      { language: 'ar', count: 1 },
      { language: 'en', count: 2 },
      { language: 'pl', count: 2 },
    ]);
    expect(pack.concerns).toEqual([
      { policyPoint: 'visitor_phone_locked_away', severity: 'low', count: 1 },
      { policyPoint: 'visitor_use_agreed_first', severity: 'high', count: 1 },
    ]);
    expect(pack.referrals).toEqual([{ agency: 'county_safeguarding', count: 1 }]);
    expect(pack.approvalsGranted.map((a) => [a.fullName, a.approvedBy])).toEqual([
      ['Priya Nair', 'Hugh Head (hugh)'],
      ['Marek Zieliński', 'Hugh Head (hugh)'],
    ]);
    expect(pack.approvalsRevoked).toEqual([{ exemptionId: ids.marekEx, fullName: 'Marek Zieliński', revokedBy: 'Dana Lead (dana)', revokedAt: '2026-03-03T10:30:00.000Z', reason: 'Photographed pupils outside the session.' }]);
    expect(pack.phonesNotCollected).toEqual([{ visitId: ids.priya2, fullName: 'Priya Nair', day: '2026-03-03', custody: 'Locker 7' }]);
    expect(pack.review).toMatchObject({ due: '2027-02-27', state: 'ok' });

    const text = pdfText(pdf);
    for (const s of [
      'Annual review pack',
      'Version 1',
      `text hash ${hash.slice(0, 12)}`,
      'Next review due 2027-02-27',
      'Acknowledgements by language',
      'ar 1',
      'en 2',
      'pl 2',
      'high 1 × Visitors agree any device use with the head before using a device (section 6)',
      'low 1 × Visitors keep phones locked away and use them only in approved places (section 6)',
      "Referred 1 × County's education safeguarding service",
      'Granted 2',
      'Revoked 1',
      'Photographed pupils outside the session.',
      '2026-03-03 Priya Nair: Locker 7',
    ])
      expect(text, s).toContain(s);
    // Figures only: a concern's details stay with the DSL.
    expect(text).not.toMatch(/Year 3 corridor|ESS-441|Education safeguarding adviser/);
  });

  it('counts only the period asked for', () => {
    const { pack } = hub.core.run('evidence.reviewPack', { from: '2026-03-04', to: '2026-03-04' }, dsl);
    expect(pack.acknowledgementsByLanguage).toEqual([{ language: 'ar', count: 1 }]);
    expect(pack.concerns).toEqual([{ policyPoint: 'visitor_phone_locked_away', severity: 'low', count: 1 }]);
    expect(pack.approvalsGranted).toEqual([]);
    expect(pack.approvalsRevoked).toEqual([]);
    expect(pack.phonesNotCollected).toEqual([]);
  });
});
