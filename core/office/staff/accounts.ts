// Staff account rows: reading them, turning them into what the console sees (never the
// password hash) and into the actor that handlers record. The one place that writes a new
// account row, for the console, the first-run set-up and the command line alike.
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import type { Role, StaffMember } from '../../../shared/office.js';
import { actorLabel, type Actor } from '../context.js';
import { SCHOOL_AUDIT } from '../audit.js';
import type { AccountBook } from '../auth/accountBook.js';

export type StaffRow = {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  failed_logins: number;
  locked_until: string | null;
  active: number;
  created_at: string;
  created_by: string;
  /** 1: an administrator set this password; the member of staff must choose their own first. */
  must_change_password: number;
};

const COLUMNS = 'id, username, display_name, role, password_hash, failed_logins, locked_until, active, created_at, created_by, must_change_password';

export function staffById(db: Db, id: string): StaffRow | undefined {
  return stmt(db, `SELECT ${COLUMNS} FROM staff WHERE id = ?`).get(id) as StaffRow | undefined;
}

export function staffByUsername(db: Db, username: string): StaffRow | undefined {
  return stmt(db, `SELECT ${COLUMNS} FROM staff WHERE username = ?`).get(username) as StaffRow | undefined;
}

export function allStaff(db: Db): StaffRow[] {
  return stmt(db, `SELECT ${COLUMNS} FROM staff ORDER BY active DESC, lower(display_name), username`).all() as StaffRow[];
}

/** A trust person's account in this school, made when they open its console from the trust
 *  (core/office/trust/drillIn.ts). Its username has a colon, which no school account can have
 *  (Username), and its password hash is no hash at all, so nobody signs in to it with a password. */
export const TRUST_VISITOR_PREFIX = 'trust:';

export function isTrustVisitor(row: Pick<StaffRow, 'username'>): boolean {
  return row.username.startsWith(TRUST_VISITOR_PREFIX);
}

/** The school's own staff, not counting trust visitors (first-run set-up, the last administrator). */
const OWN_STAFF = `username NOT LIKE '${TRUST_VISITOR_PREFIX}%'`;

export function staffCount(db: Db): number {
  return (stmt(db, `SELECT COUNT(*) AS n FROM staff WHERE ${OWN_STAFF}`).get() as { n: number }).n;
}

export function activeAdminCount(db: Db): number {
  return (stmt(db, `SELECT COUNT(*) AS n FROM staff WHERE role = 'admin' AND active = 1 AND ${OWN_STAFF}`).get() as { n: number }).n;
}

/** What the console may know about an account. A lock that has run out shows as none. */
export function toStaffMember(row: StaffRow, now: Date): StaffMember {
  const locked = row.locked_until !== null && row.locked_until > now.toISOString() ? row.locked_until : null;
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, active: row.active === 1, lockedUntil: locked, mustChangePassword: row.must_change_password === 1 };
}

export function toActor(row: StaffRow): Actor {
  return {
    staffId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    mustChangePassword: row.must_change_password === 1,
    ...(isTrustVisitor(row) ? { trustVisitor: true } : {}),
  };
}

export type NewStaff = { username: string; displayName: string; role: Role; passwordHash: string; createdBy: string; now: Date; mustChangePassword?: boolean };

/** Insert an account. Callers check the username is free and audit it in the same transaction. */
export function insertStaff(db: Db, s: NewStaff): StaffRow {
  const id = uuidv7();
  stmt(db, 'INSERT INTO staff (id, username, display_name, role, password_hash, created_at, created_by, must_change_password) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    id, s.username, s.displayName, s.role, s.passwordHash, s.now.toISOString(), s.createdBy, s.mustChangePassword ? 1 : 0,
  );
  return staffById(db, id)!;
}

/** The school's staff as the shared sign-in, session and lockout code sees them. */
export const SCHOOL_ACCOUNTS: AccountBook<StaffRow, Actor, StaffMember> = {
  staffTable: 'staff',
  sessionsTable: 'sessions',
  audit: SCHOOL_AUDIT,
  byId: staffById,
  byUsername: staffByUsername,
  toActor,
  label: actorLabel,
  toMember: toStaffMember,
};
