// Reception's desk across kiosks, over real HTTP sync with a real hub and badge printers on
// real TCP sockets (the virtual printer):
//  - every kiosk gets a badge letter from the office, so two kiosks never print the same badge
//    number on a day ("A1" and "B1", not "1" twice), on paper as on screen and in the console;
//  - a reprint, a test badge or an interrupted job asked for in the console prints on the
//    kiosk that owns the printer, once, and the console sees the outcome and the printer.
import { hubIdentity } from '../../core/office/sync/identity.js';
import { HUB_HEADERS, SIGNED_HEADERS, SYNC_PATHS } from '../../shared/sync.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startKioskServices } from '../../core/host/kioskServices.js';
import type { Kiosk } from '../../core/kiosk.js';
import type { Actor } from '../../core/office/context.js';
import { claimDueJob, jobsOfVisit } from '../../core/printing/queue.js';
import { plainText } from '../../core/printing/virtual/document.js';
import type { VirtualPrinter } from '../../core/printing/virtual/server.js';
import { startSyncAgent } from '../../core/sync/agent.js';
import { deskStatus, printerState } from '../../core/printing/requests.js';
import { pairedKiosk, printerOn, syncOnce, until } from '../support/kioskSync.js';
import { startTestHub, type TestHub } from '../support/syncHub.js';
import { signInInput } from '../support/tempKiosk.js';

const OFFICE: Actor = { staffId: 'st-office', username: 'pat', displayName: 'Pat Office', role: 'office' };
const INTERVAL_MS = 300;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Printed jobs' text, in the order the printer got them (a job is one connection). */
const printedTexts = (p: VirtualPrinter): string[] => p.jobs().filter((j) => j.printed && j.complete).map((j) => plainText(j.document));

describe('badge numbers across kiosks', () => {
  it('two kiosks on the same day print different badges, each with its letter', async () => {
    const t = await startTestHub();
    cleanups.push(() => t.dispose());
    const [pa, pb] = [await printerOn(cleanups), await printerOn(cleanups)];
    const a = await pairedKiosk(cleanups, t, 'Main entrance', pa);
    const b = await pairedKiosk(cleanups, t, 'Side gate', pb);
    await syncOnce(a);
    await syncOnce(b);

    const ann = a.core.run('visit.signIn', signInInput(a, { fullName: 'Ann Early' }), 'kiosk');
    const bob = b.core.run('visit.signIn', signInInput(b, { fullName: 'Bob Early' }), 'kiosk');
    // Each kiosk counts its own day from 1; the letters keep the two apart.
    expect([ann.badgeNumber, bob.badgeNumber]).toEqual([1, 1]);
    expect(ann.badgePrefix).not.toBe('');
    expect(bob.badgePrefix).not.toBe('');
    expect(`${ann.badgePrefix}${ann.badgeNumber}`).not.toBe(`${bob.badgePrefix}${bob.badgeNumber}`);

    // On paper: decoded from the bytes the printer received.
    for (const [k, p, r] of [[a, pa, ann], [b, pb, bob]] as const) {
      const worker = k.startPrinting();
      cleanups.push(() => worker.stop());
      await until('the badge has printed', () => jobsOfVisit(k.db, r.visitId).some((j) => j.status === 'printed'));
      await p.settled();
      expect(printedTexts(p).join('\n')).toContain(`Badge ${r.badgePrefix}${r.badgeNumber}`);
    }

    // In the console, after the kiosks sync: two visitors, two different badges.
    await syncOnce(a);
    await syncOnce(b);
    const onSite = t.hub.core.run('onSite.list', {}, OFFICE).visits;
    expect(onSite.map((v) => `${v.badgePrefix}${v.badgeNumber}`).sort()).toEqual([`${ann.badgePrefix}1`, `${bob.badgePrefix}1`].sort());
    const rollCall = t.hub.core.run('rollCall.start', {}, OFFICE);
    expect(new Set(rollCall.entries.map((e) => e.badge)).size).toBe(2);
  }, 30_000);
});

describe("reception's desk in the console", () => {
  async function runningKiosk(t: TestHub, printer: VirtualPrinter): Promise<Kiosk> {
    const k = await pairedKiosk(cleanups, t, 'Reception kiosk', printer);
    const services = await startKioskServices(k, { log: () => {}, embeddedOffice: false, syncIntervalMs: INTERVAL_MS });
    cleanups.push(() => services.stop());
    return k;
  }

  it('a reprint asked for in the console prints on the kiosk once, and the console sees it queued', async () => {
    const t = await startTestHub();
    cleanups.push(() => t.dispose());
    const printer = await printerOn(cleanups);
    const k = await runningKiosk(t, printer);
    const worker = k.startPrinting();
    cleanups.push(() => worker.stop());

    const r = k.core.run('visit.signIn', signInInput(k, { fullName: 'Rita Reprint' }), 'kiosk');
    await until('the badge has printed', () => jobsOfVisit(k.db, r.visitId).some((j) => j.status === 'printed'));
    await until('the visit reached the office', () => t.hub.core.run('onSite.list', {}, OFFICE).visits.some((v) => v.visitId === r.visitId));
    await printer.settled();
    expect(printedTexts(printer)).toHaveLength(1);

    const { request } = t.hub.core.run('desk.request', { kind: 'reprint', visitId: r.visitId }, OFFICE);
    expect(request).toMatchObject({ kind: 'reprint', visitorName: 'Rita Reprint', requestedBy: 'Pat Office (pat)', outcome: null });

    await until('the printer has the reprint', () => printedTexts(printer).length === 2);
    expect(printedTexts(printer)[1]).toContain('Rita Reprint');
    const reprint = jobsOfVisit(k.db, r.visitId).find((j) => j.kind === 'reprint');
    expect(reprint).toMatchObject({ requestedBy: 'Pat Office (pat) (office console)' });
    // The visit's history records who asked, as for a reprint at the kiosk.
    expect(k.db.prepare("SELECT json_extract(body, '$.by') FROM visit_events WHERE visit_id = ? AND kind = 'badge_reprint_requested'").pluck().all(r.visitId)).toEqual([
      'Pat Office (pat) (office console)',
    ]);

    await until('the console sees it queued', () => t.hub.core.run('desk.get', {}, OFFICE).requests[0]?.outcome === 'queued');
    const desk = t.hub.core.run('desk.get', {}, OFFICE);
    expect(desk.kiosks).toHaveLength(1);
    expect(desk.kiosks[0]!.printer).toMatchObject({ configured: true, ready: true, problem: null });

    // The feed replayed from the start (a kiosk re-paired, or a page that came twice): nothing prints again.
    k.db.prepare('UPDATE sync_state SET pull_cursor = 0 WHERE id = 1').run();
    await until('the kiosk has pulled the feed again', () => (k.db.prepare('SELECT pull_cursor FROM sync_state').pluck().get() as number) > 0);
    await new Promise((res) => setTimeout(res, INTERVAL_MS * 3));
    await worker.drained();
    await printer.settled();
    expect(printedTexts(printer)).toHaveLength(2);
    expect(jobsOfVisit(k.db, r.visitId).filter((j) => j.kind === 'reprint')).toHaveLength(1);
  }, 30_000);

  it('a reprint for a visitor who has left is refused in the console; one for another kiosk goes to that kiosk only', async () => {
    const t = await startTestHub();
    cleanups.push(() => t.dispose());
    const [pa, pb] = [await printerOn(cleanups), await printerOn(cleanups)];
    const a = await runningKiosk(t, pa);
    const b = await runningKiosk(t, pb);
    const wa = a.startPrinting();
    const wb = b.startPrinting();
    cleanups.push(() => wa.stop(), () => wb.stop());

    const left = a.core.run('visit.signIn', signInInput(a, { fullName: 'Gone Home' }), 'kiosk');
    const here = b.core.run('visit.signIn', signInInput(b, { fullName: 'Bea Here' }), 'kiosk');
    a.core.run('visit.signOut', { visitId: left.visitId, phoneCollected: true }, 'kiosk');
    await until('both visits reached the office', () => {
      const rows = t.hub.db.prepare('SELECT id, departed_at FROM visits').all() as { id: string; departed_at: string | null }[];
      return rows.some((v) => v.id === left.visitId && v.departed_at) && rows.some((v) => v.id === here.visitId);
    });
    expect(() => t.hub.core.run('desk.request', { kind: 'reprint', visitId: left.visitId }, OFFICE)).toThrow(/signed out/);

    await until('b printed its badge', () => printedTexts(pb).length === 1);
    const before = { a: printedTexts(pa).length, b: printedTexts(pb).length };
    t.hub.core.run('desk.request', { kind: 'reprint', visitId: here.visitId }, OFFICE);
    await until('b printed the reprint', () => printedTexts(pb).length === before.b + 1);
    await new Promise((res) => setTimeout(res, INTERVAL_MS * 3));
    expect(printedTexts(pa)).toHaveLength(before.a); // kiosk a's printer never saw it
  }, 30_000);

  it('an interrupted job waits on the desk; "print again" sends it; "test badge" and "check" report back', async () => {
    const t = await startTestHub();
    cleanups.push(() => t.dispose());
    const printer = await printerOn(cleanups);
    const k = await runningKiosk(t, printer);

    // A badge cut off mid-send: claimed (sending), then the kiosk restarted before it finished.
    const r = k.core.run('visit.signIn', signInInput(k, { fullName: 'Ivan Interrupted' }), 'kiosk');
    expect(claimDueJob(k.db, new Date())?.visitId).toBe(r.visitId);
    const worker = k.startPrinting(); // marks it interrupted, as after a restart
    cleanups.push(() => worker.stop());
    const [job] = jobsOfVisit(k.db, r.visitId);
    expect(job!.status).toBe('interrupted');

    await until('the desk lists the waiting job', () => t.hub.core.run('desk.get', {}, OFFICE).kiosks[0]?.waiting.length === 1);
    const waiting = t.hub.core.run('desk.get', {}, OFFICE).kiosks[0]!.waiting[0]!;
    expect(waiting).toMatchObject({ jobId: job!.id, kind: 'badge', visitorName: 'Ivan Interrupted', badge: `${r.badgePrefix}${r.badgeNumber}` });

    t.hub.core.run('desk.request', { kind: 'resume', kioskId: t.hub.db.prepare('SELECT id FROM kiosks').pluck().get() as string, jobId: job!.id }, OFFICE);
    await until('the interrupted badge printed', () => jobsOfVisit(k.db, r.visitId)[0]!.status === 'printed');
    await until('the desk no longer lists it', () => t.hub.core.run('desk.get', {}, OFFICE).kiosks[0]?.waiting.length === 0);

    const kioskId = t.hub.db.prepare('SELECT id FROM kiosks').pluck().get() as string;
    t.hub.core.run('desk.request', { kind: 'test', kioskId }, OFFICE);
    await until('the test badge printed', () => printedTexts(printer).some((text) => text.includes('Printer test')));
    t.hub.core.run('desk.request', { kind: 'check', kioskId }, OFFICE);
    await until('the check came back', () => t.hub.core.run('desk.get', {}, OFFICE).requests.find((q) => q.kind === 'check')?.outcome === 'printer ready');
    expect(t.hub.core.run('desk.get', {}, OFFICE).requests.map((q) => [q.kind, q.outcome])).toEqual([
      ['check', 'printer ready'],
      ['test', 'queued'],
      ['resume', 'queued'],
    ]);
  }, 30_000);
});

describe('a kiosk and a hub from before the reception desk', () => {
  it('a hub that refuses the desk report (its schema is strict) still gets the kiosk’s sync, without it', async () => {
    const t = await startTestHub();
    cleanups.push(() => t.dispose());
    const k = await pairedKiosk(cleanups, t, 'Main entrance', await printerOn(cleanups));
    // What an older hub answers to a pull with a field it does not know.
    let refused = 0;
    const olderHub: typeof fetch = async (url, init) => {
      if (String(url).endsWith('/sync/v1/pull') && String(init?.body).includes('"desk"')) {
        refused++;
        // Signed as the real hub signs its refusals: the kiosk believes only its own hub.
        const body = JSON.stringify({ code: 'INVALID_INPUT', message: 'The request was not understood: (body): Unrecognized key: "desk".', serverTime: new Date().toISOString() });
        const nonce = new Headers(init?.headers).get(SIGNED_HEADERS.nonce) ?? '';
        const id = hubIdentity(t.hub.db);
        return new Response(body, {
          status: 400,
          headers: { 'content-type': 'application/json', [HUB_HEADERS.id]: id.hubId, [HUB_HEADERS.pins]: '', [HUB_HEADERS.signature]: id.sign(SYNC_PATHS.pull, nonce, 400, '', body) },
        });
      }
      return fetch(url, init);
    };
    const agent = startSyncAgent(k, {
      log: () => {},
      intervalMs: 60_000,
      fetch: olderHub,
      desk: { status: () => deskStatus(k.db, printerState(k.db, true, 'test')), reported: () => {}, afterPull: () => {} },
    });
    cleanups.push(() => agent.stop());
    const v = k.core.run('visit.signIn', signInInput(k, { fullName: 'Olga Older' }), 'kiosk');
    const first = await agent.syncNow();
    expect(first).toMatchObject({ failures: 0, lastError: null, outbox: 0 });
    expect(first.pullCursor).toBeGreaterThan(0);
    expect(t.hub.db.prepare('SELECT COUNT(*) FROM hub_events WHERE visit_id = ?').pluck().get(v.visitId)).toBeGreaterThan(0);
    await agent.syncNow();
    expect(refused).toBe(1); // asked once, then not again
    expect(t.hub.db.prepare('SELECT desk_status FROM kiosks').pluck().get()).toBeNull();
  }, 30_000);
});
