// Password guessing, per account: 5 wrong passwords in a row lock the account for 15 minutes
// (an administrator can unlock it sooner with staff.update). Counted in the staff row, so a
// restart does not reset it, and audited. Names that are not accounts get the same treatment
// from an in-memory table, so "locked" never tells a guesser that a username exists.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { appendAudit } from '../audit.js';
import { SCHOOL_ACCOUNTS } from '../staff/accounts.js';
import type { AccountBook, AccountRow } from './accountBook.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** Who the audit log names for what the sign-in guard does on its own. */
export const SIGN_IN_ACTOR = 'Office hub sign-in';

export function lockedUntil(row: Pick<AccountRow, 'locked_until'>, now: Date): Date | null {
  return row.locked_until !== null && row.locked_until > now.toISOString() ? new Date(row.locked_until) : null;
}

type Book = Pick<AccountBook<AccountRow, unknown, unknown>, 'staffTable' | 'audit'>;

/** Count a wrong password; the fifth in a row locks the account. Returns the lock, if any. */
export function recordFailedLogin(db: Db, staff: AccountRow, now: Date, book: Book = SCHOOL_ACCOUNTS): Date | null {
  const table = book.staffTable;
  return db
    .transaction((): Date | null => {
      const fails = (stmt(db, `UPDATE ${table} SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins`).get(staff.id) as { failed_logins: number })
        .failed_logins;
      const target = `${table}:${staff.id}`;
      appendAudit(db, { at: now, actor: SIGN_IN_ACTOR, action: 'session.loginFailed', target, detail: { username: staff.username, failedInARow: fails } }, book.audit);
      if (fails < MAX_FAILED_LOGINS) return null;
      const until = new Date(now.getTime() + LOCKOUT_MS);
      stmt(db, `UPDATE ${table} SET failed_logins = 0, locked_until = ? WHERE id = ?`).run(until.toISOString(), staff.id);
      appendAudit(db, { at: now, actor: SIGN_IN_ACTOR, action: 'staff.lockedOut', target, detail: { username: staff.username, until: until.toISOString(), afterFailures: fails } }, book.audit);
      return until;
    })
    .immediate();
}

export function clearFailedLogins(db: Db, staffId: string, book: Book = SCHOOL_ACCOUNTS): void {
  stmt(db, `UPDATE ${book.staffTable} SET failed_logins = 0, locked_until = NULL WHERE id = ?`).run(staffId);
}

/** The same rule for names that are not accounts, kept in memory (bounded). */
export function createUnknownNameLockout(maxNames = 10_000) {
  const names = new Map<string, { fails: number; until: number }>();
  return {
    lockedUntil(name: string, now: Date): Date | null {
      const e = names.get(name);
      return e && e.until > now.getTime() ? new Date(e.until) : null;
    },
    fail(name: string, now: Date): Date | null {
      if (names.size >= maxNames && !names.has(name)) {
        // Under a flood of made-up names: drop every entry not locked now, then the oldest.
        for (const [k, v] of names) if (v.until <= now.getTime()) names.delete(k);
        if (names.size >= maxNames) names.delete(names.keys().next().value!);
      }
      const e = names.get(name) ?? { fails: 0, until: 0 };
      e.fails++;
      if (e.fails >= MAX_FAILED_LOGINS) {
        e.fails = 0;
        e.until = now.getTime() + LOCKOUT_MS;
      }
      names.set(name, e);
      return e.until > now.getTime() ? new Date(e.until) : null;
    },
  };
}

export type UnknownNameLockout = ReturnType<typeof createUnknownNameLockout>;

export function lockedMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Too many wrong passwords. Sign-in is locked for ${minutes} minute${minutes === 1 ? '' : 's'}; an administrator can unlock it sooner.`;
}
