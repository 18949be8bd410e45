// A network printer on loopback for development and tests: it listens like a printer on port
// 9100, takes each connection as one job (the job ends when the client closes its side),
// answers status queries as they arrive, decodes what it received as the chosen printer would,
// and keeps the job in memory and, given a folder, as .bin, .json and .png. Fault modes let
// tests see how the kiosk copes with a printer that refuses, hangs, drops or is not ready.
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { PAPER } from '../types.js';
import { StreamDecoder } from './decode.js';
import type { DecodedDocument, PrinterModel } from './document.js';
import { renderPng } from './render.js';
import { statusReply } from './statusReplies.js';

/**
 * ok: a healthy printer. refuse: the listening socket is closed (connections are refused).
 * hang: connections are accepted, never read, never answered. drop-mid-job: the connection is
 * destroyed after `afterBytes` bytes. not-ready: jobs are taken but status says offline, paper out.
 */
export type FaultMode = 'ok' | 'refuse' | 'hang' | 'drop-mid-job' | 'not-ready';

export type VirtualPrinterOptions = {
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  model: PrinterModel;
  /** Where to store each job's .bin, .json and .png; nothing is written without it. */
  dir?: string;
  /** Paper width: 80 mm (576 dots, default) or 58 mm (384 dots). */
  paperWidthMm?: 58 | 80;
};

export type PrintJob = {
  id: number;
  model: PrinterModel;
  startedAt: string;
  endedAt: string;
  bytes: Buffer;
  /** The client closed its side after sending; false when the connection was dropped or reset. */
  complete: boolean;
  ending: 'client closed' | 'dropped by printer' | 'reset' | 'printer closed';
  /** False when the printer was not ready (status said offline, paper out): nothing came out. */
  printed: boolean;
  document: DecodedDocument;
  /** Bytes the printer sent back (status answers). */
  replied: Buffer;
  files?: { bin: string; json: string; png: string };
  renderError?: string;
};

export type VirtualPrinter = {
  readonly host: string;
  readonly port: number;
  readonly model: PrinterModel;
  /** `tcp://host:port`, as node-thermal-printer's `interface` takes it. */
  readonly url: string;
  readonly mode: FaultMode;
  jobs(): PrintJob[];
  /** Resolves with all jobs once there are at least `n`; rejects after `timeoutMs`. */
  waitForJobs(n: number, timeoutMs?: number): Promise<PrintJob[]>;
  /** Called with each finished job (files written). Returns an unsubscribe function. */
  onJob(listener: (job: PrintJob) => void): () => void;
  clearJobs(): void;
  /** Resolves once no job connection is open and every finished job is stored (tests call it between cases). */
  settled(): Promise<void>;
  setMode(mode: Exclude<FaultMode, 'drop-mid-job'>): Promise<void>;
  setMode(mode: 'drop-mid-job', options: { afterBytes: number }): Promise<void>;
  close(): Promise<void>;
};

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function listen(server: net.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

export async function startVirtualPrinter(options: VirtualPrinterOptions): Promise<VirtualPrinter> {
  const host = options.host ?? '127.0.0.1';
  // Jobs hold visitors' names: never listen beyond this machine.
  if (!LOOPBACK.has(host)) throw new Error(`the virtual printer listens on loopback only, not ${host}`);
  const model = options.model;
  const dotWidth = PAPER[options.paperWidthMm ?? 80].dots;
  if (options.dir) await fs.mkdir(options.dir, { recursive: true });

  let mode: FaultMode = 'ok';
  let closing = false;
  let dropAfter = 0;
  let nextId = 1;
  const done: PrintJob[] = [];
  const sockets = new Set<net.Socket>();
  let openJobs = 0;
  const pending = new Set<Promise<void>>();
  const listeners = new Set<(job: PrintJob) => void>();
  let waiters: { n: number; resolve: (jobs: PrintJob[]) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }[] = [];

  const snapshot = () => [...done].sort((a, b) => a.id - b.id);

  function notify(job: PrintJob): void {
    done.push(job);
    for (const l of listeners) l(job);
    const ready = waiters.filter((w) => done.length >= w.n);
    waiters = waiters.filter((w) => done.length < w.n);
    for (const w of ready) {
      clearTimeout(w.timer);
      w.resolve(snapshot());
    }
  }

  async function store(job: PrintJob): Promise<void> {
    let png: Buffer | undefined;
    try {
      png = renderPng(job.document);
    } catch (e) {
      job.renderError = (e as Error).message;
    }
    if (options.dir) {
      const stem = path.join(options.dir, `${job.startedAt.replace(/[:.]/g, '-')}-${model}-job${String(job.id).padStart(3, '0')}`);
      const files = { bin: `${stem}.bin`, json: `${stem}.json`, png: `${stem}.png` };
      const { bytes, replied, document, files: _files, ...meta } = job;
      await fs.writeFile(files.bin, bytes);
      await fs.writeFile(files.json, JSON.stringify({ ...meta, byteLength: bytes.length, replied: replied.toString('hex'), document }, null, 2));
      if (png) await fs.writeFile(files.png, png);
      job.files = files;
    }
  }

  function onConnection(socket: net.Socket): void {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // a client that resets is a job ending, not a crash
    if (mode === 'hang') {
      socket.pause();
      return;
    }
    const id = nextId++;
    openJobs += 1;
    const startedAt = new Date().toISOString();
    const ready = mode !== 'not-ready';
    const limit = mode === 'drop-mid-job' ? dropAfter : Infinity;
    const decoder = new StreamDecoder(dotWidth === 576 ? { model } : { model, dotWidth });
    const chunks: Buffer[] = [];
    const replies: Buffer[] = [];
    let received = 0;
    let ending: PrintJob['ending'] | null = null;

    const finish = (why: PrintJob['ending']) => {
      if (ending) return;
      ending = why;
      openJobs -= 1;
      const job: PrintJob = {
        id, model, startedAt, endedAt: new Date().toISOString(), bytes: Buffer.concat(chunks), complete: why === 'client closed', ending: why, printed: ready,
        document: decoder.finish(), replied: Buffer.concat(replies),
      };
      const p = store(job).then(() => notify(job), () => notify(job)).finally(() => pending.delete(p));
      pending.add(p);
    };

    socket.on('data', (chunk: Buffer) => {
      if (ending) return;
      const take = chunk.subarray(0, Math.max(0, limit - received));
      received += take.length;
      chunks.push(take);
      for (const q of decoder.push(take)) {
        const reply = statusReply(model, q, ready);
        if (reply && !socket.destroyed) {
          replies.push(Buffer.from(reply));
          socket.write(reply);
        }
      }
      if (received >= limit) {
        finish('dropped by printer');
        socket.destroy();
      }
    });
    socket.on('end', () => {
      finish('client closed');
      socket.end();
    });
    socket.on('close', () => finish(closing ? 'printer closed' : 'reset'));
  }

  let server: net.Server | null = net.createServer(onConnection);
  const port = await listen(server, options.port, host);

  /** Close the listening socket only; open connections carry on (server.close's callback would wait for them). */
  async function stopListening(): Promise<void> {
    const s = server;
    server = null;
    if (!s) return;
    s.close();
    await new Promise((resolve) => setImmediate(resolve));
  }

  async function relisten(): Promise<void> {
    const s = net.createServer(onConnection);
    try {
      await listen(s, port, host);
    } catch {
      // The old listening handle may take a moment to release the port.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await listen(s, port, host);
    }
    server = s;
  }

  async function setMode(next: FaultMode, opts?: { afterBytes: number }): Promise<void> {
    if (next === 'drop-mid-job') {
      const n = opts?.afterBytes;
      if (n === undefined || !Number.isInteger(n) || n < 0) throw new Error('drop-mid-job needs { afterBytes: n }, a whole number ≥ 0');
      dropAfter = n;
    }
    if (next === 'refuse') await stopListening();
    else if (!server && !closing) await relisten();
    mode = next;
  }

  const printer: VirtualPrinter = {
    host,
    port,
    model,
    url: `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`,
    get mode() {
      return mode;
    },
    jobs: snapshot,
    waitForJobs(n, timeoutMs = 5000) {
      if (done.length >= n) return Promise.resolve(snapshot());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w.timer !== timer);
          reject(new Error(`virtual printer: expected ${n} job(s) within ${timeoutMs} ms, got ${done.length}`));
        }, timeoutMs);
        waiters.push({ n, resolve, reject, timer });
      });
    },
    onJob(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clearJobs() {
      done.length = 0;
    },
    async settled() {
      while (openJobs > 0 || pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    },
    setMode: setMode as VirtualPrinter['setMode'],
    async close() {
      closing = true;
      await stopListening();
      const open = [...sockets].map((s) => new Promise((resolve) => s.once('close', resolve)));
      for (const s of sockets) s.destroy();
      await Promise.all(open);
      await Promise.allSettled([...pending]);
      for (const w of waiters) {
        clearTimeout(w.timer);
        w.reject(new Error('virtual printer closed'));
      }
      waiters = [];
    },
  };
  return printer;
}
