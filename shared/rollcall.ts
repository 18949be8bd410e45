// The fire roll call as both the kiosk and the office console show it.
import type { VisitorCategory } from './domain.js';

export type RollCallStatus = 'safe' | 'missing';

export type RollCallEntry = {
  visitId: string;
  fullName: string;
  category: VisitorCategory;
  categoryLabel: string;
  organisation: string;
  hostName: string;
  arrivedAt: string;
  badgeNumber: number;
  /** What the badge reads: the kiosk's letter and the number ("B7"); kiosks share one list here. */
  badge: string;
  /** The same words as the badge: "Phone in locker 12", "DEVICE USE APPROVED — …". */
  phoneStatus: string;
  needsEvacuationHelp: boolean;
  escortRequired: boolean;
  /** Where the visitor signed in (the console merges kiosks). */
  kioskName: string;
  mark: { status: RollCallStatus; by: string; at: string } | null;
};

export type RollCall = {
  /** One roll call per alarm: marks belong to it, so last week's drill does not count as safe. */
  rollCallId: string;
  startedAt: string;
  startedBy: string;
  siteName: string;
  /** Which records it was built from, said plainly on screen and on paper. */
  source: 'this kiosk' | 'all kiosks';
  generatedAt: string;
  entries: RollCallEntry[];
  counts: { total: number; safe: number; missing: number; unaccounted: number; needHelp: number };
};
