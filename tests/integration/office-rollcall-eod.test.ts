// The console's fire roll call merges every kiosk (as synced) with marks made at kiosks and in
// the console; the end-of-day list shows visits still open and phones not collected, and a
// staff sign-out is sent to the kiosk that owns the visit through the pull feed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import { ACTORS, auditRows, disposeHub, eventSource, feed, ingest, locker, registerKiosk, tempHub } from '../support/officeDomain.js';
import { fakeClock } from '../support/tempKiosk.js';

let hub: Hub | undefined;
afterEach(() => {
  if (hub) disposeHub(hub);
  hub = undefined;
});

function twoKiosks() {
  const clock = fakeClock('2026-11-25T13:00:00Z');
  hub = tempHub(clock.now);
  registerKiosk(hub, 'k-front', 'Front reception');
  registerKiosk(hub, 'k-nursery', 'Nursery gate');
  const front = eventSource('k-front');
  const nursery = eventSource('k-nursery');
  const ann = front.arrive({ fullName: 'Ann Front', at: '2026-11-25T09:00:00.000Z', phone: locker(4) });
  const bob = front.arrive({ fullName: 'Bob Front', at: '2026-11-25T09:10:00.000Z', phone: { kind: 'reception' } });
  const cat = nursery.arrive({ fullName: 'Cat Nursery', at: '2026-11-25T09:20:00.000Z', phone: { kind: 'none' } });
  ingest(hub, [...ann.events, ...bob.events, ...cat.events]);
  return { h: hub, clock, front, nursery, ann, bob, cat };
}

describe('the console fire roll call', () => {
  it('lists everyone on site at every kiosk, once, with the kiosk they signed in at', () => {
    const { h } = twoKiosks();
    const rc = h.core.run('rollCall.start', {}, ACTORS.office);
    expect(rc.source).toBe('all kiosks');
    expect(rc.entries.map((e) => [e.fullName, e.kioskName])).toEqual([
      ['Ann Front', 'Front reception'],
      ['Bob Front', 'Front reception'],
      ['Cat Nursery', 'Nursery gate'],
    ]);
    expect(rc.entries[0]!.phoneStatus).toBe('PHONE IN LOCKER 4');
    expect(rc.counts).toEqual({ total: 3, safe: 0, missing: 0, unaccounted: 3, needHelp: 0 });
  });

  it('merges marks from kiosks (synced events) and the console: the later mark wins; marks before the roll call do not count', () => {
    const { h, clock, front, ann, bob, cat } = twoKiosks();
    // A mark from an earlier drill at the kiosk.
    ingest(h, [front.event(ann.visitId, 'roll_call_marked', '2026-11-25T10:00:00.000Z', { rollCallId: 'drill', status: 'safe', by: 'Drill Warden' })]);
    h.core.run('rollCall.start', {}, ACTORS.office);
    expect(h.core.run('rollCall.current', {}, ACTORS.dsl).rollCall!.counts.safe).toBe(0);
    clock.advance(60_000); // 13:01
    ingest(h, [front.event(bob.visitId, 'roll_call_marked', '2026-11-25T13:01:00.000Z', { rollCallId: 'k-rc', status: 'missing', by: 'Kiosk Warden' })]);
    clock.advance(60_000); // 13:02: the office hears Bob is safe
    h.core.run('rollCall.mark', { visitId: bob.visitId, status: 'safe' }, ACTORS.office);
    const rc = h.core.run('rollCall.mark', { visitId: cat.visitId, status: 'missing' }, ACTORS.office);
    const byName = Object.fromEntries(rc.entries.map((e) => [e.fullName, e.mark]));
    expect(byName['Ann Front']).toBeNull();
    expect(byName['Bob Front']).toEqual({ status: 'safe', by: 'Ofelia Office (ofelia)', at: '2026-11-25T13:02:00.000Z' });
    expect(byName['Cat Nursery']!.status).toBe('missing');
    // A later kiosk mark beats the earlier console one.
    ingest(h, [front.event(bob.visitId, 'roll_call_marked', '2026-11-25T13:03:00.000Z', { rollCallId: 'k-rc', status: 'missing', by: 'Kiosk Warden' })]);
    expect(h.core.run('rollCall.current', {}, ACTORS.office).rollCall!.entries.find((e) => e.fullName === 'Bob Front')!.mark!.status).toBe('missing');
    expect(auditRows(h).filter((a) => a.action === 'rollCall.mark')).toHaveLength(2);
  });

  it('matches the sum of the kiosks after sync, and gives a PDF', () => {
    const { h } = twoKiosks();
    h.core.run('rollCall.start', {}, ACTORS.office);
    const { pdf } = h.core.run('rollCall.pdf', {}, ACTORS.office);
    const bytes = Buffer.from(pdf, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    fs.mkdirSync('test-results/rollcall', { recursive: true });
    const file = path.resolve('test-results/rollcall/console-roll-call.pdf');
    fs.writeFileSync(file, bytes);
    try {
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Built from every kiosk');
      for (const n of ['Ann Front', 'Bob Front', 'Cat Nursery']) expect(text).toContain(n);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  });

  it('refuses marks when no roll call is in progress, and ends with an audit entry', () => {
    const { h, ann } = twoKiosks();
    expect(() => h.core.run('rollCall.mark', { visitId: ann.visitId, status: 'safe' }, ACTORS.office)).toThrow(/No roll call/);
    h.core.run('rollCall.start', {}, ACTORS.office);
    h.core.run('rollCall.end', {}, ACTORS.dsl);
    expect(h.core.run('rollCall.current', {}, ACTORS.office).rollCall).toBeNull();
    expect(auditRows(h).map((a) => a.action)).toEqual(expect.arrayContaining(['rollCall.start', 'rollCall.end']));
  });
});

describe('end of the day in the console', () => {
  it('lists open visits and uncollected phones from every kiosk', () => {
    const { h, front, bob } = twoKiosks();
    // Bob leaves without his phone (reception still holds it).
    ingest(h, [front.event(bob.visitId, 'departed', '2026-11-25T12:00:00.000Z', { by: 'visitor' })]);
    const eod = h.core.run('endOfDay.list', {}, ACTORS.office);
    expect(eod.open.map((v) => v.fullName)).toEqual(['Ann Front', 'Cat Nursery']);
    expect(eod.uncollected.map((v) => v.fullName)).toEqual(['Bob Front']);
  });

  it('sends a staff sign-out to the kiosk that owns the visit, recorded with who and when', () => {
    const { h, clock, ann, cat } = twoKiosks();
    clock.set('2026-11-25T17:05:00Z');
    const eod = h.core.run('endOfDay.signOut', { visitIds: [ann.visitId, cat.visitId], phoneReturned: true }, ACTORS.office);
    expect(eod.open.filter((v) => v.signOutSent).map((v) => v.fullName)).toEqual(['Ann Front', 'Cat Nursery']);
    const sent = feed(h, 'signout').map((c) => c.body);
    expect(sent).toEqual([
      { visitId: ann.visitId, kioskId: 'k-front', staff: 'Ofelia Office (ofelia)', phoneReturned: true, requestedAt: '2026-11-25T17:05:00.000Z' },
      { visitId: cat.visitId, kioskId: 'k-nursery', staff: 'Ofelia Office (ofelia)', phoneReturned: true, requestedAt: '2026-11-25T17:05:00.000Z' },
    ]);
    expect(auditRows(h).filter((a) => a.action === 'endOfDay.signOut').map((a) => a.target)).toEqual([`visit:${ann.visitId}`, `visit:${cat.visitId}`]);
    expect(() => h.core.run('endOfDay.signOut', { visitIds: ['nope'], phoneReturned: false }, ACTORS.office)).toThrow(/not known/);
  });
});
