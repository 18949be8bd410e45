// Breaches and concerns: any member of staff who challenges a visitor logs it; the DSL sees
// what is new to them, and the DSL or head closes it with an outcome. Everything is audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import type { OfficeOpInput } from '../../shared/office.js';
import { ACTORS, HOSTILE, auditRows, disposeHub, eventSource, feed, ingest, tempHub } from '../support/officeDomain.js';
import { fakeClock, type Clock } from '../support/tempKiosk.js';

let hub: Hub;
let clock: Clock;
beforeEach(() => {
  clock = fakeClock('2026-03-02T10:00:00.000Z');
  hub = tempHub(clock.now);
});
afterEach(() => disposeHub(hub));

const { office, dsl, head, admin } = ACTORS;

const CHALLENGE: OfficeOpInput<'breaches.log'> = {
  person: 'Man in a blue coat, visitor badge 14',
  location: 'Year 2 corridor',
  what: 'Was filming the class assembly through the hall door on his phone.',
  actionTaken: 'Asked him to stop and put the phone away; he did. Escorted to reception.',
};

const log = (over: Partial<OfficeOpInput<'breaches.log'>> = {}, who = office) => {
  clock.advance(60_000);
  return hub.core.run('breaches.log', { ...CHALLENGE, ...over }, who).breach;
};

describe('logging a challenge', () => {
  it('records who, where, what and the action taken, open, by whoever logged it, and audits it', () => {
    const b = log({}, head);
    expect(b).toEqual({
      id: b.id,
      visitId: null,
      detailsHidden: false,
      ...CHALLENGE,
      loggedBy: 'Hugh Head (hugh)',
      loggedAt: clock.now().toISOString(),
      status: 'open',
      seenByDslAt: null,
      closedBy: null,
      closedAt: null,
      outcome: null,
      // Logged without a classification (an older console): 'other', medium, filed when logged.
      concern: { kind: 'other', severity: 'medium', policyPoint: 'other', occurredAt: clock.now().toISOString(), urgent: false, lessonsLearnt: null, referrals: [] },
    });
    expect(auditRows(hub).at(-1)).toMatchObject({ action: 'breach.log', target: `breach:${b.id}`, actor: 'Hugh Head (hugh)' });
  });

  it('may be linked to a visit on record, and refuses a link to one that is not', () => {
    const k = eventSource('k-1');
    const v = k.arrive({ fullName: 'Tom Blue', at: '2026-03-02T09:00:00.000Z' });
    ingest(hub, v.events);
    expect(log({ visitId: v.visitId }).visitId).toBe(v.visitId);
    expect(() => log({ visitId: 'no-such-visit' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('can be logged by any role', () => {
    for (const who of [office, dsl, head, admin]) expect(log({}, who).status).toBe('open');
  });

  it('keeps injection-looking text verbatim', () => {
    const b = log({ person: HOSTILE[0], what: HOSTILE[1] });
    expect(hub.core.run('breaches.list', {}, dsl).breaches.find((x) => x.id === b.id)).toMatchObject({ person: HOSTILE[0], what: HOSTILE[1] });
  });
});

describe('the list', () => {
  it('is newest first with the number still open, filterable by status', () => {
    const a = log({ person: 'First' });
    const b = log({ person: 'Second' });
    hub.core.run('breaches.close', { id: a.id, outcome: 'Spoken to; no images found.', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }, head);
    const all = hub.core.run('breaches.list', {}, head);
    expect(all.breaches.map((x) => x.person)).toEqual(['Second', 'First']);
    expect(all.openCount).toBe(1);
    expect(hub.core.run('breaches.list', { status: 'open' }, office).breaches.map((x) => x.id)).toEqual([b.id]);
    expect(hub.core.run('breaches.list', { status: 'closed' }, office)).toMatchObject({ breaches: [{ id: a.id }], openCount: 1 });
  });

  it('shows the DSL which open records are new to them, then remembers they saw them', () => {
    const a = log();
    // Others reading the list do not make it "seen by the DSL".
    hub.core.run('breaches.list', {}, office);
    hub.core.run('breaches.list', {}, head);
    const first = hub.core.run('breaches.list', {}, dsl);
    expect(first.breaches[0]).toMatchObject({ id: a.id, seenByDslAt: null }); // still "new" on this screen
    const seenAt = clock.now().toISOString();
    expect(auditRows(hub).at(-1)).toMatchObject({ action: 'breach.seenByDsl', actor: 'Dana Lead (dana)', detail: { ids: [a.id] } });

    clock.advance(60_000);
    const b = log();
    const second = hub.core.run('breaches.list', {}, dsl);
    expect(second.breaches.map((x) => [x.id, x.seenByDslAt])).toEqual([
      [b.id, null],
      [a.id, seenAt],
    ]);
    const auditCount = auditRows(hub).length;
    hub.core.run('breaches.list', {}, dsl);
    expect(auditRows(hub).length).toBe(auditCount); // nothing new: nothing written
    expect(hub.core.run('breaches.list', {}, office).breaches.every((x) => x.seenByDslAt !== null)).toBe(true);
  });
});

describe('closing', () => {
  it('is done by the DSL or head with an outcome, and audited', () => {
    const a = log();
    clock.advance(60_000);
    const closed = hub.core.run('breaches.close', { id: a.id, outcome: 'Met the parent; agreed to follow the policy.', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }, dsl).breach;
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'Dana Lead (dana)', closedAt: clock.now().toISOString(), outcome: 'Met the parent; agreed to follow the policy.' });
    expect(closed.seenByDslAt).toBe(clock.now().toISOString());
    // The audit log (never purged) says an outcome was written; its words stay in the record.
    expect(auditRows(hub).at(-1)).toMatchObject({ action: 'breach.close', target: `breach:${a.id}`, detail: { outcomeWritten: true } });
    expect(JSON.stringify(auditRows(hub))).not.toContain('Met the parent');
    expect(hub.core.run('breaches.list', {}, office).openCount).toBe(0);
  });

  it('is not for office staff or the administrator', () => {
    const a = log();
    for (const who of [office, admin]) expect(() => hub.core.run('breaches.close', { id: a.id, outcome: 'x', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }, who)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('refuses to close twice (CONFLICT) or an unknown record (NOT_FOUND), and needs an outcome', () => {
    const a = log();
    hub.core.run('breaches.close', { id: a.id, outcome: 'Done.', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }, head);
    expect(() => hub.core.run('breaches.close', { id: a.id, outcome: 'Again.', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }, dsl)).toThrow(expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/already closed by Hugh Head/) }));
    expect(() => hub.core.run('breaches.close', { id: 'nope', outcome: 'x', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }, dsl)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => hub.core.run('breaches.close', { id: a.id, outcome: '   ', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }, dsl)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('holding the records a concern is about', () => {
  it('tells kiosks at once to keep the visits of the person named, and releases them when it closes', () => {
    const k = eventSource('k-1');
    const v = k.arrive({ fullName: 'Tom Blue', at: '2026-03-02T09:00:00.000Z' });
    ingest(hub, v.events);
    const a = log({ person: 'tom  blue', visitId: null });
    expect(feed(hub, 'hold').map((c) => [c.key, c.body])).toEqual([[v.visitId, { visitId: v.visitId }]]);
    hub.core.run('breaches.close', { id: a.id, outcome: 'Resolved.', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }, dsl);
    expect(feed(hub, 'hold').map((c) => [c.key, c.body])).toEqual([
      [v.visitId, { visitId: v.visitId }],
      [v.visitId, null],
    ]);
  });
});

describe('need to know', () => {
  it('office staff see a record’s status and times, never who, where, what or the outcome (the hub leaves them out)', () => {
    const a = log();
    hub.core.run('breaches.close', { id: a.id, outcome: 'Spoken to; no images found.', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }, dsl);
    const b = log();
    const seen = hub.core.run('breaches.list', {}, office);
    expect(seen.openCount).toBe(1);
    for (const r of seen.breaches) expect(r).toMatchObject({ detailsHidden: true, person: null, location: null, what: null, actionTaken: null, outcome: null });
    expect(seen.breaches.map((r) => [r.id, r.status])).toEqual([
      [b.id, 'open'],
      [a.id, 'closed'],
    ]);
    expect(JSON.stringify(seen)).not.toMatch(/blue coat|Year 2|filming|Escorted|no images/);
    // Even the answer to logging it: what they typed is not handed back to office staff.
    expect(log({}, office)).toMatchObject({ detailsHidden: true, what: null });
  });

  it.each([
    ['dsl', dsl],
    ['head', head],
    ['admin', admin],
  ] as const)('the %s role sees the details and the outcome', (_role, who) => {
    const a = log();
    hub.core.run('breaches.close', { id: a.id, outcome: 'Spoken to; no images found.', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }, head);
    expect(hub.core.run('breaches.list', {}, who).breaches[0]).toMatchObject({ detailsHidden: false, ...CHALLENGE, outcome: 'Spoken to; no images found.' });
  });
});
