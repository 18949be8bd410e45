// Staff accounts and the audit log, for administrators. Every change is audited in its own
// transaction (the dispatcher's). The hub never ends up without an active administrator, and
// an account whose password changes or that is disabled is signed out everywhere at once.
import { ContractError } from '../../../shared/errors.js';
import { listAudit, verifyAudit } from '../audit.js';
import { hashPasswordSync, verifyPasswordSync, weakPasswordReason } from '../auth/passwords.js';
import { endSessionsOf } from '../auth/sessions.js';
import { actorLabel, type OfficeCtx, type OfficeHandlers } from '../context.js';
import { stmt } from '../../db/statements.js';
import { removeKioskPin, resendKioskPin } from './kioskPins.js';
import { activeAdminCount, allStaff, isTrustVisitor, insertStaff, staffById, staffByUsername, toStaffMember } from './accounts.js';

/** The hash to store: the one the HTTP layer made off the event loop, or made here. */
function passwordHash(ctx: OfficeCtx, password: string, username: string, field = 'password'): string {
  const weak = weakPasswordReason(password, username);
  if (weak) throw new ContractError('INVALID_INPUT', weak, [{ path: field, message: 'invalid' }]);
  const prepared = ctx.prepared?.password;
  return prepared && prepared.plain === password ? prepared.hash : hashPasswordSync(password);
}

const LAST_ADMIN = 'There must always be at least one active administrator. Make someone else an administrator first.';

export const staffHandlers: OfficeHandlers<'staff.list' | 'staff.create' | 'staff.update' | 'account.changePassword' | 'audit.list' | 'audit.verify'> = {
  'staff.list': (_input, ctx) => ({ staff: allStaff(ctx.db).map((r) => toStaffMember(r, ctx.now)) }),

  'staff.create': ({ username, displayName, role, password }, ctx) => {
    if (staffByUsername(ctx.db, username))
      throw new ContractError('CONFLICT', 'That username is already in use.', [{ path: 'username', message: 'taken' }]);
    const row = insertStaff(ctx.db, { username, displayName, role, passwordHash: passwordHash(ctx, password, username), createdBy: actorLabel(ctx.actor), now: ctx.now, mustChangePassword: true });
    ctx.audit('staff.create', `staff:${row.id}`, { username, displayName, role });
    return { staff: toStaffMember(row, ctx.now) };
  },

  'staff.update': (input, ctx) => {
    const { db } = ctx;
    const row = staffById(db, input.id);
    if (!row) throw new ContractError('NOT_FOUND', 'There is no such staff account.');
    // A trust person's access follows their trust account, made afresh each time they open the school.
    if (isTrustVisitor(row)) throw new ContractError('CONFLICT', 'This account belongs to someone from the trust; the trust manages it.');
    const role = input.role ?? row.role;
    const active = input.active ?? row.active === 1;
    const losesAdmin = row.role === 'admin' && row.active === 1 && (role !== 'admin' || !active);
    if (losesAdmin && activeAdminCount(db) <= 1)
      throw new ContractError('CONFLICT', LAST_ADMIN, [{ path: input.role !== undefined && role !== 'admin' ? 'role' : 'active', message: 'invalid' }]);

    const changes: Record<string, unknown> = {};
    const displayName = input.displayName ?? row.display_name;
    if (displayName !== row.display_name) changes.displayName = { from: row.display_name, to: displayName };
    if (role !== row.role) changes.role = { from: row.role, to: role };
    if (active !== (row.active === 1)) changes.active = { from: row.active === 1, to: active };
    stmt(db, 'UPDATE staff SET display_name = ?, role = ?, active = ? WHERE id = ?').run(displayName, role, active ? 1 : 0, row.id);

    if (input.password !== undefined) {
      // A new password also clears a lockout: the administrator has just vouched for it. One
      // set for someone else is theirs to replace at their next sign-in (only they know it then).
      const mustChange = row.id !== ctx.actor.staffId ? 1 : 0;
      stmt(db, 'UPDATE staff SET password_hash = ?, failed_logins = 0, locked_until = NULL, must_change_password = ? WHERE id = ?').run(
        passwordHash(ctx, input.password, row.username), mustChange, row.id,
      );
      changes.password = 'changed';
    } else if (input.unlock) {
      stmt(db, 'UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(row.id);
      changes.unlocked = true;
    }
    // Personal kiosk PINs follow the account: gone from every kiosk when it is disabled.
    if (!active) {
      if (removeKioskPin(db, row.id, ctx.now)) changes.kioskPin = 'removed';
    } else if (displayName !== row.display_name) resendKioskPin(db, row.id, displayName, ctx.now);
    if (input.password !== undefined || !active) {
      const ended = endSessionsOf(db, row.id);
      if (ended > 0) changes.sessionsEnded = ended;
    }
    if (Object.keys(changes).length > 0) ctx.audit('staff.update', `staff:${row.id}`, { username: row.username, ...changes });
    return { staff: toStaffMember(staffById(db, row.id)!, ctx.now) };
  },

  'account.changePassword': ({ currentPassword, newPassword }, ctx) => {
    const { db } = ctx;
    const row = staffById(db, ctx.actor.staffId);
    if (!row) throw new ContractError('NOT_FOUND', 'There is no such staff account.');
    const given = ctx.prepared?.currentPassword;
    const ok = given && given.plain === currentPassword ? given.ok : verifyPasswordSync(currentPassword, row.password_hash);
    if (!ok) throw new ContractError('INVALID_INPUT', 'That is not your current password.', [{ path: 'currentPassword', message: 'wrong' }]);
    const hash = passwordHash(ctx, newPassword, row.username, 'newPassword');
    stmt(db, 'UPDATE staff SET password_hash = ?, must_change_password = 0 WHERE id = ?').run(hash, row.id);
    // Anyone else signed in as them (an old tab, someone who knew the old password) is out.
    const ended = stmt(db, 'DELETE FROM sessions WHERE staff_id = ? AND token_hash <> ?').run(row.id, ctx.prepared?.sessionTokenHash ?? '').changes;
    ctx.audit('staff.changeOwnPassword', `staff:${row.id}`, { username: row.username, wasRequired: row.must_change_password === 1, otherSessionsEnded: ended });
    return { staff: toStaffMember(staffById(db, row.id)!, ctx.now) };
  },

  'audit.list': ({ limit, before }, ctx) => {
    if (before !== undefined && !/^[1-9][0-9]{0,15}$/.test(before))
      throw new ContractError('INVALID_INPUT', 'Please check: before is not valid.', [{ path: 'before', message: 'invalid' }]);
    return listAudit(ctx.db, limit, before === undefined ? undefined : Number(before));
  },

  'audit.verify': (_input, ctx) => verifyAudit(ctx.db),
};
