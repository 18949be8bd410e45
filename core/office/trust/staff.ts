// The trust's own staff (trust_staff in the directory): the central safeguarding lead and the
// trust's administrators. Same rules as a school's accounts (username, 12-character password
// that is not trivially guessable, lockout, must-change-password after an administrator set
// it), through the same code: TRUST_ACCOUNTS is their AccountBook. Every change is audited in
// trust_audit in the transaction that makes it.
import { v7 as uuidv7 } from 'uuid';
import { ContractError } from '../../../shared/errors.js';
import { OFFICE_LIMITS, Password } from '../../../shared/office.js';
import {
  TrustStaffCreateInput,
  type TrustRole,
  type TrustStaffMember,
  TrustStaffUpdateInput,
} from '../../../shared/trust.js';
import type { z } from '../../../shared/zod.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { appendAudit, type AuditLog } from '../audit.js';
import type { AccountBook } from '../auth/accountBook.js';
import { DEFAULT_SCRYPT, hashPassword, weakPasswordReason, type ScryptParams } from '../auth/passwords.js';
import { sessionStore } from '../auth/sessions.js';
import { parseInput } from '../parse.js';

export type TrustStaffRow = {
  id: string;
  username: string;
  display_name: string;
  role: TrustRole;
  password_hash: string;
  failed_logins: number;
  locked_until: string | null;
  active: number;
  must_change_password: number;
  created_at: string;
  created_by: string;
};

export type TrustActor = { staffId: string; username: string; displayName: string; role: TrustRole; mustChangePassword: boolean };

export const TRUST_AUDIT: AuditLog = { table: 'trust_audit', settings: 'trust_settings' };
/** Who the trust audit names for the hub's command line. */
export const TRUST_COMMAND_LINE = 'Hub command line';

const COLUMNS = 'id, username, display_name, role, password_hash, failed_logins, locked_until, active, must_change_password, created_at, created_by';

export function trustStaffById(db: Db, id: string): TrustStaffRow | undefined {
  return stmt(db, `SELECT ${COLUMNS} FROM trust_staff WHERE id = ?`).get(id) as TrustStaffRow | undefined;
}

export function trustStaffByUsername(db: Db, username: string): TrustStaffRow | undefined {
  return stmt(db, `SELECT ${COLUMNS} FROM trust_staff WHERE username = ?`).get(username) as TrustStaffRow | undefined;
}

/** "Jane Smith (jsmith, trust)": the trust's people are told apart from a school's in any log. */
export function trustActorLabel(a: Pick<TrustActor, 'displayName' | 'username'>): string {
  return `${a.displayName} (${a.username}, trust)`;
}

export function toTrustMember(row: TrustStaffRow, now: Date): TrustStaffMember {
  const locked = row.locked_until !== null && row.locked_until > now.toISOString() ? row.locked_until : null;
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, active: row.active === 1, lockedUntil: locked, mustChangePassword: row.must_change_password === 1 };
}

export function toTrustActor(row: TrustStaffRow): TrustActor {
  return { staffId: row.id, username: row.username, displayName: row.display_name, role: row.role, mustChangePassword: row.must_change_password === 1 };
}

export const TRUST_ACCOUNTS: AccountBook<TrustStaffRow, TrustActor, TrustStaffMember> = {
  staffTable: 'trust_staff',
  sessionsTable: 'trust_sessions',
  audit: TRUST_AUDIT,
  byId: trustStaffById,
  byUsername: trustStaffByUsername,
  toActor: toTrustActor,
  label: trustActorLabel,
  toMember: toTrustMember,
};

export const trustSessions = sessionStore(TRUST_ACCOUNTS);

function strongEnough(password: string, username: string): void {
  const { min, max } = OFFICE_LIMITS.password;
  if (password.length < min || password.length > max)
    throw new ContractError('INVALID_INPUT', `The password must be ${min} to ${max} characters long.`, [{ path: 'password', message: password.length < min ? 'tooShort' : 'tooLong' }]);
  const weak = weakPasswordReason(password, username);
  if (weak) throw new ContractError('INVALID_INPUT', weak, [{ path: 'password', message: 'invalid' }]);
}

function activeTrustAdmins(db: Db): number {
  return (stmt(db, "SELECT COUNT(*) AS n FROM trust_staff WHERE role = 'trust_admin' AND active = 1").get() as { n: number }).n;
}

/** A new trust account. From the command line its password is the holder's own; made by a
 *  trust administrator, it must be changed at first use. */
export async function createTrustStaff(
  db: Db,
  raw: unknown,
  by: { label: string; commandLine?: boolean },
  now: Date,
  scrypt: ScryptParams = DEFAULT_SCRYPT,
): Promise<TrustStaffMember> {
  const input = parseInput(TrustStaffCreateInput, raw);
  strongEnough(input.password, input.username);
  const passwordHash = await hashPassword(input.password, scrypt);
  const row = db
    .transaction(() => {
      if (trustStaffByUsername(db, input.username)) throw new ContractError('CONFLICT', `The username ${input.username} is already in use.`, [{ path: 'username', message: 'taken' }]);
      const id = uuidv7();
      stmt(db, 'INSERT INTO trust_staff (id, username, display_name, role, password_hash, created_at, created_by, must_change_password) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        id, input.username, input.displayName, input.role, passwordHash, now.toISOString(), by.label, by.commandLine ? 0 : 1,
      );
      appendAudit(db, { at: now, actor: by.label, action: 'trustStaff.create', target: `trust_staff:${id}`, detail: { username: input.username, displayName: input.displayName, role: input.role } }, TRUST_AUDIT);
      return trustStaffById(db, id)!;
    })
    .immediate();
  return toTrustMember(row, now);
}

export function listTrustStaff(db: Db, now: Date): TrustStaffMember[] {
  return (stmt(db, `SELECT ${COLUMNS} FROM trust_staff ORDER BY active DESC, display_name, username`).all() as TrustStaffRow[]).map((r) => toTrustMember(r, now));
}

/** A trust administrator changes an account: name, role, enabled, a new password, unlock. */
export async function updateTrustStaff(
  db: Db,
  id: string,
  raw: unknown,
  actor: TrustActor,
  now: Date,
  scrypt: ScryptParams = DEFAULT_SCRYPT,
): Promise<TrustStaffMember> {
  const input = parseInput(TrustStaffUpdateInput, raw);
  const before = trustStaffById(db, id);
  if (!before) throw new ContractError('NOT_FOUND', 'There is no such trust account.');
  if (input.password !== undefined) strongEnough(input.password, before.username);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password, scrypt) : null;
  const row = db
    .transaction(() => {
      const row = trustStaffById(db, id)!;
      const role = input.role ?? row.role;
      const active = input.active ?? row.active === 1;
      if (row.role === 'trust_admin' && row.active === 1 && (role !== 'trust_admin' || !active) && activeTrustAdmins(db) <= 1)
        throw new ContractError('CONFLICT', 'The trust must keep at least one active administrator. Make someone else a trust administrator first.');
      const displayName = input.displayName ?? row.display_name;
      const changes: Record<string, unknown> = {};
      if (displayName !== row.display_name) changes.displayName = { from: row.display_name, to: displayName };
      if (role !== row.role) changes.role = { from: row.role, to: role };
      if (active !== (row.active === 1)) changes.active = { from: row.active === 1, to: active };
      stmt(db, 'UPDATE trust_staff SET display_name = ?, role = ?, active = ? WHERE id = ?').run(displayName, role, active ? 1 : 0, id);
      if (passwordHash !== null) {
        stmt(db, 'UPDATE trust_staff SET password_hash = ?, failed_logins = 0, locked_until = NULL, must_change_password = ? WHERE id = ?').run(passwordHash, id === actor.staffId ? 0 : 1, id);
        changes.password = 'changed';
      } else if (input.unlock) {
        stmt(db, 'UPDATE trust_staff SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(id);
        changes.unlocked = true;
      }
      if (passwordHash !== null || !active) {
        const ended = trustSessions.endAllOf(db, id);
        if (ended > 0) changes.sessionsEnded = ended;
      }
      if (Object.keys(changes).length > 0) appendAudit(db, { at: now, actor: trustActorLabel(actor), action: 'trustStaff.update', target: `trust_staff:${id}`, detail: { username: row.username, ...changes } }, TRUST_AUDIT);
      return trustStaffById(db, id)!;
    })
    .immediate();
  return toTrustMember(row, now);
}

/** The holder changes their own password (the current one was checked by the caller, off the
 *  event loop); the must-change mark goes and their other sessions end. */
export async function changeOwnTrustPassword(
  db: Db,
  actor: TrustActor,
  input: { currentOk: boolean; newPassword: string },
  keepSession: string,
  now: Date,
  scrypt: ScryptParams = DEFAULT_SCRYPT,
): Promise<TrustStaffMember> {
  if (!input.currentOk) throw new ContractError('INVALID_INPUT', 'The current password is not right.', [{ path: 'currentPassword', message: 'invalid' }]);
  const password = parseInput(Password, input.newPassword);
  strongEnough(password, actor.username);
  const hash = await hashPassword(password, scrypt);
  return db
    .transaction(() => {
      stmt(db, 'UPDATE trust_staff SET password_hash = ?, must_change_password = 0 WHERE id = ?').run(hash, actor.staffId);
      stmt(db, 'DELETE FROM trust_sessions WHERE staff_id = ? AND token_hash <> ?').run(actor.staffId, keepSession);
      appendAudit(db, { at: now, actor: trustActorLabel(actor), action: 'account.changePassword', target: `trust_staff:${actor.staffId}`, detail: {} }, TRUST_AUDIT);
      return toTrustMember(trustStaffById(db, actor.staffId)!, now);
    })
    .immediate();
}

export type TrustStaffCreate = z.input<typeof TrustStaffCreateInput>;
