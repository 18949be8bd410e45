// The print worker never prints a badge for a visitor who has already left: a badge queued
// while the printer was down, for a visit signed out before the printer came back, is marked
// skipped with the reason, and only the badges of people still on site come out. Against a
// printer on a real TCP socket (the virtual printer).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openKiosk, type Kiosk } from '../../core/kiosk.js';
import { jobsOfVisit, SKIPPED_SIGNED_OUT } from '../../core/printing/queue.js';
import type { PrintWorker } from '../../core/printing/worker.js';
import { plainText } from '../../core/printing/virtual/document.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../core/printing/virtual/server.js';
import { disposeKiosk } from '../support/fixtures.js';
import { until } from '../support/kioskSync.js';
import { signInInput, tempDir } from '../support/tempKiosk.js';

let printer: VirtualPrinter | null = null;
let kiosk: Kiosk | null = null;
let worker: PrintWorker | null = null;

afterEach(async () => {
  await worker?.stop();
  worker = null;
  if (kiosk) disposeKiosk(kiosk);
  kiosk = null;
  await printer?.close();
  printer = null;
});

describe('a badge queued for a visitor who signs out before it prints', () => {
  it('is skipped with the reason; the badge of the visitor still on site prints', async () => {
    printer = await startVirtualPrinter({ port: 0, model: 'epson' });
    await printer.setMode('refuse'); // the printer is off
    const dir = tempDir('kiosk-skip-');
    fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify({ printer: { type: 'epson', interface: printer.url, paperWidthMm: 80, characterSet: 'PC858', timeoutMs: 800 } }));
    kiosk = openKiosk({ dataDir: dir, log: () => {} });
    worker = kiosk.startPrinting();
    const k = kiosk;

    const gone = k.core.run('visit.signIn', signInInput(k, { fullName: 'Quick Visit' }), 'kiosk');
    await until('the first attempt has failed', () => jobsOfVisit(k.db, gone.visitId)[0]!.attempts >= 1 && jobsOfVisit(k.db, gone.visitId)[0]!.status === 'pending');
    k.core.run('visit.signOut', { visitId: gone.visitId, phoneCollected: true }, 'kiosk');
    const staying = k.core.run('visit.signIn', signInInput(k, { fullName: 'Still Here' }), 'kiosk');

    await printer.setMode('ok'); // the printer is back
    await until('the on-site visitor’s badge has printed', () => jobsOfVisit(k.db, staying.visitId).some((j) => j.status === 'printed'));
    await until('the departed visitor’s badge job is settled', () => jobsOfVisit(k.db, gone.visitId)[0]!.status !== 'pending');
    await worker.drained();
    await printer.settled();

    const [skipped] = jobsOfVisit(k.db, gone.visitId);
    expect(skipped).toMatchObject({ status: 'skipped', lastError: SKIPPED_SIGNED_OUT, printedAt: null });
    const printed = printer.jobs().filter((j) => j.printed).map((j) => plainText(j.document));
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('Still Here');
    expect(printed.join('\n')).not.toContain('Quick Visit');
    // The visit's history has no "badge printed" for the visitor who left.
    expect(k.db.prepare("SELECT COUNT(*) FROM visit_events WHERE visit_id = ? AND kind = 'badge_printed'").pluck().get(gone.visitId)).toBe(0);
  }, 30_000);
});
