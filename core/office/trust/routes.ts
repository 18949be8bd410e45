// The trust's own HTTP API under /trust/api/ on a trust hub: its staff's sign-in (the school
// console's rules and code: core/office/auth over TRUST_ACCOUNTS), the dashboard of every
// school's figures, opening a school's console, and trust staff management. Its session
// cookie has its own name and Path /trust/, so it never reaches a school's console, and a
// school's cookie never reaches this API: a school's staff cannot call it. Expects the app's
// cookie and rate-limit plugins (core/office/http/server.ts registers both).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ContractError, type Envelope } from '../../../shared/errors.js';
import { CSRF_HEADER, LoginInput, POLL_HEADER, SESSION_COOKIE } from '../../../shared/office.js';
import {
  SchoolSlugParam,
  TRUST_API,
  TRUST_PREFIX,
  TRUST_SESSION_COOKIE,
  TrustChangePasswordInput,
  type TrustDashboard,
  type TrustRole,
  type TrustSessionInfo,
  type TrustStaffMember,
} from '../../../shared/trust.js';
import { DEFAULT_SCRYPT, verifyPassword, type ScryptParams } from '../auth/passwords.js';
import { recordFailedLogin } from '../auth/lockout.js';
import { csrfMatches, type SessionOf } from '../auth/sessions.js';
import { createPasswordSignIn } from '../auth/signIn.js';
import type { Hub } from '../hub.js';
import { registerConsoleFiles } from '../http/consoleFiles.js';
import type { RateLimit } from '../http/sessionRoutes.js';
import { parseInput } from '../parse.js';
import { findSchool, listSchools, type TrustDirectory } from './directory.js';
import { openSchoolAsTrust } from './drillIn.js';
import { schoolFigures } from './schoolFigures.js';
import {
  changeOwnTrustPassword,
  createTrustStaff,
  listTrustStaff,
  TRUST_ACCOUNTS,
  trustActorLabel,
  trustSessions,
  updateTrustStaff,
  type TrustActor,
  type TrustStaffRow,
} from './staff.js';

export type TrustRoutesOptions = {
  directory: TrustDirectory;
  /** The hub of one of the directory's schools (opened on first use by the caller). */
  hubFor(slug: string): Hub;
  now?: () => Date;
  scrypt?: ScryptParams;
  signInRateLimit?: RateLimit;
  log?: (m: string, e?: unknown) => void;
  /** The built console (dist/console), served at /trust/ too: it shows the trust's pages there. */
  consoleDir?: string;
};

type TrustSession = SessionOf<TrustStaffRow, TrustActor, TrustStaffMember>;

const TRUST_ROLES_ONLY = 'Please sign in to the trust console with a trust account.';

export async function registerTrustRoutes(app: FastifyInstance, opts: TrustRoutesOptions): Promise<void> {
  const { directory } = opts;
  const db = directory.db;
  const now = opts.now ?? (() => new Date());
  const scrypt = opts.scrypt ?? DEFAULT_SCRYPT;
  const log = opts.log ?? ((m: string, e?: unknown) => console.error(`[trust] ${m}`, e ?? ''));
  // Refusals (ContractError) and failures are answered by the app's error handler, in the envelope.
  const signIn = createPasswordSignIn({ db, now, book: TRUST_ACCOUNTS, scrypt });
  const limit = opts.signInRateLimit ?? { max: 10, timeWindowMs: 60_000 };

  const cookieOptions = (req: FastifyRequest) => ({ httpOnly: true, sameSite: 'strict' as const, path: TRUST_PREFIX, secure: req.protocol === 'https' });

  function current(req: FastifyRequest): TrustSession | null {
    return trustSessions.find(db, req.cookies[TRUST_SESSION_COOKIE], now(), { touch: req.headers[POLL_HEADER] !== '1' });
  }

  /** A live trust session; for anything that changes state, its CSRF token; until the holder
   *  chose their own password, nothing else; and, when given, one of `roles`. */
  function guard(req: FastifyRequest, o: { write?: boolean; roles?: readonly TrustRole[]; evenIfMustChange?: boolean } = {}): TrustSession {
    const session = current(req);
    if (!session) throw new ContractError('UNAUTHENTICATED', TRUST_ROLES_ONLY);
    if (o.write && !csrfMatches(session, req.headers[CSRF_HEADER]))
      throw new ContractError('CSRF', 'This page is out of date or was not sent by the console. Reload it and try again.');
    if (session.actor.mustChangePassword && !o.evenIfMustChange)
      throw new ContractError('FORBIDDEN', 'Choose your own password first: the one you have was set by an administrator.');
    if (o.roles && !o.roles.includes(session.actor.role)) throw new ContractError('FORBIDDEN', 'Your trust role does not allow this.');
    return session;
  }

  /** Every school's figures, one statement per school through its own hub (opened here if
   *  it is new). One school's trouble never blanks the whole trust's view. */
  function dashboard(at: Date): TrustDashboard {
    return {
      at: at.toISOString(),
      schools: listSchools(directory).map((s) => {
        let hub: Hub;
        try {
          hub = opts.hubFor(s.slug);
        } catch (e) {
          log(`dashboard: ${s.slug} could not be opened`, e);
          return { slug: s.slug, name: s.name, figures: null, problem: 'Its records could not be opened just now.' };
        }
        try {
          return { slug: s.slug, name: s.name, figures: schoolFigures(hub.db, at) };
        } catch (e) {
          log(`dashboard: ${s.slug}`, e);
          return { slug: s.slug, name: s.name, figures: null, problem: 'Its records could not be read just now.' };
        }
      }),
    };
  }

  await app.register(
    async (scope) => {
      const limited = scope.rateLimit({ max: limit.max, timeWindow: limit.timeWindowMs });
      scope.addHook('onSend', async (_req, reply, payload) => {
        reply.header('Cache-Control', 'no-store');
        return payload;
      });
      scope.setNotFoundHandler((_req, reply) => reply.code(404).send({ ok: false, error: { code: 'UNKNOWN_OPERATION', message: 'Not found.' } }));

      scope.post('/session/login', { onRequest: limited }, async (req, reply): Promise<Envelope<TrustSessionInfo>> => {
        const { token, session } = await signIn.logIn(parseInput(LoginInput, req.body));
        reply.setCookie(TRUST_SESSION_COOKIE, token, cookieOptions(req));
        return { ok: true, value: session.info };
      });

      scope.post('/session/logout', async (req, reply): Promise<Envelope<null>> => {
        const session = current(req);
        if (session) {
          if (!csrfMatches(session, req.headers[CSRF_HEADER])) throw new ContractError('CSRF', 'This page is out of date. Reload it and try again.');
          signIn.logOut(session);
        }
        reply.clearCookie(TRUST_SESSION_COOKIE, cookieOptions(req));
        return { ok: true, value: null };
      });

      scope.get('/session/me', async (req): Promise<Envelope<TrustSessionInfo>> => ({ ok: true, value: guard(req, { evenIfMustChange: true }).info }));

      scope.post('/account/password', async (req): Promise<Envelope<{ staff: TrustStaffMember }>> => {
        const session = guard(req, { write: true, evenIfMustChange: true });
        const input = parseInput(TrustChangePasswordInput, req.body);
        const ok = await verifyPassword(input.currentPassword, session.staff.password_hash);
        // Guessing through an open console counts as guessing at sign-in.
        if (!ok && recordFailedLogin(db, session.staff, now(), TRUST_ACCOUNTS)) trustSessions.endAllOf(db, session.staff.id);
        const staff = await changeOwnTrustPassword(db, session.actor, { currentOk: ok, newPassword: input.newPassword }, session.tokenHash, now(), scrypt);
        return { ok: true, value: { staff } };
      });

      scope.get('/dashboard', async (req): Promise<Envelope<TrustDashboard>> => {
        guard(req);
        return { ok: true, value: dashboard(now()) };
      });

      scope.post<{ Params: { slug: string } }>('/schools/:slug/open', async (req, reply): Promise<Envelope<{ url: string }>> => {
        const session = guard(req, { write: true });
        const slug = parseInput(SchoolSlugParam, req.params.slug);
        const school = findSchool(directory, slug);
        if (!school || school.status !== 'active') throw new ContractError('NOT_FOUND', 'There is no such school in this trust.');
        const opened = openSchoolAsTrust(directory, school, opts.hubFor(slug), session.actor, now());
        // The school's own session cookie, for the school's path only (as the school console sets it).
        reply.setCookie(SESSION_COOKIE, opened.token, { ...cookieOptions(req), path: opened.url });
        return { ok: true, value: { url: opened.url } };
      });

      scope.get('/staff', async (req): Promise<Envelope<{ staff: TrustStaffMember[] }>> => {
        guard(req, { roles: ['trust_admin'] });
        return { ok: true, value: { staff: listTrustStaff(db, now()) } };
      });

      scope.post('/staff', async (req): Promise<Envelope<{ staff: TrustStaffMember }>> => {
        const session = guard(req, { write: true, roles: ['trust_admin'] });
        return { ok: true, value: { staff: await createTrustStaff(db, req.body, { label: trustActorLabel(session.actor) }, now(), scrypt) } };
      });

      scope.post<{ Params: { id: string } }>('/staff/:id', async (req): Promise<Envelope<{ staff: TrustStaffMember }>> => {
        const session = guard(req, { write: true, roles: ['trust_admin'] });
        return { ok: true, value: { staff: await updateTrustStaff(db, req.params.id, req.body, session.actor, now(), scrypt) } };
      });
    },
    { prefix: TRUST_API },
  );

  if (opts.consoleDir) {
    const consoleDir = opts.consoleDir;
    await app.register(
      async (scope) => {
        const page = await registerConsoleFiles(scope, consoleDir);
        scope.setNotFoundHandler((req, reply) => {
          const pathname = req.url.split('?')[0]!;
          if (pathname.startsWith(`${TRUST_API}/`)) return reply.code(404).send({ ok: false, error: { code: 'UNKNOWN_OPERATION', message: 'Not found.' } });
          // A page the console routes itself (no file extension): the console.
          if ((req.method === 'GET' || req.method === 'HEAD') && !/\.[a-z0-9]+$/i.test(pathname)) return page(reply);
          return reply.code(404).type('text/plain; charset=utf-8').send('Not found.');
        });
      },
      { prefix: '/trust' },
    );
  }
}

