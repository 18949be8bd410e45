// Breaches and concerns: staff challenge a visitor using a device where they should not, log
// what they saw and did, and the DSL (or head) closes the record with an outcome. The DSL
// must not miss one, so the list shows which open records the DSL has not yet seen.
import { v7 as uuidv7 } from 'uuid';
import { ContractError } from '../../../shared/errors.js';
import { BREACH_DETAIL_ROLES, type Breach, type Role } from '../../../shared/office.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { actorLabel, type OfficeHandlers } from '../context.js';
import { publishHolds } from '../retention/holds.js';
import { notifyConcernLogged } from '../notifications/notices.js';
import { concernDetails, type ConcernColumns } from '../concerns/details.js';
import { isUrgentConcern } from '../concerns/urgent.js';

export type BreachRow = ConcernColumns & {
  id: string;
  visit_id: string | null;
  person: string;
  location: string;
  what: string;
  action_taken: string;
  logged_by: string;
  logged_at: string;
  status: 'open' | 'closed';
  seen_by_dsl_at: string | null;
  closed_by: string | null;
  closed_at: string | null;
  outcome: string | null;
};

/** The record as this role may see it: details and outcome only on a need-to-know basis. */
export const toBreach = (db: Db, r: BreachRow, role: Role): Breach => {
  const full = BREACH_DETAIL_ROLES.includes(role);
  return {
    id: r.id,
    visitId: r.visit_id,
    detailsHidden: !full,
    person: full ? r.person : null,
    location: full ? r.location : null,
    what: full ? r.what : null,
    actionTaken: full ? r.action_taken : null,
    loggedBy: r.logged_by,
    loggedAt: r.logged_at,
    status: r.status,
    seenByDslAt: r.seen_by_dsl_at,
    closedBy: r.closed_by,
    closedAt: r.closed_at,
    outcome: full ? r.outcome : null,
    concern: concernDetails(db, r.id, r, role),
  };
};

export function mustGet(db: Db, id: string): BreachRow {
  const r = stmt(db, 'SELECT * FROM breaches WHERE id = ?').get(id) as BreachRow | undefined;
  if (!r) throw new ContractError('NOT_FOUND', 'There is no breach record with that id.');
  return r;
}

const target = (id: string) => `breach:${id}`;

export const breachesHandlers: OfficeHandlers<'breaches.list' | 'breaches.log' | 'breaches.close'> = {
  'breaches.list': (input, ctx) => {
    const { db } = ctx;
    const read = () => {
      const rows = (
        input.status === undefined
          ? stmt(db, 'SELECT * FROM breaches ORDER BY logged_at DESC, id DESC').all()
          : stmt(db, 'SELECT * FROM breaches WHERE status = ? ORDER BY logged_at DESC, id DESC').all(input.status)
      ) as BreachRow[];
      const openCount = stmt(db, "SELECT COUNT(*) FROM breaches WHERE status = 'open'").pluck().get() as number;
      return { rows, openCount };
    };
    // Only the school's own DSL marks concerns seen: a trust DSL looking in leaves them new for them.
    if (ctx.actor.role !== 'dsl' || ctx.actor.trustVisitor) {
      const { rows, openCount } = read();
      return { breaches: rows.map((r) => toBreach(db, r, ctx.actor.role)), openCount };
    }
    // The DSL reading the list: read and mark in one transaction. This answer still shows
    // them as new (unseen); the next list, by anyone, shows when the DSL first saw them.
    return db.transaction(() => {
      const { rows, openCount } = read();
      const unseen = rows.filter((r) => r.status === 'open' && r.seen_by_dsl_at === null).map((r) => r.id);
      if (unseen.length > 0) {
        const mark = stmt(db, "UPDATE breaches SET seen_by_dsl_at = ? WHERE id = ? AND status = 'open' AND seen_by_dsl_at IS NULL");
        for (const id of unseen) mark.run(ctx.now.toISOString(), id);
        ctx.audit('breach.seenByDsl', 'breaches', { ids: unseen });
      }
      return { breaches: rows.map((r) => toBreach(db, r, ctx.actor.role)), openCount };
    }).immediate();
  },

  'breaches.log': (input, ctx) => {
    const { db } = ctx;
    if (input.visitId !== null && !stmt(db, 'SELECT 1 FROM visits WHERE id = ?').get(input.visitId))
      throw new ContractError('NOT_FOUND', 'That visit is not on record. Log the concern without linking a visit, or choose the visitor from the list.', [
        { path: 'visitId', message: 'invalid' },
      ]);
    const id = uuidv7();
    // Urgent kinds are flagged at once, whatever severity the person logging it chose.
    const urgent = isUrgentConcern(input);
    if (input.occurredAt !== undefined && Date.parse(input.occurredAt) > ctx.now.getTime() + 5 * 60_000)
      throw new ContractError('INVALID_INPUT', 'When it happened cannot be in the future.', [{ path: 'occurredAt', message: 'invalid' }]);
    stmt(
      db,
      `INSERT INTO breaches (id, visit_id, person, location, what, action_taken, logged_by, logged_at, status, kind, severity, policy_point, occurred_at, urgent)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)`,
    ).run(
      id, input.visitId, input.person, input.location, input.what, input.actionTaken, actorLabel(ctx.actor), ctx.now.toISOString(),
      input.kind, input.severity, input.policyPoint, input.occurredAt === undefined ? null : new Date(input.occurredAt).toISOString(), urgent ? 1 : 0,
    );
    // Kind and severity are not personal details: the audit log (never purged) may say them.
    ctx.audit('breach.log', target(id), { visitId: input.visitId, kind: input.kind, severity: input.severity, urgent });
    // Kiosks purge on their own: they must hold this person's visits from now, not from the
    // office's next purge run.
    publishHolds(db, ctx.now);
    // The DSL and deputies are told at once that a concern exists (never what it says).
    // An urgent kind (images of children, suspected illegal content) also tells the head and is
    // repeated until a DSL opens the list.
    notifyConcernLogged(db, id, { urgent, at: ctx.now });
    return { breach: toBreach(db, mustGet(db, id), ctx.actor.role) };
  },

  'breaches.close': (input, ctx) => {
    const { db } = ctx;
    const r = mustGet(db, input.id);
    if (r.status === 'closed') throw new ContractError('CONFLICT', `This record was already closed by ${r.closed_by ?? 'someone'}.`);
    // The policy asks leaders to debrief and record what was learnt once a concern is dealt with.
    if (input.lessonsLearnt.trim() === '')
      throw new ContractError('INVALID_INPUT', 'A concern cannot be closed without the lessons learnt. Write what was learnt (or "none: why") before closing it.', [
        { path: 'lessonsLearnt', message: 'required' },
      ]);
    const at = ctx.now.toISOString();
    // Closing it means the safeguarding lead has dealt with it, so it is no longer "new".
    stmt(db, "UPDATE breaches SET status = 'closed', closed_by = ?, closed_at = ?, outcome = ?, lessons_learnt = ?, seen_by_dsl_at = COALESCE(seen_by_dsl_at, ?) WHERE id = ? AND status = 'open'").run(
      actorLabel(ctx.actor), at, input.outcome, input.lessonsLearnt, at, r.id,
    );
    // The outcome's words stay in the record (which retention deletes), not in the audit log
    // (which is never purged): the log says an outcome was written.
    ctx.audit('breach.close', target(r.id), { outcomeWritten: true });
    publishHolds(db, ctx.now); // released unless another open record still holds them
    return { breach: toBreach(db, mustGet(db, r.id), ctx.actor.role) };
  },
};
