// Signing in, signing out and the first-run set-up, over the account, lockout, password and
// session modules. A guesser learns nothing from the answers: a wrong password, an unknown
// username and a disabled account all get the same message after the same scrypt work, and
// unknown names lock exactly as accounts do.
import { randomBytes } from 'node:crypto';
import { ContractError } from '../../../shared/errors.js';
import type { z } from '../../../shared/zod.js';
import type { LoginInput, SetupInput } from '../../../shared/office.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { appendAudit } from '../audit.js';
import type { Hub } from '../hub.js';
import { SCHOOL_ACCOUNTS } from '../staff/accounts.js';
import type { AccountBook, AccountRow } from './accountBook.js';
import { clearFailedLogins, createUnknownNameLockout, lockedMessage, lockedUntil, recordFailedLogin } from './lockout.js';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword, weakPasswordReason, type ScryptParams } from './passwords.js';
import { sessionStore, type Session, type SessionOf } from './sessions.js';
import { completeSetup, needsSetup, setupCodeMatches } from './setup.js';

export const WRONG_CREDENTIALS = 'Wrong username or password.';

export type SignedInTo<R, A, M> = { token: string; session: SessionOf<R, A, M> };
export type SignedIn = { token: string; session: Session };

export type PasswordSignIn<R, A, M> = {
  logIn(input: z.output<typeof LoginInput>): Promise<SignedInTo<R, A, M>>;
  /** A session for an account just proven some other way (set-up), audited as `how`. */
  startSession(staffId: string, now: Date, how: string): SignedInTo<R, A, M>;
  logOut(session: SessionOf<R, A, M>): void;
};

/** Password sign-in over one book of accounts (school staff, trust staff). */
export function createPasswordSignIn<R extends AccountRow, A, M>(
  deps: { db: Db; now: () => Date; book: AccountBook<R, A, M>; scrypt?: ScryptParams },
): PasswordSignIn<R, A, M> {
  const { db, book } = deps;
  const scrypt = deps.scrypt ?? DEFAULT_SCRYPT;
  const sessions = sessionStore(book);
  const unknownNames = createUnknownNameLockout();
  // Verified against when the username is unknown, so that answer takes as long as any other.
  let dummyHash: Promise<string> | null = null;
  const dummy = () => (dummyHash ??= hashPassword(randomBytes(18).toString('base64'), scrypt));

  const wrong = () => new ContractError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  const locked = (until: Date, now: Date) => new ContractError('LOCKED_OUT', lockedMessage(until, now));
  const target = (id: string) => `${book.staffTable}:${id}`;

  function startSession(staffId: string, now: Date, how: string): SignedInTo<R, A, M> {
    return db
      .transaction(() => {
        const staff = book.byId(db, staffId)!;
        const until = lockedUntil(staff, now);
        // Locked (or disabled) by another request while this one was hashing.
        if (until) throw locked(until, now);
        if (staff.active !== 1) throw wrong();
        clearFailedLogins(db, staff.id, book);
        const signedIn = sessions.create(db, book.byId(db, staffId)!, now);
        appendAudit(db, { at: now, actor: book.label(signedIn.session.actor), action: 'session.login', target: target(staff.id), detail: { how } }, book.audit);
        return signedIn;
      })
      .immediate();
  }

  async function upgradeHash(staffId: string, password: string, oldHash: string): Promise<void> {
    if (!needsRehash(oldHash, scrypt)) return;
    const fresh = await hashPassword(password, scrypt);
    // Only if the password was not changed meanwhile.
    stmt(db, `UPDATE ${book.staffTable} SET password_hash = ? WHERE id = ? AND password_hash = ?`).run(fresh, staffId, oldHash);
  }

  return {
    startSession,
    async logIn({ username, password }) {
      const now = deps.now();
      const staff = book.byUsername(db, username);
      if (!staff) {
        const until = unknownNames.lockedUntil(username, now);
        if (until) throw locked(until, now);
        await verifyPassword(password, await dummy());
        const nowLocked = unknownNames.fail(username, now);
        throw nowLocked ? locked(nowLocked, now) : wrong();
      }
      const until = lockedUntil(staff, now);
      if (until) throw locked(until, now);
      const ok = await verifyPassword(password, staff.password_hash);
      if (!ok) {
        const nowLocked = recordFailedLogin(db, staff, now, book);
        throw nowLocked ? locked(nowLocked, now) : wrong();
      }
      if (staff.active !== 1) throw wrong();
      const signedIn = startSession(staff.id, now, 'password');
      await upgradeHash(staff.id, password, staff.password_hash);
      return signedIn;
    },
    logOut(session) {
      const now = deps.now();
      db.transaction(() => {
        sessions.end(db, session.tokenHash);
        appendAudit(db, { at: now, actor: book.label(session.actor), action: 'session.logout', target: target(session.staff.id), detail: {} }, book.audit);
      }).immediate();
    },
  };
}

export type SignInService = PasswordSignIn<Session['staff'], Session['actor'], Session['info']['staff']> & {
  setUp(input: z.output<typeof SetupInput>): Promise<SignedIn>;
};

export function createSignIn(hub: Hub, scrypt: ScryptParams = DEFAULT_SCRYPT): SignInService {
  const { db } = hub;
  const passwords = createPasswordSignIn({ db, now: () => hub.now(), book: SCHOOL_ACCOUNTS, scrypt });
  return {
    ...passwords,
    async setUp({ setupCode, username, displayName, password }) {
      if (!needsSetup(db)) throw new ContractError('CONFLICT', 'This hub is already set up. Sign in instead.');
      if (!setupCodeMatches(db, setupCode))
        throw new ContractError('INVALID_INPUT', 'That set-up code is not right. It is shown where the hub was started, and in setup-code.txt in its data folder.', [
          { path: 'setupCode', message: 'invalid' },
        ]);
      const weak = weakPasswordReason(password, username);
      if (weak) throw new ContractError('INVALID_INPUT', weak, [{ path: 'password', message: 'invalid' }]);
      const passwordHash = await hashPassword(password, scrypt);
      const now = hub.now();
      const admin = completeSetup(db, hub.dataDir, { username, displayName, passwordHash }, now);
      return passwords.startSession(admin.id, now, 'set-up');
    },
  };
}
