// Admission in the console (issue #13 part B).
//  - "ID checked": reception records what it saw for a visitor on site; the check goes to the
//    kiosk that owns the visit ('idcheck') and a reprint follows it in the same feed, so the
//    kiosk has the check before it builds the new badge. One step, one transaction.
//  - The restricted list: people who must not be admitted. Kiosks get only keyed hashes of the
//    names and aliases (core/admission/restrictedKey.ts); the reason is for the DSL and head.
//  - Alerts: a held sign-in that matched (raised from the pushed visit, core/office/admission/fromKiosk.ts).
import { v7 as uuidv7 } from 'uuid';
import type { IdCheckSeen, RestrictedAlert, RestrictedEntry } from '../../../shared/admission.js';
import { ContractError } from '../../../shared/errors.js';
import type { VisitIdCheck } from '../../../shared/office.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { restrictedKeys, newRestrictedSecret } from '../../admission/restrictedKey.js';
import { actorLabel, type Actor, type OfficeHandlers } from '../context.js';
import { appendRefChange } from '../reference/feed.js';
import { receptionHandlers } from '../reception/handlers.js';
import { hubSite } from '../reference/site.js';
import { localDay } from '../../site/settings.js';

const SECRET_KEY = 'restricted_secret';
const SEES_REASON = new Set(['dsl', 'head']);

/** The site's key for the restricted list's hashes: made (and sent to kiosks) the first time. */
export function restrictedSecret(db: Db, at: Date): string {
  const have = stmt(db, 'SELECT value FROM site_settings WHERE key = ?').pluck().get(SECRET_KEY) as string | undefined;
  if (have) return have;
  const secret = newRestrictedSecret();
  stmt(db, 'INSERT INTO site_settings (key, value) VALUES (?, ?)').run(SECRET_KEY, secret);
  appendRefChange(db, 'restrictsecret', 'site', { secret }, at);
  return secret;
}

type CheckRow = { visit_id: string; seen: IdCheckSeen; checked_by: string; checked_at: string };
const toCheck = (r: CheckRow): VisitIdCheck => ({ visitId: r.visit_id, seen: r.seen, by: r.checked_by, at: r.checked_at });


type EntryRow = { id: string; full_name: string; aliases: string; date_of_birth: string | null; reason: string; review_on: string; created_by: string; created_at: string };

function toEntry(r: EntryRow, actor: Actor, today: string): RestrictedEntry {
  return {
    id: r.id,
    fullName: r.full_name,
    aliases: JSON.parse(r.aliases) as string[],
    dateOfBirth: r.date_of_birth,
    reason: SEES_REASON.has(actor.role) ? r.reason : null,
    reviewOn: r.review_on,
    reviewDue: r.review_on <= today,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

type AlertRow = { id: string; visit_id: string; entry_id: string; full_name: string; typed_name: string; kiosk_name: string; at: string; acknowledged_by: string | null; acknowledged_at: string | null };
const ALERT_SELECT = `SELECT a.id, a.visit_id, a.entry_id, p.full_name, a.typed_name, COALESCE(k.name, a.kiosk_id) AS kiosk_name, a.at, a.acknowledged_by, a.acknowledged_at
  FROM restricted_alerts a JOIN restricted_people p ON p.id = a.entry_id LEFT JOIN kiosks k ON k.id = a.kiosk_id`;
const toAlert = (r: AlertRow): RestrictedAlert => ({
  id: r.id, visitId: r.visit_id, entryId: r.entry_id, entryName: r.full_name, typedName: r.typed_name, kioskName: r.kiosk_name, at: r.at,
  acknowledgedBy: r.acknowledged_by, acknowledgedAt: r.acknowledged_at,
});

export const admissionHandlers: OfficeHandlers<
  'admission.idChecked' | 'admission.idChecks' | 'restricted.list' | 'restricted.save' | 'restricted.remove' | 'restricted.alerts' | 'restricted.acknowledge'
> = {
  'admission.idChecked': (input, ctx) => {
    const v = stmt(ctx.db, 'SELECT id, kiosk_id, departed_at FROM visits WHERE id = ?').get(input.visitId) as { id: string; kiosk_id: string; departed_at: string | null } | undefined;
    if (!v) throw new ContractError('NOT_FOUND', 'That visit is not known to the office. Refresh the list.');
    if (v.departed_at) throw new ContractError('ALREADY_SIGNED_OUT', 'This visitor has signed out.');
    const by = actorLabel(ctx.actor);
    const at = ctx.now.toISOString();
    stmt(ctx.db, 'INSERT INTO id_checks (id, visit_id, seen, checked_by, checked_at) VALUES (?, ?, ?, ?, ?)').run(uuidv7(), v.id, input.seen, by, at);
    // Before the reprint in the feed: the kiosk applies the check, then prints.
    appendRefChange(ctx.db, 'idcheck', v.id, { visitId: v.id, kioskId: v.kiosk_id, seen: input.seen, by, at }, ctx.now);
    ctx.audit('admission.idChecked', `visit:${v.id}`, { seen: input.seen });
    const { request } = receptionHandlers['desk.request']({ kind: 'reprint', visitId: v.id }, ctx);
    return { check: { visitId: v.id, seen: input.seen, by, at }, request };
  },
  'admission.idChecks': (_i, ctx) => ({
    checks: (
      stmt(
        ctx.db,
        `SELECT c.visit_id, c.seen, c.checked_by, c.checked_at FROM id_checks c JOIN visits v ON v.id = c.visit_id
          WHERE v.departed_at IS NULL ORDER BY c.checked_at, c.id`,
      ).all() as CheckRow[]
    ).map(toCheck),
  }),
  'restricted.list': (_i, ctx) => {
    const today = localDay(ctx.now, hubSite(ctx.db).timeZone);
    const rows = stmt(ctx.db, 'SELECT id, full_name, aliases, date_of_birth, reason, review_on, created_by, created_at FROM restricted_people WHERE removed_at IS NULL ORDER BY full_name, id').all() as EntryRow[];
    return { entries: rows.map((r) => toEntry(r, ctx.actor, today)) };
  },
  'restricted.save': (input, ctx) => {
    const secret = restrictedSecret(ctx.db, ctx.now);
    const id = input.id ?? uuidv7();
    const aliases = [...new Set(input.aliases)];
    if (input.id === undefined) {
      stmt(
        ctx.db,
        'INSERT INTO restricted_people (id, full_name, aliases, date_of_birth, reason, review_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(id, input.fullName, JSON.stringify(aliases), input.dateOfBirth, input.reason, input.reviewOn, actorLabel(ctx.actor), ctx.now.toISOString());
    } else {
      const res = stmt(ctx.db, 'UPDATE restricted_people SET full_name = ?, aliases = ?, date_of_birth = ?, reason = ?, review_on = ? WHERE id = ? AND removed_at IS NULL').run(
        input.fullName, JSON.stringify(aliases), input.dateOfBirth, input.reason, input.reviewOn, id,
      );
      if (res.changes === 0) throw new ContractError('NOT_FOUND', 'That entry is not on the restricted list.');
    }
    appendRefChange(ctx.db, 'restricted', id, { keys: restrictedKeys(secret, [input.fullName, ...aliases]) }, ctx.now);
    // Who was added or changed is in the record; the audit names the entry only.
    ctx.audit(input.id === undefined ? 'restricted.add' : 'restricted.change', `restricted:${id}`, { aliases: aliases.length });
    const row = stmt(ctx.db, 'SELECT id, full_name, aliases, date_of_birth, reason, review_on, created_by, created_at FROM restricted_people WHERE id = ?').get(id) as EntryRow;
    return { entry: toEntry(row, ctx.actor, localDay(ctx.now, hubSite(ctx.db).timeZone)) };
  },
  'restricted.remove': (input, ctx) => {
    const res = stmt(ctx.db, 'UPDATE restricted_people SET removed_by = ?, removed_at = ? WHERE id = ? AND removed_at IS NULL').run(actorLabel(ctx.actor), ctx.now.toISOString(), input.id);
    if (res.changes === 0) return { removed: false };
    appendRefChange(ctx.db, 'restricted', input.id, null, ctx.now);
    ctx.audit('restricted.remove', `restricted:${input.id}`);
    return { removed: true };
  },
  'restricted.alerts': (_i, ctx) => ({
    alerts: (stmt(ctx.db, `${ALERT_SELECT} ORDER BY a.acknowledged, a.at DESC, a.id LIMIT 100`).all() as AlertRow[]).map(toAlert),
  }),
  'restricted.acknowledge': (input, ctx) => {
    stmt(ctx.db, 'UPDATE restricted_alerts SET acknowledged = 1, acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged = 0').run(actorLabel(ctx.actor), ctx.now.toISOString(), input.id);
    const row = stmt(ctx.db, `${ALERT_SELECT} WHERE a.id = ?`).get(input.id) as AlertRow | undefined;
    if (!row) throw new ContractError('NOT_FOUND', 'There is no such alert.');
    ctx.audit('restricted.acknowledge', `visit:${row.visit_id}`);
    return { alert: toAlert(row) };
  },
};
