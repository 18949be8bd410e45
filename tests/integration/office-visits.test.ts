// The console's view of visits pushed by every kiosk: who is on site now, where every phone is
// (including the ones people left behind), and the history. On-site and custody read only the
// partial indexes, so they cost what is on site now, not what has happened in years.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import { HUB_ON_SITE_SQL, HUB_PHONES_HELD_SQL, HUB_RECEPTION_HELD_SQL } from '../../core/office/visits/queries.js';
import { ContractError } from '../../shared/errors.js';
import { ACTORS, HOSTILE, disposeHub, eventSource, ingest, locker, registerKiosk, tempHub } from '../support/officeDomain.js';
import { fakeClock, type Clock } from '../support/tempKiosk.js';

let hub: Hub;
let clock: Clock;
beforeEach(() => {
  clock = fakeClock('2026-03-02T12:00:00.000Z');
  hub = tempHub(clock.now);
  registerKiosk(hub, 'k-front', 'Front desk');
  registerKiosk(hub, 'k-hall', 'Hall entrance');
});
afterEach(() => disposeHub(hub));

const { office } = ACTORS;

/** A morning at school, across two kiosks. */
function morning() {
  const front = eventSource('k-front');
  const hall = eventSource('k-hall');
  const amir = front.arrive({ fullName: 'Amir Hassan', at: '2026-03-02T08:30:00.000Z', phone: locker(3) });
  const bea = hall.arrive({ fullName: 'Bea Nowak', at: '2026-03-02T08:45:00.000Z', phone: { kind: 'reception' }, category: 'volunteer' });
  const cal = front.arrive({ fullName: 'Cal Reid', at: '2026-03-02T08:20:00.000Z', phone: locker(5), category: 'contractor', organisation: 'Pipeline Plumbing' });
  const dee = front.arrive({ fullName: 'Dee Long', at: '2026-03-02T08:00:00.000Z', phone: locker(7) });
  const eve = hall.arrive({ fullName: 'Eve Stone', at: '2026-03-01T15:00:00.000Z', phone: locker(8) }); // yesterday, never signed out
  const fay = front.arrive({ fullName: 'Fay Green', at: '2026-03-02T08:05:00.000Z', phone: { kind: 'reception' } });
  ingest(hub, [...amir.events, ...bea.events, ...cal.events, ...dee.events, ...eve.events, ...fay.events]);
  ingest(hub, [
    ...front.depart(cal.visitId, '2026-03-02T09:30:00.000Z', false), // left the phone behind
    ...front.depart(dee.visitId, '2026-03-02T09:00:00.000Z', true),
    ...front.depart(fay.visitId, '2026-03-02T09:10:00.000Z', false),
  ]);
  return { front, hall, amir, bea, cal, dee, eve, fay };
}

describe('who is on site', () => {
  it('lists everyone not signed out, from every kiosk, longest here first, with phone custody and arrival', () => {
    const m = morning();
    const r = hub.core.run('onSite.list', {}, office);
    expect(r.at).toBe(clock.now().toISOString());
    expect(r.visits.map((v) => v.fullName)).toEqual(['Eve Stone', 'Amir Hassan', 'Bea Nowak']);
    expect(r.visits[1]).toEqual({
      visitId: m.amir.visitId,
      kioskId: 'k-front',
      kioskName: 'Front desk',
      fullName: 'Amir Hassan',
      category: 'parent_carer',
      organisation: '',
      agencyRole: '',
      hostName: 'School office',
      purpose: 'Meeting',
      badgeNumber: 1,
      badgePrefix: '',
      badgeCode: 'B00001',
      arrivedAt: '2026-03-02T08:30:00.000Z',
      departedAt: null,
      departedBy: null,
      needsEvacuationHelp: false,
      idCheckRequired: false,
      policyVersion: 1,
      language: 'en',
      phone: locker(3),
      phoneInAt: '2026-03-02T08:30:00.000Z',
      phoneOutAt: null,
      exemptionRevoked: false,
    });
    expect(r.visits[2]).toMatchObject({ kioskName: 'Hall entrance', phone: { kind: 'reception' }, category: 'volunteer' });
  });

  it('names a kiosk the hub does not know by its id', () => {
    const k = eventSource('k-unknown');
    ingest(hub, k.arrive({ fullName: 'Ann Other', at: '2026-03-02T10:00:00.000Z' }).events);
    expect(hub.core.run('onSite.list', {}, office).visits[0]).toMatchObject({ kioskId: 'k-unknown', kioskName: 'k-unknown', phone: { kind: 'none' }, phoneInAt: null });
  });
});

describe('the phone custody board', () => {
  it('shows every active locker and pouch, who holds the phone in it and since when, and phones left behind', () => {
    const m = morning();
    const board = hub.core.run('custody.board', {}, office);
    expect(board.lockers).toHaveLength(32); // the default 24 lockers and 8 pouches
    const byId = (id: string) => board.lockers.filter((l) => l.lockerId === id);
    expect(byId('L3')).toEqual([
      { lockerId: 'L3', label: 'Locker 3', kind: 'locker', holder: { visitId: m.amir.visitId, fullName: 'Amir Hassan', phoneInAt: '2026-03-02T08:30:00.000Z', departedAt: null }, uncollected: false },
    ]);
    // Signed out without collecting it.
    expect(byId('L5')).toEqual([
      { lockerId: 'L5', label: 'Locker 5', kind: 'locker', holder: { visitId: m.cal.visitId, fullName: 'Cal Reid', phoneInAt: '2026-03-02T08:20:00.000Z', departedAt: '2026-03-02T09:30:00.000Z' }, uncollected: true },
    ]);
    // Still "on site" from yesterday: the day ended with the phone in the locker.
    expect(byId('L8')[0]).toMatchObject({ holder: { fullName: 'Eve Stone', departedAt: null }, uncollected: true });
    // Collected and gone: the locker is free.
    expect(byId('L7')).toEqual([{ lockerId: 'L7', label: 'Locker 7', kind: 'locker', holder: null, uncollected: false }]);
    expect(byId('P1')[0]).toMatchObject({ kind: 'pouch', holder: null });
    expect(board.lockers.filter((l) => l.holder).map((l) => l.lockerId)).toEqual(['L3', 'L5', 'L8']);
  });

  it('lists phones left with reception, including one whose owner left without it', () => {
    const m = morning();
    const board = hub.core.run('custody.board', {}, office);
    expect(board.withReception.map((v) => [v.fullName, v.departedAt])).toEqual([
      ['Fay Green', '2026-03-02T09:10:00.000Z'],
      ['Bea Nowak', null],
    ]);
    expect(board.withReception[1]!.visitId).toBe(m.bea.visitId);
  });

  it('never hides a phone: one in a retired locker, one in a locker only the kiosk knows, two in one locker', () => {
    const k = eventSource('k-front');
    ingest(hub, [
      ...k.arrive({ fullName: 'In Retired', at: '2026-03-02T08:00:00.000Z', phone: locker(24) }).events,
      ...k.arrive({ fullName: 'In Unknown', at: '2026-03-02T08:01:00.000Z', phone: { kind: 'locker', lockerId: 'X9', lockerLabel: 'Cupboard 9', lockerKind: 'pouch' } }).events,
      ...k.arrive({ fullName: 'First In Two', at: '2026-03-02T08:02:00.000Z', phone: locker(2) }).events,
      ...k.arrive({ fullName: 'Second In Two', at: '2026-03-02T08:03:00.000Z', phone: locker(2) }).events,
    ]);
    const lockers = hub.core.run('reference.get', {}, ACTORS.admin).lockers.filter((l) => l.id !== 'L24');
    hub.core.run('lockers.save', { lockers }, ACTORS.admin);

    const board = hub.core.run('custody.board', {}, office).lockers;
    expect(board.filter((l) => l.lockerId === 'L2').map((l) => l.holder?.fullName)).toEqual(['First In Two', 'Second In Two']);
    expect(board.find((l) => l.lockerId === 'L24')).toMatchObject({ label: 'Locker 24', holder: { fullName: 'In Retired' } });
    expect(board.find((l) => l.lockerId === 'X9')).toMatchObject({ label: 'Cupboard 9', kind: 'pouch', holder: { fullName: 'In Unknown' } });
  });
});

describe('visit history', () => {
  function history(n: number) {
    const k = eventSource('k-front');
    const ids: string[] = [];
    const events = [];
    for (let i = 0; i < n; i++) {
      const at = new Date(Date.parse('2026-02-02T09:00:00.000Z') + i * 3_600_000 * 7).toISOString();
      const v = k.arrive({ fullName: i % 3 === 0 ? `Jo Smith ${i}` : `Alex Brown ${i}`, at, category: i % 2 ? 'contractor' : 'parent_carer' });
      events.push(...v.events, ...k.depart(v.visitId, at.replace('T09', 'T10')));
      ids.push(v.visitId);
    }
    ingest(hub, events);
    return ids;
  }

  it('finds by part of the name, however it is typed, newest first', () => {
    history(30);
    const r = hub.core.run('visits.search', { query: '  jo   SMITH ' }, office);
    expect(r.more).toBe(false);
    expect(r.visits.map((v) => v.fullName)).toEqual(['Jo Smith 27', 'Jo Smith 24', 'Jo Smith 21', 'Jo Smith 18', 'Jo Smith 15', 'Jo Smith 12', 'Jo Smith 9', 'Jo Smith 6', 'Jo Smith 3', 'Jo Smith 0']);
    expect(hub.core.run('visits.search', { query: 'mith 2' }, office).visits.map((v) => v.fullName)).toEqual(['Jo Smith 27', 'Jo Smith 24', 'Jo Smith 21']);
  });

  it('filters by category and by the school day the visit began on', () => {
    history(30);
    const r = hub.core.run('visits.search', { category: 'contractor', from: '2026-02-03', to: '2026-02-04' }, office);
    expect(r.visits.length).toBeGreaterThan(0);
    for (const v of r.visits) {
      expect(v.category).toBe('contractor');
      expect(v.arrivedAt.slice(0, 10) >= '2026-02-03' && v.arrivedAt.slice(0, 10) <= '2026-02-04').toBe(true);
    }
    const all = hub.core.run('visits.search', { limit: 500 }, office).visits;
    expect(r.visits.map((v) => v.visitId)).toEqual(
      all.filter((v) => v.category === 'contractor' && v.arrivedAt >= '2026-02-03' && v.arrivedAt < '2026-02-05').map((v) => v.visitId),
    );
  });

  it('pages with `before` (the last visit of the page): every visit once, in order, to the end', () => {
    const ids = history(25);
    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    for (;;) {
      const page = hub.core.run('visits.search', { limit: 10, ...(before ? { before } : {}) }, office);
      seen.push(...page.visits.map((v) => v.visitId));
      pages++;
      if (!page.more) break;
      before = page.visits.at(-1)!.visitId;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('keeps visits that arrived in the same millisecond apart when paging', () => {
    const k = eventSource('k-front');
    const at = '2026-03-02T09:00:00.000Z';
    const ids = ['v-a', 'v-b', 'v-c', 'v-d'];
    ingest(hub, ids.flatMap((visitId, i) => k.arrive({ visitId, fullName: `Twin ${i}`, at }).events));
    const first = hub.core.run('visits.search', { limit: 2 }, office);
    const second = hub.core.run('visits.search', { limit: 2, before: first.visits[1]!.visitId }, office);
    expect([...first.visits, ...second.visits].map((v) => v.visitId)).toEqual(['v-d', 'v-c', 'v-b', 'v-a']);
    expect(second.more).toBe(false);
  });

  it('refuses to continue from a visit that is not there', () => {
    expect(() => hub.core.run('visits.search', { before: 'gone' }, office)).toThrow(ContractError);
  });

  it('keeps injection-looking text as text: stored, found and shown verbatim', () => {
    const k = eventSource('k-front');
    ingest(hub, [
      ...k.arrive({ fullName: HOSTILE[0], at: '2026-03-02T09:00:00.000Z', purpose: HOSTILE[1] }).events,
      ...k.arrive({ fullName: 'Percent 100% Underscore_', at: '2026-03-02T09:01:00.000Z' }).events,
    ]);
    expect(hub.core.run('visits.search', { query: 'drop table' }, office).visits.map((v) => [v.fullName, v.purpose])).toEqual([[HOSTILE[0], HOSTILE[1]]]);
    // Nothing typed is a wildcard.
    expect(hub.core.run('visits.search', { query: '%' }, office).visits.map((v) => v.fullName)).toEqual(['Percent 100% Underscore_']);
    expect(hub.core.run('visits.search', { query: '_' }, office).visits.map((v) => v.fullName)).toEqual(['Percent 100% Underscore_']);
    expect(hub.core.run('onSite.list', {}, office).visits).toHaveLength(2);
  });
});

describe('query plans', () => {
  /** Many departed visits, as years of history, then statistics as a long-running hub has them. */
  function bulkHistory(n: number) {
    const ins = hub.db.prepare(
      `INSERT INTO visits (id, kiosk_id, last_kiosk_seq, badge_code, badge_number, local_day, category, full_name, name_key, organisation, agency_role,
         host_id, host_name, purpose, language, id_check_required, needs_evac_help, arrived_at, phone_custody, phone_kind, locker_id, phone_in_at, phone_out_at, departed_at, departed_by)
       VALUES (?, 'k-front', 1, 'B', 1, '2025-01-01', 'parent_carer', 'Hist', 'hist', '', '', 'office', 'School office', 'x', 'en', 0, 0, ?, ?, ?, ?, ?, ?, ?, 'visitor')`,
    );
    hub.db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const at = new Date(Date.parse('2025-01-01T09:00:00.000Z') + i * 60_000).toISOString();
        const inLocker = i % 3 === 0;
        const custody = inLocker ? JSON.stringify(locker(1 + (i % 24))) : JSON.stringify({ kind: i % 3 === 1 ? 'reception' : 'none' });
        ins.run(`h-${i}`, at, custody, inLocker ? 'locker' : i % 3 === 1 ? 'reception' : 'none', inLocker ? `L${1 + (i % 24)}` : null, at, at, at);
      }
    })();
  }
  const plan = (sql: string) => (hub.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
  /** PostgreSQL's plan, with sequential scans priced out: which index can answer the query. */
  const pgPlan = (sql: string) => {
    hub.db.exec('SET enable_seqscan = off');
    try {
      return (hub.db.prepare(`EXPLAIN ${sql}`).all() as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join(' | ');
    } finally {
      hub.db.exec('RESET enable_seqscan');
    }
  };

  for (const analyzed of [false, true]) {
    it(`read only the partial indexes for on-site, phones held and reception (${analyzed ? 'after' : 'before'} ANALYZE)`, () => {
      bulkHistory(5000);
      morning();
      if (analyzed) hub.db.exec('ANALYZE');
      const history = `SELECT id FROM visits v ORDER BY v.arrived_at DESC, v.id DESC LIMIT 101`;
      if (hub.engine === 'postgres') {
        // The same partial indexes answer on PostgreSQL (their predicates match the queries').
        expect(pgPlan(HUB_ON_SITE_SQL)).toMatch(/(using|on) visits_on_site/);
        expect(pgPlan(HUB_PHONES_HELD_SQL)).toMatch(/(using|on) visits_phone_held/);
        expect(pgPlan(HUB_RECEPTION_HELD_SQL)).toMatch(/(using|on) visits_reception_held/);
        expect(pgPlan(history)).toMatch(/Index Scan Backward using visits_by_arrival/);
      } else {
        const onSite = plan(HUB_ON_SITE_SQL);
        expect(onSite).toMatch(/SCAN v USING INDEX visits_on_site/);
        expect(onSite).not.toMatch(/TEMP B-TREE/);
        expect(plan(HUB_PHONES_HELD_SQL)).toMatch(/USING INDEX visits_phone_held/);
        expect(plan(HUB_RECEPTION_HELD_SQL)).toMatch(/USING INDEX visits_reception_held/);
        // The history scan walks arrivals newest first instead of sorting the table.
        expect(plan(history)).toMatch(/visits_by_arrival/);
      }
      expect(hub.core.run('onSite.list', {}, office).visits).toHaveLength(3);
      expect(hub.core.run('custody.board', {}, office).withReception).toHaveLength(2);
    });
  }
});
