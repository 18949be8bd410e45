// Test helpers around a real kiosk: clean-up of temp folders, raw-SQL views of what was
// written, and a real HTTP transport on 127.0.0.1. No test-runner imports here: this
// folder is also compiled by tsconfig.build.json.
import fs from 'node:fs';
import type { Kiosk } from '../../core/kiosk.js';
import { startKioskHttp } from '../../core/http/server.js';
import type { Db } from '../../core/db/open.js';
import type { Envelope } from '../../shared/errors.js';

/** Close a kiosk and delete its data folder. */
export function disposeKiosk(k: Kiosk): void {
  try {
    if (k.db.open) k.close();
  } finally {
    fs.rmSync(k.dataDir, { recursive: true, force: true });
  }
}

/** Tables a refused request must leave untouched. */
export const WRITTEN_TABLES = ['visits', 'visit_events', 'outbox', 'print_jobs', 'policy_versions', 'policy_texts', 'site_settings', 'lockers', 'hosts', 'locations'] as const;

export type RowCounts = Record<(typeof WRITTEN_TABLES)[number], number>;

/** Row counts straight from SQLite, not through the core. */
export function rowCounts(db: Db): RowCounts {
  const out = {} as RowCounts;
  for (const t of WRITTEN_TABLES) out[t] = (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return out;
}

/** The whole visit table, in a stable order, for comparing projections. */
export function visitsTable(db: Db): Record<string, unknown>[] {
  return db.prepare('SELECT * FROM visits ORDER BY id').all() as Record<string, unknown>[];
}

export type EventRowView = { seq: number; id: string; visit_id: string; kind: string; at: string; body: Record<string, unknown> };

export function eventRows(db: Db, visitId?: string): EventRowView[] {
  const rows = (visitId === undefined
    ? db.prepare('SELECT seq, id, visit_id, kind, at, body FROM visit_events ORDER BY seq').all()
    : db.prepare('SELECT seq, id, visit_id, kind, at, body FROM visit_events WHERE visit_id = ? ORDER BY seq').all(visitId)) as (Omit<
    EventRowView,
    'body'
  > & { body: string })[];
  return rows.map((r) => ({ ...r, body: JSON.parse(r.body) as Record<string, unknown> }));
}

export type HttpAnswer = { status: number; contentType: string | null; text: string; json: Envelope<unknown> | undefined };

export type TestHttp = {
  url: string;
  /** POST /api/<op> with a JSON body (or raw text and headers when given). */
  post(op: string, body?: unknown, init?: { raw?: string; headers?: Record<string, string> }): Promise<HttpAnswer>;
  close(): Promise<void>;
};

/** The real kiosk HTTP transport on 127.0.0.1, on a free port. */
export async function startTestHttp(k: Kiosk): Promise<TestHttp> {
  const h = await startKioskHttp({ core: k.core, port: 0 });
  return {
    url: h.url,
    async post(op, body, init = {}) {
      const headers: Record<string, string> = init.raw === undefined ? { 'content-type': 'application/json' } : {};
      const payload = init.raw ?? (body === undefined ? undefined : JSON.stringify(body));
      const res = await fetch(`${h.url}api/${op}`, {
        method: 'POST',
        headers: { ...headers, ...init.headers },
        ...(payload === undefined ? {} : { body: payload }),
      });
      const text = await res.text();
      let json: Envelope<unknown> | undefined;
      try {
        json = JSON.parse(text) as Envelope<unknown>;
      } catch {
        json = undefined;
      }
      return { status: res.status, contentType: res.headers.get('content-type'), text, json };
    },
    close: () => h.close(),
  };
}
