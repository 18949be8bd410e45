// The visit table is a projection of the event log. Whatever happened, rebuilding it from
// the events must give the same table the kiosk kept up to date one event at a time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { rebuildProjection } from '../../core/visits/projection.js';
import { disposeKiosk, eventRows, rowCounts, visitsTable } from '../support/fixtures.js';
import { fakeClock, signInInput, tempKiosk } from '../support/tempKiosk.js';

const LOCKERS = ['L1', 'L2', 'L3', 'P1'];
const NAMES = ['Jane Smith', 'Zoë Ångström', 'محمد عبد الله', '王小明', "Siobhán O'Brien", 'Sam 🙂 Lee'];

type Cmd =
  | { t: 'in'; name: number; category: 'parent_carer' | 'contractor' | 'professional'; phone: 'none' | 'reception' | 'exemption' | number; evac: boolean }
  | { t: 'out'; pick: number; collected: boolean }
  | { t: 'outAgain'; pick: number }
  | { t: 'publish'; n: number }
  | { t: 'stale' }
  | { t: 'wait'; ms: number };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('in' as const),
      name: fc.nat(NAMES.length - 1),
      category: fc.constantFrom('parent_carer' as const, 'contractor' as const, 'professional' as const),
      phone: fc.oneof(fc.constantFrom('none' as const, 'reception' as const, 'exemption' as const), fc.nat(LOCKERS.length - 1)),
      evac: fc.boolean(),
    }),
  },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('out' as const), pick: fc.nat(), collected: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('outAgain' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('publish' as const), n: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('stale' as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 36 * 3_600_000 }) }) },
);

/** Runs the commands against a real kiosk and a tiny model of it; checks each answer on the way. */
function runScenario(k: Kiosk, advance: (ms: number) => void, cmds: Cmd[]): void {
  const onSite: { id: string; locker: string | null }[] = [];
  const departed: string[] = [];
  const lockerHeld = new Set<string>();
  let stalePolicy: { versionId: string; textHash: string } | null = null;

  for (const c of cmds) {
    advance(1000);
    switch (c.t) {
      case 'in': {
        const phone = typeof c.phone === 'number' ? ({ choice: 'locker', lockerId: LOCKERS[c.phone]! } as const) : ({ choice: c.phone } as const);
        const input = signInInput(k, {
          fullName: NAMES[c.name]!,
          category: c.category,
          organisation: c.category === 'parent_carer' ? '' : 'Acme',
          agencyRole: c.category === 'professional' ? 'Therapist' : '',
          needsEvacuationHelp: c.evac,
          phone,
        });
        const env = k.core.call('visit.signIn', input, 'kiosk');
        const locker = phone.choice === 'locker' ? phone.lockerId : null;
        if (locker && lockerHeld.has(locker)) {
          expect(env).toMatchObject({ ok: false, error: { code: 'LOCKER_TAKEN' } });
          break;
        }
        expect(env.ok).toBe(true);
        const id = (env as { value: { visitId: string } }).value.visitId;
        onSite.push({ id, locker });
        if (locker) lockerHeld.add(locker);
        break;
      }
      case 'out': {
        if (onSite.length === 0) break;
        const [v] = onSite.splice(c.pick % onSite.length, 1);
        const r = k.core.run('visit.signOut', { visitId: v!.id, phoneCollected: c.collected });
        if (v!.locker && c.collected) lockerHeld.delete(v!.locker);
        expect(r.phoneReturned).toBe(c.collected && (v!.locker !== null || r.phone.kind === 'reception'));
        departed.push(v!.id);
        break;
      }
      case 'outAgain': {
        if (departed.length === 0) break;
        const before = rowCounts(k.db);
        expect(k.core.call('visit.signOut', { visitId: departed[c.pick % departed.length]!, phoneCollected: true }, 'kiosk')).toMatchObject({
          ok: false,
          error: { code: 'ALREADY_SIGNED_OUT' },
        });
        expect(rowCounts(k.db)).toEqual(before);
        break;
      }
      case 'publish': {
        const cur = k.core.run('kiosk.bootstrap', { language: 'en' }).policy;
        const next = k.core.run('policy.publish', { language: 'en', draft: { title: `Rules ${c.n}`, points: [`Point ${c.n}`] } });
        if (next.versionId !== cur.versionId) stalePolicy = { versionId: cur.versionId, textHash: cur.textHash };
        break;
      }
      case 'stale': {
        if (!stalePolicy) break;
        const before = rowCounts(k.db);
        expect(k.core.call('visit.signIn', { ...signInInput(k), policy: stalePolicy }, 'kiosk')).toMatchObject({ ok: false, error: { code: 'POLICY_CHANGED' } });
        expect(rowCounts(k.db)).toEqual(before);
        break;
      }
      case 'wait':
        advance(c.ms);
        break;
    }
  }

  // The model and the kiosk agree on who is on site and which lockers are taken.
  expect(new Set(k.core.run('visit.onSite', {}).visits.map((v) => v.visitId))).toEqual(new Set(onSite.map((v) => v.id)));
  const taken = k.core.run('kiosk.bootstrap', { language: 'en' }).lockers.filter((l) => !l.free).map((l) => l.id);
  expect(new Set(taken)).toEqual(lockerHeld);
}

describe('the visit table', () => {
  it('after any mix of sign-ins, sign-outs, refusals and policy changes, equals a rebuild from the events', () => {
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 1, maxLength: 40 }), (cmds) => {
        const clock = fakeClock();
        const k = tempKiosk({ now: clock.now });
        try {
          runScenario(k, clock.advance, cmds);

          const incremental = visitsTable(k.db);
          rebuildProjection(k.db);
          expect(visitsTable(k.db)).toEqual(incremental);

          // Every event has exactly one outbox row, for sync.
          const events = eventRows(k.db);
          const outbox = k.db.prepare('SELECT event_id FROM outbox ORDER BY event_id').pluck().all();
          expect(outbox).toEqual(events.map((e) => e.id).sort());
          // Every visit in the table has its events, and every visit in the events is in the table.
          expect(new Set(events.map((e) => e.visit_id))).toEqual(new Set(incremental.map((v) => v.id)));
        } finally {
          disposeKiosk(k);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is rebuilt from scratch when it has been damaged', () => {
    const clock = fakeClock();
    const k = tempKiosk({ now: clock.now });
    try {
      const a = k.core.run('visit.signIn', signInInput(k, { fullName: 'A Person', phone: { choice: 'locker', lockerId: 'L1' } }));
      clock.advance(1000);
      const b = k.core.run('visit.signIn', signInInput(k, { fullName: 'B Person' }));
      k.core.run('visit.signOut', { visitId: a.visitId, phoneCollected: true });
      const good = visitsTable(k.db);
      k.db.prepare('DELETE FROM visits WHERE id = ?').run(b.visitId);
      k.db.prepare("UPDATE visits SET departed_at = NULL, full_name = 'Tampered' WHERE id = ?").run(a.visitId);
      rebuildProjection(k.db);
      expect(visitsTable(k.db)).toEqual(good);
    } finally {
      disposeKiosk(k);
    }
  });
});
