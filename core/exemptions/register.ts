// The kiosk's copy of the office's device-use exemptions register (table `exemptions`, filled by
// sync from the office) as an ExemptionLookup. The kiosk decides nothing here: it only answers
// "is there an approval, valid right now, for exactly this person from this organisation?"
// so it keeps working from its last copy when the office is unreachable.
import { createHash } from 'node:crypto';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { readSettings } from '../site/settings.js';
import { instantAt, wallClock, type WallClock } from '../site/wallClock.js';
import type { ExemptionHolder, ExemptionLookup, ValidExemption } from './lookup.js';

type Row = {
  id: string;
  status: string;
  valid_from: string;
  valid_to: string;
  daily_from: string | null;
  daily_to: string | null;
  weekdays: string | null;
  locations: string;
  devices: string;
  conditions: string;
};

const COLUMNS = 'id, status, valid_from, valid_to, daily_from, daily_to, weekdays, locations, devices, conditions';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * What the visitor acknowledges, as one unambiguous string: the devices, the places and the
 * conditions exactly as shown. Its hash travels with the sign-in, so an approval whose terms
 * change between the screen and the sign-in is caught and shown again. The time is left out:
 * it is not a term the visitor agrees to, and the badge records it anyway.
 */
export function approvalCanonicalText(e: { devices: string; locations: readonly string[]; conditions: string }): string {
  return JSON.stringify([e.devices, [...e.locations], e.conditions]);
}

export function approvalHash(e: { devices: string; locations: readonly string[]; conditions: string }): string {
  return createHash('sha256').update(approvalCanonicalText(e), 'utf8').digest('hex');
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The row as a valid approval at `now`, or null. A row that does not make sense is never valid:
 *  a kiosk must not grant device use on data it cannot read. */
function validAt(r: Row, now: WallClock, timeZone: string): ValidExemption | null {
  if (r.status !== 'approved') return null;
  if (!DAY.test(r.valid_from) || !DAY.test(r.valid_to)) return null;
  if (now.day < r.valid_from || now.day > r.valid_to) return null; // YYYY-MM-DD sorts as dates

  const weekdays = parseJson(r.weekdays);
  if (weekdays !== null) {
    // Recurring: only on the listed ISO weekdays.
    if (!Array.isArray(weekdays) || !weekdays.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) return null;
    if (!weekdays.includes(now.weekday)) return null;
  }

  const daily = r.daily_from !== null || r.daily_to !== null;
  if (daily) {
    if (r.daily_from === null || r.daily_to === null || !TIME.test(r.daily_from) || !TIME.test(r.daily_to)) return null;
    if (now.time < r.daily_from || now.time >= r.daily_to) return null; // from inclusive, to exclusive
  }

  const locations = parseJson(r.locations);
  if (!Array.isArray(locations) || !locations.every((l): l is string => typeof l === 'string')) return null;

  const until = daily ? instantAt(now.day, r.daily_to!, timeZone) : instantAt(r.valid_to, '23:59', timeZone);
  return {
    id: r.id,
    locations,
    until: until.toISOString(),
    devices: r.devices,
    conditions: r.conditions,
    conditionsHash: approvalHash({ devices: r.devices, locations, conditions: r.conditions }),
  };
}

export function exemptionRegister(db: Db): ExemptionLookup {
  const valid = (rows: Row[], at: Date): ValidExemption[] => {
    const timeZone = readSettings(db).timeZone;
    const now = wallClock(at, timeZone);
    return rows
      .map((r) => validAt(r, now, timeZone))
      .filter((e): e is ValidExemption => e !== null)
      .sort((a, b) => b.until.localeCompare(a.until) || a.id.localeCompare(b.id)); // the longest-lasting first, then stable
  };
  // Empty keys never match: an approval is for a named person from a named organisation.
  const named = (h: ExemptionHolder) => h.nameKey !== '' && h.organisationKey !== '';

  return {
    findValid(holder, at) {
      if (!named(holder)) return null;
      const rows = stmt(db, `SELECT ${COLUMNS} FROM exemptions WHERE name_key = ? AND organisation_key = ? AND category = ?`).all(holder.nameKey, holder.organisationKey, holder.category) as Row[];
      return valid(rows, at)[0] ?? null;
    },
    checkValid(id, holder, at) {
      if (!named(holder)) return null;
      const rows = stmt(db, `SELECT ${COLUMNS} FROM exemptions WHERE id = ? AND name_key = ? AND organisation_key = ? AND category = ?`).all(id, holder.nameKey, holder.organisationKey, holder.category) as Row[];
      return valid(rows, at)[0] ?? null;
    },
  };
}
