// Account changes made at the hub itself rather than in the console: an administrator for a
// scripted install (or a lost first-run code), and a password reset when every administrator
// is locked out or has forgotten theirs. Same rules as the console (username, 12-character
// password that is not trivially guessable), audited, and a reset signs the account out.
import { ContractError } from '../../../shared/errors.js';
import { OFFICE_LIMITS, officeOps, Password } from '../../../shared/office.js';
import { appendAudit } from '../audit.js';
import { hashPassword, weakPasswordReason, DEFAULT_SCRYPT, type ScryptParams } from '../auth/passwords.js';
import { endSessionsOf } from '../auth/sessions.js';
import { clearSetupCode } from '../auth/setup.js';
import type { Hub } from '../hub.js';
import { parseInput } from '../parse.js';
import { insertStaff, staffByUsername, toStaffMember } from './accounts.js';
import type { StaffMember } from '../../../shared/office.js';

export const COMMAND_LINE_ACTOR = 'Hub command line';

/** Said in words on a terminal, where no console translates the field keys. */
function checkLength(password: string): void {
  const { min, max } = OFFICE_LIMITS.password;
  if (password.length < min || password.length > max)
    throw new ContractError('INVALID_INPUT', `The password must be ${min} to ${max} characters long.`, [{ path: 'password', message: password.length < min ? 'tooShort' : 'tooLong' }]);
}

export async function createAdministrator(
  hub: Hub,
  raw: { username: string; displayName: string; password: string },
  scrypt: ScryptParams = DEFAULT_SCRYPT,
): Promise<StaffMember> {
  checkLength(raw.password);
  const input = parseInput(officeOps['staff.create'].input, { ...raw, role: 'admin' });
  const weak = weakPasswordReason(input.password, input.username);
  if (weak) throw new ContractError('INVALID_INPUT', weak, [{ path: 'password', message: 'invalid' }]);
  const passwordHash = await hashPassword(input.password, scrypt);
  const now = hub.now();
  const row = hub.db
    .transaction(() => {
      if (staffByUsername(hub.db, input.username)) throw new ContractError('CONFLICT', `The username ${input.username} is already in use.`);
      const created = insertStaff(hub.db, { username: input.username, displayName: input.displayName, role: 'admin', passwordHash, createdBy: COMMAND_LINE_ACTOR, now });
      appendAudit(hub.db, { at: now, actor: COMMAND_LINE_ACTOR, action: 'staff.create', target: `staff:${created.id}`, detail: { username: created.username, displayName: created.display_name, role: 'admin' } });
      return created;
    })
    .immediate();
  // Someone now holds the keys: the first-run code must not make a second administrator.
  clearSetupCode(hub.db, hub.dataDir);
  return toStaffMember(row, now);
}

/** New password, lockout cleared, every session of the account ended. */
export async function resetPassword(hub: Hub, username: string, password: string, scrypt: ScryptParams = DEFAULT_SCRYPT): Promise<StaffMember> {
  const name = username.trim().toLowerCase();
  checkLength(password);
  const pw = parseInput(Password, password);
  const existing = staffByUsername(hub.db, name);
  if (!existing) throw new ContractError('NOT_FOUND', `There is no account with the username ${name}.`);
  const weak = weakPasswordReason(pw, name);
  if (weak) throw new ContractError('INVALID_INPUT', weak, [{ path: 'password', message: 'invalid' }]);
  const passwordHash = await hashPassword(pw, scrypt);
  const now = hub.now();
  return hub.db
    .transaction(() => {
      hub.db.prepare('UPDATE staff SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE id = ?').run(passwordHash, existing.id);
      const ended = endSessionsOf(hub.db, existing.id);
      appendAudit(hub.db, { at: now, actor: COMMAND_LINE_ACTOR, action: 'staff.resetPassword', target: `staff:${existing.id}`, detail: { username: name, sessionsEnded: ended } });
      return toStaffMember(staffByUsername(hub.db, name)!, now);
    })
    .immediate();
}
