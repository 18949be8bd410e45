// Retention (issue #6): records past their period are deleted from the office hub and from
// kiosks — gone from the rows, the database file and its WAL — except those under an open
// breach/concern; what was removed is logged as counts only.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import type { Kiosk } from '../../core/kiosk.js';
import { purgeHub } from '../../core/office/retention/purge.js';
import { applyRetentionChange } from '../../core/retention/apply.js';
import { addMonths, visitsExpireOnOrBefore } from '../../core/retention/cutoffs.js';
import { DEFAULT_RETENTION } from '../../core/retention/defaults.js';
import { kioskRetention, purgeKiosk, purgeLog } from '../../core/retention/purge.js';
import { applyPullPage } from '../../core/sync/pull.js';
import { rebuildProjection } from '../../core/visits/projection.js';
import { ContractError } from '../../shared/errors.js';
import { disposeKiosk, visitsTable } from '../support/fixtures.js';
import { ACTORS, auditRows, disposeHub, eventSource, feed, ingest, registerKiosk, tempHub } from '../support/officeDomain.js';
import { fakeClock, signInInput, tempKiosk } from '../support/tempKiosk.js';

/** Does this text appear anywhere in the database file or its WAL (as stored, UTF-8)? */
function inFiles(dbFile: string, text: string): { db: boolean; wal: boolean } {
  const has = (f: string) => fs.existsSync(f) && fs.readFileSync(f).includes(Buffer.from(text, 'utf8'));
  return { db: has(dbFile), wal: has(`${dbFile}-wal`) };
}

const count = (db: { prepare(sql: string): { pluck(): { get(...a: unknown[]): unknown } } }, sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;

describe('when records expire', () => {
  it('a visit goes 12 months after the end of its academic year (31 August), by default', () => {
    expect(DEFAULT_RETENTION.visitsMonths).toBe(12);
    // A visit in October 2025 belongs to the year ending 31 Aug 2026: kept until 31 Aug 2027.
    expect(visitsExpireOnOrBefore('2027-08-31', 12) < '2025-10-06').toBe(true);
    expect(visitsExpireOnOrBefore('2027-09-01', 12) >= '2025-10-06').toBe(true);
    expect(visitsExpireOnOrBefore('2027-09-01', 12)).toBe('2026-08-31');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
  });
});

describe('the office hub purge', () => {
  let hub: Hub | undefined;
  afterEach(() => {
    if (hub) disposeHub(hub);
    hub = undefined;
  });

  function seeded() {
    const clock = fakeClock('2025-10-06T09:00:00.000Z');
    const h = (hub = tempHub(clock.now));
    registerKiosk(h, 'k-front', 'Front office');
    const front = eventSource('k-front');
    const old = front.arrive({ fullName: 'Zebediah Oldmarker', at: '2025-10-06T09:00:00.000Z', purpose: 'Zebediah purpose text' });
    const held = front.arrive({ fullName: 'Hermione Heldmarker', at: '2025-10-06T09:05:00.000Z' });
    const recent = front.arrive({ fullName: 'Rowena Recentmarker', at: '2027-06-01T09:00:00.000Z' });
    ingest(h, [...old.events, ...front.depart(old.visitId, '2025-10-06T10:00:00.000Z'), ...held.events, ...front.depart(held.visitId, '2025-10-06T10:00:00.000Z')]);
    // An open concern about the held visit, and a concern closed long ago about someone else.
    h.core.run('breaches.log', { visitId: held.visitId, person: 'Hermione Heldmarker', location: 'Hall', what: 'Filming in the hall', actionTaken: 'Asked to stop' }, ACTORS.office);
    const closed = h.core.run('breaches.log', { visitId: null, person: 'Cuthbert Closedmarker', location: 'Gate', what: 'Phone out at the gate', actionTaken: 'Reminded' }, ACTORS.office);
    h.core.run('breaches.close', { id: closed.breach.id, outcome: 'Spoken to', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }, ACTORS.dsl);
    clock.set('2027-06-01T12:00:00.000Z');
    ingest(h, recent.events);
    return { h, clock, old, held, recent, closedBreach: closed.breach.id };
  }

  it('deletes expired visits with their events, keeps those under an open concern and the recent ones', () => {
    const { h, clock, old, held, recent } = seeded();
    // The bytes on disk: SQLite's file is the hub's own; PostgreSQL's are the server's (autovacuum).
    const onFile = h.engine === 'sqlite';
    if (onFile) h.db.pragma('wal_checkpoint(TRUNCATE)');
    if (onFile) expect(inFiles(h.dbFile, 'Zebediah Oldmarker').db).toBe(true); // the check can see it before

    clock.set('2027-09-02T02:00:00.000Z');
    const report = purgeHub(h.db, clock.now());

    expect(count(h.db, 'SELECT COUNT(*) FROM visits WHERE id = ?', old.visitId)).toBe(0);
    expect(count(h.db, 'SELECT COUNT(*) FROM hub_events WHERE visit_id = ?', old.visitId)).toBe(0);
    expect(count(h.db, 'SELECT COUNT(*) FROM visits WHERE id = ?', held.visitId)).toBe(1);
    expect(count(h.db, 'SELECT COUNT(*) FROM hub_events WHERE visit_id = ?', held.visitId)).toBe(held.events.length + 2);
    expect(count(h.db, 'SELECT COUNT(*) FROM visits WHERE id = ?', recent.visitId)).toBe(1);
    expect(report.counts).toMatchObject({ visits: 1, events: old.events.length + 2 });
    expect(report.held).toBe(1);

    if (!onFile) return;
    for (const marker of ['Zebediah Oldmarker', 'zebediah oldmarker', 'Zebediah purpose text']) expect(inFiles(h.dbFile, marker)).toEqual({ db: false, wal: false });
    expect(inFiles(h.dbFile, 'Hermione Heldmarker').db).toBe(true);
    expect(fs.statSync(`${h.dbFile}-wal`).size).toBe(0);
  });

  it('deletes closed concerns after their own period, never open ones', () => {
    const { h, clock, closedBreach } = seeded();
    clock.set('2027-09-02T02:00:00.000Z');
    purgeHub(h.db, clock.now());
    expect(count(h.db, 'SELECT COUNT(*) FROM breaches WHERE id = ?', closedBreach)).toBe(1); // 72 months not over
    clock.set('2031-10-07T02:00:00.000Z');
    const r = purgeHub(h.db, clock.now());
    expect(r.counts.breaches).toBe(1);
    expect(count(h.db, 'SELECT COUNT(*) FROM breaches WHERE id = ?', closedBreach)).toBe(0);
    expect(inFiles(h.dbFile, 'Cuthbert Closedmarker')).toEqual({ db: false, wal: false });
    expect(count(h.db, "SELECT COUNT(*) FROM breaches WHERE status = 'open'")).toBe(1);
    expect(count(h.db, "SELECT COUNT(*) FROM visits WHERE full_name = 'Hermione Heldmarker'")).toBe(1);
  });

  it('logs each purge in the audit log as counts, with no names', () => {
    const { h, clock } = seeded();
    clock.set('2027-09-02T02:00:00.000Z');
    purgeHub(h.db, clock.now());
    const entry = auditRows(h).filter((a) => a.action === 'retention.purge').at(-1)!;
    expect(entry.actor).toBe('system (retention)');
    expect(entry.detail).toMatchObject({ trigger: 'schedule', counts: { visits: 1 }, held: 1 });
    expect(JSON.stringify(entry.detail)).not.toMatch(/marker/i);
    expect(h.core.run('audit.verify', {}, ACTORS.admin)).toMatchObject({ ok: true });
  });

  it('tells kiosks the periods and which visits are held, and releases a hold when the concern is closed', () => {
    const { h, clock, held } = seeded();
    clock.set('2027-09-02T02:00:00.000Z');
    purgeHub(h.db, clock.now());
    expect(feed(h, 'retention').at(-1)!.body).toEqual({ visitsMonths: 12, photosMonths: 1 });
    expect(feed(h, 'hold').map((c) => [c.key, c.body])).toEqual([[held.visitId, { visitId: held.visitId }]]);
    const open = h.core.run('breaches.list', { status: 'open' }, ACTORS.office).breaches[0]!;
    h.core.run('breaches.close', { id: open.id, outcome: 'Resolved', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }, ACTORS.dsl);
    purgeHub(h.db, clock.now());
    expect(feed(h, 'hold').at(-1)).toMatchObject({ key: held.visitId, body: null });
    expect(count(h.db, 'SELECT COUNT(*) FROM visits WHERE id = ?', held.visitId)).toBe(0); // no longer held, long expired
  });

  it('settings: administrators change them, others may only read; shorter periods purge more at the next run', () => {
    const { h, clock, recent } = seeded();
    expect(h.core.run('retention.get', {}, ACTORS.office).periods).toEqual(DEFAULT_RETENTION);
    const periods = { visitsMonths: 0, exemptionsMonths: 6, breachesMonths: 24, photosMonths: 0 };
    for (const role of ['office', 'dsl', 'head'] as const) {
      expect(() => h.core.run('retention.save', { periods }, ACTORS[role])).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }) as ContractError);
      expect(() => h.core.run('retention.runNow', {}, ACTORS[role])).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }) as ContractError);
    }
    expect(() => h.core.run('retention.save', { periods: { ...periods, breachesMonths: 3 } }, ACTORS.admin)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }) as ContractError);
    expect(h.core.run('retention.save', { periods }, ACTORS.admin).periods).toEqual(periods);
    expect(auditRows(h).at(-1)).toMatchObject({ action: 'retention.save', detail: { after: periods } });
    clock.set('2027-09-02T02:00:00.000Z'); // the 2026/27 year ended two days ago; 0 months after it
    const report = h.core.run('retention.runNow', {}, ACTORS.admin);
    expect(report).toMatchObject({ trigger: 'manual', counts: { visits: 2 } });
    expect(count(h.db, 'SELECT COUNT(*) FROM visits WHERE id = ?', recent.visitId)).toBe(0);
    expect(h.core.run('retention.get', {}, ACTORS.admin).lastPurge).toMatchObject({ trigger: 'manual' });
    expect(auditRows(h).at(-1)).toMatchObject({ action: 'retention.purge', actor: 'Ada Admin (ada)' });
  });
});

describe('a kiosk purge', () => {
  let kiosk: Kiosk | undefined;
  afterEach(() => {
    if (kiosk) disposeKiosk(kiosk);
    kiosk = undefined;
  });

  function signedIn() {
    const clock = fakeClock('2025-10-06T08:30:00.000Z');
    const k = (kiosk = tempKiosk({ now: clock.now }));
    const visit = (fullName: string) => {
      const r = k.core.run('visit.signIn', signInInput(k, { fullName }));
      clock.advance(60_000);
      k.core.run('visit.signOut', { visitId: r.visitId, phoneCollected: true });
      clock.advance(60_000);
      return r.visitId;
    };
    const old = visit('Zebediah Oldmarker');
    const held = visit('Hermione Heldmarker');
    clock.set('2027-06-01T09:00:00.000Z');
    const recent = visit('Rowena Recentmarker');
    return { k, clock, old, held, recent };
  }

  it('deletes expired visits with their events, outbox rows and print jobs; held and recent ones stay', () => {
    const { k, clock, old, held, recent } = signedIn();
    applyRetentionChange(k.db, { entity: 'hold', key: held, body: { visitId: held } });
    k.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(inFiles(k.dbFile, 'Zebediah Oldmarker').db).toBe(true);
    const eventsOfOld = count(k.db, 'SELECT COUNT(*) FROM visit_events WHERE visit_id = ?', old);
    expect(eventsOfOld).toBeGreaterThan(2);

    clock.set('2027-09-02T02:00:00.000Z');
    const report = purgeKiosk(k.db, clock.now(), { batchSize: 1 });

    expect(report.counts).toMatchObject({ visits: 1, events: eventsOfOld });
    for (const [table, column] of [['visits', 'id'], ['visit_events', 'visit_id'], ['print_jobs', 'visit_id']] as const)
      expect(count(k.db, `SELECT COUNT(*) FROM ${table} WHERE ${column} = ?`, old)).toBe(0);
    expect(count(k.db, 'SELECT COUNT(*) FROM outbox WHERE event_id NOT IN (SELECT id FROM visit_events)')).toBe(0);
    expect(count(k.db, 'SELECT COUNT(*) FROM visits WHERE id IN (?, ?)', held, recent)).toBe(2);
    expect(inFiles(k.dbFile, 'Zebediah Oldmarker')).toEqual({ db: false, wal: false });
    expect(inFiles(k.dbFile, 'zebediah oldmarker')).toEqual({ db: false, wal: false });
    expect(inFiles(k.dbFile, 'Hermione Heldmarker').db).toBe(true);
  });

  it('leaves a sound database whose visit table equals a rebuild from the remaining events', () => {
    const { k, clock } = signedIn();
    clock.set('2027-09-02T02:00:00.000Z');
    purgeKiosk(k.db, clock.now());
    expect(k.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(k.db.pragma('foreign_key_check')).toEqual([]);
    const kept = visitsTable(k.db);
    k.db.pragma('defer_foreign_keys = ON'); // print jobs point at visits the rebuild puts back
    rebuildProjection(k.db);
    expect(visitsTable(k.db)).toEqual(kept);
  });

  it('keeps visit_events append-only for everything but the purge', () => {
    const { k } = signedIn();
    expect(() => k.db.prepare('DELETE FROM visit_events').run()).toThrow(/append-only/);
    expect(() => k.db.prepare("UPDATE visit_events SET body = '{}'").run()).toThrow(/append-only/);
    expect(count(k.db, 'SELECT COUNT(*) FROM retention_purge_running')).toBe(0);
  });

  it('logs counts per kind, nothing else, in purge_log', () => {
    const { k, clock } = signedIn();
    clock.set('2027-09-02T02:00:00.000Z');
    purgeKiosk(k.db, clock.now());
    const [entry] = purgeLog(k.db);
    expect(entry).toMatchObject({ trigger: 'schedule', counts: { visits: 2 } }); // nothing held this time
    expect(Object.values(entry!.counts).every((v) => typeof v === 'number')).toBe(true);
    expect(JSON.stringify(purgeLog(k.db))).not.toMatch(/marker/i);
  });

  it('applies the periods, holds and erasures the office publishes', () => {
    const { k, clock, recent } = signedIn();
    applyRetentionChange(k.db, { entity: 'retention', key: 'periods', body: { visitsMonths: 0, photosMonths: 0 } });
    expect(kioskRetention(k.db)).toEqual({ visitsMonths: 0, photosMonths: 0 });
    expect(applyRetentionChange(k.db, { entity: 'locker', key: 'L1', body: null })).toBe(false); // not ours

    applyRetentionChange(k.db, { entity: 'erasure', key: recent, body: { visitId: recent, erasedAt: clock.now().toISOString() } });
    expect(count(k.db, 'SELECT COUNT(*) FROM visit_events WHERE visit_id = ?', recent)).toBe(0);
    expect(count(k.db, 'SELECT COUNT(*) FROM visits WHERE id = ?', recent)).toBe(0);
    expect(purgeLog(k.db)[0]).toMatchObject({ trigger: 'erasure', counts: { visits: 1 } });
    k.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(inFiles(k.dbFile, 'Rowena Recentmarker')).toEqual({ db: false, wal: false });
  });

  it('gets them through the sync pull like any other reference data', () => {
    const { k, clock, held, recent } = signedIn();
    const changes = [
      { seq: 1, entity: 'hold' as const, key: held, body: { visitId: held } },
      { seq: 2, entity: 'erasure' as const, key: recent, body: { visitId: recent, erasedAt: clock.now().toISOString() } },
    ];
    applyPullPage(k.db, { from: 0, to: 2, changes, more: false, serverTime: clock.now().toISOString() }, clock.now());
    expect(k.db.prepare('SELECT visit_id FROM retention_holds').pluck().all()).toEqual([held]);
    expect(count(k.db, 'SELECT COUNT(*) FROM visits WHERE id = ?', recent)).toBe(0);
    clock.set('2027-09-02T02:00:00.000Z');
    expect(purgeKiosk(k.db, clock.now()).counts.visits).toBe(1); // the old one; the held one stays
    expect(count(k.db, 'SELECT COUNT(*) FROM visits WHERE id = ?', held)).toBe(1);
  });
});
