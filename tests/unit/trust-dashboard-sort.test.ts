// The trust dashboard's order (renderer/console/src/trust/sort.ts): the school that needs
// someone first comes first, whatever order the hub listed them in.
import { describe, expect, it } from 'vitest';
import { sortSchools } from '../../renderer/console/src/trust/sort.js';
import type { DashboardSchool, SchoolFigures } from '../../shared/trust.js';

const calm: SchoolFigures = { onSite: 0, phonesHeld: 0, openConcerns: 0, unseenConcerns: 0, openBySeverity: { urgent: 0, high: 0, medium: 0, low: 0 }, pendingRequests: 0, kiosks: 1, kiosksStale: 0 };
const school = (name: string, f: Partial<SchoolFigures> | null): DashboardSchool => ({ slug: name.toLowerCase(), name, figures: f && { ...calm, ...f } });

const rows = [
  school('Busy', { onSite: 40, phonesHeld: 12 }),
  school('Alder', {}),
  school('Concern', { openConcerns: 1 }),
  school('Unseen', { openConcerns: 1, unseenConcerns: 1 }),
  school('Silent', { kiosksStale: 1 }),
  school('Broken', null),
  school('Asking', { pendingRequests: 3 }),
  // Seen by the DSL, but urgent (an image of a child): before any school with new, ordinary concerns.
  school('Urgent', { openConcerns: 1, openBySeverity: { urgent: 1, high: 0, medium: 0, low: 0 } }),
];

describe('trust dashboard order', () => {
  it('most urgent first: unreadable, urgent concerns, new concerns, open concerns, silent kiosks, requests, phones, people; then by name', () => {
    expect(sortSchools(rows, 'urgent').map((r) => r.name)).toEqual(['Broken', 'Urgent', 'Unseen', 'Concern', 'Silent', 'Asking', 'Busy', 'Alder']);
  });

  it('by one figure, highest first, ties by urgency', () => {
    expect(sortSchools(rows, 'phones').map((r) => r.name).slice(0, 2)).toEqual(['Broken', 'Busy']);
    expect(sortSchools(rows, 'concerns').map((r) => r.name).slice(0, 4)).toEqual(['Broken', 'Urgent', 'Unseen', 'Concern']);
    expect(sortSchools(rows, 'name').map((r) => r.name)).toEqual(['Alder', 'Asking', 'Broken', 'Busy', 'Concern', 'Silent', 'Unseen', 'Urgent']);
  });

  it('does not reorder what it was given', () => {
    const before = rows.map((r) => r.name);
    sortSchools(rows, 'urgent');
    expect(rows.map((r) => r.name)).toEqual(before);
  });
});
