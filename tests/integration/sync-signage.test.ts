// The rest of the policy reaching kiosks, and visitors' concerns reaching the DSL, over real
// HTTP sync: the office's never-here places and DSL directory replace the kiosk's defaults on
// its help and policy screens; a "report a concern" made at the kiosk lands once, marked as a
// kiosk visitor report, in the DSL's queue, with its words shown only to those who may read them.
import { afterEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { startSyncAgent } from '../../core/sync/agent.js';
import { purgeKiosk } from '../../core/retention/purge.js';
import { disposeKiosk } from '../support/fixtures.js';
import { ADMIN, hubWithPairedKiosk } from '../support/syncHub.js';
import { tempKiosk } from '../support/tempKiosk.js';
import { ACTORS } from '../support/officeDomain.js';
import { KIOSK_REPORT_SOURCE } from '../../shared/signage.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sync(k: Kiosk): Promise<void> {
  const agent = startSyncAgent(k, { log: () => {}, intervalMs: 60_000 });
  try {
    for (let i = 0; i < 3; i++) if ((await agent.syncNow()).failures === 0) break;
  } finally {
    await agent.stop();
  }
}

describe('never-here places and the DSL directory on the kiosk', () => {
  it('a kiosk on its own shows the policy’s never-here places and no DSLs', () => {
    const k = tempKiosk();
    cleanups.push(() => disposeKiosk(k));
    expect(k.core.run('safeguarding.info', {}, 'kiosk')).toEqual({ neverPlaces: ['Changing rooms', 'Toilets', 'Swimming pool areas'], dsls: [] });
  });

  it('takes the office’s lists, leads before deputies, and follows later changes', async () => {
    const { t, k } = await hubWithPairedKiosk(cleanups);
    t.hub.core.run('neverPlaces.save', { neverPlaces: [{ id: 'pool', name: 'Pool side', active: true }, { id: 'wc', name: 'Toilets', active: true }] }, ADMIN);
    t.hub.core.run(
      'dsls.save',
      {
        dsls: [
          { id: 'lisa', name: 'Lisa Bowden', role: 'deputy', contact: 'ext 214', active: true },
          { id: 'emma', name: 'Emma Law', role: 'dsl', contact: 'ext 201, main office', active: true },
        ],
      },
      ACTORS.dsl,
    );
    await sync(k);
    expect(k.core.run('safeguarding.info', {}, 'kiosk')).toEqual({
      neverPlaces: ['Pool side', 'Toilets'],
      dsls: [
        { name: 'Emma Law', role: 'dsl', contact: 'ext 201, main office' },
        { name: 'Lisa Bowden', role: 'deputy', contact: 'ext 214' },
      ],
    });
    t.hub.core.run('dsls.save', { dsls: [{ id: 'emma', name: 'Emma Law', role: 'dsl', contact: 'ext 201', active: true }] }, ACTORS.head);
    await sync(k);
    expect(k.core.run('safeguarding.info', {}, 'kiosk').dsls).toEqual([{ name: 'Emma Law', role: 'dsl', contact: 'ext 201' }]);
  });
});

describe('a visitor reports a concern at the kiosk', () => {
  it('lands once in the DSL’s queue as a kiosk visitor report, with or without a name', async () => {
    const { t, k } = await hubWithPairedKiosk(cleanups);
    k.core.run('concern.report', { text: 'A man was filming near the swimming pool.', name: 'Sam Parent', language: 'en' }, 'kiosk');
    k.core.run('concern.report', { text: 'رأيت شخصًا يلتقط صورًا في الملعب.', language: 'ar' }, 'kiosk');
    await sync(k);
    await sync(k); // a second round sends nothing new and records nothing twice
    const { breaches, openCount } = t.hub.core.run('breaches.list', {}, ACTORS.dsl);
    expect(openCount).toBe(2);
    expect(breaches.map((b) => [b.loggedBy, b.person, b.what, b.location, b.status, b.visitId]).sort()).toEqual(
      [
        [KIOSK_REPORT_SOURCE, 'Sam Parent', 'A man was filming near the swimming pool.', 'Kiosk: Main entrance', 'open', null],
        [KIOSK_REPORT_SOURCE, '', 'رأيت شخصًا يلتقط صورًا في الملعب.', 'Kiosk: Main entrance', 'open', null],
      ].sort(),
    );
    // Office staff see that there is a report, not what it says (need to know).
    const forOffice = t.hub.core.run('breaches.list', {}, ACTORS.office).breaches;
    expect(forOffice.every((b) => b.detailsHidden && b.what === null && b.person === null)).toBe(true);
    // A report is no visit: the hub's visit list does not grow.
    expect(t.hub.db.prepare('SELECT COUNT(*) FROM visits').pluck().get()).toBe(0);

    // The kiosk's copy goes by the visits' calendar once the office has it; an unsent one stays.
    k.core.run('concern.report', { text: 'Not sent yet.' }, 'kiosk');
    const reports = () => k.db.prepare("SELECT COUNT(*) FROM visit_events WHERE kind = 'concern_reported'").pluck().get();
    expect(purgeKiosk(k.db, new Date()).counts.concernReports).toBe(0);
    expect(reports()).toBe(3);
    expect(purgeKiosk(k.db, new Date(Date.now() + 3 * 365 * 86_400_000)).counts.concernReports).toBe(2);
    expect(reports()).toBe(1);
  });

  it('refuses an empty report, one too long, or one with control characters', () => {
    const k = tempKiosk();
    cleanups.push(() => disposeKiosk(k));
    expect(() => k.core.run('concern.report', { text: '   ' }, 'kiosk')).toThrow(/check/);
    expect(() => k.core.run('concern.report', { text: 'x'.repeat(501) }, 'kiosk')).toThrow(/check/);
    expect(() => k.core.run('concern.report', { text: 'bad\u0007bell' }, 'kiosk')).toThrow(/check/);
    expect(k.db.prepare("SELECT COUNT(*) FROM visit_events WHERE kind = 'concern_reported'").pluck().get()).toBe(0);
  });
});
