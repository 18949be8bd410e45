// Roll-call PDFs the kiosk keeps in <data>/roll-calls/ follow the visits they list: the purge
// deletes those from days whose visits have expired (a day with a held visit keeps its
// PDFs), and an erasure from the office removes every PDF made while that visitor was on site.
// Real kiosk database and real files in a temp data folder.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRetentionChange } from '../../core/retention/apply.js';
import { purgeKiosk } from '../../core/retention/purge.js';
import { keepRollCallPdf } from '../../core/rollcall/record.js';
import { pendingRollCallErasures, sweepRollCallPdfs } from '../../core/rollcall/retention.js';
import type { Kiosk } from '../../core/kiosk.js';
import type { RollCall } from '../../shared/rollcall.js';
import { disposeKiosk } from '../support/fixtures.js';
import { fakeClock, signInInput, tempKiosk } from '../support/tempKiosk.js';

let kiosk: Kiosk | undefined;
afterEach(() => {
  if (kiosk) disposeKiosk(kiosk);
  kiosk = undefined;
});

const pdfs = (k: Kiosk) => {
  try {
    return fs.readdirSync(path.join(k.dataDir, 'roll-calls')).sort();
  } catch {
    return [];
  }
};
/** What the kiosk's rollCall.pdf keeps: a PDF named by the roll call's time. */
const keep = (k: Kiosk, at: string) => keepRollCallPdf(k.dataDir, { generatedAt: at } as RollCall, Buffer.from('%PDF-1.4\n'), () => {});

function world() {
  const clock = fakeClock('2025-10-06T08:30:00.000Z');
  const k = (kiosk = tempKiosk({ now: clock.now }));
  const visit = (fullName: string, stayMs = 3_600_000) => {
    const r = k.core.run('visit.signIn', signInInput(k, { fullName }));
    clock.advance(stayMs);
    k.core.run('visit.signOut', { visitId: r.visitId, phoneCollected: true });
    return r.visitId;
  };
  return { k, clock, visit };
}

describe('roll-call PDFs in the data folder', () => {
  it('go with the purge when their day’s visits have expired; a day with a held visit keeps them; other files are left', () => {
    const { k, clock, visit } = world();
    visit('Olwen Oldday');
    const oldPdf = keep(k, '2025-10-06T09:00:00.000Z');
    clock.set('2025-10-07T08:30:00.000Z');
    const held = visit('Hector Heldday');
    const heldPdf = keep(k, '2025-10-07T09:00:00.000Z');
    applyRetentionChange(k.db, { entity: 'hold', key: held, body: { visitId: held } });
    clock.set('2027-06-01T09:00:00.000Z');
    visit('Rhona Recent');
    const recentPdf = keep(k, '2027-06-01T09:30:00.000Z');
    fs.writeFileSync(path.join(k.dataDir, 'roll-calls', 'notes.txt'), 'not a roll call');

    clock.set('2027-06-02T02:00:00.000Z'); // the 2024-25 visits are not yet due (period: to Aug 2027)
    expect(purgeKiosk(k.db, clock.now(), { dataDir: k.dataDir }).counts.rollCallPdfs).toBe(0);
    expect(pdfs(k)).toEqual([oldPdf, heldPdf, recentPdf, 'notes.txt'].sort());

    clock.set('2027-09-02T02:00:00.000Z');
    const report = purgeKiosk(k.db, clock.now(), { dataDir: k.dataDir });
    expect(report.counts).toMatchObject({ visits: 1, rollCallPdfs: 1 });
    expect(pdfs(k)).toEqual([heldPdf, recentPdf, 'notes.txt'].sort());
  });

  it('an erasure removes the PDFs made while that visitor was on site, and only those', () => {
    const { k, clock } = world();
    const before = keep(k, '2025-10-06T08:00:00.000Z');
    clock.set('2025-10-06T10:00:00.000Z');
    const stella = k.core.run('visit.signIn', signInInput(k, { fullName: 'Stella Stayer' })).visitId;
    const during = keep(k, '2025-10-06T10:30:00.000Z');
    clock.set('2025-10-06T11:00:00.000Z');
    k.core.run('visit.signOut', { visitId: stella, phoneCollected: true });
    const after = keep(k, '2025-10-06T11:30:00.000Z');
    expect(pdfs(k)).toEqual([before, during, after].sort());

    applyRetentionChange(k.db, { entity: 'erasure', key: stella, body: { visitId: stella, erasedAt: clock.now().toISOString() } });
    expect(pendingRollCallErasures(k.db)).toBe(1);
    // The note holds times, never the name.
    expect(JSON.stringify(k.db.prepare('SELECT * FROM rollcall_pdf_erasures').all())).not.toMatch(/Stella|Stayer/);
    expect(sweepRollCallPdfs(k.db, k.dataDir, clock.now())).toEqual({ expired: 0, erased: 1 });
    expect(pdfs(k)).toEqual([before, after].sort());
    expect(pendingRollCallErasures(k.db)).toBe(0);
  });
});
