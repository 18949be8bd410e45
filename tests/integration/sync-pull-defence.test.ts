// The kiosk defends its own data against what a pull answer says. The transport proves an
// answer comes from the hub; these checks are the layer behind it, so each is tested by
// handing the kiosk's page-apply function a forged page: an erasure never removes someone on
// site (it waits, and the sync status says so), the cursor never moves past a change the page
// holds, a sign-out or an approval the console could not have made changes nothing, and an
// automatic sign-out inside school hours is applied only when an administrator confirmed it.
import { afterEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { startSyncAgent } from '../../core/sync/agent.js';
import { applyPullPage, MAX_CURSOR_STEP, PullApplyError, pullCursor } from '../../core/sync/pull.js';
import { syncStatus } from '../../core/sync/status.js';
import { readSettings } from '../../core/site/settings.js';
import { autoSignOutTime } from '../../core/visits/endOfDay.js';
import { ContractError } from '../../shared/errors.js';
import type { KioskExemption, PullResponse, RefChange } from '../../shared/sync.js';
import { ADMIN, hubWithPairedKiosks, type TestHub } from '../support/syncHub.js';
import { signInInput } from '../support/tempKiosk.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(): Promise<{ t: TestHub; k: Kiosk }> {
  const { t, ks } = await hubWithPairedKiosks(cleanups, ['Main entrance']);
  const k = ks[0]!;
  await sync(k);
  return { t, k };
}

async function sync(k: Kiosk): Promise<void> {
  const agent = startSyncAgent(k, { log: () => {}, intervalMs: 60_000 });
  try {
    expect((await agent.syncNow()).lastError).toBeNull();
  } finally {
    await agent.stop();
  }
}

/** A page as the hub would shape it, right after the kiosk's cursor. */
function page(k: Kiosk, changes: Omit<RefChange, 'seq'>[]): PullResponse {
  const from = pullCursor(k.db);
  const withSeq = changes.map((c, i) => ({ ...c, seq: from + 1 + i }) as RefChange);
  return { from, to: from + changes.length, changes: withSeq, more: false, serverTime: new Date().toISOString() };
}

const onSite = (k: Kiosk): string[] => k.core.run('visit.onSite', {}).visits.map((v) => v.visitId);
const visitExists = (k: Kiosk, id: string): boolean => k.db.prepare('SELECT 1 FROM visits WHERE id = ?').get(id) !== undefined;

describe('erasures never remove someone on site', () => {
  it('waits while they are on site (the sync status says so) and erases them once they have left', async () => {
    const { k } = await setUp();
    const ann = k.core.run('visit.signIn', signInInput(k, { fullName: 'Ann Inside' }), 'kiosk').visitId;
    const gone = k.core.run('visit.signIn', signInInput(k, { fullName: 'Gus Gone' }), 'kiosk').visitId;
    k.core.run('visit.signOut', { visitId: gone, phoneCollected: true }, 'kiosk');

    const erasedAt = new Date().toISOString();
    applyPullPage(k.db, page(k, [{ entity: 'erasure', key: ann, body: { visitId: ann, erasedAt } }, { entity: 'erasure', key: gone, body: { visitId: gone, erasedAt } }]), new Date());
    expect(onSite(k)).toEqual([ann]); // still on the fire list
    expect(visitExists(k, gone)).toBe(false); // someone who has left is erased at once
    expect(syncStatus(k.db).pendingErasures).toBe(1);

    k.core.run('visit.signOut', { visitId: ann, phoneCollected: true }, 'kiosk');
    applyPullPage(k.db, page(k, []), new Date()); // the next pull, with nothing new
    expect(visitExists(k, ann)).toBe(false);
    expect(k.db.prepare('SELECT COUNT(*) FROM visit_events WHERE visit_id = ?').pluck().get(ann)).toBe(0);
    expect(syncStatus(k.db).pendingErasures).toBe(0);
  });
});

describe('the pull cursor never moves past what the hub has', () => {
  it('refuses a page whose end lies beyond its last change, an empty page that moves the cursor, and an absurd step', async () => {
    const { t, k } = await setUp();
    const start = pullCursor(k.db);
    const site = { entity: 'site' as const, key: 'site', body: { siteName: 'Forged Academy', timeZone: 'Europe/London' } };
    const forged: PullResponse[] = [
      { from: start, to: start + 1_000_000_000, changes: [], more: false, serverTime: '' },
      { from: start, to: start + 50, changes: [{ ...site, seq: start + 1 }], more: false, serverTime: '' },
      { from: start, to: start + MAX_CURSOR_STEP + 1, changes: [{ ...site, seq: start + MAX_CURSOR_STEP + 1 }], more: false, serverTime: '' },
      { from: start, to: start + 2, changes: [{ ...site, seq: start + 2 }, { ...site, seq: start + 1 }], more: false, serverTime: '' },
      { from: start, to: Number.MAX_SAFE_INTEGER * 2, changes: [], more: false, serverTime: '' },
    ];
    for (const p of forged) {
      expect(() => applyPullPage(k.db, p, new Date()), JSON.stringify(p.to)).toThrow(PullApplyError);
      expect(pullCursor(k.db)).toBe(start);
    }
    expect(readSettings(k.db).siteName).not.toBe('Forged Academy');
    // The hub's own next change still arrives.
    t.hub.core.run('hosts.save', { hosts: [{ id: 'after', name: 'Mr After', active: true }] }, ADMIN);
    await sync(k);
    expect(k.core.run('kiosk.bootstrap', { language: 'en' }).hosts.map((h) => h.id)).toContain('after');
    expect(pullCursor(k.db)).toBeGreaterThan(start);
  });
});

describe('office actions the console could not have made change nothing', () => {
  it('a sign-out before the visitor arrived, by nobody, or in the future leaves them on site; a real one signs them out', async () => {
    const { k } = await setUp();
    const kioskId = readSettings(k.db).kioskId;
    const ann = k.core.run('visit.signIn', signInInput(k, { fullName: 'Ann Inside' }), 'kiosk').visitId;
    const hour = 3_600_000;
    const signout = (over: Record<string, unknown>) => ({ entity: 'signout' as const, key: ann, body: { visitId: ann, kioskId, staff: 'Pat Office (office)', phoneReturned: false, requestedAt: new Date().toISOString(), ...over } });
    applyPullPage(k.db, page(k, [signout({ requestedAt: new Date(Date.now() - 24 * hour).toISOString() }), signout({ staff: '  ' }), signout({ requestedAt: new Date(Date.now() + 24 * hour).toISOString() })]), new Date());
    expect(onSite(k)).toEqual([ann]);
    applyPullPage(k.db, page(k, [signout({})]), new Date());
    expect(onSite(k)).toEqual([]);
  });

  it('an approval without valid dates, conditions or a whole daily window is not kept', async () => {
    const { k } = await setUp();
    const approval = (id: string, over: Partial<KioskExemption>): Omit<RefChange, 'seq'> => ({
      entity: 'exemption',
      key: id,
      body: { id, status: 'approved', nameKey: 'ann inside', organisationKey: '', validFrom: '2026-01-01', validTo: '2026-12-31', dailyFrom: null, dailyTo: null, weekdays: null, locations: ['Staff room'], devices: 'Phone', conditions: 'Only in the staff room.', ...over } satisfies KioskExemption,
    });
    applyPullPage(
      k.db,
      page(k, [
        approval('backwards', { validFrom: '2026-12-31', validTo: '2026-01-01' }),
        approval('no-date', { validFrom: '', validTo: '' }),
        approval('no-conditions', { conditions: ' ' }),
        approval('half-window', { dailyFrom: '09:00' }),
        approval('good', {}),
      ]),
      new Date(),
    );
    expect(k.db.prepare('SELECT id FROM exemptions ORDER BY id').pluck().all()).toEqual(['good']);
    // A broken update to a stored approval removes it rather than keep a stale permission.
    applyPullPage(k.db, page(k, [approval('good', { validTo: '2025-01-01' })]), new Date());
    expect(k.db.prepare('SELECT COUNT(*) FROM exemptions').pluck().get()).toBe(0);
  });
});

describe('an automatic sign-out inside school hours needs an administrator\'s confirmation', () => {
  it('the console refuses it unconfirmed; kiosks apply it only when the office says it was confirmed', async () => {
    const { t, k } = await setUp();
    expect(() => t.hub.core.run('endOfDay.configure', { reviewAt: '09:30', autoSignOutAt: '10:00' }, ADMIN)).toThrow(ContractError);
    expect(() => t.hub.core.run('endOfDay.configure', { reviewAt: '09:30', autoSignOutAt: '10:00' }, ADMIN)).toThrow(/inside school hours/);
    t.hub.core.run('endOfDay.configure', { reviewAt: '09:30', autoSignOutAt: '10:00', confirmed: true }, ADMIN);
    await sync(k);
    expect(autoSignOutTime(k.db, undefined)).toBe('10:00');

    // A 'site' change with a school-hours time and no confirmation (not what the console sends).
    const site = (over: Record<string, unknown>) => ({ entity: 'site' as const, key: 'site', body: { siteName: 'Hillside', timeZone: 'Europe/London', ...over } });
    applyPullPage(k.db, page(k, [site({ autoSignOutAt: '11:00' })]), new Date());
    expect(autoSignOutTime(k.db, undefined)).toBe('10:00'); // kept the confirmed rule
    applyPullPage(k.db, page(k, [site({ autoSignOutAt: '11:00', autoSignOutConfirmed: true })]), new Date());
    expect(autoSignOutTime(k.db, undefined)).toBe('11:00');
    applyPullPage(k.db, page(k, [site({ autoSignOutAt: '22:00' })]), new Date()); // outside school hours: no confirmation needed
    expect(autoSignOutTime(k.db, undefined)).toBe('22:00');
  });
});
