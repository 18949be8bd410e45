// What every console request passes before it reaches the core: same-origin for anything
// that changes state, a live session, the session's CSRF token, and input the contract
// accepts (../parse.ts). Each refusal is a ContractError the server turns into the usual envelope.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER, POLL_HEADER, SESSION_COOKIE } from '../../../shared/office.js';
import { ContractError } from '../../../shared/errors.js';
import { csrfMatches, findSession, type Session } from '../auth/sessions.js';
import { schoolOf } from './schools.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser names the page that sent a request (Origin, Sec-Fetch-Site). A state-changing
 * request from any other site is refused before any route runs: with SameSite=Strict cookies
 * and the CSRF header this is the third lock on the door. Kiosks and scripts send neither
 * header and are judged by their own authentication.
 */
export function crossSiteProblem(req: FastifyRequest, publicOrigin: string | null = null): string | null {
  if (SAFE_METHODS.has(req.method)) return null;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'Requests from other sites are refused.';
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `${req.protocol}://${req.host}` && origin !== publicOrigin) return 'Requests from other sites are refused.';
  return null;
}

// The cookie's Path is the school's URL path ('/' on a one-school hub, '/s/<slug>/' on a trust
// hub): one browser holds a session per school, and sends each only to its own school. A token
// sent elsewhere finds nothing anyway: sessions live in the school's own records.
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  // No Max-Age: the cookie goes when the browser closes; the hub ends the session anyway.
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: schoolOf(req).base, secure: req.protocol === 'https' });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: schoolOf(req).base, secure: req.protocol === 'https' });
}

/** The request's live session at its school. Only what a person did keeps it alive: the
 *  console's background refreshes (POLL_HEADER) are served but do not move the idle end. */
export function currentSession(req: FastifyRequest): Session | null {
  const { hub } = schoolOf(req);
  return findSession(hub.db, req.cookies[SESSION_COOKIE], hub.now(), { touch: req.headers[POLL_HEADER] !== '1' });
}

export function requireSession(req: FastifyRequest): Session {
  const session = currentSession(req);
  if (!session) throw new ContractError('UNAUTHENTICATED', 'Please sign in. (Sessions end after 30 minutes without use, and after 10 hours.)');
  return session;
}

export function requireCsrf(req: FastifyRequest, session: Session): void {
  if (!csrfMatches(session, req.headers[CSRF_HEADER]))
    throw new ContractError('CSRF', 'This page is out of date or was not sent by the console. Reload it and try again.');
}
