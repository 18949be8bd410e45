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

/** Worst first: a school whose figures could not be read, then new concerns, open concerns,
 *  silent kiosks, waiting requests, phones held, people on site. */
const URGENCY: readonly (keyof SchoolFigures)[] = ['unseenConcerns', 'openConcerns', 'kiosksStale', 'pendingRequests', 'phonesHeld', 'onSite'];
const BY: Record<Exclude<SortKey, 'urgent' | 'name'>, readonly (keyof SchoolFigures)[]> = {
  concerns: ['openConcerns', 'unseenConcerns'],
  kiosks: ['kiosksStale'],
  requests: ['pendingRequests'],
  phones: ['phonesHeld'],
  onSite: ['onSite'],
};

function compare(keys: readonly (keyof SchoolFigures)[]) {
  return (a: DashboardSchool, b: DashboardSchool): number => {
    if (!a.figures || !b.figures) return (a.figures ? 1 : 0) - (b.figures ? 1 : 0) || a.name.localeCompare(b.name);
    for (const k of keys) if (a.figures[k] !== b.figures[k]) return b.figures[k] - a.figures[k];
    return a.name.localeCompare(b.name);
  };
}

export function sortSchools(rows: readonly DashboardSchool[], by: SortKey): DashboardSchool[] {
  const out = [...rows];
  if (by === 'name') return out.sort((a, b) => a.name.localeCompare(b.name));
  return out.sort(compare(by === 'urgent' ? URGENCY : [...BY[by], ...URGENCY]));
}
