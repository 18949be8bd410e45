// Subject access (issue #6): one person's records from every kiosk, as JSON and PDF, with
// nothing about anyone else; rectification and erasure, audited; erasure refused while a
// concern about them is open; office accounts may do none of it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import { rebuildHubProjection } from '../../core/office/visits/projection.js';
import { ContractError } from '../../shared/errors.js';
import { ACTORS, auditRows, disposeHub, eventSource, feed, ingest, locker, registerKiosk, tempHub } from '../support/officeDomain.js';
import { fakeClock } from '../support/tempKiosk.js';

const SUBJECT = 'Marisol Quenby';
const OTHER = 'Bartholomew Ottley';

let hub: Hub | undefined;
afterEach(() => {
  if (hub) disposeHub(hub);
  hub = undefined;
});

function world() {
  const clock = fakeClock('2026-03-02T08:00:00.000Z');
  const h = (hub = tempHub(clock.now));
  registerKiosk(h, 'k-front', 'Front office');
  registerKiosk(h, 'k-annexe', 'Annexe');
  const front = eventSource('k-front');
  const annexe = eventSource('k-annexe');
  const a = front.arrive({ fullName: SUBJECT, at: '2026-03-02T08:10:00.000Z', phone: locker(3), hostName: 'Wilhelmina Host' });
  const b = annexe.arrive({ fullName: SUBJECT, at: '2026-03-05T13:00:00.000Z', organisation: 'Kent CC', category: 'professional', purpose: `Review with ${OTHER}` });
  const o1 = front.arrive({ fullName: OTHER, at: '2026-03-02T08:20:00.000Z' });
  const o2 = annexe.arrive({ fullName: OTHER, at: '2026-03-05T13:05:00.000Z' });
  ingest(h, [...a.events, ...front.depart(a.visitId, '2026-03-02T09:00:00.000Z'), ...o1.events, ...front.depart(o1.visitId, '2026-03-02T09:00:00.000Z')]);
  ingest(h, [...b.events, ...annexe.depart(b.visitId, '2026-03-05T14:00:00.000Z'), ...o2.events]);
  const mine = h.core.run('exemptions.request', { fullName: SUBJECT, organisation: 'Kent CC', agencyRole: 'Social worker', purpose: 'Calls during reviews', devices: 'Work phone' }, ACTORS.office).exemption;
  h.core.run('exemptions.request', { fullName: OTHER, organisation: 'Speech Ltd', agencyRole: 'Therapist', purpose: 'Notes', devices: 'Tablet' }, ACTORS.office);
  const concern = h.core.run('breaches.log', { visitId: a.visitId, person: SUBJECT, location: 'Hall', what: `Phone out near ${OTHER}`, actionTaken: 'Reminded of the rule' }, ACTORS.office).breach;
  h.core.run('breaches.close', { id: concern.id, outcome: 'Apologised', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }, ACTORS.dsl);
  h.core.run('breaches.log', { visitId: o1.visitId, person: OTHER, location: 'Gate', what: 'Filming', actionTaken: 'Asked to stop' }, ACTORS.office);
  return { h, clock, a, b, o1, o2, exemption: mine.id, concern: concern.id };
}

const confirmed = (w: ReturnType<typeof world>) => ({ visitIds: [w.a.visitId, w.b.visitId], exemptionIds: [w.exemption], breachIds: [w.concern] });

describe('subject access', () => {
  it('search finds the person on every kiosk, grouped for staff to confirm', () => {
    const w = world();
    const { people } = w.h.core.run('subjectAccess.search', { name: 'quenby' }, ACTORS.dsl);
    expect(people).toHaveLength(1);
    expect(people[0]!.fullName).toBe(SUBJECT);
    expect(people[0]!.visits.map((v) => v.kioskName).sort()).toEqual(['Annexe', 'Front office']);
    expect(people[0]!.exemptions.map((e) => e.id)).toEqual([w.exemption]);
    expect(people[0]!.breaches.map((b) => b.id)).toEqual([w.concern]);
    const march5 = w.h.core.run('subjectAccess.search', { name: 'quenby', from: '2026-03-04', to: '2026-03-31' }, ACTORS.head).people[0]!;
    expect(march5.visits.map((v) => v.visitId)).toEqual([w.b.visitId]);
  });

  it('exports one document with all their visits, acknowledgements, custody, exemptions and breaches, and nobody else', () => {
    const w = world();
    const out = w.h.core.run('subjectAccess.export', confirmed(w), ACTORS.dsl);
    const d = out.document;
    expect(d.format).toBe('phone-safe-kiosk/subject-access/1');
    expect(d.subject.names).toEqual([SUBJECT]);
    expect(d.visits.map((v) => v.kiosk)).toEqual(['Front office', 'Annexe']);
    expect(d.visits[0]).toMatchObject({ arrivedAt: '2026-03-02T08:10:00.000Z', departedAt: '2026-03-02T09:00:00.000Z', departedBy: 'visitor' });
    expect(d.visits[0]!.acknowledgements).toEqual([{ policyVersion: 1, policyVersionId: 'v1', textHash: 'h', language: 'en', at: '2026-03-02T08:10:00.000Z' }]);
    expect(d.visits[0]!.phoneCustody).toEqual([{ kind: 'locker', locker: 'Locker 3', exemptionId: null, inAt: '2026-03-02T08:10:00.000Z', outAt: '2026-03-02T09:00:00.000Z' }]);
    expect(d.exemptions.map((e) => e.id)).toEqual([w.exemption]);
    expect(d.breaches).toMatchObject([{ id: w.concern, what: 'Phone out near [another person]', status: 'closed' }]);
    expect(d.visits[1]!.purpose).toBe('Review with [another person]');

    const json = JSON.stringify(d);
    for (const someoneElse of [OTHER, 'Ottley', 'Wilhelmina Host', 'Ofelia Office', 'Dana Lead', w.o1.visitId, w.o2.visitId]) expect(json).not.toContain(someoneElse);

    const file = path.join(w.h.dataDir, out.fileName);
    fs.writeFileSync(file, Buffer.from(out.pdfBase64, 'base64'));
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(SUBJECT);
    expect(text).toContain('Front office');
    expect(text).toContain('Annexe');
    expect(text).toContain('Locker 3');
    for (const someoneElse of ['Ottley', 'Wilhelmina', 'Ofelia', 'Dana Lead']) expect(text).not.toContain(someoneElse);

    expect(auditRows(w.h).at(-1)).toMatchObject({ action: 'subjectAccess.export', actor: 'Dana Lead (dana)', detail: { visitIds: [w.a.visitId, w.b.visitId] } });
  });

  it('office accounts may not search, export, rectify or erase', () => {
    const w = world();
    const forbidden = expect.objectContaining({ code: 'FORBIDDEN' }) as ContractError;
    expect(() => w.h.core.run('subjectAccess.search', { name: 'quenby' }, ACTORS.office)).toThrow(forbidden);
    expect(() => w.h.core.run('subjectAccess.export', confirmed(w), ACTORS.office)).toThrow(forbidden);
    expect(() => w.h.core.run('subjectAccess.rectify', { ...confirmed(w), fullName: 'X Y', reason: 'SAR 1' }, ACTORS.office)).toThrow(forbidden);
    expect(() => w.h.core.run('subjectAccess.erase', { visitIds: [w.a.visitId], exemptionIds: [], reason: 'SAR 1' }, ACTORS.office)).toThrow(forbidden);
  });

  it('rectifies the name and organisation on every confirmed record, lasting through a rebuild, audited without the values', () => {
    const w = world();
    const r = w.h.core.run('subjectAccess.rectify', { ...confirmed(w), fullName: 'Marisol Quenby-Hart', organisation: 'Kent County Council', reason: 'SAR 2026-14: name misspelt' }, ACTORS.head);
    expect(r).toEqual({ visits: 2, exemptions: 1, breaches: 1, regulars: 0, expected: 0 });
    rebuildHubProjection(w.h.db);
    const names = w.h.db.prepare('SELECT DISTINCT full_name || \'|\' || organisation FROM visits WHERE id IN (?, ?)').pluck().all(w.a.visitId, w.b.visitId);
    expect(names).toEqual(['Marisol Quenby-Hart|Kent County Council']);
    expect(w.h.db.prepare('SELECT person FROM breaches WHERE id = ?').pluck().get(w.concern)).toBe('Marisol Quenby-Hart');
    expect(feed(w.h, 'exemption').filter((c) => c.key === w.exemption)).toMatchObject([{ body: { nameKey: 'marisol quenby-hart' } }]);
    const entry = auditRows(w.h).at(-1)!;
    expect(entry).toMatchObject({ action: 'subjectAccess.rectify', detail: { fields: ['fullName', 'organisation'], reason: 'SAR 2026-14: name misspelt' } });
    expect(JSON.stringify(entry.detail)).not.toMatch(/Hart|County/);
  });

  it('refuses to erase while a concern about them is open, then erases everything and tells kiosks', () => {
    const w = world();
    const open = w.h.core.run('breaches.log', { visitId: null, person: SUBJECT, location: 'Car park', what: 'Photographing pupils', actionTaken: 'Reported to DSL' }, ACTORS.office).breach;
    const request = { visitIds: [w.a.visitId, w.b.visitId], exemptionIds: [w.exemption], reason: 'SAR 2026-15: erasure requested' };
    let refusal: ContractError | undefined;
    try {
      w.h.core.run('subjectAccess.erase', request, ACTORS.dsl);
    } catch (e) {
      refusal = e as ContractError;
    }
    expect(refusal).toMatchObject({ code: 'CONFLICT' });
    expect(refusal!.fields).toEqual(expect.arrayContaining([{ path: 'visitIds.0', message: 'held' }, { path: 'exemptionIds.0', message: 'held' }]));
    expect(w.h.db.prepare('SELECT COUNT(*) FROM visits WHERE id IN (?, ?)').pluck().get(w.a.visitId, w.b.visitId)).toBe(2);

    w.h.core.run('breaches.close', { id: open.id, outcome: 'No further action', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }, ACTORS.dsl);
    expect(w.h.core.run('subjectAccess.erase', request, ACTORS.dsl)).toEqual({ visits: 2, exemptions: 1, regulars: 0, expected: 0, notifications: 0 });
    for (const [sql, id] of [
      ['SELECT COUNT(*) FROM visits WHERE id = ?', w.a.visitId],
      ['SELECT COUNT(*) FROM hub_events WHERE visit_id = ?', w.b.visitId],
      ['SELECT COUNT(*) FROM exemptions WHERE id = ?', w.exemption],
    ] as const)
      expect(w.h.db.prepare(sql).pluck().get(id)).toBe(0);
    expect(feed(w.h, 'erasure').map((c) => c.key).sort()).toEqual([w.a.visitId, w.b.visitId].sort());
    expect(feed(w.h, 'exemption').filter((c) => c.key === w.exemption)).toEqual([expect.objectContaining({ body: null })]);
    expect(w.h.db.prepare('SELECT COUNT(*) FROM visits WHERE full_name = ?').pluck().get(OTHER)).toBe(2); // nobody else touched
    const entry = auditRows(w.h).at(-1)!;
    expect(entry).toMatchObject({ action: 'subjectAccess.erase', actor: 'Dana Lead (dana)', detail: { visitIds: request.visitIds, counts: { visits: 2, exemptions: 1 } } });
    expect(JSON.stringify(entry.detail)).not.toContain('Quenby');
  });

  it('refuses to erase a visit not yet signed out (the roll call needs it)', () => {
    const w = world();
    const here = eventSource('k-front-2').arrive({ fullName: 'Perpetua Onsite', at: '2026-03-06T09:00:00.000Z' });
    ingest(w.h, here.events);
    expect(() => w.h.core.run('subjectAccess.erase', { visitIds: [here.visitId], exemptionIds: [], reason: 'SAR 3' }, ACTORS.admin)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', fields: [{ path: 'visitIds.0', message: 'onSite' }] }) as ContractError,
    );
  });
});
