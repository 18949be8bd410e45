// Checks shared by invitations and pre-visit requests.
import { ContractError } from '../../../shared/errors.js';
import { emailProblem } from '../../../shared/notifications.js';
import type { Db } from '../../db/open.js';
import { readSettings } from '../notifications/settings.js';

/** One address, or the field is refused with what is wrong in words (as notifications do). */
export function visitorAddress(raw: string, path = 'email'): string {
  const p = emailProblem(raw);
  if (p) throw new ContractError('INVALID_INPUT', `The visitor's email address ${p}.`, [{ path, message: 'invalid' }]);
  return raw.trim().toLowerCase();
}

export function requireEmailOn(db: Db): void {
  if (!readSettings(db).smtp.enabled) throw new ContractError('CONFLICT', 'Email is not set up on this hub (console: Notifications). You can download the invitation as a letter instead.');
}

