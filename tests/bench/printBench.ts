// Badge printing latency: from "sign-in committed" to "the badge's last byte received by the
// printer", against a bare loopback TCP write of the same bytes measured in the same run.
// The printer is a plain loopback listener that answers the status query like an Epson.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openKiosk } from '../../core/kiosk.js';
import { signInInput } from '../support/tempKiosk.js';
import { nowMs, summarise, type Stats } from './stats.js';

/** 203 dpi thermal head: 8 dots per mm; a typical 80 mm printer feeds 250 mm/s. */
const DOTS_PER_MM = 8;
const PRINT_SPEED_MM_S = 250;

type Arrival = { bytes: number; endedAt: number };

/** A loopback "printer": answers DLE EOT with "ready", reports when each connection ends. */
async function listener(): Promise<{ url: string; next(): Promise<Arrival>; close(): Promise<void> }> {
  const waiting: ((a: Arrival) => void)[] = [];
  const arrived: Arrival[] = [];
  const server = net.createServer((sock) => {
    let bytes = 0;
    sock.on('data', (d: Buffer) => {
      bytes += d.length;
      if (d.includes(Buffer.from([0x10, 0x04, 0x01]))) sock.write(Buffer.from([0x12]));
    });
    sock.on('end', () => {
      const a = { bytes, endedAt: nowMs() };
      const w = waiting.shift();
      if (w) w(a);
      else arrived.push(a);
      sock.end();
    });
    sock.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `tcp://127.0.0.1:${port}`,
    next: () => new Promise((r) => (arrived.length ? r(arrived.shift()!) : waiting.push(r))),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

async function bareWrite(url: string, bytes: Buffer): Promise<void> {
  const [, host, port] = /^tcp:\/\/(.+):(\d+)$/.exec(url)!;
  await new Promise<void>((resolve, reject) => {
    const s = net.connect({ host: host!, port: Number(port) }, () => s.end(bytes));
    s.on('close', () => resolve());
    s.on('error', reject);
  });
}

export type PrintBench = { baseline: Stats; signInToBytes: Stats; badgeBytes: number; badgeMm: number; printMs: number; samples: { baseline: number[]; measure: number[] } };

export async function benchBadgePrint(n: number): Promise<PrintBench> {
  const printer = await listener();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-print-bench-'));
  fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify({ printer: { type: 'epson', interface: printer.url, paperWidthMm: 80, characterSet: 'PC858', timeoutMs: 5000 } }));
  const k = openKiosk({ dataDir: dir, log: () => {} });
  const worker = k.startPrinting();
  const baseline: number[] = [];
  const measure: number[] = [];
  let badgeBytes = 0;
  let badgeMm = 0;
  try {
    for (let i = 0; i < n + 5; i++) {
      const r = k.core.run('visit.signIn', signInInput(k, { fullName: `Bench Visitor ${i}`, phone: { choice: 'reception' } }));
      const committed = nowMs();
      const got = await printer.next();
      if (i >= 5) measure.push(got.endedAt - committed); // the first few warm up the JIT and caches
      badgeBytes = got.bytes;
      if (i === 0) badgeMm = pngHeight(k.printing.previewPng(k.db, r.visitId, new Date())) / DOTS_PER_MM;
      k.core.run('visit.signOut', { visitId: r.visitId, phoneCollected: true });
      await worker.drained();
      // Baseline, interleaved: as many bytes written over a fresh loopback connection.
      const t = nowMs();
      await bareWrite(printer.url, Buffer.alloc(got.bytes, 0x41));
      const b = await printer.next();
      if (i >= 5) baseline.push(b.endedAt - t);
    }
  } finally {
    await worker.stop();
    k.close();
    await printer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { baseline: summarise(baseline), signInToBytes: summarise(measure), badgeBytes, badgeMm, printMs: (badgeMm / PRINT_SPEED_MM_S) * 1000, samples: { baseline, measure } };
}

/** The preview is drawn one pixel per printer dot, so its height is the badge's paper length. */
function pngHeight(png: Buffer): number {
  return png.readUInt32BE(20);
}
