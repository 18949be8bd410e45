// Office actions that reach kiosks through sync, over real HTTP: an end-of-day sign-out made
// in the console is written by the kiosk that owns the visit (as "signed out by staff", with
// who and when) and comes back to the office; the console's roll call equals the sum of the
// kiosks after sync; and with the office down, a kiosk's own roll call still works.
import { afterEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { startSyncAgent } from '../../core/sync/agent.js';
import { setStaffPin } from '../../core/staff/pin.js';
import { disposeKiosk, eventRows, visitsTable } from '../support/fixtures.js';
import { ADMIN, pairKiosk, startTestHub, type TestHub } from '../support/syncHub.js';
import { signInInput, tempKiosk } from '../support/tempKiosk.js';
import type { Actor } from '../../core/office/context.js';
import { autoSignOutTime } from '../../core/visits/endOfDay.js';

const OFFICE: Actor = { staffId: 'st-office', username: 'pat', displayName: 'Pat Office', role: 'office' };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(kiosks: number): Promise<{ t: TestHub; ks: Kiosk[] }> {
  const t = await startTestHub();
  cleanups.push(() => t.dispose());
  const ks: Kiosk[] = [];
  for (let i = 0; i < kiosks; i++) {
    const k = tempKiosk();
    cleanups.push(() => disposeKiosk(k));
    await pairKiosk(k.db, t, `Kiosk ${i + 1}`);
    ks.push(k);
  }
  return { t, ks };
}

async function syncAll(ks: Kiosk[]): Promise<void> {
  for (const k of ks) {
    const agent = startSyncAgent(k, { log: () => {}, intervalMs: 60_000 });
    try {
      // A round can fail once on a connection the hub closed while it was down; the agent's
      // next round (here: at once) succeeds.
      for (let i = 0; i < 3; i++) {
        const st = await agent.syncNow();
        if (st.failures === 0) break;
      }
    } finally {
      await agent.stop();
    }
  }
}

describe('office actions reaching kiosks', () => {
  it('an end-of-day sign-out from the console is recorded by the owning kiosk and comes back', async () => {
    const { t, ks } = await setUp(2);
    const [a, b] = ks as [Kiosk, Kiosk];
    await syncAll(ks); // reference data first (hosts, policy) from the office
    const ann = a.core.run('visit.signIn', signInInput(a, { fullName: 'Ann Late', phone: { choice: 'reception' } }), 'kiosk');
    const bob = b.core.run('visit.signIn', signInInput(b, { fullName: 'Bob Late' }), 'kiosk');
    await syncAll(ks);
    expect(t.hub.core.run('endOfDay.list', {}, OFFICE).open.map((v) => v.fullName).sort()).toEqual(['Ann Late', 'Bob Late']);

    t.hub.core.run('endOfDay.signOut', { visitIds: [ann.visitId], phoneReturned: true }, OFFICE);
    await syncAll(ks); // pull: kiosk A writes the events, B ignores them
    await syncAll(ks); // push them back
    const annRow = visitsTable(a.db).find((v) => v.id === ann.visitId)!;
    expect(annRow.departed_by).toBe('staff: Pat Office (pat)');
    expect(annRow.phone_out_at).not.toBeNull();
    expect(eventRows(b.db).some((e) => e.visit_id === ann.visitId)).toBe(false);
    const eod = t.hub.core.run('endOfDay.list', {}, OFFICE);
    expect(eod.open.map((v) => v.fullName)).toEqual(['Bob Late']);
    expect(t.hub.core.run('visits.search', { query: 'Ann Late' }, OFFICE).visits[0]!.departedBy).toBe('staff: Pat Office (pat)');
    expect(bob.visitId).toBeTruthy();
  });

  it('the console roll call equals the sum of the kiosks after sync; a kiosk still has its own with the office down', async () => {
    const { t, ks } = await setUp(2);
    const [a, b] = ks as [Kiosk, Kiosk];
    await syncAll(ks);
    for (const n of ['Ann One', 'Amy Two']) a.core.run('visit.signIn', signInInput(a, { fullName: n }), 'kiosk');
    for (const n of ['Ben Three']) b.core.run('visit.signIn', signInInput(b, { fullName: n }), 'kiosk');
    await syncAll(ks);

    const inOffice = t.hub.core.run('rollCall.start', {}, ADMIN);
    const perKiosk = ks.map((k) => {
      setStaffPin(k.db, '4826');
      const { token } = k.core.run('staff.unlock', { pin: '4826', purpose: 'rollCall' }, 'kiosk');
      return k.core.run('rollCall.open', { token, by: 'Warden' }, 'kiosk').rollCall;
    });
    expect(inOffice.entries.map((e) => e.visitId).sort()).toEqual(perKiosk.flatMap((r) => r.entries.map((e) => e.visitId)).sort());
    expect(inOffice.counts.total).toBe(3);

    // The office goes down; kiosk A's roll call and its marks carry on, and reach the office later.
    await t.stop();
    const { token } = a.core.run('staff.unlock', { pin: '4826', purpose: 'rollCall' }, 'kiosk');
    const { session, rollCall } = a.core.run('rollCall.open', { token, by: 'Warden' }, 'kiosk');
    expect(rollCall.entries.map((e) => e.fullName)).toEqual(['Amy Two', 'Ann One']);
    a.core.run('rollCall.mark', { session, visitId: rollCall.entries[0]!.visitId, status: 'safe' }, 'kiosk');
    await t.start();
    await syncAll(ks);
    const merged = t.hub.core.run('rollCall.current', {}, ADMIN).rollCall!;
    expect(merged.entries.find((e) => e.fullName === 'Amy Two')!.mark).toMatchObject({ status: 'safe', by: 'Warden' });
  });

  it('the end-of-day rule set in the console reaches the kiosks, which apply it themselves', async () => {
    const { t, ks } = await setUp(1);
    const [a] = ks as [Kiosk];
    await syncAll(ks);
    expect(autoSignOutTime(a.db, '22:30')).toBe('22:30'); // never set at the office: the kiosk's own site.json rule
    expect(() => t.hub.core.run('endOfDay.configure', { reviewAt: '16:30', autoSignOutAt: '23:00' }, OFFICE)).toThrow(/role does not allow/);
    // confirmed: run after 23:00, the time has already passed today and the console asks first.
    const eod = t.hub.core.run('endOfDay.configure', { reviewAt: '16:30', autoSignOutAt: '23:00', confirmed: true }, ADMIN);
    expect(eod).toMatchObject({ reviewAt: '16:30', autoSignOutAt: '23:00' });
    await syncAll(ks);
    expect(autoSignOutTime(a.db, '22:30')).toBe('23:00');
    t.hub.core.run('endOfDay.configure', { reviewAt: '16:30', autoSignOutAt: null }, ADMIN);
    await syncAll(ks);
    expect(autoSignOutTime(a.db, '22:30')).toBeNull(); // turned off at the office: off everywhere
  });
});
