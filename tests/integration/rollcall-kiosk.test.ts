// The fire roll call at the kiosk, from its own database: it needs no office and no network.
// Staff open it with the PIN, see everyone on site with their phone status, mark each person
// safe or missing (recorded with who and when, as visit events that sync later), get a PDF
// (also kept in the data folder) and print it on the badge printer.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openKiosk, type Kiosk } from '../../core/kiosk.js';
import { plainText } from '../../core/printing/virtual/document.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../core/printing/virtual/server.js';
import { setStaffPin } from '../../core/staff/pin.js';
import { disposeKiosk, eventRows } from '../support/fixtures.js';
import { fakeClock, signInInput, tempDir, type Clock } from '../support/tempKiosk.js';

let kiosk: Kiosk | undefined;
let printer: VirtualPrinter | undefined;
afterEach(async () => {
  if (kiosk) disposeKiosk(kiosk);
  kiosk = undefined;
  await printer?.close();
  printer = undefined;
});

async function kioskWithPrinter(clock: Clock): Promise<Kiosk> {
  printer = await startVirtualPrinter({ port: 0, model: 'epson' });
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify({ siteName: 'Hilltop Primary', timeZone: 'Europe/London', printer: { type: 'epson', interface: printer.url, paperWidthMm: 80 } }));
  const k = openKiosk({ dataDir: dir, now: clock.now, log: () => {} });
  setStaffPin(k.db, '4826');
  return k;
}

function openRollCall(k: Kiosk, by = 'Ann Office') {
  const { token } = k.core.run('staff.unlock', { pin: '4826', purpose: 'rollCall' }, 'kiosk');
  return k.core.run('rollCall.open', { token, by }, 'kiosk');
}

describe('the fire roll call at the kiosk', () => {
  it('needs a staff PIN unlock: no token or a used one is refused', async () => {
    const clock = fakeClock('2026-11-25T13:00:00Z');
    kiosk = await kioskWithPrinter(clock);
    expect(() => kiosk!.core.run('rollCall.open', { token: 'made-up', by: 'Someone' }, 'kiosk')).toThrow(/PIN again/);
    const { token } = kiosk.core.run('staff.unlock', { pin: '4826', purpose: 'rollCall' }, 'kiosk');
    kiosk.core.run('rollCall.open', { token, by: 'Ann' }, 'kiosk');
    expect(() => kiosk!.core.run('rollCall.open', { token, by: 'Ann' }, 'kiosk')).toThrow(/PIN again/);
    expect(() => kiosk!.core.run('rollCall.get', { session: 'nope' }, 'kiosk')).toThrow(/timed out/);
  });

  it('lists exactly the visitors on site, with host, arrival, badge number, help flag and phone status', async () => {
    const clock = fakeClock('2026-11-25T08:00:00Z');
    kiosk = await kioskWithPrinter(clock);
    const ann = kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Ann Onsite', phone: { choice: 'locker', lockerId: 'L3' }, needsEvacuationHelp: true }));
    clock.advance(60_000);
    kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Bob Onsite', phone: { choice: 'reception' } }));
    const gone = kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Cat Gone' }));
    kiosk.core.run('visit.signOut', { visitId: gone.visitId, phoneCollected: true });
    clock.set('2026-11-25T13:30:00Z');

    const { rollCall } = openRollCall(kiosk);
    expect(rollCall.source).toBe('this kiosk');
    expect(rollCall.entries.map((e) => e.fullName)).toEqual(['Ann Onsite', 'Bob Onsite']);
    const a = rollCall.entries[0]!;
    expect(a).toMatchObject({ badgeNumber: ann.badgeNumber, needsEvacuationHelp: true, hostName: ann.hostName, arrivedAt: ann.arrivedAt, mark: null });
    expect(a.phoneStatus).toMatch(/locker 3/i);
    expect(rollCall.entries[1]!.phoneStatus).toMatch(/reception/i);
    expect(rollCall.counts).toEqual({ total: 2, safe: 0, missing: 0, unaccounted: 2, needHelp: 1 });
  });

  it('records each mark with who and when, as a visit event that will sync', async () => {
    const clock = fakeClock('2026-11-25T08:00:00Z');
    kiosk = await kioskWithPrinter(clock);
    const ann = kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Ann Onsite' }));
    const bob = kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Bob Onsite' }));
    clock.set('2026-11-25T13:30:00Z');
    const { session } = openRollCall(kiosk, 'Fire Warden Flo');
    clock.advance(30_000);
    kiosk.core.run('rollCall.mark', { session, visitId: ann.visitId, status: 'safe' }, 'kiosk');
    clock.advance(30_000);
    const rc = kiosk.core.run('rollCall.mark', { session, visitId: bob.visitId, status: 'missing' }, 'kiosk');
    expect(rc.counts).toMatchObject({ safe: 1, missing: 1, unaccounted: 0 });
    expect(rc.entries.find((e) => e.visitId === ann.visitId)!.mark).toEqual({ status: 'safe', by: 'Fire Warden Flo', at: '2026-11-25T13:30:30.000Z' });
    const marks = eventRows(kiosk.db).filter((e) => e.kind === 'roll_call_marked');
    expect(marks).toHaveLength(2);
    expect(marks[0]!.body).toMatchObject({ status: 'safe', by: 'Fire Warden Flo', rollCallId: rc.rollCallId });
    const outbox = kiosk.db.prepare('SELECT COUNT(*) AS n FROM outbox o JOIN visit_events e ON e.id = o.event_id WHERE e.kind = ?').get('roll_call_marked') as { n: number };
    expect(outbox.n).toBe(2); // queued for the office
    // Bob found later: a newer mark replaces the older one.
    kiosk.core.run('rollCall.mark', { session, visitId: bob.visitId, status: 'safe' }, 'kiosk');
    expect(kiosk.core.run('rollCall.get', { session }, 'kiosk').counts).toMatchObject({ safe: 2, missing: 0 });
  });

  it('does not count marks from an earlier roll call (last week\u2019s drill)', async () => {
    const clock = fakeClock('2026-11-25T08:00:00Z');
    kiosk = await kioskWithPrinter(clock);
    const ann = kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Ann Onsite' }));
    const drill = openRollCall(kiosk);
    kiosk.core.run('rollCall.mark', { session: drill.session, visitId: ann.visitId, status: 'safe' }, 'kiosk');
    kiosk.core.run('rollCall.end', { session: drill.session }, 'kiosk');
    expect(() => kiosk!.core.run('rollCall.get', { session: drill.session }, 'kiosk')).toThrow(/timed out/);
    clock.advance(2 * 3600_000);
    const real = openRollCall(kiosk);
    expect(real.rollCall.rollCallId).not.toBe(drill.rollCall.rollCallId);
    expect(real.rollCall.entries[0]!.mark).toBeNull();
  });

  it('lets a second member of staff join the roll call in progress', async () => {
    const clock = fakeClock('2026-11-25T08:00:00Z');
    kiosk = await kioskWithPrinter(clock);
    const first = openRollCall(kiosk, 'Ann');
    clock.advance(60_000);
    const second = openRollCall(kiosk, 'Ben');
    expect(second.rollCall.rollCallId).toBe(first.rollCall.rollCallId);
  });

  it('gives a PDF of the roll call, kept in the data folder, and prints it on the badge printer', async () => {
    const clock = fakeClock('2026-11-25T08:00:00Z');
    kiosk = await kioskWithPrinter(clock);
    const worker = kiosk.startPrinting();
    try {
      const ann = kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Ann Onsite', needsEvacuationHelp: true }));
      kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Bob Onsite' }));
      await worker.drained();
      await printer!.waitForJobs(2);
      printer!.clearJobs();
      clock.set('2026-11-25T13:30:00Z');
      const { session } = openRollCall(kiosk);
      kiosk.core.run('rollCall.mark', { session, visitId: ann.visitId, status: 'safe' }, 'kiosk');
      const { pdf, fileName } = kiosk.core.run('rollCall.pdf', { session }, 'kiosk');
      const bytes = Buffer.from(pdf, 'base64');
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const kept = path.join(kiosk.dataDir, 'roll-calls', fileName);
      expect(fs.readFileSync(kept).equals(bytes)).toBe(true);
      fs.mkdirSync('test-results/rollcall', { recursive: true });
      fs.copyFileSync(kept, 'test-results/rollcall/kiosk-roll-call.pdf');
      try {
        const text = execFileSync('pdftotext', ['-layout', kept, '-'], { encoding: 'utf8' });
        expect(text).toContain('Hilltop Primary');
        expect(text).toContain('Ann Onsite');
        expect(text).toContain('Bob Onsite');
        expect(text).toMatch(/2 on site · 1 safe · 0 missing · 1 not yet checked · 1 need help/);
        execFileSync('pdftoppm', ['-png', '-r', '60', kept, 'test-results/rollcall/kiosk-roll-call']);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; // poppler-utils not installed: bytes checked above
      }

      const { count } = kiosk.core.run('rollCall.printNow', { session }, 'kiosk');
      expect(count).toBe(2);
      await worker.drained();
      const [job] = await printer!.waitForJobs(1);
      const printed = plainText(job!.document);
      expect(printed).toContain('Ann Onsite');
      expect(printed).toContain('Bob Onsite');
    } finally {
      await worker.stop();
    }
  });
});
