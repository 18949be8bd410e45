// Reference data the office owns and kiosks copy: lockers, phone-use locations, hosts, the
// phone policy and expected visitors. Each change is audited and appended to the change feed
// in the same transaction, so a kiosk never sees a change the console does not.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { actorLabel, type OfficeCtx, type OfficeHandlers } from '../context.js';
import { publishExemption } from '../exemptions/store.js';
import { expectedFrom, saveExpected } from './expected.js';
import { readList, saveList, type ListName } from './lists.js';
import { currentHubPolicy, publishHubPolicy } from './policy.js';
import { noticeRulesChanged } from '../invitations/rulesChanged.js';
import { hubToday } from './site.js';
import { jsonArrayValues } from '../../db/dialect.js';

function saveAndAudit<L extends ListName>(ctx: OfficeCtx, list: L, items: Parameters<typeof saveList>[2]) {
  const changed = saveList(ctx.db, list, items, ctx.now);
  if (changed.length) ctx.audit(`${list}.save`, list, { changed });
  return { changed, list: readList(ctx.db, list) };
}

/** Approved exemptions name their places: a renamed place is sent again with them, so the
 *  kiosk (and the badge it prints) says what the place is called now. */
function republishExemptionsAt(db: Db, locationIds: readonly string[], at: Date): void {
  const using = stmt(
    db,
    `SELECT e.id FROM exemptions e WHERE e.status = 'approved' AND EXISTS (SELECT 1 FROM ${jsonArrayValues(db, 'e.location_ids')} j WHERE j.value = ?)`,
  ).pluck();
  const ids = new Set(locationIds.flatMap((id) => using.all(id) as string[]));
  for (const id of ids) publishExemption(db, id, at);
}

export const referenceHandlers: OfficeHandlers<'reference.get' | 'lockers.save' | 'locations.save' | 'hosts.save' | 'policy.publish' | 'expected.save'> = {
  'reference.get': (_input, { db, now }) => ({
    lockers: readList(db, 'lockers'),
    locations: readList(db, 'locations'),
    hosts: readList(db, 'hosts'),
    policy: currentHubPolicy(db),
    expected: expectedFrom(db, hubToday(db, now)),
  }),

  'lockers.save': (input, ctx) => saveAndAudit(ctx, 'lockers', input.lockers).list,

  'locations.save': (input, ctx) => {
    const before = new Map(readList(ctx.db, 'locations').map((l) => [l.id, l.name]));
    const { changed, list } = saveAndAudit(ctx, 'locations', input.locations);
    const renamed = changed.filter((id) => before.has(id) && before.get(id) !== list.find((l) => l.id === id)?.name);
    republishExemptionsAt(ctx.db, renamed, ctx.now);
    return list;
  },

  'hosts.save': (input, ctx) => saveAndAudit(ctx, 'hosts', input.hosts).list,

  'policy.publish': (input, ctx) => {
    const r = publishHubPolicy(ctx.db, input.texts, ctx.now, 'office');
    // Visitors invited by email under an earlier version hear of the new one (invitations/rulesChanged.ts).
    const told = r.created ? noticeRulesChanged(ctx.db, ctx.now) : 0;
    if (r.changed)
      ctx.audit('policy.publish', `policy:${r.policy.versionId}`, { version: r.policy.version, newVersion: r.created, languages: r.added, ...(told ? { rulesChangedEmails: told } : {}) });
    return r.policy;
  },

  'expected.save': (input, ctx) => {
    const { expected, created } = saveExpected(ctx.db, input, actorLabel(ctx.actor), ctx.now);
    ctx.audit(created ? 'expected.create' : expected.cancelled ? 'expected.cancel' : 'expected.update', `expected:${expected.id}`, {
      expectedOn: expected.expectedOn,
      hostId: expected.hostId,
    });
    return { expected };
  },
};
