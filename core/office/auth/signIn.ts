// Signing in, signing out and the first-run set-up, over the account, lockout, password and
// session modules. A guesser learns nothing from the answers: a wrong password, an unknown
// username and a disabled account all get the same message after the same scrypt work, and
// unknown names lock exactly as accounts do.
import { randomBytes } from 'node:crypto';
import { ContractError } from '../../../shared/errors.js';
import type { z } from '../../../shared/zod.js';
import type { LoginInput, SetupInput } from '../../../shared/office.js';
import { appendAudit } from '../audit.js';
import type { AttemptCounter } from '../http/attempts.js';
import { actorLabel } from '../context.js';
import type { Hub } from '../hub.js';
import { staffById, staffByUsername } from '../staff/accounts.js';
import { clearFailedLogins, createUnknownNameLockout, lockedMessage, lockedUntil, recordFailedLogin } from './lockout.js';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword, weakPasswordReason, type ScryptParams } from './passwords.js';
import { createSession, endSession, type Session } from './sessions.js';
import { completeSetup, needsSetup, setupCodeMatches } from './setup.js';

export const WRONG_CREDENTIALS = 'Wrong username or password.';

export type SignedIn = { token: string; session: Session };

export type SignInService = {
  logIn(input: z.output<typeof LoginInput>): Promise<SignedIn>;
  setUp(input: z.output<typeof SetupInput>): Promise<SignedIn>;
  logOut(session: Session): void;
};

/** `attempts`: where made-up usernames' wrong passwords are counted (see lockout.ts). */
export function createSignIn(hub: Hub, scrypt: ScryptParams = DEFAULT_SCRYPT, attempts?: AttemptCounter): SignInService {
  const { db } = hub;
  const unknownNames = createUnknownNameLockout(attempts, hub.store.engine === 'postgres' ? hub.store.school : '');
  // Verified against when the username is unknown, so that answer takes as long as any other.
  let dummyHash: Promise<string> | null = null;
  const dummy = () => (dummyHash ??= hashPassword(randomBytes(18).toString('base64'), scrypt));

  const wrong = () => new ContractError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  const locked = (until: Date, now: Date) => new ContractError('LOCKED_OUT', lockedMessage(until, now));

  function startSession(staffId: string, now: Date, how: string): SignedIn {
    return db
      .transaction(() => {
        const staff = staffById(db, staffId)!;
        const until = lockedUntil(staff, now);
        // Locked (or disabled) by another request while this one was hashing.
        if (until) throw locked(until, now);
        if (staff.active !== 1) throw wrong();
        clearFailedLogins(db, staff.id);
        const signedIn = createSession(db, staffById(db, staffId)!, now);
        appendAudit(db, { at: now, actor: actorLabel(signedIn.session.actor), action: 'session.login', target: `staff:${staff.id}`, detail: { how } });
        return signedIn;
      })
      .immediate();
  }

  async function upgradeHash(staffId: string, password: string, oldHash: string): Promise<void> {
    if (!needsRehash(oldHash, scrypt)) return;
    const fresh = await hashPassword(password, scrypt);
    // Only if the password was not changed meanwhile.
    db.prepare('UPDATE staff SET password_hash = ? WHERE id = ? AND password_hash = ?').run(fresh, staffId, oldHash);
  }

  return {
    async logIn({ username, password }) {
      const now = hub.now();
      const staff = staffByUsername(db, username);
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
        const nowLocked = recordFailedLogin(db, staff, now);
        throw nowLocked ? locked(nowLocked, now) : wrong();
      }
      if (staff.active !== 1) throw wrong();
      const signedIn = startSession(staff.id, now, 'password');
      await upgradeHash(staff.id, password, staff.password_hash);
      return signedIn;
    },

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
      return startSession(admin.id, now, 'set-up');
    },

    logOut(session) {
      const now = hub.now();
      db.transaction(() => {
        endSession(db, session.tokenHash);
        appendAudit(db, { at: now, actor: actorLabel(session.actor), action: 'session.logout', target: `staff:${session.staff.id}`, detail: {} });
      }).immediate();
    },
  };
}
