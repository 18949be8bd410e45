// The device-use exemptions register: a visitor may use a device on site only once the head has
// decided, beforehand, with conditions; the decision reaches kiosks through the feed at once,
// and a revocation takes effect at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import { recordKioskRequests } from '../../core/office/exemptions/fromKiosk.js';
import type { OfficeOpInput } from '../../shared/office.js';
import type { KioskExemption } from '../../shared/sync.js';
import { ContractError } from '../../shared/errors.js';
import { ACTORS, HOSTILE, auditRows, disposeHub, eventSource, feed, ingest, registerKiosk, tempHub } from '../support/officeDomain.js';
import { fakeClock, type Clock } from '../support/tempKiosk.js';
import { hubTables } from '../support/postgres.js';

let hub: Hub;
let clock: Clock;
beforeEach(() => {
  clock = fakeClock('2026-03-02T08:10:00.000Z'); // a Monday
  hub = tempHub(clock.now);
});
afterEach(() => disposeHub(hub));

const { office, dsl, head } = ACTORS;

const REQUEST: OfficeOpInput<'exemptions.request'> = {
  fullName: 'Grace  Okafor',
  organisation: 'NHS Speech and Language Therapy',
  agencyRole: 'Speech and language therapist',
  purpose: 'Recording a therapy session for the care plan',
  devices: 'Work tablet',
  locationIds: ['office'],
  requestedWindow: 'Tuesdays this term, mornings',
};

const request = (over: Partial<OfficeOpInput<'exemptions.request'>> = {}) => hub.core.run('exemptions.request', { ...REQUEST, ...over }, office).exemption;

const approval = (id: string, over: Partial<OfficeOpInput<'exemptions.approve'>> = {}): OfficeOpInput<'exemptions.approve'> => ({
  id,
  validFrom: '2026-03-02',
  validTo: '2026-03-27',
  dailyFrom: '09:00',
  dailyTo: '12:00',
  recurrence: { kind: 'single' },
  locationIds: ['staffroom', 'office'],
  devices: 'Work tablet only',
  conditions: 'No images of any child other than the pupil named in the plan; tablet stays in the therapy room.',
  ...over,
});

const exemptionFeed = () => feed(hub, 'exemption').map((c) => c.body as KioskExemption);

function conflict(f: () => unknown): ContractError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ContractError);
    return e as ContractError;
  }
  throw new Error('expected a ContractError');
}

describe('a request entered by staff', () => {
  it('is recorded as requested, with what was asked for, and audited', () => {
    const ex = request();
    expect(ex).toMatchObject({
      status: 'requested',
      source: 'staff',
      fullName: 'Grace Okafor',
      devices: 'Work tablet',
      locations: ['the school office'],
      requestedWindow: 'Tuesdays this term, mornings',
      createdBy: 'Ofelia Office (ofelia)',
      validFrom: null,
      decidedBy: null,
    });
    expect(hub.core.run('exemptions.list', { status: 'requested' }, office).exemptions.map((e) => e.id)).toEqual([ex.id]);
    expect(auditRows(hub).at(-1)).toMatchObject({ action: 'exemption.request', target: `exemption:${ex.id}`, actor: 'Ofelia Office (ofelia)' });
  });

  it('is not sent to kiosks until it is decided', () => {
    request();
    expect(exemptionFeed()).toEqual([]);
  });

  it('refuses places that are not approved phone-use locations', () => {
    expect(() => request({ locationIds: ['office', 'classroom-3'] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', fields: [{ path: 'locationIds.1', message: 'invalid' }] }));
    expect(hub.core.run('exemptions.list', {}, office).exemptions).toEqual([]);
  });

  it('stores injection-looking text verbatim, as text', () => {
    const ex = request({ fullName: HOSTILE[0], purpose: HOSTILE[1], organisation: HOSTILE[1] });
    const got = hub.core.run('exemptions.get', { id: ex.id }, office).exemption;
    expect(got).toMatchObject({ fullName: HOSTILE[0], purpose: HOSTILE[1], organisation: HOSTILE[1] });
    expect(hubTables(hub.db)).toContain('visits');
  });
});

describe('approving a request', () => {
  it('records validity, daily window, places by name, devices and conditions, and tells kiosks at once', () => {
    const req = request();
    clock.advance(60_000);
    const ex = hub.core.run('exemptions.approve', approval(req.id), head).exemption;
    expect(ex).toMatchObject({
      status: 'approved',
      validFrom: '2026-03-02',
      validTo: '2026-03-27',
      dailyFrom: '09:00',
      dailyTo: '12:00',
      recurrence: { kind: 'single' },
      locations: ['the staff room', 'the school office'],
      devices: 'Work tablet only',
      decidedBy: 'Hugh Head (hugh)',
      decidedAt: clock.now().toISOString(),
      riskAssessment: null,
    });
    const sent: KioskExemption = {
      id: req.id,
      category: 'professional',
      status: 'approved',
      nameKey: 'grace okafor',
      organisationKey: 'nhs speech and language therapy',
      validFrom: '2026-03-02',
      validTo: '2026-03-27',
      dailyFrom: '09:00',
      dailyTo: '12:00',
      weekdays: null,
      locations: ['the staff room', 'the school office'],
      devices: 'Work tablet only',
      conditions: ex.conditions,
    };
    expect(exemptionFeed()).toEqual([sent]);
    expect(feed(hub, 'exemption')[0]!.key).toBe(req.id);
    expect(auditRows(hub).at(-1)).toMatchObject({ action: 'exemption.approve', actor: 'Hugh Head (hugh)', target: `exemption:${req.id}` });
  });

  it('stores the risk assessment with the decision', () => {
    const req = request();
    const riskAssessment = { hazards: 'Other pupils could be filmed in the background.', controls: 'Sessions in the therapy room, door closed.', reviewer: 'Hugh Head', reviewedOn: '2026-03-01' };
    hub.core.run('exemptions.approve', approval(req.id, { riskAssessment }), head);
    expect(hub.core.run('exemptions.get', { id: req.id }, dsl).exemption.riskAssessment).toEqual(riskAssessment);
  });

  it('can recur weekly: the kiosk copy lists the ISO weekdays, once each, in order', () => {
    const req = request();
    const ex = hub.core.run('exemptions.approve', approval(req.id, { recurrence: { kind: 'weekly', weekdays: [4, 2, 2] }, dailyFrom: null, dailyTo: null }), head).exemption;
    expect(ex.recurrence).toEqual({ kind: 'weekly', weekdays: [2, 4] });
    expect(exemptionFeed()[0]).toMatchObject({ weekdays: [2, 4], dailyFrom: null, dailyTo: null });
  });

  it('refuses a weekly pattern none of whose days falls within the dates', () => {
    const req = request();
    // 2026-03-02 is a Monday, the 3rd a Tuesday: no Friday between them.
    const e = conflict(() => hub.core.run('exemptions.approve', approval(req.id, { validTo: '2026-03-03', recurrence: { kind: 'weekly', weekdays: [5] } }), head));
    expect(e).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'recurrence.weekdays' }] });
    expect(hub.core.run('exemptions.get', { id: req.id }, head).exemption.status).toBe('requested');
    expect(exemptionFeed()).toEqual([]);
  });

  it('refuses an end date before today, end before start, and a half-given daily window', () => {
    const req = request();
    expect(conflict(() => hub.core.run('exemptions.approve', approval(req.id, { validFrom: '2026-02-01', validTo: '2026-02-27' }), head))).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'validTo' }] });
    expect(conflict(() => hub.core.run('exemptions.approve', approval(req.id, { validTo: '2026-03-01' }), head))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(conflict(() => hub.core.run('exemptions.approve', approval(req.id, { dailyTo: null }), head))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('is for the head only: office staff and the DSL cannot approve', () => {
    const req = request();
    for (const who of [office, dsl, ACTORS.admin]) expect(conflict(() => hub.core.run('exemptions.approve', approval(req.id), who)).code).toBe('FORBIDDEN');
  });
});

describe('revoking an approval', () => {
  it('takes effect at once: the kiosk copy says revoked and the visitor on site under it is flagged', () => {
    const req = request();
    hub.core.run('exemptions.approve', approval(req.id), head);
    registerKiosk(hub, 'k-1', 'Front desk');
    const k = eventSource('k-1');
    const v = k.arrive({ fullName: 'Grace Okafor', at: '2026-03-02T09:05:00.000Z', category: 'professional', phone: { kind: 'exemption', exemptionId: req.id } });
    ingest(hub, v.events);
    expect(hub.core.run('onSite.list', {}, office).visits[0]).toMatchObject({ visitId: v.visitId, exemptionRevoked: false });

    clock.set('2026-03-02T10:00:00.000Z');
    const ex = hub.core.run('exemptions.revoke', { id: req.id, reason: 'Concern raised by class teacher' }, dsl).exemption;
    expect(ex).toMatchObject({ status: 'revoked', revokedBy: 'Dana Lead (dana)', revokedAt: '2026-03-02T10:00:00.000Z', revokeReason: 'Concern raised by class teacher' });
    expect(exemptionFeed().map((e) => e.status)).toEqual(['approved', 'revoked']);
    expect(exemptionFeed()[1]).toMatchObject({ id: req.id, validFrom: '2026-03-02', validTo: '2026-03-27', locations: ['the staff room', 'the school office'] });
    expect(hub.core.run('onSite.list', {}, office).visits[0]).toMatchObject({ visitId: v.visitId, exemptionRevoked: true });
    expect(hub.core.run('exemptions.get', { id: req.id }, office).usedOnVisits.map((u) => u.visitId)).toEqual([v.visitId]);
    expect(auditRows(hub).at(-1)).toMatchObject({ action: 'exemption.revoke', detail: { onSiteUnderIt: 1 } });
  });

  it('may be done by the head or the DSL, not by office staff', () => {
    const req = request();
    hub.core.run('exemptions.approve', approval(req.id), head);
    expect(conflict(() => hub.core.run('exemptions.revoke', { id: req.id, reason: 'x' }, office)).code).toBe('FORBIDDEN');
    expect(hub.core.run('exemptions.revoke', { id: req.id, reason: 'Term ended early' }, head).exemption.status).toBe('revoked');
  });
});

describe('refusing a request', () => {
  it('records the reason (in the record; the audit log says only that one was given) and tells kiosks, with no validity', () => {
    const req = request();
    const ex = hub.core.run('exemptions.refuse', { id: req.id, reason: 'Observation notes on paper are enough.' }, head).exemption;
    expect(ex).toMatchObject({ status: 'refused', decisionReason: 'Observation notes on paper are enough.', decidedBy: 'Hugh Head (hugh)', validFrom: null });
    expect(exemptionFeed()).toEqual([expect.objectContaining({ id: req.id, status: 'refused', validFrom: '', validTo: '' })]);
    expect(auditRows(hub).at(-1)).toMatchObject({ action: 'exemption.refuse', detail: { reasonWritten: true } });
    expect(JSON.stringify(auditRows(hub))).not.toContain('Observation notes');
  });
});

describe('the state machine', () => {
  it('refuses each transition that makes no sense, with CONFLICT and a plain reason, changing nothing', () => {
    const refused = request();
    hub.core.run('exemptions.refuse', { id: refused.id, reason: 'No' }, head);
    const approved = request();
    hub.core.run('exemptions.approve', approval(approved.id), head);
    const pending = request();
    const revoked = request();
    hub.core.run('exemptions.approve', approval(revoked.id), head);
    hub.core.run('exemptions.revoke', { id: revoked.id, reason: 'Done' }, head);
    const feedBefore = feed(hub).length;
    const auditBefore = auditRows(hub).length;

    const cases: [string, () => unknown, RegExp][] = [
      ['approve a refused request', () => hub.core.run('exemptions.approve', approval(refused.id), head), /was refused, so it cannot be approved/],
      ['approve twice', () => hub.core.run('exemptions.approve', approval(approved.id), head), /already approved/],
      ['approve a revoked one', () => hub.core.run('exemptions.approve', approval(revoked.id), head), /was revoked/],
      ['refuse an approved one', () => hub.core.run('exemptions.refuse', { id: approved.id, reason: 'x' }, head), /revoke it/],
      ['refuse twice', () => hub.core.run('exemptions.refuse', { id: refused.id, reason: 'x' }, head), /already been refused/],
      ['revoke a pending request', () => hub.core.run('exemptions.revoke', { id: pending.id, reason: 'x' }, head), /not been approved.*Refuse it instead/],
      ['revoke a refused request', () => hub.core.run('exemptions.revoke', { id: refused.id, reason: 'x' }, head), /was refused, so there is nothing to revoke/],
      ['revoke twice', () => hub.core.run('exemptions.revoke', { id: revoked.id, reason: 'x' }, head), /already been revoked/],
    ];
    for (const [what, f, message] of cases) {
      const e = conflict(f);
      expect({ what, code: e.code }).toEqual({ what, code: 'CONFLICT' });
      expect(e.message).toMatch(message);
    }
    expect(feed(hub).length).toBe(feedBefore);
    expect(auditRows(hub).length).toBe(auditBefore);
  });

  it('answers NOT_FOUND for an unknown id', () => {
    expect(conflict(() => hub.core.run('exemptions.get', { id: 'nope' }, office)).code).toBe('NOT_FOUND');
    expect(conflict(() => hub.core.run('exemptions.approve', approval('nope'), head)).code).toBe('NOT_FOUND');
  });

  it('lists newest first, filtered by status', () => {
    const a = request({ fullName: 'First Person' });
    clock.advance(1000);
    const b = request({ fullName: 'Second Person' });
    hub.core.run('exemptions.approve', approval(a.id), head);
    expect(hub.core.run('exemptions.list', {}, office).exemptions.map((e) => e.fullName)).toEqual(['Second Person', 'First Person']);
    expect(hub.core.run('exemptions.list', { status: 'approved' }, office).exemptions.map((e) => e.id)).toEqual([a.id]);
    expect(hub.core.run('exemptions.list', { status: 'requested' }, office).exemptions.map((e) => e.id)).toEqual([b.id]);
  });
});

describe('a request made at a kiosk', () => {
  it('becomes one requested exemption per request id, however often the visit is pushed', () => {
    registerKiosk(hub, 'k-1', 'Front desk');
    const k = eventSource('k-1');
    const v = k.arrive({
      fullName: 'Sam Patel',
      at: '2026-03-02T09:00:00.000Z',
      category: 'professional',
      organisation: 'County Council Children\u2019s Services',
      agencyRole: 'Social worker',
      purpose: 'Child protection visit',
      deviceRequestId: 'req-0001',
      phone: { kind: 'exemption_pending', requestId: 'req-0001' },
    });
    const visits = ingest(hub, v.events);
    const at = new Date('2026-03-02T09:00:05.000Z');
    expect(recordKioskRequests(hub.db, visits, at)).toBe(1);
    expect(recordKioskRequests(hub.db, visits, at)).toBe(0);
    // The same push again (a retry) changes nothing either.
    expect(recordKioskRequests(hub.db, ingest(hub, v.events), at)).toBe(0);

    const list = hub.core.run('exemptions.list', {}, office).exemptions;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      status: 'requested',
      source: 'kiosk',
      visitId: v.visitId,
      fullName: 'Sam Patel',
      organisation: 'County Council Children\u2019s Services',
      agencyRole: 'Social worker',
      purpose: 'Child protection visit',
      devices: '',
      locations: [],
      requestedWindow: 'On the day of the visit (2026-03-02)',
      createdBy: 'kiosk:k-1',
    });
    expect(hub.db.prepare('SELECT request_id FROM exemptions').pluck().get()).toBe('req-0001');
    expect(auditRows(hub).filter((a) => a.action === 'exemption.request')).toHaveLength(1);

    // The head decides it like any other request, naming the devices and places.
    const ex = hub.core.run('exemptions.approve', approval(list[0]!.id, { devices: 'Work phone' }), head).exemption;
    expect(ex).toMatchObject({ status: 'approved', devices: 'Work phone', locations: ['the staff room', 'the school office'] });
  });

  it('ignores visits without a device request', () => {
    const k = eventSource('k-1');
    expect(recordKioskRequests(hub.db, ingest(hub, k.arrive({ fullName: 'No Request', at: '2026-03-02T09:00:00.000Z' }).events), clock.now())).toBe(0);
  });
});
