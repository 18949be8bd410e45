// The device-use exemptions register. A visitor may use a device on site only with the
// headteacher's decision made beforehand, recorded with its conditions: so a request is
// decided once (approved or refused), and only an approved exemption can be revoked, at once.
//
//   requested ──approve──▶ approved ──revoke──▶ revoked
//       └──────refuse────▶ refused
//
// Every decision is audited and sent to kiosks through the change feed in the same
// transaction, so a kiosk that pulls next sees the decision that the console shows.
import { v7 as uuidv7 } from 'uuid';
import { ContractError } from '../../../shared/errors.js';
import type { ExemptionStatus } from '../../../shared/office.js';
import { nameKey } from '../../../shared/text.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { actorLabel, type OfficeCtx, type OfficeHandlers } from '../context.js';
import { hubToday } from '../reference/site.js';
import { visitsUsingExemption } from '../visits/queries.js';
import { SINGLE, exemptionRow, publishExemption, toExemption, type ExemptionRow } from './store.js';

type Transition = 'approve' | 'refuse' | 'revoke';

/** Why a transition is refused, from each state it is refused in. */
const NOT_ALLOWED: Record<Transition, Partial<Record<ExemptionStatus, string>>> = {
  approve: {
    approved: 'This exemption is already approved. To change it, revoke it and decide a new request.',
    refused: 'This request was refused, so it cannot be approved. If the decision has changed, record a new request.',
    revoked: 'This exemption was revoked, so it cannot be approved again. Record a new request.',
  },
  refuse: {
    approved: 'This exemption is already approved. To stop it, revoke it.',
    refused: 'This request has already been refused.',
    revoked: 'This exemption was revoked; there is no request left to refuse.',
  },
  revoke: {
    requested: 'This request has not been approved, so there is nothing to revoke. Refuse it instead.',
    refused: 'This request was refused, so there is nothing to revoke.',
    revoked: 'This exemption has already been revoked.',
  },
};

function mustGet(db: Db, id: string): ExemptionRow {
  const r = exemptionRow(db, id);
  if (!r) throw new ContractError('NOT_FOUND', 'There is no exemption with that id.');
  return r;
}

function checkTransition(r: ExemptionRow, t: Transition): void {
  const why = NOT_ALLOWED[t][r.status];
  if (why) throw new ContractError('CONFLICT', why);
}

/** The ids, once each, each an active approved place; else the field is reported. */
function checkLocations(db: Db, ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  const active = stmt(db, 'SELECT 1 FROM locations WHERE id = ? AND active = 1').pluck();
  const bad = unique.findIndex((id) => !active.get(id));
  if (bad >= 0)
    throw new ContractError('INVALID_INPUT', 'Please choose places from the list of approved phone-use locations.', [{ path: `locationIds.${ids.indexOf(unique[bad]!)}`, message: 'invalid' }]);
  return unique;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
function isoWeekday(day: string): number {
  const d = new Date(`${day}T12:00:00.000Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Does any of the weekdays fall between from and to (inclusive)? */
function weekdayOccurs(from: string, to: string, weekdays: readonly number[]): boolean {
  const start = Date.parse(`${from}T12:00:00.000Z`);
  const days = Math.round((Date.parse(`${to}T12:00:00.000Z`) - start) / 86_400_000);
  if (days >= 6) return true;
  const first = isoWeekday(from);
  for (let i = 0; i <= days; i++) if (weekdays.includes(((first - 1 + i) % 7) + 1)) return true;
  return false;
}

const audit = (ctx: OfficeCtx, action: string, id: string, detail: unknown) => ctx.audit(action, `exemption:${id}`, detail);

export const exemptionsHandlers: OfficeHandlers<'exemptions.list' | 'exemptions.get' | 'exemptions.request' | 'exemptions.approve' | 'exemptions.refuse' | 'exemptions.revoke'> = {
  'exemptions.list': (input, { db }) => {
    const rows = (
      input.status === undefined
        ? stmt(db, 'SELECT * FROM exemptions ORDER BY created_at DESC, id DESC').all()
        : stmt(db, 'SELECT * FROM exemptions WHERE status = ? ORDER BY created_at DESC, id DESC').all(input.status)
    ) as ExemptionRow[];
    return { exemptions: rows.map((r) => toExemption(db, r)) };
  },

  'exemptions.get': (input, { db }) => {
    const r = mustGet(db, input.id);
    return { exemption: toExemption(db, r), usedOnVisits: visitsUsingExemption(db, r.id) };
  },

  'exemptions.request': (input, ctx) => {
    const { db } = ctx;
    const id = uuidv7();
    const locationIds = checkLocations(db, input.locationIds);
    stmt(
      db,
      `INSERT INTO exemptions (id, status, source, visit_id, request_id, full_name, name_key, organisation, agency_role, purpose, devices,
         location_ids, requested_window, recurrence, conditions, created_by, created_at, category)
       VALUES (?, 'requested', 'staff', NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)`,
    ).run(
      id, input.fullName, nameKey(input.fullName), input.organisation, input.agencyRole, input.purpose, input.devices,
      JSON.stringify(locationIds), input.requestedWindow, JSON.stringify(SINGLE), actorLabel(ctx.actor), ctx.now.toISOString(), input.category,
    );
    audit(ctx, 'exemption.request', id, { source: 'staff', locationIds });
    return { exemption: toExemption(db, mustGet(db, id)) };
  },

  'exemptions.approve': (input, ctx) => {
    const { db } = ctx;
    const r = mustGet(db, input.id);
    checkTransition(r, 'approve');
    const locationIds = checkLocations(db, input.locationIds);
    if (input.validTo < hubToday(db, ctx.now))
      throw new ContractError('INVALID_INPUT', 'The approval would end before today. Please check the dates.', [{ path: 'validTo', message: 'invalid' }]);
    if (input.recurrence.kind === 'weekly' && !weekdayOccurs(input.validFrom, input.validTo, input.recurrence.weekdays))
      throw new ContractError('INVALID_INPUT', 'None of the chosen weekdays falls between the start and end dates.', [{ path: 'recurrence.weekdays', message: 'invalid' }]);
    const recurrence = input.recurrence.kind === 'weekly' ? { kind: 'weekly' as const, weekdays: [...new Set(input.recurrence.weekdays)].sort((a, b) => a - b) } : SINGLE;
    const at = ctx.now.toISOString();
    stmt(
      db,
      `UPDATE exemptions SET status = 'approved', valid_from = ?, valid_to = ?, daily_from = ?, daily_to = ?, recurrence = ?, location_ids = ?,
         devices = ?, conditions = ?, risk_assessment = ?, decided_by = ?, decided_at = ?, decision_reason = NULL
       WHERE id = ? AND status = 'requested'`,
    ).run(
      input.validFrom, input.validTo, input.dailyFrom, input.dailyTo, JSON.stringify(recurrence), JSON.stringify(locationIds),
      input.devices, input.conditions, input.riskAssessment === null ? null : JSON.stringify(input.riskAssessment),
      actorLabel(ctx.actor), at, r.id,
    );
    publishExemption(db, r.id, ctx.now);
    audit(ctx, 'exemption.approve', r.id, {
      validFrom: input.validFrom,
      validTo: input.validTo,
      dailyFrom: input.dailyFrom,
      dailyTo: input.dailyTo,
      recurrence,
      locationIds,
      riskAssessment: input.riskAssessment !== null,
    });
    return { exemption: toExemption(db, mustGet(db, r.id)) };
  },

  'exemptions.refuse': (input, ctx) => {
    const { db } = ctx;
    const r = mustGet(db, input.id);
    checkTransition(r, 'refuse');
    stmt(db, `UPDATE exemptions SET status = 'refused', decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ? AND status = 'requested'`).run(
      actorLabel(ctx.actor), ctx.now.toISOString(), input.reason, r.id,
    );
    publishExemption(db, r.id, ctx.now);
    // The reason's words live in the record; the never-purged audit log says one was given.
    audit(ctx, 'exemption.refuse', r.id, { reasonWritten: true });
    return { exemption: toExemption(db, mustGet(db, r.id)) };
  },

  'exemptions.revoke': (input, ctx) => {
    const { db } = ctx;
    const r = mustGet(db, input.id);
    checkTransition(r, 'revoke');
    // Immediate effect: the kiosk copy says 'revoked' from the next pull, and anyone on site
    // under it is flagged on the console (onSite.list exemptionRevoked) for staff to speak to.
    stmt(db, `UPDATE exemptions SET status = 'revoked', revoked_by = ?, revoked_at = ?, revoke_reason = ? WHERE id = ? AND status = 'approved'`).run(
      actorLabel(ctx.actor), ctx.now.toISOString(), input.reason, r.id,
    );
    publishExemption(db, r.id, ctx.now);
    const onSite = stmt(db, 'SELECT COUNT(*) FROM visits WHERE exemption_id = ? AND departed_at IS NULL').pluck().get(r.id) as number;
    audit(ctx, 'exemption.revoke', r.id, { reasonWritten: true, onSiteUnderIt: onSite });
    return { exemption: toExemption(db, mustGet(db, r.id)) };
  },
};
