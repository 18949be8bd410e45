// The hub's own site settings (name and time zone). They live in site_settings like the
// kiosk's, and the hub sends them to kiosks as the 'site' entity of the feed.
import type { Db } from '../../db/open.js';
import { getSetting, localDay } from '../../site/settings.js';
import { DEFAULT_SITE_NAME } from '../../site/defaults.js';
import { autoSignOutConcern, type RefSite } from '../../../shared/sync.js';

/**
 * The zone a new hub assumes: the machine's, as a kiosk does, except that a server or container
 * left on UTC says nothing about where the school is. Kiosks take the hub's zone (badge days,
 * daily exemption windows), so a UTC default would move every kiosk an hour each summer; the
 * schools this is built for are in England.
 */
function defaultTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return /^(UTC|GMT|Etc\/.*|Universal|Zulu)$/.test(zone) ? 'Europe/London' : zone;
}

/** Site settings keys for the end of the day (set in the console, End of day). */
export const REVIEW_AT_KEY = 'end_of_day_review_at';
export const AUTO_SIGN_OUT_KEY = 'end_of_day_auto_sign_out_at';
/** The automatic sign-out time an administrator confirmed inside school hours (that exact time). */
export const AUTO_SIGN_OUT_CONFIRMED_KEY = 'end_of_day_auto_sign_out_confirmed';

export function hubSite(db: Db): RefSite {
  const site: RefSite = { siteName: getSetting(db, 'site_name') ?? DEFAULT_SITE_NAME, timeZone: getSetting(db, 'time_zone') ?? defaultTimeZone() };
  // Never set in the console: not sent, so a kiosk keeps its own site.json rule. '' = turned off.
  const auto = getSetting(db, AUTO_SIGN_OUT_KEY);
  if (auto !== undefined) site.autoSignOutAt = auto === '' ? null : auto;
  if (auto && autoSignOutConcern(auto) === 'school_hours') site.autoSignOutConfirmed = getSetting(db, AUTO_SIGN_OUT_CONFIRMED_KEY) === auto;
  return site;
}

/** The school's calendar day at `at` (YYYY-MM-DD): "today" for the register and the board. */
export function hubToday(db: Db, at: Date): string {
  return localDay(at, hubSite(db).timeZone);
}
