// Sending a job's bytes to the printer: a TCP socket (network printers, port 9100) or a
// device file. Every step has a deadline, and a network printer is asked for its status
// first, so "off", "hung" and "not ready" fail fast instead of swallowing the badge.
import fs from 'node:fs/promises';
import net from 'node:net';
import type { PrinterConfig, PrinterType } from './types.js';

export class PrinterError extends Error {
  constructor(
    readonly reason: 'unreachable' | 'timeout' | 'not_ready' | 'dropped' | 'io',
    message: string,
  ) {
    super(message);
    this.name = 'PrinterError';
  }
}

/** Real-time status queries: Epson DLE EOT 1 (one byte back); Star ESC ACK SOH (automatic status). */
const STATUS_QUERY: Record<PrinterType, Buffer> = {
  epson: Buffer.from([0x10, 0x04, 0x01]),
  star: Buffer.from([0x1b, 0x06, 0x01]),
};

/** Read the printer's status answer; null when ready, else what is wrong. */
async function readStatus(type: PrinterType, read: (n: number) => Promise<Buffer>): Promise<string | null> {
  const first = (await read(1))[0]!;
  if (type === 'epson') return first & 0x08 ? 'the printer is offline (cover open or out of paper)' : null;
  // Star ASB: the first byte encodes the length; byte 3 bit 3 = offline, byte 6 bit 3 = paper empty.
  const length = ((first & 0x0e) >> 1) + ((first & 0x20) >> 2);
  const rest = length > 1 ? await read(length - 1) : Buffer.alloc(0);
  if ((rest[1] ?? 0) & 0x08) return 'the printer is offline (cover open or out of paper)';
  if ((rest[4] ?? 0) & 0x08) return 'the printer is out of paper';
  return null;
}

export function parseTcp(iface: string): { host: string; port: number } | null {
  const m = /^tcp:\/\/([^\s/:]+)(?::(\d{1,5}))?$/.exec(iface);
  return m ? { host: m[1]!, port: Number(m[2] ?? 9100) } : null;
}

/** Ask a network printer whether it is ready; resolves with null when it is, or a reason. */
export async function printerStatus(cfg: PrinterConfig): Promise<{ ok: true } | { ok: false; reason: PrinterError['reason']; message: string }> {
  const tcp = parseTcp(cfg.interface);
  if (!tcp) {
    try {
      await fs.access(cfg.interface, fs.constants.W_OK);
      return { ok: true };
    } catch (e) {
      return { ok: false, reason: 'unreachable', message: `cannot write to ${cfg.interface}: ${(e as Error).message}` };
    }
  }
  try {
    await withSocket(cfg, tcp, async (c) => {
      c.sock.write(STATUS_QUERY[cfg.type]);
      const problem = await readStatus(cfg.type, c.read);
      if (problem) throw new PrinterError('not_ready', problem);
      c.sock.end();
      await c.closedOrQuiet(200);
    });
    return { ok: true };
  } catch (e) {
    const pe = e instanceof PrinterError ? e : new PrinterError('io', String(e));
    return { ok: false, reason: pe.reason, message: pe.message };
  }
}

/** Send one job. Asks the printer's status before (is it ready?) and after the job: a printer
 *  answers a status query only once it has read everything sent before it, so the second
 *  answer proves the whole badge arrived — a connection dropped mid-job never looks printed. */
export async function sendToPrinter(cfg: PrinterConfig, bytes: Buffer): Promise<void> {
  const tcp = parseTcp(cfg.interface);
  if (!tcp) {
    try {
      await fs.writeFile(cfg.interface, bytes);
    } catch (e) {
      throw new PrinterError('io', `cannot write to ${cfg.interface}: ${(e as Error).message}`);
    }
    return;
  }
  await withSocket(cfg, tcp, async (c) => {
    c.sock.write(STATUS_QUERY[cfg.type]);
    const before = await readStatus(cfg.type, c.read);
    if (before) throw new PrinterError('not_ready', before);
    c.sock.write(Buffer.concat([bytes, STATUS_QUERY[cfg.type]]));
    const after = await readStatus(cfg.type, c.read);
    if (after) throw new PrinterError('not_ready', `the printer stopped during the job: ${after}`);
    c.sock.end();
    await c.closedOrQuiet(CLOSE_GRACE_MS);
  });
}

/** After our last byte a printer normally closes its side; we do not wait longer than this. */
const CLOSE_GRACE_MS = 500;

type Conn = { sock: net.Socket; read(n: number): Promise<Buffer>; closedOrQuiet(ms: number): Promise<void> };

/** Connect, run `fn` on the connection, close. Errors, an unexpected close and the deadline
 *  all reject whatever `fn` is waiting on. */
async function withSocket(cfg: PrinterConfig, tcp: { host: string; port: number }, fn: (c: Conn) => Promise<void>): Promise<void> {
  const sock = net.connect({ host: tcp.host, port: tcp.port });
  sock.setNoDelay(true);
  let buffered = Buffer.alloc(0);
  let wake: () => void = () => {};
  let timer: NodeJS.Timeout | undefined;
  let expectClose = false;
  const failed = new Promise<never>((_, reject) => {
    sock.on('error', (e: NodeJS.ErrnoException) => reject(socketError(cfg, e)));
    sock.on('close', () => {
      if (!expectClose) reject(new PrinterError('dropped', 'the printer closed the connection before the job was sent'));
      wake();
    });
    timer = setTimeout(() => reject(new PrinterError('timeout', `the printer did not respond within ${cfg.timeoutMs} ms`)), cfg.timeoutMs);
  });
  failed.catch(() => {}); // observed through the races below
  sock.on('data', (d: Buffer) => {
    buffered = Buffer.concat([buffered, d]);
    wake();
  });
  const conn: Conn = {
    sock,
    async read(n) {
      while (buffered.length < n) await Promise.race([new Promise<void>((r) => (wake = r)), failed]);
      const out = buffered.subarray(0, n);
      buffered = buffered.subarray(n);
      return out;
    },
    async closedOrQuiet(ms) {
      expectClose = true;
      if (sock.closed) return;
      await Promise.race([new Promise<void>((r) => { wake = r; setTimeout(r, ms).unref(); }), failed]);
    },
  };
  try {
    await Promise.race([new Promise<void>((r) => sock.once('connect', r)), failed]);
    await Promise.race([fn(conn), failed]);
  } finally {
    clearTimeout(timer);
    sock.destroy();
  }
}

function socketError(cfg: PrinterConfig, e: NodeJS.ErrnoException): PrinterError {
  const code = e.code ?? '';
  if (['ECONNREFUSED', 'EHOSTUNREACH', 'ENOTFOUND', 'ENETUNREACH', 'EAI_AGAIN'].includes(code))
    return new PrinterError('unreachable', `the printer at ${cfg.interface} is not answering (${code})`);
  return new PrinterError('dropped', `the connection to the printer broke (${code || e.message})`);
}
