// Sync catch-up: a kiosk that was offline with 10,000 events in its outbox sends them all to a
// fresh hub through the real office server (startOfficeHttp) over TLS on loopback, pinned as a
// paired kiosk pins it (signed requests and signed answers, the hub validating,
// storing and projecting each batch in one durable transaction, the kiosk clearing acked
// outbox rows), against a bare bulk insert of the same 10,000 rows into a plain table in one
// transaction, measured in the same run with samples interleaved.        Target: <= 3x
//
// Not timed: building the kiosk's outbox (once), copying it per sample, pairing, starting the hub,
// making the hub's certificate (once), preparing the baseline's INSERT.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { DB_FILE_NAME, openDb } from '../../core/db/open.js';
import { openKiosk } from '../../core/kiosk.js';
import { openHub } from '../../core/office/hub.js';
import { createPairingCode } from '../../core/office/sync/pairing.js';
import { startOfficeHttp } from '../../core/office/http/server.js';
import { makeSelfSigned, spkiPin } from '../../core/office/tls/certificate.js';
import { pgConnection, schoolSchema } from '../../core/office/store/open.js';
import { PgDatabase, quoteIdent } from '../../core/office/store/pgDatabase.js';
import { currentPolicy } from '../../core/policy/policy.js';
import { readSettings } from '../../core/site/settings.js';
import { createSyncClient } from '../../core/sync/client.js';
import { pairWithHub } from '../../core/sync/pair.js';
import { pushOutbox, readOutboxBatch } from '../../core/sync/push.js';
import { appendEvent } from '../../core/visits/events.js';
import { nameKey } from '../../shared/text.js';
import { PUSH_BATCH_MAX, type SyncEvent } from '../../shared/sync.js';
import { fmtMs, fmtRatio, nowMs, summarise, table, type Stats } from './stats.js';

export const SYNC_EVENTS = 10_000;
export const SYNC_MAX_RATIO = 3;

export type SyncBenchResult = {
  engine: 'SQLite' | 'PostgreSQL';
  what: string;
  baselineWhat: string;
  events: number;
  n: number;
  baseline: Stats;
  catchUp: Stats;
  ratio: { p50: number; pairedMedian: number };
  eventsPerSecond: number;
  target: { maxRatio: number; pass: boolean };
  samplesMs: { baseline: number[]; catchUp: number[] };
};

/** A kiosk data folder whose outbox holds `events` events (whole visits), written as the core writes them. */
function buildOutbox(dir: string, events: number): void {
  const k = openKiosk({ dataDir: dir, log: () => {} });
  try {
    const s = readSettings(k.db);
    const policy = currentPolicy(k.db, 'en');
    const host = k.db.prepare('SELECT id, name FROM hosts WHERE active = 1 ORDER BY sort LIMIT 1').get() as { id: string; name: string };
    const t0 = Date.now() - 7 * 24 * 3600_000;
    k.db.transaction(() => {
      for (let v = 0; v * 4 < events; v++) {
        const visitId = uuidv7();
        const at = (m: number) => new Date(t0 + v * 60_000 + m * 1000).toISOString();
        const fullName = `Visitor ${v}`;
        const base = { visitId, kioskId: s.kioskId };
        appendEvent(k.db, {
          ...base,
          at: at(0),
          body: {
            kind: 'arrived', category: 'visitor', fullName, nameKey: nameKey(fullName), organisation: '', agencyRole: '', hostId: host.id, hostName: host.name,
            purpose: 'Catch-up benchmark', language: 'en', badgeCode: `B${String(v).padStart(7, '0')}`, badgeNumber: v + 1, localDay: at(0).slice(0, 10),
            idCheckRequired: false, needsEvacuationHelp: false,
          },
        });
        appendEvent(k.db, { ...base, at: at(1), body: { kind: 'policy_acknowledged', versionId: policy.versionId, version: policy.version, textHash: policy.textHash, language: 'en' } });
        appendEvent(k.db, { ...base, at: at(2), body: { kind: 'phone_stored', custody: { kind: 'reception' } } });
        appendEvent(k.db, { ...base, at: at(30), body: { kind: 'departed', by: 'visitor' } });
      }
    })();
    k.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    k.close();
  }
}

function copyDir(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  fs.copyFileSync(path.join(from, DB_FILE_NAME), path.join(to, DB_FILE_NAME));
}

/** A fresh school on PostgreSQL for sample i (its schema is dropped after the sample). */
const catchUpSchool = (i: number) => `catchup-${process.pid}-${i < 0 ? 'w' : i}`;

/** One catch-up: fresh hub (a SQLite file, or a fresh school schema on `pgUrl`), the outbox
 *  copied, paired; times the full push only. */
async function catchUpOnce(template: string, runDir: string, i: number, cert: { key: string; cert: string }, pgUrl?: string): Promise<number> {
  const kioskDir = path.join(runDir, `kiosk-${i}`);
  const hubDir = path.join(runDir, `hub-${i}`);
  copyDir(template, kioskDir);
  const hub = openHub({ dataDir: hubDir, log: () => {}, ...(pgUrl ? { database: { url: pgUrl, school: catchUpSchool(i) } } : {}) });
  const kiosk = openKiosk({ dataDir: kioskDir, log: () => {} });
  const server = await startOfficeHttp({ hub, port: 0, host: '127.0.0.1', consoleDir: path.join(hubDir, 'no-console'), log: () => {}, https: { ...cert, pins: [spkiPin(cert.cert)] } });
  try {
    const code = hub.db.transaction(() => createPairingCode(hub.db, 'Bench kiosk', 'bench', new Date()).code)();
    await pairWithHub(kiosk.db, server.url, code, 'Bench kiosk');
    const client = createSyncClient(kiosk.db);
    const t0 = nowMs();
    const r = await pushOutbox(client, kiosk.db);
    const ms = nowMs() - t0;
    const held = hub.db.prepare('SELECT COUNT(*) FROM hub_events').pluck().get() as number;
    if (r.pushed !== SYNC_EVENTS || held !== SYNC_EVENTS) throw new Error(`catch-up pushed ${r.pushed}, hub holds ${held}, expected ${SYNC_EVENTS}`);
    return ms;
  } finally {
    await server.close();
    kiosk.close();
    if (pgUrl) hub.db.exec(`DROP SCHEMA ${quoteIdent(schoolSchema(catchUpSchool(i)))} CASCADE`);
    hub.close();
    fs.rmSync(kioskDir, { recursive: true, force: true });
    fs.rmSync(hubDir, { recursive: true, force: true });
  }
}

/** The baseline: the same rows, bare, into a plain table of a fresh file, one transaction. */
function bulkInsertOnce(events: readonly SyncEvent[], runDir: string, i: number): number {
  const dir = path.join(runDir, `bulk-${i}`);
  const db = openDb(path.join(dir, 'bulk.sqlite3'), { migrate: false });
  try {
    db.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kiosk_id TEXT NOT NULL, kiosk_seq INTEGER NOT NULL, visit_id TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL, received_at TEXT NOT NULL) STRICT');
    const ins = db.prepare('INSERT INTO events (id, kiosk_id, kiosk_seq, visit_id, kind, at, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const at = new Date().toISOString();
    const t0 = nowMs();
    db.transaction(() => {
      for (const e of events) ins.run(e.id, e.kioskId, e.seq, e.visitId, e.kind, e.at, JSON.stringify(e.body), at);
    }).immediate();
    return nowMs() - t0;
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The baseline on PostgreSQL: the same rows into a plain table (hub_events' columns) of the same
 * server, through the same synchronous store, as multi-row INSERTs of 1,000 rows (PostgreSQL
 * takes at most 65,535 parameters a statement) in one transaction.
 */
function pgBulkInsertOnce(events: readonly SyncEvent[], pgUrl: string, i: number): number {
  const slug = `bulk-${process.pid}-${i < 0 ? 'w' : i}`;
  const db = new PgDatabase(pgConnection(pgUrl), schoolSchema(slug));
  try {
    db.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schoolSchema(slug))}`);
    db.exec('CREATE TABLE events (seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, id TEXT NOT NULL UNIQUE, kiosk_id TEXT NOT NULL, kiosk_seq BIGINT NOT NULL, visit_id TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL, received_at TEXT NOT NULL)');
    const ROWS = 1000;
    const ins = db.prepare(`INSERT INTO events (id, kiosk_id, kiosk_seq, visit_id, kind, at, body, received_at) VALUES ${Array.from({ length: ROWS }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
    const at = new Date().toISOString();
    const t0 = nowMs();
    db.transaction(() => {
      for (let s = 0; s < events.length; s += ROWS) {
        const chunk = events.slice(s, s + ROWS);
        if (chunk.length !== ROWS) throw new Error('the baseline inserts whole chunks of 1,000 rows');
        ins.run(...chunk.flatMap((e) => [e.id, e.kioskId, e.seq, e.visitId, e.kind, e.at, JSON.stringify(e.body), at]));
      }
    })();
    return nowMs() - t0;
  } finally {
    db.exec(`DROP SCHEMA ${quoteIdent(schoolSchema(slug))} CASCADE`);
    db.close();
  }
}

export async function benchSyncCatchUp(opts: { samples?: number; workDir?: string; say?: (s?: string) => void; pgUrl?: string } = {}): Promise<SyncBenchResult> {
  const n = opts.samples ?? 5;
  const say = opts.say ?? ((s = '') => console.log(s));
  const runDir = fs.mkdtempSync(path.join(opts.workDir ?? os.tmpdir(), 'sync-bench-'));
  try {
    const template = path.join(runDir, 'template');
    buildOutbox(template, SYNC_EVENTS);
    const events: SyncEvent[] = [];
    {
      const k = openKiosk({ dataDir: template, log: () => {} });
      try {
        for (let after = 0; ; ) {
          const b = readOutboxBatch(k.db, PUSH_BATCH_MAX, after);
          if (!b.length) break;
          events.push(...b);
          after = b[b.length - 1]!.seq;
        }
        k.db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        k.close();
      }
    }
    if (events.length !== SYNC_EVENTS) throw new Error(`built ${events.length} events, expected ${SYNC_EVENTS}`);

    const cert = await makeSelfSigned(['bench-hub']);
    // Warm up both paths once (JIT, page cache), untimed.
    const pgUrl = opts.pgUrl;
    const bulk = (i: number) => (pgUrl ? pgBulkInsertOnce(events, pgUrl, i) : bulkInsertOnce(events, runDir, i));
    await catchUpOnce(template, runDir, -1, cert, pgUrl);
    bulk(-1);
    const baseline: number[] = [];
    const catchUp: number[] = [];
    for (let i = 0; i < n; i++) {
      if (i % 2 === 0) {
        baseline.push(bulk(i));
        catchUp.push(await catchUpOnce(template, runDir, i, cert, pgUrl));
      } else {
        catchUp.push(await catchUpOnce(template, runDir, i, cert, pgUrl));
        baseline.push(bulk(i));
      }
    }
    const b = summarise(baseline);
    const c = summarise(catchUp);
    const pairedMedian = summarise(catchUp.map((m, i) => m / baseline[i]!)).p50;
    const ratio = c.p50 / b.p50;
    const pass = ratio <= SYNC_MAX_RATIO;
    const engine = pgUrl ? 'PostgreSQL' : 'SQLite';
    say(
      table([
        ['measure', 'n', 'p50 ms', 'max ms', 'p50 ratio'],
        [`${engine}: bulk insert of ${SYNC_EVENTS} rows, one transaction (baseline)`, String(b.n), fmtMs(b.p50), fmtMs(b.max), ''],
        [`${engine}: sync catch-up of ${SYNC_EVENTS} events over TLS (office server)`, String(c.n), fmtMs(c.p50), fmtMs(c.max), fmtRatio(ratio)],
      ]),
    );
    say(`${pass ? 'PASS' : 'FAIL'}  ${engine} sync catch-up p50 = ${fmtRatio(ratio)} a bare bulk insert (paired median ${fmtRatio(pairedMedian)}; ${Math.round(SYNC_EVENTS / (c.p50 / 1000))} events/s; target <= ${SYNC_MAX_RATIO}x)`);
    return {
      engine,
      what: `kiosk pushOutbox of ${SYNC_EVENTS} events (${SYNC_EVENTS / PUSH_BATCH_MAX} signed requests) to a fresh hub through startOfficeHttp over loopback TLS (pinned), ingest + projection + audit, acked outbox rows cleared`,
      baselineWhat: pgUrl
        ? `multi-row INSERTs (1,000 rows each) of the same ${SYNC_EVENTS} rows into a plain table (hub_events' columns) in a fresh schema on the same server, one transaction, through the same synchronous store`
        : `INSERT of the same ${SYNC_EVENTS} rows into a plain STRICT table (hub_events' columns) in one transaction, fresh file (WAL, synchronous=FULL)`,
      events: SYNC_EVENTS,
      n,
      baseline: b,
      catchUp: c,
      ratio: { p50: ratio, pairedMedian },
      eventsPerSecond: SYNC_EVENTS / (c.p50 / 1000),
      target: { maxRatio: SYNC_MAX_RATIO, pass },
      samplesMs: { baseline, catchUp },
    };
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}
