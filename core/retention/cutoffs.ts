// When records expire, as calendar days (YYYY-MM-DD, the school's own days). Pure date
// arithmetic shared by the kiosk's purge and the hub's: both must agree on which visits go.
import { ACADEMIC_YEAR_END } from './defaults.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `day` moved by whole months; the day of month is clamped (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/**
 * Visits on or before the returned day have expired on `today`: it is the last end of an
 * academic year whose period (`months` after it) is already over. Null when none has.
 */
export function visitsExpireOnOrBefore(today: string, months: number): string {
  const { month, day } = ACADEMIC_YEAR_END;
  for (let y = Number(today.slice(0, 4)); ; y--) {
    const end = `${pad(y, 4)}-${pad(month)}-${pad(day)}`;
    if (addMonths(end, months) < today) return end;
  }
}

/** Records that stopped applying before the returned day have expired on `today`. */
export function endedBefore(today: string, months: number): string {
  return addMonths(today, -months);
}
