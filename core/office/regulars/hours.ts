// Volunteer hours per person and month, as schools report them: from each card sign-in's visit,
// arrival to departure. A visit still open (no sign-out recorded) counts no hours and is shown
// in its own column, so a forgotten sign-out is seen rather than guessed.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { csvRow } from '../visits/csv.js';

export type HoursRow = { month: string; regularId: string; fullName: string; organisation: string; category: string; role: string; visits: number; openVisits: number; hours: number };

/** Months 'YYYY-MM' from..to inclusive, by the visit's local day. */
export function volunteerHours(db: Db, fromMonth: string, toMonth: string, categories: readonly string[] | null): HoursRow[] {
  const rows = stmt(
    db,
    `SELECT r.id, r.full_name, r.organisation, r.category, r.role, v.local_day, v.arrived_at, v.departed_at
       FROM regular_visits rv JOIN regulars r ON r.id = rv.regular_id JOIN visits v ON v.id = rv.visit_id
      WHERE v.local_day >= ? AND v.local_day <= ?
      ORDER BY v.local_day, r.full_name`,
  ).all(`${fromMonth}-01`, `${toMonth}-31`) as { id: string; full_name: string; organisation: string; category: string; role: string; local_day: string; arrived_at: string; departed_at: string | null }[];
  const out = new Map<string, HoursRow>();
  for (const r of rows) {
    if (categories && !categories.includes(r.category)) continue;
    const month = r.local_day.slice(0, 7);
    const key = `${month}|${r.id}`;
    let h = out.get(key);
    if (!h) out.set(key, (h = { month, regularId: r.id, fullName: r.full_name, organisation: r.organisation, category: r.category, role: r.role, visits: 0, openVisits: 0, hours: 0 }));
    h.visits++;
    if (r.departed_at) h.hours += Math.max(0, Date.parse(r.departed_at) - Date.parse(r.arrived_at)) / 3_600_000;
    else h.openVisits++;
  }
  return [...out.values()].map((h) => ({ ...h, hours: Math.round(h.hours * 100) / 100 })).sort((a, b) => a.month.localeCompare(b.month) || a.fullName.localeCompare(b.fullName));
}

export function volunteerHoursCsv(rows: readonly HoursRow[]): string {
  return (
    csvRow(['Month', 'Name', 'Organisation', 'Category', 'Role', 'Visits', 'Visits not signed out', 'Hours']) +
    rows.map((h) => csvRow([h.month, h.fullName, h.organisation, h.category, h.role, h.visits, h.openVisits, h.hours.toFixed(2)])).join('')
  );
}
