// Concerns that lead somewhere (issue #15 part B), on a real hub database: a kind, a severity
// and the policy point broken; urgent kinds flagged at once; referral records; no closing
// without the lessons learnt; the policy's review date (on a fake clock) brought forward after
// a concern and reset by a new version; a policy draft started from a concern; and who may read
// what, written out as a table.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import { isUrgentConcern } from '../../core/office/concerns/urgent.js';
import { CONCERN_KINDS, REFERRAL_AGENCIES, REFERRAL_ROUTE, SEVERITIES, type ConcernKind } from '../../shared/concerns.js';
import { ROLES, type OfficeOpInput, type OfficeOpName, type Role } from '../../shared/office.js';
import { ACTORS, auditRows, disposeHub, tempHub } from '../support/officeDomain.js';
import { fakeClock, type Clock } from '../support/tempKiosk.js';

let hub: Hub;
let clock: Clock;
// The hub publishes the default policy (version 1) when it first opens: at this time.
const OPENED = '2026-03-02T10:00:00.000Z';
beforeEach(() => {
  clock = fakeClock(OPENED);
  hub = tempHub(clock.now);
});
afterEach(() => disposeHub(hub));

const { office, dsl, head, admin } = ACTORS;
const LESSONS = 'Reception now points out the approved places when handing over the badge.';

const CHALLENGE: OfficeOpInput<'breaches.log'> = {
  person: 'Contractor, badge 22',
  location: 'Year 1 corridor',
  what: 'Seen photographing a wall display while pupils were lining up beside it.',
  actionTaken: 'Asked him to stop and show the photo; he deleted it in front of me. DSL told.',
};

function log(over: Partial<OfficeOpInput<'breaches.log'>> = {}, who = office) {
  clock.advance(60_000);
  return hub.core.run('breaches.log', { ...CHALLENGE, ...over }, who).breach;
}

describe('urgent concerns', () => {
  it('isUrgentConcern: the two kinds the policy sends to the DSL urgently, and anything marked urgent', () => {
    const urgentKinds: ConcernKind[] = ['image_of_child', 'suspected_illegal_content'];
    for (const kind of CONCERN_KINDS)
      for (const severity of SEVERITIES) expect(isUrgentConcern({ kind, severity }), `${kind}/${severity}`).toBe(urgentKinds.includes(kind) || severity === 'urgent');
  });

  it('flags an urgent kind at once, whatever severity was chosen, and says so in the audit log', () => {
    const b = log({ kind: 'image_of_child', severity: 'low', policyPoint: 'confiscation_and_searching' });
    expect(hub.core.run('breaches.list', {}, dsl).breaches.find((x) => x.id === b.id)!.concern).toMatchObject({ kind: 'image_of_child', severity: 'low', urgent: true });
    expect(auditRows(hub).find((a) => a.action === 'breach.log')).toMatchObject({ target: `breach:${b.id}`, detail: { kind: 'image_of_child', severity: 'low', urgent: true } });
    const ordinary = log({ kind: 'phone_use_seen', severity: 'high', policyPoint: 'visitor_phone_locked_away' }, dsl);
    expect(ordinary.concern).toMatchObject({ kind: 'phone_use_seen', severity: 'high', urgent: false, policyPoint: 'visitor_phone_locked_away' });
  });

  it('records when it happened (not only when it was written down), never in the future', () => {
    const b = log({ occurredAt: '2026-03-02T09:15:00+00:00' }, dsl);
    expect(b.concern!.occurredAt).toBe('2026-03-02T09:15:00.000Z');
    expect(b.loggedAt).toBe(clock.now().toISOString());
    expect(() => log({ occurredAt: '2026-03-03T09:15:00Z' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/future/) }));
  });

  it('the DSL reclassifies: a concern that becomes an urgent kind is flagged, and stays flagged', () => {
    const b = log();
    expect(b.concern).toBeNull(); // office staff logged it: they are told only that it exists
    const c = hub.core.run('concerns.classify', { id: b.id, kind: 'suspected_illegal_content', severity: 'high', policyPoint: 'offensive_or_illegal_content' }, dsl).breach;
    expect(c.concern).toMatchObject({ kind: 'suspected_illegal_content', urgent: true });
    const d = hub.core.run('concerns.classify', { id: b.id, kind: 'other', severity: 'low', policyPoint: 'other' }, dsl).breach;
    expect(d.concern).toMatchObject({ kind: 'other', severity: 'low', urgent: true });
  });
});

describe('referrals', () => {
  it('records who it went to, when, and their reference, in order, for the DSL and head', () => {
    const b = log({ kind: 'suspected_illegal_content', severity: 'urgent' });
    clock.advance(3600_000);
    hub.core.run('concerns.refer', { id: b.id, agency: 'lado', contact: 'Duty LADO, county office', referredAt: '2026-03-02T10:40:00Z', reference: 'LADO-26-118', note: 'Advised police first.' }, dsl);
    hub.core.run('concerns.refer', { id: b.id, agency: 'police', contact: 'PC 4411 Ames', referredAt: '2026-03-02T10:20:00Z', reference: 'CAD 2203' }, head);
    const seen = hub.core.run('breaches.list', {}, head).breaches.find((x) => x.id === b.id)!;
    expect(seen.concern!.referrals!.map((r) => [r.agency, r.contact, r.referredAt, r.reference, r.recordedBy])).toEqual([
      ['police', 'PC 4411 Ames', '2026-03-02T10:20:00.000Z', 'CAD 2203', 'Hugh Head (hugh)'],
      ['lado', 'Duty LADO, county office', '2026-03-02T10:40:00.000Z', 'LADO-26-118', 'Dana Lead (dana)'],
    ]);
    // The audit log says which agency, not who or the reference (those go with the record).
    expect(auditRows(hub).filter((a) => a.action === 'concern.refer').map((a) => (a.detail as { agency: string }).agency)).toEqual(['lado', 'police']);
    expect(JSON.stringify(auditRows(hub))).not.toMatch(/CAD 2203|Ames/);
  });

  it('refuses a referral in the future or for a concern not on record', () => {
    const b = log();
    expect(() => hub.core.run('concerns.refer', { id: b.id, agency: 'police', contact: 'PC', referredAt: '2026-03-09T10:00:00Z' }, dsl)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => hub.core.run('concerns.refer', { id: 'nope', agency: 'police', contact: 'PC', referredAt: OPENED }, dsl)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('the route shown to the DSL covers every agency a referral can go to, with its policy section', () => {
    for (const agency of REFERRAL_AGENCIES) expect(REFERRAL_ROUTE.some((s) => s.agency === agency), agency).toBe(true);
    expect(REFERRAL_ROUTE.every((s) => s.section !== '' && s.step.length > 20)).toBe(true);
  });
});

describe('retention', () => {
  it('deletes a concern\'s referrals with the concern when its retention period ends', () => {
    const b = log();
    hub.core.run('concerns.refer', { id: b.id, agency: 'police', contact: 'PC Vaughan-Retention', referredAt: clock.now().toISOString(), reference: 'CAD 1' }, dsl);
    hub.core.run('breaches.close', { id: b.id, outcome: 'Resolved.', lessonsLearnt: LESSONS }, dsl);
    hub.core.run('retention.save', { periods: { visitsMonths: 12, exemptionsMonths: 12, breachesMonths: 12, photosMonths: 12 } }, admin);
    const referrals = () => hub.db.prepare('SELECT COUNT(*) FROM concern_referrals').pluck().get() as number;
    expect(referrals()).toBe(1);
    clock.set('2027-09-01T12:00:00Z');
    hub.core.run('retention.runNow', {}, admin);
    expect(hub.db.prepare('SELECT COUNT(*) FROM breaches WHERE id = ?').pluck().get(b.id)).toBe(0);
    expect(referrals()).toBe(0);
  });
});

describe('closing a concern', () => {
  it('is refused without the lessons learnt, with a clear message, and nothing changes', () => {
    const b = log();
    for (const lessonsLearnt of [undefined, '', '   '])
      expect(() => hub.core.run('breaches.close', { id: b.id, outcome: 'Spoken to.', ...(lessonsLearnt === undefined ? {} : { lessonsLearnt }) }, dsl)).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/cannot be closed without the lessons learnt/) }),
      );
    expect(hub.core.run('breaches.list', {}, dsl).breaches.find((x) => x.id === b.id)).toMatchObject({ status: 'open', outcome: null });
    expect(auditRows(hub).some((a) => a.action === 'breach.close')).toBe(false);
  });

  it('closes with them, and the DSL, head and administrator read them back', () => {
    const b = log();
    hub.core.run('breaches.close', { id: b.id, outcome: 'Spoken to; photo deleted.', lessonsLearnt: LESSONS }, dsl);
    for (const who of [dsl, head, admin]) expect(hub.core.run('breaches.list', {}, who).breaches[0]!.concern!.lessonsLearnt).toBe(LESSONS);
    expect(JSON.stringify(auditRows(hub))).not.toContain(LESSONS);
  });
});

describe('the policy review date', () => {
  const due = () => hub.core.run('concerns.reviewDue', {}, office);

  it('is a year after the version in force was published, with a reminder 30 days ahead and when overdue', () => {
    expect(due()).toMatchObject({ due: '2027-03-02', basis: 'published', policyVersion: 1, state: 'ok', broughtForward: null });
    clock.set('2027-01-31T12:00:00Z');
    expect(due()).toMatchObject({ daysLeft: 30, state: 'dueSoon' });
    clock.set('2027-01-30T12:00:00Z');
    expect(due()).toMatchObject({ daysLeft: 31, state: 'ok' });
    clock.set('2027-03-03T09:00:00Z');
    expect(due()).toMatchObject({ daysLeft: -1, state: 'overdue' });
  });

  it('is brought forward after a concern when the DSL says so; never later, never into the past', () => {
    const b = log();
    clock.set('2026-04-10T09:00:00Z');
    const r = hub.core.run('concerns.bringReviewForward', { concernId: b.id, due: '2026-05-01', reason: 'Photos taken in the corridor: review where phones may be used.' }, dsl);
    expect(r).toMatchObject({ due: '2026-05-01', basis: 'broughtForward', daysLeft: 21, state: 'dueSoon', broughtForward: { by: 'Dana Lead (dana)', concernId: b.id } });
    expect(auditRows(hub).at(-1)).toMatchObject({ action: 'policy.reviewBroughtForward', detail: { due: '2026-05-01', was: '2027-03-02' } });
    expect(() => hub.core.run('concerns.bringReviewForward', { concernId: b.id, due: '2026-06-01', reason: 'later' }, dsl)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/already due on 2026-05-01/) }),
    );
    expect(() => hub.core.run('concerns.bringReviewForward', { concernId: b.id, due: '2026-04-09', reason: 'past' }, dsl)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/past/) }));
    expect(() => hub.core.run('concerns.bringReviewForward', { concernId: 'nope', due: '2026-04-20', reason: 'x' }, dsl)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('starts a new year when the reviewed policy is published as a new version', () => {
    const b = log();
    hub.core.run('concerns.bringReviewForward', { concernId: b.id, due: '2026-04-01', reason: 'Review after the corridor photos.' }, head);
    clock.set('2026-04-20T11:00:00Z');
    expect(due()).toMatchObject({ due: '2026-04-01', state: 'overdue' });
    hub.core.run('policy.publish', { texts: { en: { title: 'Phones and smart devices', points: ['Phones stay in the lockers.', 'Never in corridors where pupils line up.'] } } }, head);
    expect(due()).toMatchObject({ due: '2027-04-20', basis: 'published', policyVersion: 2, state: 'ok' });
  });
});

describe('a new policy draft from a concern', () => {
  it('copies the texts in force, linked to the concern; marked superseded once a newer version is out', () => {
    const b = log();
    const { draft } = hub.core.run('concerns.startPolicyDraft', { concernId: b.id, note: 'Add corridors where pupils line up.' }, dsl);
    const policy = hub.core.run('reference.get', {}, office).policy;
    expect(draft).toMatchObject({ concernId: b.id, basedOnVersion: 1, note: 'Add corridors where pupils line up.', createdBy: 'Dana Lead (dana)', superseded: false });
    expect(draft.texts).toEqual(policy.texts);
    hub.core.run('policy.publish', { texts: { en: { title: 'Phones', points: ['Locked away.'] } } }, head);
    expect(hub.core.run('concerns.policyDrafts', {}, admin).drafts).toMatchObject([{ id: draft.id, superseded: true }]);
  });
});

/**
 * Who may do what, and read what, with concerns. Follows the need-to-know rules for breach
 * records (tests/integration/office-need-to-know.test.ts): office staff log concerns and see
 * that one exists, never its classification, referrals or outcome; the administrator keeps
 * what the breach rules already give it (details and outcome) but not the referral records
 * (police and LADO references are for the safeguarding leads); the DSL and head see and do it all.
 *
 *   read:  classification = kind, severity, policy point, urgent, when; outcome = outcome and lessons learnt
 */
const READS = `
  field            office  dsl   head  admin
  classification   no      yes   yes   yes
  outcome          no      yes   yes   yes
  referrals        no      yes   yes   no
`;
const OPS = `
  operation                    office   dsl      head     admin
  breaches.log                 allowed  allowed  allowed  allowed
  breaches.close               denied   allowed  allowed  denied
  concerns.classify            denied   allowed  allowed  denied
  concerns.refer               denied   allowed  allowed  denied
  concerns.reviewDue           allowed  allowed  allowed  allowed
  concerns.bringReviewForward  denied   allowed  allowed  denied
  concerns.startPolicyDraft    denied   allowed  allowed  denied
  concerns.policyDrafts        denied   allowed  allowed  allowed
  evidence.view                denied   allowed  allowed  denied
  evidence.csv                 denied   allowed  allowed  denied
  evidence.pdf                 denied   allowed  allowed  denied
  evidence.reviewPack          denied   allowed  allowed  denied
`;
const table = (t: string) => {
  const [head, ...rows] = t.trim().split('\n').map((l) => l.trim().split(/\s+/));
  const roles = head!.slice(1) as Role[];
  return rows.flatMap(([what, ...cells]) => cells.map((c, i) => ({ what: what!, role: roles[i]!, expected: c! })));
};

describe('who may read and do what (written out)', () => {
  it('the tables cover every role', () => {
    for (const t of [READS, OPS]) expect([...new Set(table(t).map((c) => c.role))].sort()).toEqual([...ROLES].sort());
  });

  it.each(table(READS))('$role reads $what: $expected', ({ what, role, expected }) => {
    const b = log({ kind: 'contact_with_pupil', severity: 'high', policyPoint: 'no_personal_contact' }, dsl);
    hub.core.run('concerns.refer', { id: b.id, agency: 'parents', contact: 'Mother of the pupil', referredAt: clock.now().toISOString(), reference: '' }, dsl);
    hub.core.run('breaches.close', { id: b.id, outcome: 'Volunteer stood down.', lessonsLearnt: LESSONS }, dsl);
    const r = hub.core.run('breaches.list', {}, ACTORS[role]).breaches.find((x) => x.id === b.id)!;
    const got = what === 'classification' ? r.concern?.severity ?? null : what === 'outcome' ? (r.outcome !== null && r.concern?.lessonsLearnt ? 'both' : null) : r.concern?.referrals ?? null;
    if (expected === 'no') {
      expect(got).toBeNull();
      expect(JSON.stringify(r)).not.toMatch(what === 'referrals' ? /Mother of the pupil/ : /high|Volunteer stood down|Reception now/);
    } else expect(got).toEqual(what === 'classification' ? 'high' : what === 'outcome' ? 'both' : [expect.objectContaining({ agency: 'parents', contact: 'Mother of the pupil' })]);
  });

  it.each(table(OPS))('$what as $role: $expected', ({ what, role, expected }) => {
    const b = log({}, dsl);
    const inputs: Record<string, unknown> = {
      'breaches.log': CHALLENGE,
      'breaches.close': { id: b.id, outcome: 'Done.', lessonsLearnt: LESSONS },
      'concerns.classify': { id: b.id, kind: 'phone_use_seen', severity: 'low', policyPoint: 'visitor_phone_locked_away' },
      'concerns.refer': { id: b.id, agency: 'county_safeguarding', contact: 'Education safeguarding adviser', referredAt: OPENED },
      'concerns.reviewDue': {},
      'concerns.bringReviewForward': { concernId: b.id, due: '2026-09-01', reason: 'After the corridor photos.' },
      'concerns.startPolicyDraft': { concernId: b.id },
      'concerns.policyDrafts': {},
      'evidence.view': { scope: 'day', day: '2026-03-02' },
      'evidence.csv': { scope: 'term', from: '2026-01-05', to: '2026-03-27' },
      'evidence.pdf': { scope: 'person', name: 'Tom Blue' },
      'evidence.reviewPack': { from: '2025-09-01', to: '2026-08-31' },
    };
    const call = () => hub.core.run(what as OfficeOpName, inputs[what] as never, ACTORS[role]);
    if (expected === 'denied') expect(call).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    else expect(call()).toBeTruthy();
  });
});
