// Subject access covers everything the office hub keeps about a person: besides visits,
// exemptions and the breach log, the regular-visitor register (assurance, agreement, card
// history, hours), expected visits (invitations with the policy version sent, pre-visit device
// requests and their decision), reception's ID checks, concerns, the restricted list and the
// messages sent to them. Two people with similar names at each of two schools, every record kind
// seeded for each: the search and the export give the right person's records and only theirs,
// and never the other school's. Concerns and the restricted list only for the DSL and head; a
// section can be withheld (stated in the document, reason in the audit log); erasure reaches the
// register and expected visits but refuses safeguarding records, saying why.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/office/context.js';
import type { Hub } from '../../core/office/hub.js';
import { renderPdf } from '../../core/reports/pdf.js';
import { ContractError } from '../../shared/errors.js';
import type { SubjectCandidate } from '../../shared/retention.js';
import { RESTRICTED_MARKER } from '../../shared/subjectAccessRecords.js';
import { ACTORS, auditRows, disposeHub, eventSource, feed, tempHub } from '../support/officeDomain.js';
import { prepareNotifyHub, push } from '../support/notifyHub.js';
import { fakeClock } from '../support/tempKiosk.js';

const JO = 'Jo Pembridge';
const JOANNE = 'Joanne Pembridge';
const WITHHOLD_REASON = 'the safeguarding exemption: disclosure would put a child at risk';

/** Someone from the trust who opened the school's console (acts as the school role named). */
const TRUST: Record<'trust_dsl' | 'trust_admin', Actor> = {
  trust_dsl: { staffId: 'trust:tess', username: 'trust:tess', displayName: 'Tess Trust', role: 'dsl', trustVisitor: true },
  trust_admin: { staffId: 'trust:tom', username: 'trust:tom', displayName: 'Tom Trust', role: 'admin', trustVisitor: true },
};

/**
 * Who may do what through subject access, written out. `concerns`: the search and export include
 * concerns and restricted-list entries (and an id of one is "not found" for the others).
 */
const ROLE_MATRIX: { who: string; actor: Actor; search: boolean; concerns: boolean; export: boolean }[] = [
  { who: 'office staff', actor: ACTORS.office, search: false, concerns: false, export: false },
  { who: 'administrator', actor: ACTORS.admin, search: true, concerns: false, export: true },
  { who: 'DSL', actor: ACTORS.dsl, search: true, concerns: true, export: true },
  { who: 'head', actor: ACTORS.head, search: true, concerns: true, export: true },
  // The trust's visitors read as the role they act as, and change nothing (an export is audited: a write).
  { who: 'trust DSL', actor: TRUST.trust_dsl, search: true, concerns: true, export: false },
  { who: 'trust administrator', actor: TRUST.trust_admin, search: true, concerns: false, export: false },
];

function riskAssessmentPdf(who: string): Buffer {
  return renderPdf({ title: 'Risk assessment', at: new Date('2026-02-01T00:00:00Z') }, (doc) => void doc.fontSize(12).text(`Risk assessment for ${who}'s visit.`));
}

type Person = {
  name: string;
  email: string;
  visitId: string;
  cardVisitId: string;
  heldVisitId: string;
  regularId: string;
  cardCode: string;
  expectedId: string;
  exemptionId: string;
  concernId: string;
  restrictedId: string;
  messageIds: string[];
  pdf: Buffer;
};

let hubs: Hub[] = [];
afterEach(() => {
  for (const h of hubs) disposeHub(h);
  hubs = [];
});

/** A school where each of the two people has one record of every kind the hub keeps. */
function school(tag: string) {
  const clock = fakeClock('2026-03-02T08:00:00.000Z');
  const h = tempHub(clock.now);
  hubs.push(h);
  h.db.prepare("INSERT INTO site_settings (key, value) VALUES ('site_name', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(`${tag} School`);
  prepareNotifyHub(h, 9); // email set up (nothing listens: what is queued is what matters)
  h.core.run('locations.save', { locations: [{ id: 'staffroom', name: 'Staff room', active: true }] }, ACTORS.admin);
  const kiosk = eventSource('k-1');
  const at = (hhmm: string) => `2026-03-02T${hhmm}:00.000Z`;

  const seed = (name: string, minute: number, keepCard: boolean): Person => {
    const email = `${name.toLowerCase().replace(' ', '.')}@${tag.toLowerCase()}.example`;
    const m = String(minute).padStart(2, '0');
    // A visit, with reception's ID check.
    const visit = kiosk.arrive({ fullName: name, at: at(`08:${m}`), organisation: `${tag} Council`, category: 'professional' });
    push(h, visit.events, clock.now());
    h.core.run('admission.idChecked', { visitId: visit.visitId, seen: 'photo_id' }, ACTORS.office);
    push(h, kiosk.depart(visit.visitId, at(`09:${m}`)), clock.now());
    // On the register: a check recorded, a card issued (and for one of them revoked), one card sign-in with the agreement.
    const regular = h.core.run('regulars.save', { fullName: name, organisation: `${tag} Reading Club`, role: 'Reading volunteer', category: 'volunteer', hostId: 'office' }, ACTORS.office).regular;
    h.core.run('regulars.addAssurance', { regularId: regular.id, kind: 'enhanced_dbs_seen', checkedBy: 'Pat Checker', checkedOn: '2026-01-10', expiresOn: '2026-12-31', note: '' }, ACTORS.office);
    const cardCode = h.core.run('regulars.issueCard', { id: regular.id }, ACTORS.office).card.code;
    const card = kiosk.arrive({ fullName: name, at: at(`10:${m}`), category: 'volunteer' });
    const signedIn = kiosk.event(card.visitId, 'regular_signed_in', at(`10:${m}`), {
      regularId: regular.id,
      agreement: { versionId: 'agreement-1', version: 1, textHash: 'a'.repeat(64), language: 'en', ackDay: '2026-03-02' },
    });
    push(h, [...card.events, signedIn, ...kiosk.depart(card.visitId, at(`12:${m}`))], clock.now());
    if (!keepCard) h.core.run('regulars.revokeCard', { id: regular.id }, ACTORS.office);
    // Expected, invited by email, a device-use request before the visit (refused, and told).
    const expected = h.core.run('expected.save', { fullName: name, organisation: `${tag} Council`, category: 'professional', hostId: 'office', expectedOn: '2026-03-05', note: '', cancelled: false }, ACTORS.office).expected;
    h.core.run('invitations.send', { expectedId: expected.id, email, language: 'en' }, ACTORS.office);
    h.core.run('invitations.letter', { expectedId: expected.id, language: 'pl', time: '09:30' }, ACTORS.office); // and a letter too
    const pdf = riskAssessmentPdf(name);
    const { exemption } = h.core.run(
      'previsit.request',
      { expectedId: expected.id, email, language: 'en', agencyRole: 'Social worker', devices: 'Work phone', purpose: 'Notes during the review', locationIds: ['staffroom'], requestedWindow: '', riskAssessment: { fileName: `RA ${name}.pdf`, base64: pdf.toString('base64') } },
      ACTORS.office,
    );
    h.core.run('exemptions.refuse', { id: exemption.id, reason: 'Not needed for a review meeting' }, ACTORS.head);
    h.core.run('previsit.tellVisitor', { exemptionId: exemption.id }, ACTORS.office);
    // A concern about their visit (closed), and an entry on the restricted list with a held sign-in.
    const concern = h.core.run('breaches.log', { visitId: visit.visitId, person: name, location: 'Hall', what: 'Phone out in the hall', actionTaken: 'Reminded of the rule' }, ACTORS.office).breach;
    h.core.run('breaches.close', { id: concern.id, outcome: 'Apologised', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }, ACTORS.dsl);
    const entry = h.core.run('restricted.save', { fullName: name, aliases: [`${name.split(' ')[0]} P`], reason: 'Court order: no contact with a pupil', reviewOn: '2027-01-01' }, ACTORS.dsl).entry;
    const held = kiosk.arrive({ fullName: name, at: at(`13:${m}`) });
    (held.events[0]!.body as Record<string, unknown>).restrictedEntryId = entry.id;
    push(h, [...held.events, ...kiosk.depart(held.visitId, at(`13:${String(minute + 5).padStart(2, '0')}`))], clock.now());
    const messageIds = h.db.prepare("SELECT id FROM notify_outbox WHERE recipient = ? ORDER BY created_at, id").pluck().all(email) as string[];
    return {
      name, email, visitId: visit.visitId, cardVisitId: card.visitId, heldVisitId: held.visitId, regularId: regular.id, cardCode,
      expectedId: expected.id, exemptionId: exemption.id, concernId: concern.id, restrictedId: entry.id, messageIds, pdf,
    };
  };
  const jo = seed(JO, 10, false);
  const joanne = seed(JOANNE, 20, true);
  return { h, clock, jo, joanne };
}

/** Every id that is one person's at one school. */
const idsOf = (p: Person) => [p.visitId, p.cardVisitId, p.heldVisitId, p.regularId, p.expectedId, p.exemptionId, p.concernId, p.restrictedId, ...p.messageIds];

function group(people: SubjectCandidate[], name: string): SubjectCandidate {
  const g = people.find((p) => p.fullName === name);
  if (!g) throw new Error(`no group for ${name}: ${people.map((p) => p.fullName).join(', ')}`);
  return g;
}

/** What staff confirm after the search: every record in the person's group. */
const confirmedIds = (g: SubjectCandidate) => ({
  visitIds: g.visits.map((v) => v.visitId),
  exemptionIds: g.exemptions.map((e) => e.id),
  breachIds: g.breaches.map((b) => b.id),
  regularIds: g.regulars.map((r) => r.id),
  expectedIds: g.expected.map((e) => e.id),
  restrictedIds: g.restricted.map((r) => r.id),
  notificationIds: g.notifications.map((n) => n.id),
});

function refusal(f: () => unknown): ContractError {
  try {
    f();
  } catch (e) {
    return e as ContractError;
  }
  throw new Error('expected a refusal');
}

function pdfText(h: Hub, out: { pdfBase64: string; fileName: string }): string {
  const file = path.join(h.dataDir, out.fileName);
  fs.writeFileSync(file, Buffer.from(out.pdfBase64, 'base64'));
  return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('subject access: everything the hub keeps about a person', () => {
  it("finds each person's records of every kind, by name and by email, and only theirs, only at their school", () => {
    const north = school('North');
    const south = school('South');
    const { people } = north.h.core.run('subjectAccess.search', { name: 'pembridge' }, ACTORS.dsl);
    expect(people.map((p) => p.fullName)).toEqual([JO, JOANNE]);
    for (const p of [north.jo, north.joanne]) {
      const g = group(people, p.name);
      expect(g.visits.map((v) => v.visitId).sort()).toEqual([p.visitId, p.cardVisitId, p.heldVisitId].sort());
      expect(g.visits.find((v) => v.visitId === p.visitId)!.idChecks).toBe(1);
      expect(g.exemptions.map((e) => e.id)).toEqual([p.exemptionId]);
      expect(g.breaches.map((b) => b.id)).toEqual([p.concernId]);
      expect(g.regulars.map((r) => r.id)).toEqual([p.regularId]);
      expect(g.expected).toEqual([expect.objectContaining({ id: p.expectedId, invitations: 1, previsitRequests: 1, emails: [p.email] })]);
      expect(g.restricted).toEqual([expect.objectContaining({ id: p.restrictedId, marker: RESTRICTED_MARKER })]);
      expect(g.notifications.map((n) => n.id).sort()).toEqual([...p.messageIds].sort());
      expect(g.notifications.map((n) => n.kind).sort()).toEqual(['invitation', 'visitor_decision']);
      expect(g.notifications.every((n) => n.recipient === p.email)).toBe(true);
      // Nothing of the other person in this person's group.
      const other = p === north.jo ? north.joanne : north.jo;
      const text = JSON.stringify(g);
      for (const id of idsOf(other)) expect(text).not.toContain(id);
      expect(text).not.toContain(other.email);
    }
    // Nothing of the other school, though the names are the same.
    const all = JSON.stringify(people);
    for (const id of [...idsOf(south.jo), ...idsOf(south.joanne)]) expect(all).not.toContain(id);
    expect(all).not.toMatch(/south\.example/);

    // The whole name finds one of them; so does an address (the records that hold one).
    expect(north.h.core.run('subjectAccess.search', { name: 'jo pembridge' }, ACTORS.head).people.map((p) => p.fullName)).toEqual([JO]);
    const byEmail = north.h.core.run('subjectAccess.search', { email: north.jo.email.toUpperCase() }, ACTORS.dsl).people;
    expect(byEmail).toHaveLength(1);
    expect(byEmail[0]).toMatchObject({ fullName: JO, visits: [], expected: [expect.objectContaining({ id: north.jo.expectedId })] });
    expect(byEmail[0]!.notifications.map((n) => n.id).sort()).toEqual([...north.jo.messageIds].sort());
    expect(north.h.core.run('subjectAccess.search', { email: south.jo.email }, ACTORS.dsl).people).toEqual([]);
    // An address with messages but no record: the messages alone.
    expect(north.h.core.run('subjectAccess.search', { email: 'head@school.test' }, ACTORS.dsl).people).toMatchObject([{ fullName: 'head@school.test', visits: [], expected: [] }]);
  });

  it('the role matrix: concerns and the restricted list only for the DSL and head; office staff nothing; the trust reads as its role and exports nothing', () => {
    const { h, jo } = school('North');
    const full = confirmedIds(group(h.core.run('subjectAccess.search', { name: JO }, ACTORS.dsl).people, JO));
    for (const row of ROLE_MATRIX) {
      const search = () => h.core.run('subjectAccess.search', { name: 'pembridge' }, row.actor);
      if (!row.search) {
        expect(refusal(search).code, row.who).toBe('FORBIDDEN');
        expect(refusal(() => h.core.run('subjectAccess.export', full, row.actor)).code, row.who).toBe('FORBIDDEN');
        continue;
      }
      const g = group(search().people, JO);
      expect(g.regulars.map((r) => r.id), row.who).toEqual([jo.regularId]);
      expect(g.breaches.map((b) => b.id), row.who).toEqual(row.concerns ? [jo.concernId] : []);
      expect(g.restricted.map((r) => r.id), row.who).toEqual(row.concerns ? [jo.restrictedId] : []);
      // Not even a sign that something was left out.
      if (!row.concerns) expect(JSON.stringify(g), row.who).not.toMatch(new RegExp(`${jo.concernId}|${jo.restrictedId}|withheld|Court order|Phone out in the hall`, 'i'));
      const { breachIds: _b, restrictedIds: _r, ...ordinary } = full;
      if (!row.export) {
        expect(refusal(() => h.core.run('subjectAccess.export', ordinary, row.actor)).code, row.who).toBe('FORBIDDEN');
        continue;
      }
      expect(h.core.run('subjectAccess.export', ordinary, row.actor).document.regulars.map((r) => r.id), row.who).toEqual([jo.regularId]);
      // A concern's or entry's id is "not found" to those who may not know it exists.
      const hidden = () => h.core.run('subjectAccess.export', full, row.actor);
      if (row.concerns) expect(hidden().document.breaches.map((b) => b.id), row.who).toEqual([jo.concernId]);
      else {
        const e = refusal(hidden);
        expect(e.code, row.who).toBe('NOT_FOUND');
        expect(e.fields?.map((f) => f.path).sort(), row.who).toEqual(['breachIds.0', 'restrictedIds.0']);
      }
    }
  });

  it("exports the person's register entry, expected visit, ID checks and messages, withholds the restricted list when the DSL decides so, and says so in the JSON, the PDF and the audit log", () => {
    const { h, jo, joanne } = school('North');
    const other = school('South');
    const g = group(h.core.run('subjectAccess.search', { name: JO }, ACTORS.dsl).people, JO);
    const out = h.core.run('subjectAccess.export', { ...confirmedIds(g), withhold: [{ section: 'restricted', reason: WITHHOLD_REASON }] }, ACTORS.dsl);
    const d = out.document;

    expect(d.visits.find((v) => v.visitId === jo.visitId)!.idChecks).toEqual([{ seen: 'photo_id', at: expect.any(String) }]);
    expect(d.regulars).toHaveLength(1);
    const r = d.regulars[0]!;
    expect(r).toMatchObject({ id: jo.regularId, fullName: JO, organisation: 'North Reading Club', category: 'volunteer' });
    expect(r.assurances).toEqual([{ kind: 'enhanced_dbs_seen', checkedOn: '2026-01-10', expiresOn: '2026-12-31', note: '', recordedAt: expect.any(String) }]);
    expect(r.agreements).toEqual([{ version: 1, textHash: 'a'.repeat(64), language: 'en', day: '2026-03-02', at: '2026-03-02T10:10:00.000Z' }]);
    expect(r.cards.map((c) => c.event)).toEqual(['issued', 'revoked']);
    expect(r.volunteerHours).toEqual([{ month: '2026-03', visits: 1, openVisits: 0, hours: 2 }]);

    const policy = h.db.prepare('SELECT policy_version, policy_version_id, policy_text_hash FROM invitations WHERE expected_id = ?').get(jo.expectedId) as { policy_version: number; policy_version_id: string; policy_text_hash: string };
    expect(d.invitations).toHaveLength(1);
    expect(d.invitations[0]!.invitations).toEqual([
      expect.objectContaining({ email: jo.email, language: 'en', policyVersion: Number(policy.policy_version), policyVersionId: policy.policy_version_id, policyTextHash: policy.policy_text_hash }),
    ]);
    expect(d.invitations[0]!.letters).toEqual([{ language: 'pl', visitTime: '09:30', policyVersion: Number(policy.policy_version), printedAt: expect.any(String) }]);
    expect(d.invitations[0]!.previsitRequests).toEqual([
      expect.objectContaining({
        exemptionId: jo.exemptionId,
        email: jo.email,
        riskAssessment: { fileName: `RA ${JO}.pdf`, sizeBytes: jo.pdf.length, sha256: createHash('sha256').update(jo.pdf).digest('hex') },
        decision: { status: 'refused', decidedAt: expect.any(String), reason: 'Not needed for a review meeting' },
        toldAt: expect.any(String),
      }),
    ]);
    expect(d.notifications.map((n) => [n.kind, n.recipient])).toEqual([
      ['invitation', jo.email],
      ['visitor_decision', jo.email],
    ]);
    expect(d.breaches.map((b) => b.id)).toEqual([jo.concernId]);
    // Withheld: empty, named with its reason, and no trace of the entry.
    expect(d.restricted).toEqual([]);
    expect(d.withheldSections).toEqual([{ section: 'restricted', reason: WITHHOLD_REASON }]);

    const json = JSON.stringify(d);
    for (const never of [
      jo.cardCode, jo.restrictedId, 'Court order', 'Jo P"', 'Pat Checker', 'Ofelia Office', 'Dana Lead', 'Hugh Head',
      jo.pdf.toString('base64').slice(0, 40), // the file itself is listed, not embedded
      JOANNE, joanne.email, ...idsOf(joanne), ...idsOf(other.jo), ...idsOf(other.joanne),
    ])
      expect(json).not.toContain(never);

    const text = pdfText(h, out);
    for (const shown of ['Regular-visitor register', 'Enhanced DBS certificate seen', 'Agreement acknowledged', 'Volunteer hours', 'Invitation sent', 'Invitation letter printed', `RA ${JO}.pdf`, 'photo ID seen', 'Messages sent to you', jo.email, 'Restricted list', `Withheld under ${WITHHOLD_REASON}`])
      expect(text.replace(/\s+/g, ' ')).toContain(shown);
    for (const never of [JOANNE, 'Court order', 'Pat Checker', jo.cardCode]) expect(text).not.toContain(never);

    const entry = auditRows(h).at(-1)!;
    expect(entry).toMatchObject({ action: 'subjectAccess.export', actor: 'Dana Lead (dana)', detail: { regularIds: [jo.regularId], restrictedIds: [jo.restrictedId], withheld: [{ section: 'restricted', reason: WITHHOLD_REASON }] } });

    // Not withheld, the DSL reads the entry as it stands: reason, other names, the held sign-in.
    const sent = h.core.run('subjectAccess.export', confirmedIds(g), ACTORS.dsl).document;
    expect(sent.withheldSections).toEqual([]);
    expect(sent.restricted).toEqual([
      expect.objectContaining({ id: jo.restrictedId, fullName: JO, aliases: ['Jo P'], reason: 'Court order: no contact with a pupil', heldSignIns: [expect.objectContaining({ at: '2026-03-02T13:10:00.000Z', kiosk: 'Main entrance kiosk' })] }),
    ]);
  });

  it("a card holder's register entry is not erased until the card is revoked", () => {
    const { h, joanne } = school('North');
    const e = refusal(() => h.core.run('subjectAccess.erase', { visitIds: [], exemptionIds: [], regularIds: [joanne.regularId], reason: 'SAR 2026-20: erasure' }, ACTORS.dsl));
    expect(e).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'regularIds.0', message: 'cardActive' }] });
    expect(e.message).toMatch(/card that still opens the building \(revoke it first\)/);
    h.core.run('regulars.revokeCard', { id: joanne.regularId }, ACTORS.office);
    expect(h.core.run('subjectAccess.erase', { visitIds: [], exemptionIds: [], regularIds: [joanne.regularId], reason: 'SAR 2026-20: erasure' }, ACTORS.dsl)).toMatchObject({ regulars: 1 });
  });

  it('refuses to erase a concern or a restricted-list entry, saying why, then erases the register entry, expected visit and messages, and tells kiosks', () => {
    const { h, jo, joanne } = school('North');
    const reason = 'SAR 2026-21: erasure requested';
    const safeguarding: [string, { breachIds?: string[]; restrictedIds?: string[] }][] = [
      ['breachIds', { breachIds: [jo.concernId] }],
      ['restrictedIds', { restrictedIds: [jo.restrictedId] }],
    ];
    for (const [field, ids] of safeguarding) {
      const e = refusal(() => h.core.run('subjectAccess.erase', { visitIds: [], exemptionIds: [], regularIds: [jo.regularId], ...ids, reason }, ACTORS.dsl));
      expect(e.code).toBe('CONFLICT');
      expect(e.fields).toEqual([{ path: `${field}.0`, message: 'safeguardingRecord' }]);
      expect(e.message).toContain('Nothing was erased.');
      expect(e.message).toContain('safeguarding records');
      expect(e.message).toContain('cannot be erased on request');
    }
    expect(h.db.prepare('SELECT COUNT(*) FROM regulars WHERE id = ?').pluck().get(jo.regularId)).toBe(1); // all or nothing
    // An administrator cannot even learn there is one to refuse.
    expect(refusal(() => h.core.run('subjectAccess.erase', { visitIds: [], exemptionIds: [], breachIds: [jo.concernId], reason }, ACTORS.admin)).code).toBe('NOT_FOUND');

    const done = h.core.run('subjectAccess.erase', { visitIds: [], exemptionIds: [], regularIds: [jo.regularId], expectedIds: [jo.expectedId], notificationIds: jo.messageIds, reason }, ACTORS.dsl);
    expect(done).toEqual({ visits: 0, exemptions: 0, regulars: 1, expected: 1, notifications: 2 });
    for (const [sql, id] of [
      ['SELECT COUNT(*) FROM regulars WHERE id = ?', jo.regularId],
      ['SELECT COUNT(*) FROM regular_assurances WHERE regular_id = ?', jo.regularId],
      ['SELECT COUNT(*) FROM agreement_acks WHERE regular_id = ?', jo.regularId],
      ['SELECT COUNT(*) FROM regular_visits WHERE regular_id = ?', jo.regularId],
      ['SELECT COUNT(*) FROM expected_visitors WHERE id = ?', jo.expectedId],
      ['SELECT COUNT(*) FROM invitations WHERE expected_id = ?', jo.expectedId],
      ['SELECT COUNT(*) FROM previsit_requests WHERE expected_id = ?', jo.expectedId],
      ['SELECT COUNT(*) FROM invitation_letters WHERE expected_id = ?', jo.expectedId],
      ['SELECT COUNT(*) FROM notify_outbox WHERE recipient = ?', jo.email],
    ] as const)
      expect(h.db.prepare(sql).pluck().get(id), sql).toBe(0);
    expect(feed(h, 'regular').filter((c) => c.key === jo.regularId)).toEqual([expect.objectContaining({ body: null })]);
    expect(feed(h, 'expected').filter((c) => c.key === jo.expectedId)).toEqual([expect.objectContaining({ body: null })]);
    // The safeguarding records stay, and nobody else's records were touched.
    expect(h.db.prepare('SELECT COUNT(*) FROM breaches WHERE id = ?').pluck().get(jo.concernId)).toBe(1);
    expect(h.db.prepare('SELECT COUNT(*) FROM restricted_people WHERE id = ?').pluck().get(jo.restrictedId)).toBe(1);
    expect(h.db.prepare('SELECT COUNT(*) FROM regulars WHERE id = ?').pluck().get(joanne.regularId)).toBe(1);
    expect(h.db.prepare('SELECT COUNT(*) FROM notify_outbox WHERE recipient = ?').pluck().get(joanne.email)).toBe(2);
    const entry = auditRows(h).at(-1)!;
    expect(entry).toMatchObject({ action: 'subjectAccess.erase', detail: { regularIds: [jo.regularId], expectedIds: [jo.expectedId], counts: { regulars: 1, expected: 1, notifications: 2 }, reason } });
    expect(JSON.stringify(entry.detail)).not.toContain('Pembridge');
  });

  it('rectifies the name on a register entry and an expected visit, and kiosks get the corrected copies', () => {
    const { h, jo, joanne } = school('North');
    const r = h.core.run('subjectAccess.rectify', { visitIds: [], exemptionIds: [], breachIds: [], regularIds: [jo.regularId], expectedIds: [jo.expectedId], fullName: 'Jo Pembridge-Lane', reason: 'SAR 2026-22: surname changed' }, ACTORS.head);
    expect(r).toEqual({ visits: 0, exemptions: 0, breaches: 0, regulars: 1, expected: 1 });
    expect(h.db.prepare('SELECT full_name FROM regulars WHERE id = ?').pluck().get(jo.regularId)).toBe('Jo Pembridge-Lane');
    expect(h.db.prepare('SELECT name_key FROM expected_visitors WHERE id = ?').pluck().get(jo.expectedId)).toBe('jo pembridge-lane');
    expect(feed(h, 'expected').filter((c) => c.key === jo.expectedId)).toEqual([expect.objectContaining({ body: expect.objectContaining({ fullName: 'Jo Pembridge-Lane' }) })]);
    expect(feed(h, 'regular').filter((c) => c.key === jo.regularId)).toHaveLength(1); // no old copy left in the feed
    expect(h.db.prepare('SELECT full_name FROM regulars WHERE id = ?').pluck().get(joanne.regularId)).toBe(JOANNE);
    const entry = auditRows(h).at(-1)!;
    expect(entry).toMatchObject({ action: 'subjectAccess.rectify', detail: { regularIds: [jo.regularId], expectedIds: [jo.expectedId], fields: ['fullName'] } });
    expect(JSON.stringify(entry.detail)).not.toContain('Lane');
  });
});
