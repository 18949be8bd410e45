// Concerns that lead somewhere: the DSL classifies a concern, records referrals (police, LADO,
// the county's safeguarding service, parents), brings the policy's review forward after it and
// starts a new policy draft from it. Logging and closing stay breaches.log / breaches.close
// (core/office/breaches/handlers.ts), which carry the classification and the lessons learnt.
import { v7 as uuidv7 } from 'uuid';
import { ContractError } from '../../../shared/errors.js';
import type { PolicyDraft } from '../../../shared/concerns.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { actorLabel, type OfficeHandlers } from '../context.js';
import { mustGet, toBreach } from '../breaches/handlers.js';
import { currentHubPolicy } from '../reference/policy.js';
import { hubToday } from '../reference/site.js';
import { isUrgentConcern } from './urgent.js';
import { notifyConcernLogged } from '../notifications/notices.js';
import { bringReviewForward, reviewDue } from './reviewDue.js';

const target = (id: string) => `breach:${id}`;

type DraftRow = { id: string; concern_id: string; based_on_version: number; note: string; texts: string; created_by: string; created_at: string };

function toDraft(r: DraftRow, currentVersion: number): PolicyDraft {
  return {
    id: r.id,
    concernId: r.concern_id,
    basedOnVersion: r.based_on_version,
    note: r.note,
    texts: JSON.parse(r.texts) as PolicyDraft['texts'],
    createdBy: r.created_by,
    createdAt: r.created_at,
    superseded: currentVersion > r.based_on_version,
  };
}

function drafts(db: Db): PolicyDraft[] {
  const current = currentHubPolicy(db).version;
  return (stmt(db, 'SELECT * FROM policy_drafts ORDER BY created_at DESC, id DESC').all() as DraftRow[]).map((r) => toDraft(r, current));
}

export const concernsHandlers: OfficeHandlers<
  'concerns.classify' | 'concerns.refer' | 'concerns.reviewDue' | 'concerns.bringReviewForward' | 'concerns.startPolicyDraft' | 'concerns.policyDrafts'
> = {
  'concerns.classify': (input, ctx) => {
    const { db } = ctx;
    const r = mustGet(db, input.id);
    if (r.status === 'closed') throw new ContractError('CONFLICT', 'This concern is closed: its classification is part of the record now.');
    // A kind the policy treats as urgent stays urgent; a concern once flagged urgent is not unflagged.
    const urgent = r.urgent === 1 || isUrgentConcern(input);
    stmt(db, 'UPDATE breaches SET kind = ?, severity = ?, policy_point = ?, urgent = ? WHERE id = ?').run(input.kind, input.severity, input.policyPoint, urgent ? 1 : 0, r.id);
    ctx.audit('concern.classify', target(r.id), { kind: input.kind, severity: input.severity, policyPoint: input.policyPoint, urgent });
    // Newly urgent (a visitor's report read and reclassified, say): the head hears at once too.
    if (urgent && r.urgent !== 1) notifyConcernLogged(db, r.id, { urgent: true, at: ctx.now });
    return { breach: toBreach(db, mustGet(db, r.id), ctx.actor.role) };
  },

  'concerns.refer': (input, ctx) => {
    const { db } = ctx;
    const r = mustGet(db, input.id);
    if (Date.parse(input.referredAt) > ctx.now.getTime() + 5 * 60_000)
      throw new ContractError('INVALID_INPUT', 'A referral is recorded once made: its time cannot be in the future.', [{ path: 'referredAt', message: 'invalid' }]);
    const id = uuidv7();
    stmt(
      db,
      'INSERT INTO concern_referrals (id, breach_id, agency, contact, referred_at, reference, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(id, r.id, input.agency, input.contact, new Date(input.referredAt).toISOString(), input.reference, input.note, actorLabel(ctx.actor), ctx.now.toISOString());
    // The agency, not the contact or reference: those stay with the record retention deletes.
    ctx.audit('concern.refer', target(r.id), { agency: input.agency, referral: id });
    return { breach: toBreach(db, mustGet(db, r.id), ctx.actor.role) };
  },

  'concerns.reviewDue': (_input, ctx) => reviewDue(ctx.db, ctx.now),

  'concerns.bringReviewForward': (input, ctx) => {
    const { db } = ctx;
    mustGet(db, input.concernId);
    const current = reviewDue(db, ctx.now);
    if (current.due === null) throw new ContractError('CONFLICT', 'No policy has been published yet: there is nothing to review.');
    const today = hubToday(db, ctx.now);
    if (input.due < today) throw new ContractError('INVALID_INPUT', `The review cannot be due in the past (today is ${today}).`, [{ path: 'due', message: 'invalid' }]);
    if (input.due >= current.due)
      throw new ContractError('INVALID_INPUT', `The review is already due on ${current.due}: choose an earlier date to bring it forward.`, [{ path: 'due', message: 'invalid' }]);
    bringReviewForward(db, { due: input.due, by: actorLabel(ctx.actor), at: ctx.now.toISOString(), concernId: input.concernId, reason: input.reason });
    ctx.audit('policy.reviewBroughtForward', target(input.concernId), { due: input.due, was: current.due });
    return reviewDue(db, ctx.now);
  },

  'concerns.startPolicyDraft': (input, ctx) => {
    const { db } = ctx;
    mustGet(db, input.concernId);
    const policy = currentHubPolicy(db);
    if (policy.version === 0) throw new ContractError('CONFLICT', 'No policy has been published yet: publish one from the Policy page first.');
    const id = uuidv7();
    stmt(db, 'INSERT INTO policy_drafts (id, concern_id, based_on_version, note, texts, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id, input.concernId, policy.version, input.note, JSON.stringify(policy.texts), actorLabel(ctx.actor), ctx.now.toISOString(),
    );
    ctx.audit('policy.draftFromConcern', target(input.concernId), { draft: id, basedOnVersion: policy.version });
    const draft = drafts(db).find((d) => d.id === id)!;
    return { draft };
  },

  'concerns.policyDrafts': (_input, ctx) => ({ drafts: drafts(ctx.db) }),
};
