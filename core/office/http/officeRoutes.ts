// POST /api/office/:op (the console's one call) and GET /api/export/visits.csv (streamed, a
// date range at a time: visits/csvExport.ts). Order of the
// checks: a live session (401), its CSRF token (403 CSRF), then the core checks the op exists
// (404), the role may call it (403 FORBIDDEN) and the input (400).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isOfficeOpName, mayCall, officeOps, OFFICE_PATHS, type OfficeOpName } from '../../../shared/office.js';
import { ContractError, ERROR_STATUS } from '../../../shared/errors.js';
import { appendAudit } from '../audit.js';
import { hashPassword, verifyPassword, weakPasswordReason, type ScryptParams } from '../auth/passwords.js';
import { endSessionsOf, type Session } from '../auth/sessions.js';
import { recordFailedLogin } from '../auth/lockout.js';
import { MUST_CHANGE_PASSWORD } from '../dispatcher.js';
import { prepareBackup } from '../backup/handlers.js';
import { actorLabel, type Actor, type Prepared } from '../context.js';
import type { Hub } from '../hub.js';
import { checkExportRange, openCsvExport } from '../visits/csvExport.js';
import { readFilter } from '../visits/readAudit.js';
import { parseInput } from '../parse.js';
import { requireCsrf, requireSession } from './guards.js';
import { registerRiskAssessmentRoute } from './riskAssessmentRoute.js';
import { schoolOf } from './schools.js';

/** Ops that carry a new password: it is hashed here, off the event loop, before the core runs. */
const SETS_PASSWORD: readonly OfficeOpName[] = ['staff.create', 'staff.update'];

/** account.changePassword: the current password checked and the new one hashed, both off the event loop. */
async function prepareOwnPassword(hub: Hub, body: unknown, session: Session, scrypt: ScryptParams): Promise<Prepared> {
  const prepared: Prepared = { sessionTokenHash: session.tokenHash };
  const parsed = officeOps['account.changePassword'].input.safeParse(body ?? {});
  if (!parsed.success) return prepared;
  const { currentPassword, newPassword } = parsed.data;
  const ok = await verifyPassword(currentPassword, session.staff.password_hash);
  prepared.currentPassword = { plain: currentPassword, ok };
  if (!ok) {
    // Guessing through an open console counts as guessing at sign-in: the fifth wrong one in a
    // row locks the account, and then whoever holds this session is out too.
    if (recordFailedLogin(hub.db, session.staff, hub.now())) endSessionsOf(hub.db, session.staff.id);
    return prepared;
  }
  if (weakPasswordReason(newPassword, session.staff.username) === null) prepared.password = { plain: newPassword, hash: await hashPassword(newPassword, scrypt) };
  return prepared;
}

async function preparePassword(hub: Hub, op: string, body: unknown, session: Session, scrypt: ScryptParams): Promise<Prepared> {
  const actor: Actor = session.actor;
  if (op === 'account.changePassword') return prepareOwnPassword(hub, body, session, scrypt);
  if (!isOfficeOpName(op) || !SETS_PASSWORD.includes(op) || !mayCall(actor.role, op) || actor.mustChangePassword) return {};
  // Only for input the core will accept: no hashing work for a request that will be refused.
  const parsed = officeOps[op].input.safeParse(body ?? {});
  const password = parsed.success ? (parsed.data as { password?: string }).password : undefined;
  if (password === undefined || weakPasswordReason(password) !== null) return {};
  return { password: { plain: password, hash: await hashPassword(password, scrypt) } };
}

const CsvQuery = officeOps['visits.search'].input.pick({ query: true, from: true, to: true, category: true });

/** Room for a 16 MB file as base64 (the handler refuses anything over 5 MB by its size). */
export const PREVISIT_BODY_LIMIT = 22 * 1024 * 1024;

/** The routes of whichever school the request names (schoolOf). */
export function registerOfficeRoutes(app: FastifyInstance, scrypt: ScryptParams): void {
  const callOp = async (req: FastifyRequest, reply: FastifyReply, op: string) => {
    const { hub } = schoolOf(req);
    const session = requireSession(req);
    requireCsrf(req, session);
    const prepared = { ...(await preparePassword(hub, op, req.body, session, scrypt)), ...(await prepareBackup(hub.db, op, session.actor, hub.now(), hub.engine)) };
    const env = hub.core.call(op, req.body, session.actor, prepared);
    if (!env.ok) reply.code(ERROR_STATUS[env.error.code] ?? 500);
    return env;
  };
  // A pre-visit device request carries the agency's risk assessment (a PDF of at most 5 MB, as
  // base64): its own, larger limit, so a file a little too big is refused by the handler with
  // its size in words, not by the parser. Every other console call stays small.
  app.post(OFFICE_PATHS.op('previsit.request'), { bodyLimit: PREVISIT_BODY_LIMIT }, (req, reply) => callOp(req, reply, 'previsit.request'));
  app.post<{ Params: { op: string } }>('/api/office/:op', (req, reply) => callOp(req, reply, req.params.op));

  registerRiskAssessmentRoute(app);

  app.get<{ Querystring: Record<string, unknown> }>(OFFICE_PATHS.visitsCsv, async (req, reply) => {
    const { hub } = schoolOf(req);
    const session = requireSession(req);
    if (!mayCall(session.actor.role, 'visits.search')) throw new ContractError('FORBIDDEN', 'Your role does not allow this. Ask someone who can, or an administrator.');
    if (session.actor.mustChangePassword) throw new ContractError('FORBIDDEN', MUST_CHANGE_PASSWORD);
    // An empty box in the console's form arrives as ?query=&from=: the same as leaving it out.
    const given = Object.fromEntries(Object.entries(req.query ?? {}).filter(([, v]) => v !== ''));
    const filter = parseInput(CsvQuery, given);
    const { from, to } = checkExportRange(filter);
    const out = openCsvExport(hub.openSnapshot, filter);
    try {
      // Who took a copy of the visitor record, and of what (in a short write of its own: the
      // rows are read outside any write transaction, so kiosks' pushes are never held up).
      const now = hub.now();
      hub.db.transaction(() => appendAudit(hub.db, { at: now, actor: actorLabel(session.actor), action: 'visits.export', target: 'visits', detail: readFilter(filter, out.rows) })).immediate();
    } catch (e) {
      out.stream.destroy();
      throw e;
    }
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="visits-${from}-to-${to}.csv"`)
      .send(out.stream);
  });
}
