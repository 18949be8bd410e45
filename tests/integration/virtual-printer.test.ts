// The virtual network printer: node-thermal-printer sends real badges to it over TCP, and we
// check what the printer received, decoded and drew, how it answers status queries, and how a
// client sees its fault modes. Sample receipts are kept in test-results/virtual-printer/.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import jsqr from 'jsqr';
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { endsWithCut, findRun, images, qrPayloads, textLines, type PrinterModel } from '../../core/printing/virtual/decode.js';
import { renderPng } from '../../core/printing/virtual/render.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../core/printing/virtual/server.js';

const OUT = path.resolve('test-results/virtual-printer');
const JOBS = path.join(OUT, 'jobs');
const ESC = 0x1b, GS = 0x1d, DLE = 0x10;
/** jsqr is CommonJS with an ES-style default: under NodeNext its function is `.default`. */
const jsQR = jsqr.default;

function client(vp: VirtualPrinter, characterSet: CharacterSet = CharacterSet.PC858_EURO, timeout = 2000): ThermalPrinter {
  return new ThermalPrinter({ type: vp.model === 'epson' ? PrinterTypes.EPSON : PrinterTypes.STAR, interface: vp.url, characterSet, options: { timeout } });
}

/** StarPRNT QR, by hand: node-thermal-printer's STAR printQR sends no data (PRINTING.md). */
function starQr(payload: string, cellSize: number): Buffer {
  const data = Buffer.from(payload, 'ascii');
  return Buffer.concat([
    Buffer.from([ESC, GS, 0x79, 0x53, 0x30, 2, ESC, GS, 0x79, 0x53, 0x31, 1, ESC, GS, 0x79, 0x53, 0x32, cellSize]),
    Buffer.from([ESC, GS, 0x79, 0x44, 0x31, 0, data.length & 0xff, data.length >> 8]),
    data,
    Buffer.from([ESC, GS, 0x79, 0x50]),
  ]);
}

/** A small school crest, drawn from SVG, to print as a raster image. */
function crestPng(): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">
    <path d="M48 4 L88 16 V46 C88 70 70 86 48 92 C26 86 8 70 8 46 V16 Z" fill="#000"/>
    <path d="M48 16 L76 24 V46 C76 63 64 75 48 80 C32 75 20 63 20 46 V24 Z" fill="#fff"/>
    <path d="M34 40 h28 v8 h-28 z M44 30 h8 v28 h-8 z" fill="#000"/></svg>`;
  return Buffer.from(new Resvg(svg, { background: '#fff' }).render().asPng());
}

const QR_PAYLOAD = 'KIOSK1-V-000123-7F3A';

/** A visitor badge laid out the way the kiosk will, sent with node-thermal-printer's own calls. */
async function sendBadge(vp: VirtualPrinter, name = 'Zoë Łódź-Kowalska'): Promise<void> {
  const p = client(vp, CharacterSet.PC852_LATIN2);
  p.alignCenter();
  await p.printImageBuffer(crestPng());
  p.println('East Stour Primary School');
  p.drawLine();
  p.setTextQuadArea();
  p.bold(true); // after the size call (PRINTING.md)
  p.println(name);
  p.bold(false);
  p.setTextNormal();
  p.setTextDoubleHeight();
  p.println('VISITOR');
  p.setTextNormal();
  p.println('Acme Plumbing Ltd');
  p.newLine();
  p.alignLeft();
  p.println('Visiting:  School office');
  p.println('Arrived:   Tue 3 Mar 2026 08:10');
  p.println('Badge:     #123');
  p.newLine();
  p.alignCenter();
  p.bold(true);
  p.println('MUST BE ESCORTED');
  p.invert(true);
  p.println(' PHONE IN LOCKER 12 ');
  p.invert(false);
  p.bold(false);
  p.newLine();
  if (vp.model === 'epson') p.printQR(QR_PAYLOAD, { cellSize: 6, correction: 'M' });
  else p.add(starQr(QR_PAYLOAD, 6));
  p.newLine();
  p.println('Scan to sign out');
  p.cut();
  await p.execute();
}

/** Send raw bytes and wait for `replyBytes` bytes back (or a timeout). */
function ask(vp: VirtualPrinter, bytes: number[], replyBytes: number, timeoutMs = 1000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const got: Buffer[] = [];
    const s = net.connect({ host: vp.host, port: vp.port });
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error('no answer'));
    }, timeoutMs);
    s.on('connect', () => s.write(Buffer.from(bytes)));
    s.on('data', (d) => {
      got.push(d);
      const all = Buffer.concat(got);
      if (all.length >= replyBytes) {
        clearTimeout(timer);
        s.end();
        resolve(all);
      }
    });
    s.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

beforeAll(() => {
  fs.rmSync(JOBS, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
});

describe.each(['epson', 'star'] as const)('a virtual %s printer on 127.0.0.1', (model: PrinterModel) => {
  let vp: VirtualPrinter;
  beforeAll(async () => {
    vp = await startVirtualPrinter({ host: '127.0.0.1', port: 0, model, dir: JOBS });
  });
  afterAll(() => vp.close());
  beforeEach(async () => {
    await vp.setMode('ok');
    await vp.settled();
    vp.clearJobs();
  });

  it('receives a badge from node-thermal-printer over TCP as one complete job', async () => {
    await sendBadge(vp);
    const [job] = await vp.waitForJobs(1, 5000);
    if (!job) throw new Error('unreachable');
    expect(job).toMatchObject({ id: expect.any(Number), model, complete: true, ending: 'client closed', printed: true });
    const doc = job.document;
    expect(doc.byteLength).toBe(job.bytes.length);
    expect(textLines(doc)).toEqual([
      'East Stour Primary School',
      '-'.repeat(48),
      'Zoë Łódź-Kowalska',
      'VISITOR',
      'Acme Plumbing Ltd',
      '',
      'Visiting:  School office',
      'Arrived:   Tue 3 Mar 2026 08:10',
      'Badge:     #123',
      '',
      'MUST BE ESCORTED',
      ' PHONE IN LOCKER 12 ',
      '',
      '',
      'Scan to sign out',
    ]);
    expect(findRun(doc, 'Zoë Łódź-Kowalska')).toMatchObject({ bold: true, width: 2, height: 2, invert: false });
    expect(findRun(doc, 'VISITOR')).toMatchObject({ bold: false, height: 2, width: 1 });
    expect(findRun(doc, 'PHONE IN LOCKER 12')).toMatchObject({ bold: true, invert: true });
    expect(qrPayloads(doc)).toEqual([QR_PAYLOAD]);
    expect(doc.items.find((i) => i.kind === 'qr')).toMatchObject({ cellSize: 6, align: 'center' });
    expect(images(doc).map((i) => [i.widthDots, i.heightDots])).toEqual([[96, 96]]); // 96 rows: already whole Star bands
    expect(endsWithCut(doc)).toBe(true);
    expect(doc.unknown).toEqual([]);
    expect(doc.warnings).toEqual([]);
  });

  it('stores each job as .bin, .json and .png', async () => {
    await sendBadge(vp);
    const [job] = await vp.waitForJobs(1);
    const files = job?.files;
    if (!job || !files) throw new Error('no files');
    expect(fs.readFileSync(files.bin).equals(job.bytes)).toBe(true);
    const json = JSON.parse(fs.readFileSync(files.json, 'utf8'));
    expect(json).toMatchObject({ id: job.id, complete: true, byteLength: job.bytes.length });
    expect(json.document.items.find((i: { kind: string }) => i.kind === 'qr').payload).toBe(QR_PAYLOAD);
    expect(PNG.sync.read(fs.readFileSync(files.png)).width).toBe(576);
  });

  it('draws a receipt whose QR code scans back to the payload', async () => {
    await sendBadge(vp);
    const [job] = await vp.waitForJobs(1);
    if (!job) throw new Error('unreachable');
    const file = path.join(OUT, `sample-${model}.png`);
    fs.writeFileSync(file, renderPng(job.document));
    const png = PNG.sync.read(fs.readFileSync(file));
    expect(png.width).toBe(576);
    expect(png.height).toBeGreaterThan(600);
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(qr?.data).toBe(QR_PAYLOAD);
  });

  it('answers a status query with one byte (or Star’s status block) saying online, no error', async () => {
    if (model === 'epson') {
      const p = client(vp);
      p.clear();
      p.setBuffer(Buffer.from([DLE, 0x04, 1]));
      const answer = (await p.execute({ waitForResponse: true })) as unknown as Buffer;
      expect([...answer]).toEqual([0x12]);
      expect([...(await ask(vp, [GS, 0x72, 1], 1))]).toEqual([0x00]);
      expect([...(await ask(vp, [DLE, 0x04, 2, DLE, 0x04, 3, DLE, 0x04, 4], 3))]).toEqual([0x12, 0x12, 0x12]);
    } else {
      const asb = await ask(vp, [ESC, 0x06, 0x01], 9);
      expect(asb).toHaveLength(9);
      expect((asb[2] ?? 0) & 0x08).toBe(0); // not offline
      expect((asb[5] ?? 0) & 0x08).toBe(0); // paper present
    }
  });

  it('not-ready: status says offline with the paper out, and the job is kept but not printed', async () => {
    await vp.setMode('not-ready');
    if (model === 'epson') {
      expect([...(await ask(vp, [DLE, 0x04, 1, DLE, 0x04, 4, GS, 0x72, 1], 3))]).toEqual([0x1a, 0x7e, 0x0f]);
    } else {
      const asb = await ask(vp, [ESC, 0x06, 0x01], 9);
      expect((asb[2] ?? 0) & 0x08).toBe(0x08);
      expect((asb[5] ?? 0) & 0x08).toBe(0x08);
    }
    await sendBadge(vp);
    const jobs = await vp.waitForJobs(2);
    const badge = jobs.find((j) => textLines(j.document).includes('VISITOR'));
    expect(badge).toMatchObject({ printed: false, complete: true });
  });

  it('refuse: execute() rejects because nothing listens, and recovers when set back to ok', async () => {
    await vp.setMode('refuse');
    await expect(sendBadge(vp)).rejects.toThrow(/ECONNREFUSED/);
    await vp.setMode('ok');
    await sendBadge(vp);
    expect(await vp.waitForJobs(1)).toHaveLength(1);
  });

  it('hang: a client waiting for an answer gives up after its timeout, and no job is recorded', async () => {
    await vp.setMode('hang');
    const p = client(vp, CharacterSet.PC858_EURO, 300);
    p.setBuffer(Buffer.from(model === 'epson' ? [DLE, 0x04, 1] : [ESC, 0x06, 0x01]));
    const started = Date.now();
    await expect(p.execute({ waitForResponse: true })).rejects.toThrow(/timeout/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(vp.jobs()).toEqual([]);
  });

  it('hang: execute() of a small badge still resolves, because the bytes only reached the socket buffer', async () => {
    // So "execute resolved" never means "printed": the kiosk must ask the printer for status.
    await vp.setMode('hang');
    await expect(sendBadge(vp)).resolves.toBeUndefined();
    expect(vp.jobs()).toEqual([]);
  });

  it('drop-mid-job: the printer cuts the connection after N bytes and records a partial job marked incomplete', async () => {
    await vp.setMode('drop-mid-job', { afterBytes: 40 });
    await sendBadge(vp).catch(() => undefined); // the client may or may not notice, as with a real printer
    const [job] = await vp.waitForJobs(1);
    if (!job) throw new Error('unreachable');
    expect(job).toMatchObject({ complete: false, ending: 'dropped by printer' });
    expect(job.bytes.length).toBe(40);
    expect(endsWithCut(job.document)).toBe(false);
  });

  it('waitForJobs rejects with a clear message when no job comes', async () => {
    await expect(vp.waitForJobs(1, 100)).rejects.toThrow(/expected 1 job\(s\) within 100 ms, got 0/);
  });
});

describe('the virtual printer itself', () => {
  it('listens on loopback only', async () => {
    await expect(startVirtualPrinter({ host: '0.0.0.0', port: 0, model: 'epson' })).rejects.toThrow(/loopback only/);
  });

  it('lays out a 58 mm printer at 384 dots', async () => {
    const vp = await startVirtualPrinter({ port: 0, model: 'epson', paperWidthMm: 58 });
    try {
      const p = client(vp);
      p.println('x'.repeat(40));
      p.cut();
      await p.execute();
      const [job] = await vp.waitForJobs(1);
      if (!job) throw new Error('unreachable');
      expect(job.document.dotWidth).toBe(384);
      expect(textLines(job.document)).toEqual(['x'.repeat(32), 'x'.repeat(8)]);
      expect(PNG.sync.read(renderPng(job.document)).width).toBe(384);
    } finally {
      await vp.close();
    }
  });

  it('keeps separate connections as separate jobs, in order', async () => {
    const vp = await startVirtualPrinter({ port: 0, model: 'star' });
    try {
      for (const name of ['First Visitor', 'Second Visitor']) {
        const p = client(vp);
        p.println(name);
        p.cut();
        await p.execute();
      }
      const jobs = await vp.waitForJobs(2);
      expect(jobs.map((j) => textLines(j.document)[0])).toEqual(['First Visitor', 'Second Visitor']);
    } finally {
      await vp.close();
    }
  });
});
