// The roll call on paper: every person's name, badge and phone status are in the PDF text;
// people who need help are listed first; a long list runs onto more pages with the header
// repeated. The pages are also rendered to PNG (test-results/rollcall/) to be looked at.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rollCallPdf } from '../../core/rollcall/pdf.js';
import type { RollCall, RollCallEntry } from '../../shared/rollcall.js';

const OUT = path.resolve('test-results/rollcall');
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function entry(i: number, over: Partial<RollCallEntry> = {}): RollCallEntry {
  return {
    visitId: `v${i}`,
    fullName: `Visitor Number${i}`,
    category: 'parent_carer',
    categoryLabel: 'Parent/carer',
    organisation: '',
    hostName: 'Mrs Patel',
    arrivedAt: new Date(Date.UTC(2026, 10, 25, 8, i % 60)).toISOString(),
    badgeNumber: i,
    badge: String(i),
    phoneStatus: `Phone in locker ${i}`,
    needsEvacuationHelp: false,
    escortRequired: false,
    kioskName: 'Reception',
    mark: null,
    ...over,
  };
}

function rollCall(entries: RollCallEntry[]): RollCall {
  const safe = entries.filter((e) => e.mark?.status === 'safe').length;
  const missing = entries.filter((e) => e.mark?.status === 'missing').length;
  return {
    rollCallId: 'rc-1',
    startedAt: '2026-11-25T13:30:00.000Z',
    startedBy: 'Ann Office',
    siteName: 'Hilltop Primary School',
    source: 'this kiosk',
    generatedAt: '2026-11-25T13:31:00.000Z',
    entries,
    counts: { total: entries.length, safe, missing, unaccounted: entries.length - safe - missing, needHelp: entries.filter((e) => e.needsEvacuationHelp).length },
  };
}

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-'));
  const file = path.join(dir, 'rc.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function toPng(pdf: Buffer, name: string): void {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(OUT, name)]);
}

describe('the fire roll call PDF', () => {
  it('is a PDF that names the site, the time, the source and the counts', async () => {
    const pdf = await rollCallPdf(rollCall([entry(1), entry(2, { mark: { status: 'safe', by: 'Ann', at: '2026-11-25T13:32:00Z' } })]), 'Europe/London');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (!hasPoppler) return;
    const text = pdfText(pdf);
    expect(text).toContain('FIRE ROLL CALL — Hilltop Primary School');
    expect(text).toMatch(/2 on site · 1 safe · 0 missing · 1 not yet checked · 0 need help/);
    expect(text).toContain('office unreachable');
    expect(text).toContain('Visitor Number1');
    expect(text).toContain('Phone in locker 2');
    expect(text).toContain('SAFE');
  });

  it.runIf(hasPoppler)('lists people who need help to evacuate first, and prints names in their own script', async () => {
    const entries = [
      entry(1, { fullName: 'Jane Smith' }),
      entry(2, { fullName: 'Agnieszka Wiśniewska', needsEvacuationHelp: true, hostName: 'Mr Jones' }),
      entry(3, { fullName: 'Олена Коваленко', phoneStatus: 'DEVICE USE APPROVED — Room 4, until 15:00' }),
      entry(4, { fullName: 'মাহমুদা রহমান' }),
      entry(5, { fullName: 'Bartholomew Featherstonehaugh-Cholmondeley the Third of Little Snoring', category: 'contractor', categoryLabel: 'Contractor', organisation: 'Acme Roofing Ltd', escortRequired: true }),
      entry(6, { fullName: 'محمد علي', mark: { status: 'missing', by: 'Ann', at: '2026-11-25T13:33:00Z' } }),
    ];
    const pdf = await rollCallPdf(rollCall(entries), 'Europe/London');
    toPng(pdf, 'roll-call-mixed');
    const text = pdfText(pdf);
    expect(text.indexOf('NEED HELP TO EVACUATE')).toBeLessThan(text.indexOf('Jane Smith'));
    expect(text).toMatch(/#2\s+Agnieszka Wiśniewska/);
    expect(text).toContain('Олена Коваленко');
    expect(text).toContain('DEVICE USE');
    expect(text).toContain('MISSING');
  });

  it.runIf(hasPoppler)('runs a 300-person roll call onto several pages, every person once', async () => {
    const entries = Array.from({ length: 300 }, (_, i) => entry(i + 1));
    const pdf = await rollCallPdf(rollCall(entries), 'Europe/London');
    const text = pdfText(pdf);
    for (const e of entries) expect(text.split(new RegExp(`\\b${e.fullName}\\b`)).length - 1, e.fullName).toBe(1);
    expect(text).toMatch(/page 1 of (\d+)/);
    const pages = Number(/page 1 of (\d+)/.exec(text)![1]);
    expect(pages).toBeGreaterThan(5);
    expect(text.split('Phone / device').length - 1).toBe(pages); // the header on every page
  });
});
