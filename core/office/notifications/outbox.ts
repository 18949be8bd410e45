// The notification outbox. A notice is written here by the same transaction as the event that
// causes it (a push, a breach log, a kiosk's device request), so the event never waits for the
// network and a message is never lost with the mail server down or the hub restarting. The
// worker (deliver.ts) claims due rows, sends them and records what happened.
//
// Statuses: queued (waiting for its first try, or for a retry after a passing failure, with
// last_error saying why), sent, failed (the server refused it for good, e.g. SMTP 550: its reason
// is in last_error; nothing more is tried until someone presses "send again"), given_up (passing
// failures every time, MAX_ATTEMPTS tries).
import { v7 as uuidv7 } from 'uuid';
import type { MessageKind, MessageStatus, OutboxMessage } from '../../../shared/notifications.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';

export const MAX_ATTEMPTS = 10;
const BACKOFF_FIRST_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;

/** Exponential backoff after the nth failed try: 30 s, 1 min, 2 min, ... at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_FIRST_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

export type OutboxRow = {
  id: string;
  kind: MessageKind;
  channel: 'email' | 'webhook';
  recipient: string;
  subject: string;
  body: string;
  link: string | null;
  ref: string | null;
  dedupe_key: string;
  status: MessageStatus;
  attempts: number;
  next_attempt_at: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
};

export type NewMessage = { kind: MessageKind; channel: 'email' | 'webhook'; recipient: string; subject: string; body: string; link?: string | null; ref?: string | null; dedupeKey: string };

/** Queue one message; a second with the same dedupe key is ignored (returns null). */
export function enqueue(db: Db, m: NewMessage, at: Date): string | null {
  const id = uuidv7();
  const iso = at.toISOString();
  const res = stmt(
    db,
    `INSERT INTO notify_outbox (id, kind, channel, recipient, subject, body, link, ref, dedupe_key, status, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
  ).run(id, m.kind, m.channel, m.recipient, m.subject, m.body, m.link ?? null, m.ref ?? null, m.dedupeKey, iso, iso);
  return res.changes === 1 ? id : null;
}

/**
 * Claim up to `limit` due messages for this process until `holdMs` from now. Each row is taken
 * by a conditional UPDATE: of two processes that read the same row, the second's UPDATE finds
 * it claimed (PostgreSQL re-checks the WHERE after the first commits) and takes nothing. A
 * claim whose process died expires at claimed_until and the row is due again.
 */
export function claimDue(db: Db, by: string, at: Date, holdMs: number, limit = 20): OutboxRow[] {
  const now = at.toISOString();
  const until = new Date(at.getTime() + holdMs).toISOString();
  return db
    .transaction(() => {
      const ids = (
        stmt(
          db,
          `SELECT id FROM notify_outbox WHERE status = 'queued' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
           ORDER BY next_attempt_at, id LIMIT ?`,
        ).all(now, now, limit) as { id: string }[]
      ).map((r) => r.id);
      const take = stmt(db, `UPDATE notify_outbox SET claimed_by = ?, claimed_until = ? WHERE id = ? AND status = 'queued' AND (claimed_until IS NULL OR claimed_until < ?)`);
      const won = ids.filter((id) => take.run(by, until, id, now).changes === 1);
      if (won.length === 0) return [];
      const get = stmt(db, 'SELECT * FROM notify_outbox WHERE id = ?');
      return won.map((id) => get.get(id) as OutboxRow);
    })
    .immediate();
}

export type Outcome = { ok: true } | { ok: false; permanent: boolean; reason: string };

/** Record a try. Only the process holding the claim records it (a claim that expired and was
 *  taken over belongs to the other process now). Returns the row's new status. */
export function recordOutcome(db: Db, row: OutboxRow, by: string, outcome: Outcome, at: Date): MessageStatus | null {
  const iso = at.toISOString();
  return db
    .transaction(() => {
      const attempts = row.attempts + 1;
      let status: MessageStatus;
      let next: string | null = null;
      if (outcome.ok) status = 'sent';
      else if (outcome.permanent) status = 'failed';
      else if (attempts >= MAX_ATTEMPTS) status = 'given_up';
      else {
        status = 'queued';
        next = new Date(at.getTime() + backoffMs(attempts)).toISOString();
      }
      const changed = stmt(
        db,
        `UPDATE notify_outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, sent_at = ?, claimed_by = NULL, claimed_until = NULL
         WHERE id = ? AND claimed_by = ?`,
      ).run(status, attempts, next, outcome.ok ? null : outcome.reason.slice(0, 1000), outcome.ok ? iso : null, row.id, by).changes;
      return changed === 1 ? status : null;
    })
    .immediate();
}

/** "Send again": due now, with a fresh count of tries. */
export function requeue(db: Db, id: string, at: Date): boolean {
  return (
    stmt(db, `UPDATE notify_outbox SET status = 'queued', attempts = 0, next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?`).run(at.toISOString(), id).changes === 1
  );
}

export function getRow(db: Db, id: string): OutboxRow | undefined {
  return stmt(db, 'SELECT * FROM notify_outbox WHERE id = ?').get(id) as OutboxRow | undefined;
}

export function toMessage(r: OutboxRow): OutboxMessage {
  return {
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    recipient: r.recipient,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

export function listMessages(db: Db, status: MessageStatus | undefined, limit: number): OutboxMessage[] {
  const rows = (
    status === undefined
      ? stmt(db, 'SELECT * FROM notify_outbox ORDER BY created_at DESC, id DESC LIMIT ?').all(limit)
      : stmt(db, 'SELECT * FROM notify_outbox WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?').all(status, limit)
  ) as OutboxRow[];
  return rows.map(toMessage);
}

/** Messages name visitors: finished ones are kept 30 days for the log, then deleted. */
export function pruneOutbox(db: Db, at: Date, keepMs = 30 * 24 * 60 * 60_000): number {
  return stmt(db, `DELETE FROM notify_outbox WHERE status <> 'queued' AND created_at < ?`).run(new Date(at.getTime() - keepMs).toISOString()).changes;
}
