// Staff sessions. The browser holds a random 32-byte token in an HttpOnly cookie; the hub
// stores only its sha-256, so a copy of office.sqlite3 holds no live session. A session ends
// after 30 minutes without use or 10 hours after sign-in, whichever comes first, and at once
// when its account is disabled or its password changed (endSessionsOf). Each session has its
// own CSRF token, which the console sends back in a header on every state-changing request.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import type { StaffMember } from '../../../shared/office.js';
import { SCHOOL_ACCOUNTS, type StaffRow } from '../staff/accounts.js';
import type { Actor } from '../context.js';
import type { AccountBook, AccountRow } from './accountBook.js';

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 10 * 60 * 60_000;

/** A live session of an account kept in some AccountBook (school staff or trust staff). */
export type SessionOf<R, A, M> = { tokenHash: string; staff: R; actor: A; csrfToken: string; info: { staff: M; csrfToken: string; expiresAt: string } };
export type Session = SessionOf<StaffRow, Actor, StaffMember>;

type SessionRow = { token_hash: string; staff_id: string; csrf_token: string; created_at: string; last_seen_at: string; expires_at: string };

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The earlier of the idle and the absolute end, as the console shows it. */
function endsAt(lastSeen: Date, absoluteEnd: string): string {
  const idle = new Date(lastSeen.getTime() + IDLE_TIMEOUT_MS).toISOString();
  return idle < absoluteEnd ? idle : absoluteEnd;
}

export type SessionStore<R, A, M> = {
  create(db: Db, staff: R, now: Date): { token: string; session: SessionOf<R, A, M> };
  find(db: Db, token: string | undefined, now: Date, opts?: { touch?: boolean }): SessionOf<R, A, M> | null;
  end(db: Db, tokenHashValue: string): void;
  endAllOf(db: Db, staffId: string): number;
  prune(db: Db, now: Date): void;
};

/** The session rules over one book's tables. */
export function sessionStore<R extends AccountRow, A, M>(book: AccountBook<R, A, M>): SessionStore<R, A, M> {
  const table = book.sessionsTable;
  const of = (staff: R, hash: string, csrfToken: string, lastSeen: Date, absoluteEnd: string): SessionOf<R, A, M> => ({
    tokenHash: hash,
    staff,
    actor: book.toActor(staff),
    csrfToken,
    info: { staff: book.toMember(staff, lastSeen), csrfToken, expiresAt: endsAt(lastSeen, absoluteEnd) },
  });

  function prune(db: Db, now: Date): void {
    const at = now.toISOString();
    const idleCutoff = new Date(now.getTime() - IDLE_TIMEOUT_MS).toISOString();
    stmt(db, `DELETE FROM ${table} WHERE expires_at <= ? OR last_seen_at <= ?`).run(at, idleCutoff);
  }

  return {
    prune,
    create(db, staff, now) {
      prune(db, now);
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      const hash = tokenHash(token);
      const absoluteEnd = new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS).toISOString();
      stmt(db, `INSERT INTO ${table} (token_hash, staff_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
        hash, staff.id, csrfToken, now.toISOString(), now.toISOString(), absoluteEnd,
      );
      return { token, session: of(staff, hash, csrfToken, now, absoluteEnd) };
    },
    find(db, token, now, opts = {}) {
      if (!token || token.length > 100) return null;
      const hash = tokenHash(token);
      const row = stmt(db, `SELECT token_hash, staff_id, csrf_token, created_at, last_seen_at, expires_at FROM ${table} WHERE token_hash = ?`).get(hash) as
        | SessionRow
        | undefined;
      if (!row) return null;
      const at = now.toISOString();
      const idleEnd = new Date(new Date(row.last_seen_at).getTime() + IDLE_TIMEOUT_MS).toISOString();
      const staff = book.byId(db, row.staff_id);
      if (at >= row.expires_at || at >= idleEnd || !staff || staff.active !== 1) {
        stmt(db, `DELETE FROM ${table} WHERE token_hash = ?`).run(hash);
        return null;
      }
      const touch = opts.touch ?? true;
      if (touch) stmt(db, `UPDATE ${table} SET last_seen_at = ? WHERE token_hash = ?`).run(at, hash);
      return of(staff, hash, row.csrf_token, touch ? now : new Date(row.last_seen_at), row.expires_at);
    },
    end(db, tokenHashValue) {
      stmt(db, `DELETE FROM ${table} WHERE token_hash = ?`).run(tokenHashValue);
    },
    endAllOf(db, staffId) {
      return stmt(db, `DELETE FROM ${table} WHERE staff_id = ?`).run(staffId).changes;
    },
  };
}

const school = sessionStore(SCHOOL_ACCOUNTS);

/** Start a session; the returned token goes in the cookie and nowhere else. */
export const createSession = school.create;

/**
 * The live session for a cookie value, or null. Using a session keeps it alive (moves its
 * idle end) unless `touch` is false (a background refresh is not use); a session past either
 * end is deleted here. The account is read afresh, so a role change applies to the very next
 * request.
 */
export const findSession = school.find;

export const endSession = school.end;

/** Sign the account out everywhere (disabled, password changed or reset). */
export const endSessionsOf = school.endAllOf;

/** Forget sessions that have ended, so the table does not grow with every sign-in. */
export const pruneSessions = school.prune;

/** Constant-time check of the CSRF header against the session's token. */
export function csrfMatches(session: { csrfToken: string }, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
