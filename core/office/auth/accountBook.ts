// Whose accounts a sign-in, a session or a lockout is about. The school console's staff and the
// trust's own staff (core/office/trust/staff.ts) have the same columns in tables of their own
// names, and each has its own audit chain; the password, session and lockout code is written
// once, over this description.
import type { Db } from '../../db/open.js';
import type { AuditLog } from '../audit.js';

/** The columns every account table has. */
export type AccountRow = {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  failed_logins: number;
  locked_until: string | null;
  active: number;
  must_change_password: number;
};

export type AccountBook<R extends AccountRow, A, M> = {
  staffTable: 'staff' | 'trust_staff';
  sessionsTable: 'sessions' | 'trust_sessions';
  audit: AuditLog;
  byId(db: Db, id: string): R | undefined;
  byUsername(db: Db, username: string): R | undefined;
  /** Who handlers and the audit log see acting. */
  toActor(row: R): A;
  /** How the audit log names the actor. */
  label(actor: A): string;
  /** What the console may know about the account (never its hash). */
  toMember(row: R, now: Date): M;
};
