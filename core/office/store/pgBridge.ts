// A synchronous door to PostgreSQL. The office core is written against better-sqlite3's
// synchronous API (each handler runs to completion in one turn of the event loop, so a
// transaction is never interleaved with another request's). To keep ONE code path for both
// engines, the PostgreSQL store keeps that model: a worker thread owns the node-postgres
// connection; the main thread posts a query and blocks on Atomics.wait until the answer is
// back (the same pattern as synckit). Each hub process therefore holds one connection and
// serves one statement at a time, exactly as it does on SQLite; a trust scales out with
// more processes, which PostgreSQL (unlike one SQLite file) lets us run side by side.
import { createRequire } from 'node:module';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

export type PgResult = { rows: Record<string, unknown>[]; rowCount: number; fields: string[] };

export class PgError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'PgError';
  }
}

type Reply = ({ ok: true; result: PgResult } | { ok: false; message: string; code?: string; detail?: string }) & { id: number };

// Runs in the worker (CommonJS, eval'd): one pg.Client, numbers back as numbers.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
const port = workerData.port;
const flag = new Int32Array(workerData.flag);
// int8 (COUNT(*), BIGINT columns) and numeric: JS numbers, as better-sqlite3 gives them.
pg.types.setTypeParser(20, (v) => { const n = Number(v); return Number.isSafeInteger(n) ? n : v; });
pg.types.setTypeParser(1700, (v) => Number(v));
// Booleans (a comparison selected as a column): 1/0, as SQLite has no other kind.
pg.types.setTypeParser(16, (v) => (v === 't' ? 1 : 0));
let client = null;
port.on('message', async (req) => {
  const id = req.id;
  const reply = (msg) => { msg.id = id; port.postMessage(msg); Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); };
  try {
    if (req.op === 'connect') {
      client = new pg.Client({ connectionString: req.url, application_name: req.name });
      client.on('error', () => { client = null; });
      await client.connect();
      if (req.statementTimeoutMs) await client.query('SET statement_timeout = ' + Number(req.statementTimeoutMs));
      reply({ ok: true, result: { rows: [], rowCount: 0, fields: [] } });
    } else if (req.op === 'query') {
      if (!client) throw Object.assign(new Error('The office database connection was lost; restart the hub process.'), { code: 'CONNECTION_LOST' });
      const r = await client.query({ text: req.sql, values: req.params });
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      reply({ ok: true, result: { rows: last.rows || [], rowCount: last.rowCount || 0, fields: (last.fields || []).map((f) => f.name) } });
    } else if (req.op === 'end') {
      if (client) await client.end().catch(() => {});
      client = null;
      reply({ ok: true, result: { rows: [], rowCount: 0, fields: [] } });
    }
  } catch (e) {
    reply({ ok: false, message: String((e && e.message) || e), code: e && e.code, detail: e && e.detail });
  }
});
`;

export type PgBridgeOptions = { url: string; name?: string; statementTimeoutMs?: number; answerTimeoutMs?: number };

export class PgBridge {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly answerTimeoutMs: number;
  private closed = false;
  private nextId = 1;

  constructor(opts: PgBridgeOptions) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const pgPath = createRequire(import.meta.url).resolve('pg');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { pgPath, port: port2, flag: this.flag.buffer }, transferList: [port2] });
    this.worker.unref();
    this.answerTimeoutMs = opts.answerTimeoutMs ?? (opts.statementTimeoutMs ?? 60_000) + 15_000;
    try {
      this.call({ op: 'connect', url: opts.url, name: opts.name ?? 'phone-safe-office', statementTimeoutMs: opts.statementTimeoutMs ?? 60_000 });
    } catch (e) {
      void this.worker.terminate();
      throw e;
    }
  }

  query(sql: string, params: unknown[] = []): PgResult {
    if (this.closed) throw new PgError('The office database is closed.', 'CLOSED');
    return this.call({ op: 'query', sql, params });
  }

  close(): void {
    if (this.closed) return;
    try {
      this.call({ op: 'end' });
    } finally {
      this.closed = true;
      void this.worker.terminate();
    }
  }

  get open(): boolean {
    return !this.closed;
  }

  private call(req: Record<string, unknown>): PgResult {
    const id = this.nextId++;
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage({ ...req, id });
    // The worker sets the flag, then notifies. Under load the previous answer's notify can land
    // after we have read that answer and started waiting for this one: a wake with the flag
    // still 0 is that late notify, not this answer, so wait again for what time is left.
    const deadline = performance.now() + this.answerTimeoutMs;
    let waited: 'ok' | 'not-equal' | 'timed-out';
    do waited = Atomics.wait(this.flag, 0, 0, Math.max(0, deadline - performance.now()));
    while (waited === 'ok' && Atomics.load(this.flag, 0) === 0);
    const msg = receiveMessageOnPort(this.port)?.message as Reply | undefined;
    if (!msg || msg.id !== id) {
      // A late answer would be taken for the next question's: this connection is done.
      this.closed = true;
      void this.worker.terminate();
      throw new PgError(
        waited === 'timed-out' ? 'The office database did not answer in time.' : `The office database worker stopped (wait: ${waited}, answer ${msg ? `to question ${msg.id}, not ${id}` : 'missing'}).`,
        'NO_ANSWER',
      );
    }
    if (!msg.ok) throw new PgError(msg.message, msg.code, msg.detail);
    return msg.result;
  }
}
