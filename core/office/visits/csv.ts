// The visit record as a CSV file for spreadsheets (GET /api/export/visits.csv). RFC 4180:
// CRLF line ends, a header row, every field quoted with inner quotes doubled. Visitors type
// names and reasons, and spreadsheets run a cell that starts with = + - @ (or a tab or carriage
// return before one) as a formula ("=HYPERLINK(...)" that leaks data when clicked), so such a
// cell gets a leading apostrophe: shown as text, never run (OWASP "CSV injection").
import type { Db } from '../../db/open.js';
import { nameKey } from '../../../shared/text.js';
import type { PhoneCustody, VisitorCategory } from '../../../shared/domain.js';
import type { HubVisitRow } from './projection.js';
import { containsText } from '../../db/dialect.js';

export type VisitsCsvFilter = { query?: string | undefined; from?: string | undefined; to?: string | undefined; category?: VisitorCategory | undefined };

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: defused if a spreadsheet would read it as a formula, then quoted. */
export function csvCell(value: string | number | boolean | null): string {
  let s = value === null ? '' : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export function csvRow(cells: (string | number | boolean | null)[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

function phoneText(json: string | null): string {
  if (!json) return '';
  const p = JSON.parse(json) as PhoneCustody;
  switch (p.kind) {
    case 'locker':
      return `${p.lockerKind === 'pouch' ? 'Pouch' : 'Locker'} ${p.lockerLabel}`;
    case 'reception':
      return 'Handed to reception';
    case 'none':
      return 'No phone';
    case 'exemption_pending':
      return 'Device-use request pending';
    case 'exemption':
      return 'Approved device use';
    default:
      return '';
  }
}

const HEADER = [
  'Arrived', 'Left', 'Day', 'Name', 'Category', 'Organisation', 'Role', 'Visiting', 'Purpose', 'Badge', 'Kiosk',
  'Phone', 'Phone in', 'Phone out', 'Signed out by', 'Needs evacuation help', 'ID check required', 'Policy version', 'Language',
];

/** At most this many days per export (shared/office.ts): a whole-history export is paged by
 *  the person asking, and no one export holds a reader open for long. */
export { CSV_MAX_DAYS } from '../../../shared/office.js';

const where = (db: Db) => `WHERE (CAST(@from AS TEXT) IS NULL OR v.local_day >= @from) AND (CAST(@to AS TEXT) IS NULL OR v.local_day <= @to)
         AND (CAST(@category AS TEXT) IS NULL OR v.category = @category)
         -- a substring of the normalised key, not LIKE: nothing the person types is a wildcard.
         AND (@q = '' OR ${containsText(db, 'v.name_key', '@q')})`;

const params = (filter: VisitsCsvFilter) => ({ from: filter.from ?? null, to: filter.to ?? null, category: filter.category ?? null, q: filter.query ? nameKey(filter.query) : '' });

type CsvVisit = HubVisitRow & { kiosk_name: string | null };

/** The visits the filter finds (as visits.search with the same filter), oldest first, one at a time. */
export function visitRows(db: Db, filter: VisitsCsvFilter): IterableIterator<CsvVisit> {
  return db
    .prepare(`SELECT v.*, k.name AS kiosk_name FROM visits v LEFT JOIN kiosks k ON k.id = v.kiosk_id ${where(db)} ORDER BY v.arrived_at, v.id`)
    .iterate(params(filter)) as IterableIterator<CsvVisit>;
}

export function countVisitRows(db: Db, filter: VisitsCsvFilter): number {
  return db.prepare(`SELECT COUNT(*) FROM visits v ${where(db)}`).pluck().get(params(filter)) as number;
}

/**
 * The CSV file in pieces of `perChunk` rows: a BOM (so Excel reads UTF-8: names in Polish,
 * Urdu, Bengali …) and the header first. Pulled one piece at a time, so a big export is never
 * held in memory whole.
 */
export function* csvChunks(rows: Iterable<CsvVisit>, perChunk = 200): Generator<string, number> {
  yield '\ufeff' + csvRow(HEADER);
  let buf = '';
  let n = 0;
  for (const v of rows) {
    buf += csvRow([
      v.arrived_at, v.departed_at, v.local_day, v.full_name, v.category, v.organisation, v.agency_role, v.host_name, v.purpose,
      `${v.badge_prefix}${v.badge_number}`, v.kiosk_name ?? v.kiosk_id, phoneText(v.phone_custody), v.phone_in_at, v.phone_out_at, v.departed_by,
      v.needs_evac_help === 1, v.id_check_required === 1, v.policy_version, v.language,
    ]);
    if (++n % perChunk === 0) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
  return n;
}

/** The whole file as one string (small exports, tests). */
export function visitsCsv(db: Db, filter: VisitsCsvFilter): { csv: string; rows: number } {
  let csv = '';
  const chunks = csvChunks(visitRows(db, filter));
  for (;;) {
    const next = chunks.next();
    if (next.done) return { csv, rows: next.value };
    csv += next.value;
  }
}
