// The session routes (OFFICE_PATHS): first-run set-up, sign in, sign out, who am I. Outside
// the op table because they make or end the session the op table relies on. Set-up and sign
// in are rate limited per address on top of the per-account lockout.
import type { FastifyInstance } from 'fastify';
import { LoginInput, OFFICE_PATHS, SetupInput, type SessionInfo } from '../../../shared/office.js';
import { ContractError, type Envelope } from '../../../shared/errors.js';
import { needsSetup } from '../auth/setup.js';
import { parseInput } from '../parse.js';
import { clearSessionCookie, currentSession, requireCsrf, requireSession, setSessionCookie } from './guards.js';
import { schoolOf } from './schools.js';

export type RateLimit = { max: number; timeWindowMs: number };

/** The routes of whichever school the request names (schoolOf). */
export function registerSessionRoutes(app: FastifyInstance, limit: RateLimit): void {
  // One limiter (one counter per address) for both doors: guesses at set-up codes and at
  // passwords count together.
  const limited = app.rateLimit({ max: limit.max, timeWindow: limit.timeWindowMs });

  app.get(OFFICE_PATHS.setupStatus, async (req): Promise<Envelope<{ needsSetup: boolean }>> => ({ ok: true, value: { needsSetup: needsSetup(schoolOf(req).hub.db) } }));

  app.post(OFFICE_PATHS.setup, { onRequest: limited }, async (req, reply): Promise<Envelope<SessionInfo>> => {
    const { hub, signIn } = schoolOf(req);
    // Answered before the input is even read: once set up, this door is shut.
    if (!needsSetup(hub.db)) throw new ContractError('CONFLICT', 'This hub is already set up. Sign in instead.');
    const { token, session } = await signIn.setUp(parseInput(SetupInput, req.body));
    setSessionCookie(req, reply, token);
    return { ok: true, value: session.info };
  });

  app.post(OFFICE_PATHS.login, { onRequest: limited }, async (req, reply): Promise<Envelope<SessionInfo>> => {
    const { token, session } = await schoolOf(req).signIn.logIn(parseInput(LoginInput, req.body));
    setSessionCookie(req, reply, token);
    return { ok: true, value: session.info };
  });

  app.post(OFFICE_PATHS.logout, async (req, reply): Promise<Envelope<null>> => {
    const session = currentSession(req);
    // Signing out with no live session has nothing to end (and nothing to protect).
    if (session) {
      requireCsrf(req, session);
      schoolOf(req).signIn.logOut(session);
    }
    clearSessionCookie(req, reply);
    return { ok: true, value: null };
  });

  app.get(OFFICE_PATHS.me, async (req): Promise<Envelope<SessionInfo>> => ({ ok: true, value: requireSession(req).info }));
}
