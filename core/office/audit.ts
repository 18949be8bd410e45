// The hub's audit log: every staff action and every sync applied, appended with a hash chain.
// Each row's hash covers its own fields and the previous row's hash, and the latest
// (seq, hash) is kept apart as an anchor, so verify() finds an edited, deleted, inserted or
// reordered row, and a truncated tail. Content is what staff did, never a visitor's answers
// beyond what identifies the record.
import { createHash } from 'node:crypto';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import type { AuditEntry, AuditVerdict } from '../../shared/office.js';
import { writeOrder } from '../db/dialect.js';

const GENESIS = '0'.repeat(64);
const ANCHOR_KEY = 'audit_anchor';

export type AuditInput = { at: Date | string; actor: string; action: string; target: string; detail?: unknown };

/** Where a chain lives: its table and the key-value table holding its anchor. A school's log
 *  is audit_log (anchor in site_settings); the trust's is trust_audit (anchor in trust_settings). */
export type AuditLog = { table: 'audit_log' | 'trust_audit'; settings: 'site_settings' | 'trust_settings' };
export const SCHOOL_AUDIT: AuditLog = { table: 'audit_log', settings: 'site_settings' };

function rowHash(seq: number, at: string, actor: string, action: string, target: string, detail: string, prev: string): string {
  return createHash('sha256').update(JSON.stringify([seq, at, actor, action, target, detail, prev])).digest('hex');
}

/** Append one entry. Call inside the transaction that makes the change it records. */
export function appendAudit(db: Db, e: AuditInput, log: AuditLog = SCHOOL_AUDIT): AuditEntry {
  const last = stmt(db, `SELECT seq, hash FROM ${log.table} ORDER BY seq DESC LIMIT 1`).get() as { seq: number; hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prev = last?.hash ?? GENESIS;
  const at = typeof e.at === 'string' ? e.at : e.at.toISOString();
  const detail = JSON.stringify(e.detail ?? {});
  const hash = rowHash(seq, at, e.actor, e.action, e.target, detail, prev);
  stmt(db, `INSERT INTO ${log.table} (seq, at, actor, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
    seq, at, e.actor, e.action, e.target, detail, prev, hash,
  );
  stmt(db, `INSERT INTO ${log.settings} (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(
    ANCHOR_KEY,
    JSON.stringify({ seq, hash }),
  );
  return { seq, at, actor: e.actor, action: e.action, target: e.target, detail: e.detail ?? {}, hash };
}

type Row = { seq: number; at: string; actor: string; action: string; target: string; detail: string; prev_hash: string; hash: string };

/** Walk the whole chain in order; the first broken link is reported. */
export function verifyAudit(db: Db, log: AuditLog = SCHOOL_AUDIT): AuditVerdict {
  let prev = GENESIS;
  let expected = 1;
  let n = 0;
  // Write order, not seq order: a row moved (seq rewritten) shows up as out of place.
  for (const r of db.prepare(`SELECT seq, at, actor, action, target, detail, prev_hash, hash FROM ${log.table} ORDER BY ${writeOrder(db)}`).iterate() as IterableIterator<Row>) {
    if (r.seq !== expected) return { ok: false, entries: n, firstBadSeq: r.seq, problem: r.seq > expected ? `entry ${expected} is missing` : `entry ${r.seq} is out of order` };
    if (r.prev_hash !== prev) return { ok: false, entries: n, firstBadSeq: r.seq, problem: `entry ${r.seq} does not follow entry ${r.seq - 1}` };
    if (rowHash(r.seq, r.at, r.actor, r.action, r.target, r.detail, r.prev_hash) !== r.hash)
      return { ok: false, entries: n, firstBadSeq: r.seq, problem: `entry ${r.seq} was changed after it was written` };
    prev = r.hash;
    expected++;
    n++;
  }
  const anchorRow = stmt(db, `SELECT value FROM ${log.settings} WHERE key = ?`).get(ANCHOR_KEY) as { value: string } | undefined;
  const anchor = anchorRow ? (JSON.parse(anchorRow.value) as { seq: number; hash: string }) : { seq: 0, hash: GENESIS };
  if (anchor.seq !== n || anchor.hash !== prev)
    return { ok: false, entries: n, firstBadSeq: Math.min(anchor.seq, n + 1), problem: `the log ends at entry ${n} but entry ${anchor.seq} was written: entries were removed from the end` };
  return { ok: true, entries: n };
}

export function listAudit(db: Db, limit: number, before?: number, log: AuditLog = SCHOOL_AUDIT): { entries: AuditEntry[]; more: boolean } {
  const rows = stmt(db, `SELECT seq, at, actor, action, target, detail, hash FROM ${log.table} WHERE seq < ? ORDER BY seq DESC LIMIT ?`).all(
    before ?? Number.MAX_SAFE_INTEGER,
    limit + 1,
  ) as Omit<Row, 'prev_hash'>[];
  return {
    entries: rows.slice(0, limit).map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, target: r.target, detail: JSON.parse(r.detail), hash: r.hash })),
    more: rows.length > limit,
  };
}
