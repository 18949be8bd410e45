// End of the day in the console: visits still open and phones not collected, from every
// kiosk; staff sign visits out (recorded as "signed out by staff", with who and when). Kiosks
// own visit events, so the sign-out travels to the kiosk that owns the visit through the pull
// feed, and that kiosk writes it in its own log; the visit leaves the list when it syncs back.
import { ContractError } from '../../../shared/errors.js';
import type { EndOfDay, HubVisit } from '../../../shared/office.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { actorLabel, type OfficeCtx, type OfficeHandlers } from '../context.js';
import { appendRefChange } from '../reference/feed.js';
import { AUTO_SIGN_OUT_CONFIRMED_KEY, AUTO_SIGN_OUT_KEY, REVIEW_AT_KEY, hubSite, hubToday } from '../reference/site.js';
import { SCHOOL_HOURS, autoSignOutConcern } from '../../../shared/sync.js';
import { hubOnSite, uncollectedPhones } from '../visits/queries.js';


function sent(db: Db, v: HubVisit): HubVisit & { signOutSent: boolean } {
  return { ...v, signOutSent: stmt(db, "SELECT 1 FROM ref_changes WHERE entity = 'signout' AND key = ? LIMIT 1").get(v.visitId) !== undefined };
}

function endOfDay(ctx: OfficeCtx): EndOfDay {
  const reviewAt = (stmt(ctx.db, 'SELECT value FROM site_settings WHERE key = ?').get(REVIEW_AT_KEY) as { value: string } | undefined)?.value ?? '17:00';
  const site = hubSite(ctx.db);
  return {
    reviewAt,
    autoSignOutAt: site.autoSignOutAt ?? null,
    localTime: new Intl.DateTimeFormat('en-GB', { timeZone: site.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ctx.now),
    open: hubOnSite(ctx.db).map((v) => sent(ctx.db, v)),
    uncollected: uncollectedPhones(ctx.db, hubToday(ctx.db, ctx.now)).map((v) => sent(ctx.db, v)),
    at: ctx.now.toISOString(),
  };
}

export const endOfDayHandlers: OfficeHandlers<'endOfDay.list' | 'endOfDay.configure' | 'endOfDay.signOut'> = {
  'endOfDay.list': (_i, ctx) => endOfDay(ctx),
  'endOfDay.configure': ({ reviewAt, autoSignOutAt, confirmed }, ctx) => {
    // A time inside school hours, or already past today, signs out people who are still here:
    // only on an administrator's explicit confirmation (the console asks).
    const concern = autoSignOutAt === null ? null : autoSignOutConcern(autoSignOutAt, endOfDay(ctx).localTime);
    if (concern && !confirmed)
      throw new ContractError('CONFLICT', concern === 'school_hours'
        ? `${autoSignOutAt} is inside school hours (${SCHOOL_HOURS.from}–${SCHOOL_HOURS.to}): kiosks would sign out visitors who are still on site. Confirm to set it.`
        : `${autoSignOutAt} has already passed today: kiosks would sign out everyone on site now. Confirm to set it.`, [{ path: 'autoSignOutAt', message: 'confirm' }]);
    const set = stmt(ctx.db, 'INSERT INTO site_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    set.run(AUTO_SIGN_OUT_CONFIRMED_KEY, concern === 'school_hours' && autoSignOutAt ? autoSignOutAt : '');
    set.run(REVIEW_AT_KEY, reviewAt);
    set.run(AUTO_SIGN_OUT_KEY, autoSignOutAt ?? ''); // '' = turned off here, for every kiosk
    // Kiosks apply the automatic sign-out themselves (it must work with the office down): send it.
    appendRefChange(ctx.db, 'site', 'site', hubSite(ctx.db), ctx.now);
    ctx.audit('endOfDay.configure', 'site', { reviewAt, autoSignOutAt, ...(concern ? { confirmed: concern } : {}) });
    return endOfDay(ctx);
  },
  'endOfDay.signOut': ({ visitIds, phoneReturned }, ctx) => {
    const staff = actorLabel(ctx.actor);
    for (const visitId of new Set(visitIds)) {
      const v = stmt(ctx.db, 'SELECT id, kiosk_id, departed_at, phone_out_at, phone_in_at FROM visits WHERE id = ?').get(visitId) as
        | { id: string; kiosk_id: string; departed_at: string | null; phone_out_at: string | null; phone_in_at: string | null }
        | undefined;
      if (!v) throw new ContractError('NOT_FOUND', 'One of those visits is not known to the office. Refresh the list.');
      const phoneHeld = v.phone_in_at !== null && v.phone_out_at === null;
      if (v.departed_at !== null && !(phoneReturned && phoneHeld)) continue; // nothing left to record
      appendRefChange(ctx.db, 'signout', v.id, { visitId: v.id, kioskId: v.kiosk_id, staff, phoneReturned, requestedAt: ctx.now.toISOString() }, ctx.now);
      ctx.audit('endOfDay.signOut', `visit:${v.id}`, { phoneReturned });
    }
    return endOfDay(ctx);
  },
};
