// End of the day at the kiosk: open visits and phones still held are listed; staff sign-outs
// are recorded as such with who and when; the optional automatic sign-out runs once a day at
// its hour, is marked as automatic, and never pretends a phone was handed back.
import { afterEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { autoSignOut, heldPhones, openVisits, staffSignOut, startEndOfDay } from '../../core/visits/endOfDay.js';
import { rebuildProjection } from '../../core/visits/projection.js';
import { disposeKiosk, eventRows, visitsTable } from '../support/fixtures.js';
import { fakeClock, signInInput, tempKiosk } from '../support/tempKiosk.js';

let kiosk: Kiosk | undefined;
afterEach(() => {
  if (kiosk) disposeKiosk(kiosk);
  kiosk = undefined;
});

function setUp() {
  const clock = fakeClock('2026-11-25T08:00:00Z'); // Europe/London: 08:00
  kiosk = tempKiosk({ now: clock.now });
  kiosk.db.prepare("INSERT INTO site_settings (key, value) VALUES ('time_zone', 'Europe/London') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
  const k = kiosk;
  const ann = k.core.run('visit.signIn', signInInput(k, { fullName: 'Ann Locker', phone: { choice: 'locker', lockerId: 'L2' } }));
  const bob = k.core.run('visit.signIn', signInInput(k, { fullName: 'Bob Reception', phone: { choice: 'reception' } }));
  const cat = k.core.run('visit.signIn', signInInput(k, { fullName: 'Cat Nophone' }));
  // Dan left without collecting his phone.
  const dan = k.core.run('visit.signIn', signInInput(k, { fullName: 'Dan Forgot', phone: { choice: 'locker', lockerId: 'L3' } }));
  k.core.run('visit.signOut', { visitId: dan.visitId, phoneCollected: false });
  return { k, clock, ann, bob, cat, dan };
}

describe('end of the day at the kiosk', () => {
  it('lists visits still open, and phones still held including a visitor who has gone', () => {
    const { k } = setUp();
    expect(openVisits(k.db).map((v) => [v.fullName, v.phoneHeld])).toEqual([
      ['Ann Locker', true],
      ['Bob Reception', true],
      ['Cat Nophone', false],
    ]);
    expect(heldPhones(k.db).map((p) => [p.fullName, p.lockerId, p.departedAt !== null])).toEqual([
      ['Ann Locker', 'L2', false],
      ['Bob Reception', null, false],
      ['Dan Forgot', 'L3', true],
    ]);
  });

  it('records a staff sign-out with who and when, and the phone handed back when staff say so', () => {
    const { k, clock, ann, dan } = setUp();
    clock.set('2026-11-25T17:05:00Z');
    expect(staffSignOut(k.db, { visitId: ann.visitId, staff: 'Office: Pat', phoneReturned: true, at: clock.now() })).toEqual({ alreadyGone: false });
    const row = visitsTable(k.db).find((v) => v.id === ann.visitId)!;
    expect(row).toMatchObject({ departed_at: '2026-11-25T17:05:00.000Z', departed_by: 'staff: Office: Pat', phone_out_at: '2026-11-25T17:05:00.000Z' });
    expect(eventRows(k.db, ann.visitId).slice(-2).map((e) => [e.kind, e.body])).toEqual([
      ['phone_returned', { by: 'staff', staff: 'Office: Pat' }],
      ['departed', { by: 'staff', staff: 'Office: Pat' }],
    ]);
    // Dan has gone already: staff can still record his phone being handed back.
    expect(staffSignOut(k.db, { visitId: dan.visitId, staff: 'Office: Pat', phoneReturned: true, at: clock.now() })).toEqual({ alreadyGone: true });
    expect(heldPhones(k.db).map((p) => p.fullName)).toEqual(['Bob Reception']);
    expect(() => staffSignOut(k.db, { visitId: 'nope', staff: 'x', phoneReturned: false, at: clock.now() })).toThrow(/not in this kiosk/);
  });

  it('signs out the rest automatically at the set hour, once a day, marked as automatic, phones still flagged', () => {
    const { k, clock } = setUp();
    const logs: string[] = [];
    clock.set('2026-11-25T22:59:00Z'); // 22:59 London
    const eod = startEndOfDay(k.db, { autoSignOutAt: '23:00', now: clock.now, log: (m) => logs.push(m), intervalMs: 3_600_000 });
    try {
      expect(eod.runDue()).toBe(0);
      clock.set('2026-11-25T23:00:00Z');
      expect(eod.runDue()).toBe(3);
      expect(eod.runDue()).toBe(0); // once a day
      expect(openVisits(k.db)).toEqual([]);
      const departed = visitsTable(k.db).filter((v) => v.departed_by === 'auto');
      expect(departed).toHaveLength(3);
      expect(heldPhones(k.db).map((p) => p.fullName)).toEqual(['Ann Locker', 'Bob Reception', 'Dan Forgot']); // not handed back
      expect(logs).toEqual(['end of day: 3 visit(s) signed out automatically at 23:00']);
      // The next day, someone who stays late is signed out at 23:00 again.
      clock.set('2026-11-26T09:00:00Z');
      k.core.run('visit.signIn', signInInput(k, { fullName: 'Eve Late' }));
      clock.set('2026-11-26T23:30:00Z');
      expect(eod.runDue()).toBe(1);
    } finally {
      eod.stop();
    }
    // The projection still equals a rebuild from the events.
    const before = visitsTable(k.db);
    rebuildProjection(k.db);
    expect(visitsTable(k.db)).toEqual(before);
  });

  it('is safe to run with nobody on site', () => {
    const clock = fakeClock('2026-11-25T23:10:00Z');
    kiosk = tempKiosk({ now: clock.now });
    expect(autoSignOut(kiosk.db, clock.now())).toBe(0);
  });
});
