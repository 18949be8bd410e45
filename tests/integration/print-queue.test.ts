// The badge print queue against a printer on a real TCP socket (the virtual printer, which
// decodes what it receives). A printer fault never blocks or loses a sign-in, and a badge
// prints once after recovery.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openKiosk, type Kiosk } from '../../core/kiosk.js';
import { jobsOfVisit } from '../../core/printing/queue.js';
import type { PrintWorker } from '../../core/printing/worker.js';
import { findRun, qrPayloads, plainText, endsWithCut } from '../../core/printing/virtual/document.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../core/printing/virtual/server.js';
import { compileCore } from '../support/compileCore.js';
import { signInInput, tempDir } from '../support/tempKiosk.js';

let printer: VirtualPrinter;
let kiosk: Kiosk | null = null;
let worker: PrintWorker | null = null;

function kioskWithPrinter(model: 'epson' | 'star', dir = tempDir(), timeoutMs = 800): Kiosk {
  fs.writeFileSync(
    path.join(dir, 'site.json'),
    JSON.stringify({ printer: { type: model, interface: printer.url, paperWidthMm: 80, characterSet: 'PC858', timeoutMs } }),
  );
  return openKiosk({ dataDir: dir, log: () => {} });
}

async function untilPrinted(k: Kiosk, visitId: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (jobsOfVisit(k.db, visitId).some((j) => j.status === 'printed')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`badge of ${visitId} not printed: ${JSON.stringify(jobsOfVisit(k.db, visitId))}`);
}

afterEach(async () => {
  await worker?.stop();
  worker = null;
  kiosk?.close();
  kiosk = null;
  await printer?.close();
});

for (const model of ['epson', 'star'] as const) {
  describe(`a sign-in with a ${model} printer on the network`, () => {
    it('prints the badge: name, phone status in bold inverse, the badge code in the QR, and a cut', async () => {
      printer = await startVirtualPrinter({ port: 0, model });
      kiosk = kioskWithPrinter(model);
      worker = kiosk.startPrinting();
      const r = kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Zoë Łódź-Kowalska', phone: { choice: 'locker', lockerId: 'L12' } }));
      expect(r.badge).toMatchObject({ status: 'queued' });
      await untilPrinted(kiosk, r.visitId);
      const [job] = await printer.waitForJobs(1);
      const doc = job!.document;
      expect(plainText(doc)).toContain('Zoë Łódź-Kowalska'); // PC852 holds every letter
      const status = findRun(doc, 'PHONE IN LOCKER 12');
      expect(status).toMatchObject({ bold: true, invert: true });
      expect(qrPayloads(doc)).toEqual([r.badgeCode]);
      expect(endsWithCut(doc)).toBe(true);
      expect(doc.unknown).toEqual([]);
      // the visit's history says it printed
      const events = kiosk.db.prepare("SELECT kind FROM visit_events WHERE visit_id = ? AND kind = 'badge_printed'").all(r.visitId);
      expect(events).toHaveLength(1);
    });
  });
}

describe('when the printer is at fault', () => {
  it('port closed: the sign-in completes, the screen sends the visitor to reception, and the badge prints once when the printer is back', async () => {
    printer = await startVirtualPrinter({ port: 0, model: 'epson' });
    await printer.setMode('refuse');
    kiosk = kioskWithPrinter('epson');
    worker = kiosk.startPrinting();
    const r = kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Port Closed' }));
    expect(r.visitId).toBeTruthy();
    await new Promise((res) => setTimeout(res, 1500));
    const [job] = jobsOfVisit(kiosk.db, r.visitId);
    expect(job).toMatchObject({ status: 'pending' });
    expect(job!.attempts).toBeGreaterThan(0);
    expect(job!.lastError).toMatch(/not answering/);
    await printer.setMode('ok');
    await untilPrinted(kiosk, r.visitId);
    await printer.settled();
    expect(printer.jobs().filter((j) => j.printed)).toHaveLength(1);
  });

  it('accepts then hangs: the attempt times out, and the badge prints once when the printer answers again', async () => {
    printer = await startVirtualPrinter({ port: 0, model: 'epson' });
    await printer.setMode('hang');
    kiosk = kioskWithPrinter('epson', tempDir(), 600);
    worker = kiosk.startPrinting();
    const r = kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Hung Printer' }));
    await new Promise((res) => setTimeout(res, 1200));
    expect(jobsOfVisit(kiosk.db, r.visitId)[0]!.lastError).toMatch(/did not respond/);
    await printer.setMode('ok');
    await untilPrinted(kiosk, r.visitId);
    await printer.settled();
    expect(printer.jobs().filter((j) => j.printed && j.complete)).toHaveLength(1);
  });

  it('drops the connection mid-job: the broken job is retried and the badge prints once in full', async () => {
    printer = await startVirtualPrinter({ port: 0, model: 'epson' });
    await printer.setMode('drop-mid-job', { afterBytes: 40 });
    kiosk = kioskWithPrinter('epson');
    worker = kiosk.startPrinting();
    const r = kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Dropped Connection' }));
    await new Promise((res) => setTimeout(res, 1200));
    expect(jobsOfVisit(kiosk.db, r.visitId)[0]!.status).not.toBe('printed');
    await printer.setMode('ok');
    await untilPrinted(kiosk, r.visitId);
    await printer.settled();
    const whole = printer.jobs().filter((j) => j.complete && j.printed && qrPayloads(j.document).length > 0);
    expect(whole).toHaveLength(1);
  });

  it('not ready (out of paper): nothing is sent until the printer is ready', async () => {
    printer = await startVirtualPrinter({ port: 0, model: 'star' });
    await printer.setMode('not-ready');
    kiosk = kioskWithPrinter('star');
    worker = kiosk.startPrinting();
    const r = kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'No Paper' }));
    await new Promise((res) => setTimeout(res, 1200));
    expect(jobsOfVisit(kiosk.db, r.visitId)[0]!.lastError).toMatch(/offline|paper/);
    expect(printer.jobs().filter((j) => qrPayloads(j.document).length > 0)).toHaveLength(0);
    await printer.setMode('ok');
    await untilPrinted(kiosk, r.visitId);
  });
});

describe('a kiosk killed with a badge job pending', () => {
  let compiled: string;
  beforeAll(() => {
    compiled = compileCore();
  });
  afterAll(() => fs.rmSync(compiled, { recursive: true, force: true }));

  it('prints the badge exactly once after it restarts', async () => {
    printer = await startVirtualPrinter({ port: 0, model: 'epson' });
    await printer.setMode('refuse'); // the job cannot go out before the kill
    const dir = tempDir();
    const script = `
      const { openKiosk } = await import(${JSON.stringify(pathToFileURL(path.join(compiled, 'core', 'kiosk.js')).href)});
      const k = openKiosk({ dataDir: ${JSON.stringify(dir)}, log: () => {} });
      const b = k.core.run('kiosk.bootstrap', {});
      const r = k.core.run('visit.signIn', { category: 'visitor', fullName: 'Killed Midway', hostId: b.hosts[0].id, purpose: 'Test',
        language: 'en', policy: { versionId: b.policy.versionId, textHash: b.policy.textHash }, phone: { choice: 'reception' } });
      process.stdout.write(r.visitId);
      process.kill(process.pid, 'SIGKILL');`;
    fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify({ printer: { type: 'epson', interface: printer.url, timeoutMs: 800 } }));
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: compiled, encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    const visitId = child.stdout.trim();
    await printer.setMode('ok');
    kiosk = openKiosk({ dataDir: dir, log: () => {} });
    expect(jobsOfVisit(kiosk.db, visitId)).toMatchObject([{ status: 'pending' }]);
    worker = kiosk.startPrinting();
    await untilPrinted(kiosk, visitId);
    await worker.drained();
    await printer.settled();
    expect(printer.jobs().filter((j) => j.printed && qrPayloads(j.document).length > 0)).toHaveLength(1);
  });
});

describe('reprinting', () => {
  it('a job interrupted mid-send is not resent by itself; reception reprints it explicitly and that is recorded', async () => {
    printer = await startVirtualPrinter({ port: 0, model: 'epson' });
    await printer.setMode('refuse');
    const dir = tempDir();
    kiosk = kioskWithPrinter('epson', dir);
    const r = kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Interrupted Send' }));
    kiosk.db.prepare("UPDATE print_jobs SET status = 'sending' WHERE visit_id = ?").run(r.visitId); // as if killed mid-send
    kiosk.close();
    await printer.setMode('ok');
    kiosk = kioskWithPrinter('epson', dir);
    worker = kiosk.startPrinting();
    await worker.drained();
    expect(jobsOfVisit(kiosk.db, r.visitId)).toMatchObject([{ status: 'interrupted' }]);
    expect(printer.jobs()).toHaveLength(0);

    const { jobId } = kiosk.core.run('badge.reprint', { visitId: r.visitId, by: 'Reception (Mrs Patel)' });
    await untilPrinted(kiosk, r.visitId);
    expect(jobsOfVisit(kiosk.db, r.visitId).map((j) => [j.kind, j.status])).toEqual([
      ['badge', 'interrupted'],
      ['reprint', 'printed'],
    ]);
    const kinds = kiosk.db.prepare('SELECT kind, body FROM visit_events WHERE visit_id = ? ORDER BY seq').all(r.visitId) as { kind: string; body: string }[];
    expect(kinds.map((e) => e.kind)).toEqual(expect.arrayContaining(['badge_reprint_requested', 'badge_printed']));
    expect(kinds.find((e) => e.kind === 'badge_reprint_requested')!.body).toContain(jobId);
  });

  it('is refused for a visitor who has signed out', async () => {
    printer = await startVirtualPrinter({ port: 0, model: 'epson' });
    kiosk = kioskWithPrinter('epson');
    const r = kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Gone Home' }));
    kiosk.core.run('visit.signOut', { visitId: r.visitId, phoneCollected: false });
    expect(() => kiosk!.core.run('badge.reprint', { visitId: r.visitId, by: 'Reception' })).toThrow(/signed out/);
  });
});

describe('the printed fire roll call', () => {
  it('lists everyone on site with their phone, in one action', async () => {
    printer = await startVirtualPrinter({ port: 0, model: 'epson' });
    kiosk = kioskWithPrinter('epson');
    worker = kiosk.startPrinting();
    kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Ann Onsite', phone: { choice: 'locker', lockerId: 'L3' }, needsEvacuationHelp: true }));
    kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Bob Onsite', phone: { choice: 'reception' } }));
    await worker.drained();
    await printer.waitForJobs(2);
    printer.clearJobs();
    const { count } = kiosk.core.run('rollCall.print', { by: 'Fire warden' });
    expect(count).toBe(2);
    const [job] = await printer.waitForJobs(1);
    const text = plainText(job!.document);
    expect(text).toContain('Ann Onsite');
    expect(text).toContain('Bob Onsite');
    expect(text).toMatch(/LOCKER 3/i);
    expect(endsWithCut(job!.document)).toBe(true);
  });
});
