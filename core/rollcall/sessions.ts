// Roll-call sessions at the kiosk. A staff PIN unlock (2 minutes, single use) opens one; it
// then lasts the emergency (an hour) so the member of staff is not asked for the PIN again
// while marking people. Kept in memory: a restarted kiosk asks for the PIN again.
import { randomBytes } from 'node:crypto';
import { ContractError } from '../../shared/errors.js';

export const ROLL_CALL_SESSION_MS = 60 * 60_000;

type Session = { rollCallId: string; by: string; expires: number };

export function createRollCallSessions() {
  const sessions = new Map<string, Session>();
  return {
    open(rollCallId: string, by: string, now: Date): { session: string; expiresAt: string } {
      for (const [k, s] of sessions) if (s.expires <= now.getTime()) sessions.delete(k);
      const session = randomBytes(24).toString('base64url');
      const expires = now.getTime() + ROLL_CALL_SESSION_MS;
      sessions.set(session, { rollCallId, by, expires });
      return { session, expiresAt: new Date(expires).toISOString() };
    },
    get(session: string, now: Date): Session {
      const s = sessions.get(session);
      if (!s || s.expires <= now.getTime()) throw new ContractError('FORBIDDEN', 'The roll call screen has timed out. Please enter the staff PIN again.');
      return s;
    },
    close(session: string): void {
      sessions.delete(session);
    },
  };
}
