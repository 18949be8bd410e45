// Scheduled hub work runs once across the hub's processes (issue #16): each job's period is a
// slot in job_runs, and only the process whose claim made the row runs it. Two hubs opened on
// the same data folder are two processes' views of one database.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openHub, type Hub } from '../../core/office/hub.js';
import { hubJobs, startHubJobs } from '../../core/office/jobs/hubJobs.js';
import { runJobOnce, type JobDef } from '../../core/office/jobs/run.js';
import { claimSlot, finishSlot, readSlot, takeOverSlot } from '../../core/office/jobs/slots.js';
import { backupsDir, listBackups } from '../../core/office/backup/files.js';
import { auditRows, eventSource, ingest, registerKiosk } from '../support/officeDomain.js';
import { fakeClock, tempDir, type Clock } from '../support/tempKiosk.js';

const HOUR = 3_600_000;

describe('hub jobs across processes', () => {
  const open: Hub[] = [];
  let dataDir: string | undefined;
  afterEach(() => {
    for (const h of open.splice(0)) if (h.db.open) h.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });

  /** Two hub processes on one data folder, with one clock, and a visit long past its period. */
  function twoHubs(clock: Clock) {
    dataDir = tempDir('hub-jobs-');
    const a = openHub({ dataDir, now: clock.now, log: () => {} });
    const b = openHub({ dataDir, now: clock.now, log: () => {} });
    open.push(a, b);
    registerKiosk(a, 'k-front', 'Front office');
    const front = eventSource('k-front');
    const old = front.arrive({ fullName: 'Olwen Oldvisit', at: '2024-10-06T09:00:00.000Z' });
    ingest(a, [...old.events, ...front.depart(old.visitId, '2024-10-06T10:00:00.000Z')]);
    const job = (h: Hub, name: string): JobDef => hubJobs({ db: h.db, dataDir: h.dataDir, now: clock.now, log: () => {} }).find((j) => j.name === name)!;
    const deps = (h: Hub, by: string) => ({ db: h.db, by, now: clock.now, log: () => {} });
    return { a, b, job, deps, oldVisit: old.visitId };
  }

  it('the daily purge runs once for a day however many processes look, and its report is recorded', async () => {
    const clock = fakeClock('2026-12-03T01:00:00.000Z');
    const { a, b, job, deps, oldVisit } = twoHubs(clock);

    const [ta, tb] = await Promise.all([runJobOnce(job(a, 'retention.purge'), deps(a, 'proc-a')), runJobOnce(job(b, 'retention.purge'), deps(b, 'proc-b'))]);

    expect([ta.ran, tb.ran]).toEqual([true, false]);
    expect(ta.slot).toBe('2026-12-03');
    expect(b.db.prepare('SELECT COUNT(*) FROM visits WHERE id = ?').pluck().get(oldVisit)).toBe(0);
    expect(auditRows(b).filter((r) => r.action === 'retention.purge')).toHaveLength(1);
    const row = readSlot(b.db, 'retention.purge', '2026-12-03')!;
    expect(row.claimed_by).toBe('proc-a');
    expect(row.finished_at).toBe('2026-12-03T01:00:00.000Z');
    expect(JSON.parse(row.outcome!)).toMatchObject({ trigger: 'schedule', counts: { visits: 1 }, held: 0 });

    // Later the same day: nobody runs it again. The next day: one of them does.
    clock.advance(3 * HOUR);
    expect((await runJobOnce(job(b, 'retention.purge'), deps(b, 'proc-b'))).ran).toBe(false);
    clock.set('2026-12-04T00:30:00.000Z');
    expect((await runJobOnce(job(b, 'retention.purge'), deps(b, 'proc-b'))).ran).toBe(true);
    expect((await runJobOnce(job(a, 'retention.purge'), deps(a, 'proc-a'))).ran).toBe(false);
    expect(auditRows(a).filter((r) => r.action === 'retention.purge')).toHaveLength(2);
  });

  it('the holds are published once per 5-minute period, and the nightly backup once per day', async () => {
    const clock = fakeClock('2026-12-03T10:01:00.000Z');
    const { a, b, job, deps } = twoHubs(clock);

    const holds = await Promise.all([runJobOnce(job(a, 'retention.holds'), deps(a, 'proc-a')), runJobOnce(job(b, 'retention.holds'), deps(b, 'proc-b'))]);
    expect(holds.map((t) => t.ran)).toEqual([true, false]);
    expect(holds[0]!.slot).toBe('2026-12-03T10:00:00.000Z');
    clock.advance(5 * 60_000);
    expect((await runJobOnce(job(b, 'retention.holds'), deps(b, 'proc-b'))).ran).toBe(true);

    const backups = await Promise.all([runJobOnce(job(b, 'backup.daily'), deps(b, 'proc-b')), runJobOnce(job(a, 'backup.daily'), deps(a, 'proc-a'))]);
    expect(backups.map((t) => t.ran)).toEqual([true, false]);
    expect(listBackups(backupsDir(a.dataDir))).toHaveLength(1);
    expect(auditRows(a).filter((r) => r.action === 'backup.run')).toHaveLength(1);
  });

  it('a claim whose process died is taken over once the job has had ample time, by one process only', async () => {
    const clock = fakeClock('2026-12-03T01:00:00.000Z');
    const { a, b, job, deps } = twoHubs(clock);
    // Process A claims today's purge, then dies before finishing it.
    expect(claimSlot(a.db, 'retention.purge', '2026-12-03', 'proc-a', clock.now())).toBe(true);
    a.close();

    clock.advance(1 * HOUR); // A might still be purging a big database: B leaves it alone.
    expect((await runJobOnce(job(b, 'retention.purge'), deps(b, 'proc-b'))).ran).toBe(false);
    expect(auditRows(b).filter((r) => r.action === 'retention.purge')).toHaveLength(0);

    clock.advance(1 * HOUR + 60_000); // past the purge's 2-hour timeout
    const tick = await runJobOnce(job(b, 'retention.purge'), deps(b, 'proc-b'));
    expect(tick).toMatchObject({ ran: true, tookOverFrom: 'proc-a' });
    const row = readSlot(b.db, 'retention.purge', '2026-12-03')!;
    expect(row).toMatchObject({ claimed_by: 'proc-b', finished_at: clock.now().toISOString() });
    expect(auditRows(b).filter((r) => r.action === 'retention.purge')).toHaveLength(1);

    // A finished slot is never taken over, and a late word from the dead claimer changes nothing.
    clock.advance(3 * HOUR);
    expect(takeOverSlot(b.db, 'retention.purge', '2026-12-03', 'proc-c', clock.now(), 2 * HOUR).won).toBe(false);
    expect(finishSlot(b.db, 'retention.purge', '2026-12-03', 'proc-a', clock.now(), { late: true })).toBe(false);
    expect(readSlot(b.db, 'retention.purge', '2026-12-03')!.claimed_by).toBe('proc-b');
  });

  it('of two processes taking over the same stale claim, only one wins', () => {
    const clock = fakeClock('2026-12-03T01:00:00.000Z');
    const { a, b } = twoHubs(clock);
    claimSlot(a.db, 'backup.daily', '2026-12-03', 'proc-dead', clock.now());
    clock.advance(3 * HOUR);
    const first = takeOverSlot(a.db, 'backup.daily', '2026-12-03', 'proc-a', clock.now(), 2 * HOUR);
    const second = takeOverSlot(b.db, 'backup.daily', '2026-12-03', 'proc-b', clock.now(), 2 * HOUR);
    expect(first).toEqual({ won: true, from: 'proc-dead' });
    expect(second.won).toBe(false);
    expect(readSlot(b.db, 'backup.daily', '2026-12-03')!.claimed_by).toBe('proc-a');
  });

  it('a run that fails keeps its error and is retried by another process after the timeout', async () => {
    const clock = fakeClock('2026-12-03T01:00:00.000Z');
    const { a, b, deps } = twoHubs(clock);
    let calls = 0;
    const flaky = (fail: boolean): JobDef => ({
      name: 'test.flaky',
      everyMs: HOUR,
      slot: () => 'today',
      staleAfterMs: HOUR,
      run: () => {
        calls++;
        if (fail) throw new Error('disk full');
        return { fine: true };
      },
    });
    expect(await runJobOnce(flaky(true), deps(a, 'proc-a'))).toMatchObject({ ran: true, error: 'disk full' });
    expect(readSlot(a.db, 'test.flaky', 'today')).toMatchObject({ finished_at: null, outcome: JSON.stringify({ error: 'disk full' }) });
    expect((await runJobOnce(flaky(false), deps(b, 'proc-b'))).ran).toBe(false);
    clock.advance(HOUR + 1);
    expect(await runJobOnce(flaky(false), deps(b, 'proc-b'))).toMatchObject({ ran: true, tookOverFrom: 'proc-a', outcome: { fine: true } });
    expect(calls).toBe(2);
  });

  it('the schedules of two running hubs purge and back up once between them', async () => {
    const clock = fakeClock('2026-12-03T01:00:00.000Z');
    const { a, b, oldVisit } = twoHubs(clock);
    const schedules = [a, b].map((h, i) => startHubJobs({ db: h.db, dataDir: h.dataDir, now: clock.now, log: () => {}, by: `proc-${i}` }));
    const finished = () => a.db.prepare("SELECT COUNT(*) FROM job_runs WHERE slot = '2026-12-03' AND finished_at IS NOT NULL").pluck().get() as number;
    for (let waited = 0; finished() < 2 && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    await Promise.all(schedules.map((s) => s.stop()));

    expect(finished()).toBe(2); // the purge and the backup, each for today
    expect(a.db.prepare('SELECT COUNT(*) FROM visits WHERE id = ?').pluck().get(oldVisit)).toBe(0);
    expect(auditRows(a).filter((r) => r.action === 'retention.purge')).toHaveLength(1);
    expect(auditRows(a).filter((r) => r.action === 'backup.run')).toHaveLength(1);
    expect(listBackups(backupsDir(a.dataDir))).toHaveLength(1);
  });
});
