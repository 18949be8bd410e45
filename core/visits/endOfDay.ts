// End of the day: nobody is silently left "on site" and no phone is forgotten in a locker.
// Staff sign out visits that are still open (recorded as "signed out by staff", with who and
// when) or keep them; an optional rule signs out the rest at a set hour, recorded as
// automatic. Phones are never marked returned by the rule: a phone still in a locker stays
// flagged until a person hands it back.
import { ContractError } from '../../shared/errors.js';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { localDay, readSettings } from '../site/settings.js';
import { appendEvent } from './events.js';

export type OpenVisit = { visitId: string; fullName: string; arrivedAt: string; phoneKind: string | null; lockerId: string | null; phoneHeld: boolean };
export type HeldPhone = { visitId: string; fullName: string; lockerId: string | null; phoneKind: string; phoneInAt: string; departedAt: string | null };

/** Visits not signed out, oldest first (uses the partial on-site index). */
export function openVisits(db: Db): OpenVisit[] {
  return (
    stmt(db, `SELECT id, full_name, arrived_at, phone_kind, locker_id, phone_in_at, phone_out_at FROM visits WHERE departed_at IS NULL ORDER BY arrived_at`).all() as {
      id: string;
      full_name: string;
      arrived_at: string;
      phone_kind: string | null;
      locker_id: string | null;
      phone_in_at: string | null;
      phone_out_at: string | null;
    }[]
  ).map((r) => ({
    visitId: r.id,
    fullName: r.full_name,
    arrivedAt: r.arrived_at,
    phoneKind: r.phone_kind,
    lockerId: r.locker_id,
    phoneHeld: r.phone_in_at !== null && r.phone_out_at === null && (r.phone_kind === 'locker' || r.phone_kind === 'reception'),
  }));
}

/** Phones still in a locker or with reception, including visitors who have gone. */
export function heldPhones(db: Db): HeldPhone[] {
  return (
    stmt(
      db,
      `SELECT id, full_name, locker_id, phone_kind, phone_in_at, departed_at FROM visits
        WHERE phone_out_at IS NULL AND phone_in_at IS NOT NULL AND phone_kind IN ('locker', 'reception')
        ORDER BY phone_in_at`,
    ).all() as { id: string; full_name: string; locker_id: string | null; phone_kind: string; phone_in_at: string; departed_at: string | null }[]
  ).map((r) => ({ visitId: r.id, fullName: r.full_name, lockerId: r.locker_id, phoneKind: r.phone_kind, phoneInAt: r.phone_in_at, departedAt: r.departed_at }));
}

/** A member of staff signs a visit out (and, if they say so, hands the phone back). */
export function staffSignOut(db: Db, input: { visitId: string; staff: string; phoneReturned: boolean; at: Date }): { alreadyGone: boolean } {
  return db.transaction(() => {
    const v = stmt(db, 'SELECT id, departed_at, phone_in_at, phone_out_at, phone_kind FROM visits WHERE id = ?').get(input.visitId) as
      | { id: string; departed_at: string | null; phone_in_at: string | null; phone_out_at: string | null; phone_kind: string | null }
      | undefined;
    if (!v) throw new ContractError('NOT_FOUND', 'That visit is not in this kiosk\u2019s records.');
    const base = { visitId: v.id, kioskId: readSettings(db).kioskId, at: input.at.toISOString() };
    const held = v.phone_in_at !== null && v.phone_out_at === null && (v.phone_kind === 'locker' || v.phone_kind === 'reception');
    if (input.phoneReturned && held) appendEvent(db, { ...base, body: { kind: 'phone_returned', by: 'staff', staff: input.staff } });
    if (v.departed_at) return { alreadyGone: true };
    appendEvent(db, { ...base, body: { kind: 'departed', by: 'staff', staff: input.staff } });
    return { alreadyGone: false };
  }).immediate();
}

/** Sign out every open visit, marked as automatic. Returns how many. */
export function autoSignOut(db: Db, at: Date): number {
  return db.transaction(() => {
    const kioskId = readSettings(db).kioskId;
    const open = openVisits(db);
    for (const v of open) appendEvent(db, { visitId: v.visitId, kioskId, at: at.toISOString(), body: { kind: 'departed', by: 'auto' } });
    return open.length;
  }).immediate();
}

/** "HH:MM" in the site's time zone. */
function localClock(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

const LAST_AUTO_KEY = 'end_of_day_auto_last_day';
/** Set by sync from the office's end-of-day rule: "HH:MM", or '' when the office turned it off. */
export const OFFICE_AUTO_SIGN_OUT_KEY = 'office_auto_sign_out_at';

/** The hour of the automatic sign-out: the office's rule once it has sent one, else site.json's. */
export function autoSignOutTime(db: Db, fromSiteJson: string | undefined): string | null {
  const office = stmt(db, 'SELECT value FROM site_settings WHERE key = ?').get(OFFICE_AUTO_SIGN_OUT_KEY) as { value: string } | undefined;
  if (office) return office.value === '' ? null : office.value;
  return fromSiteJson ?? null;
}

/**
 * Run the automatic sign-out once a day at `autoSignOutAt` (site time). Checked every minute,
 * and at start, so a kiosk switched on after the hour still does it for that day (and only once).
 */
export function startEndOfDay(
  db: Db,
  opts: { autoSignOutAt: string | (() => string | null); now: () => Date; log: (m: string, e?: unknown) => void; intervalMs?: number },
): { stop(): void; runDue(): number } {
  const runDue = (): number => {
    const autoAt = typeof opts.autoSignOutAt === 'function' ? opts.autoSignOutAt() : opts.autoSignOutAt;
    if (!autoAt) return 0;
    const at = opts.now();
    const { timeZone } = readSettings(db);
    const day = localDay(at, timeZone);
    if (localClock(at, timeZone) < autoAt) return 0;
    const last = stmt(db, 'SELECT value FROM site_settings WHERE key = ?').get(LAST_AUTO_KEY) as { value: string } | undefined;
    if (last?.value === day) return 0;
    const n = autoSignOut(db, at);
    stmt(db, 'INSERT INTO site_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(LAST_AUTO_KEY, day);
    if (n > 0) opts.log(`end of day: ${n} visit(s) signed out automatically at ${autoAt}`);
    return n;
  };
  const tick = () => {
    try {
      runDue();
    } catch (e) {
      opts.log('end-of-day sign-out failed; will try again in a minute', e);
    }
  };
  tick();
  const timer = setInterval(tick, opts.intervalMs ?? 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer), runDue };
}
