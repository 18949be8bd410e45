// The trust dashboard's orders: worst first by default, or by one figure (ties broken by
// urgency, then name). A school whose figures could not be read comes first: unknown is worst.
import type { DashboardSchool, SchoolFigures } from '../../../../shared/trust.js';

export type SortKey = 'urgent' | 'concerns' | 'kiosks' | 'requests' | 'phones' | 'onSite' | 'name';

export const SORTS: readonly { value: SortKey; label: string }[] = [
  { value: 'urgent', label: 'Most urgent first' },
  { value: 'concerns', label: 'Open concerns' },
  { value: 'kiosks', label: 'Kiosks not synced' },
  { value: 'requests', label: 'Device-use requests waiting' },
  { value: 'phones', label: 'Phones not collected' },
  { value: 'onSite', label: 'People on site' },
  { value: 'name', label: 'School name' },
];

/** The counts a school can be ordered by: each number of its figures, and its urgent concerns. */
type CountKey = { [K in keyof SchoolFigures]: SchoolFigures[K] extends number ? K : never }[keyof SchoolFigures] | 'urgentConcerns';
const count = (f: SchoolFigures, k: CountKey): number => (k === 'urgentConcerns' ? f.openBySeverity.urgent : f[k]);

/** Worst first: a school whose figures could not be read, then urgent concerns, new concerns,
 *  open concerns, silent kiosks, waiting requests, phones held, people on site. */
const URGENCY: readonly CountKey[] = ['urgentConcerns', 'unseenConcerns', 'openConcerns', 'kiosksStale', 'pendingRequests', 'phonesHeld', 'onSite'];
const BY: Record<Exclude<SortKey, 'urgent' | 'name'>, readonly CountKey[]> = {
  concerns: ['urgentConcerns', 'openConcerns', 'unseenConcerns'],
  kiosks: ['kiosksStale'],
  requests: ['pendingRequests'],
  phones: ['phonesHeld'],
  onSite: ['onSite'],
};

function compare(keys: readonly CountKey[]) {
  return (a: DashboardSchool, b: DashboardSchool): number => {
    if (!a.figures || !b.figures) return (a.figures ? 1 : 0) - (b.figures ? 1 : 0) || a.name.localeCompare(b.name);
    for (const k of keys) if (count(a.figures, k) !== count(b.figures, k)) return count(b.figures, k) - count(a.figures, k);
    return a.name.localeCompare(b.name);
  };
}

export function sortSchools(rows: readonly DashboardSchool[], by: SortKey): DashboardSchool[] {
  const out = [...rows];
  if (by === 'name') return out.sort((a, b) => a.name.localeCompare(b.name));
  return out.sort(compare(by === 'urgent' ? URGENCY : [...BY[by], ...URGENCY]));
}
