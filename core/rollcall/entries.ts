// What the kiosk and the office share in building a roll call: one entry per person (the same
// words as the badge for their phone), sorted by name for the paper list, with counts.
import type { OnSiteVisit } from '../../shared/contract.js';
import { badgeLabel } from '../../shared/domain.js';
import type { RollCall, RollCallEntry } from '../../shared/rollcall.js';
import { categoryLabel, mustBeEscorted, phoneStatusLine, type ApprovedExemption } from '../printing/badge.js';

export type RollCallHeader = { id: string; started_at: string; started_by: string };

type Person = Pick<OnSiteVisit, 'visitId' | 'fullName' | 'category' | 'organisation' | 'hostName' | 'arrivedAt' | 'badgeNumber' | 'badgePrefix' | 'needsEvacuationHelp'> & {
  phone: OnSiteVisit['phone'] | null;
};

export function rollCallEntry(v: Person, o: { timeZone: string; kioskName: string; approved: ApprovedExemption | undefined; mark: RollCallEntry['mark']; idChecked?: boolean }): RollCallEntry {
  return {
    visitId: v.visitId,
    fullName: v.fullName,
    category: v.category,
    categoryLabel: categoryLabel(v.category, {}),
    organisation: v.organisation,
    hostName: v.hostName,
    arrivedAt: v.arrivedAt,
    badgeNumber: v.badgeNumber,
    badge: badgeLabel(v.badgePrefix, v.badgeNumber),
    phoneStatus: v.phone ? phoneStatusLine(v.phone, o.timeZone, new Date(v.arrivedAt), o.approved, o.idChecked === true) : 'PHONE NOT RECORDED',
    needsEvacuationHelp: v.needsEvacuationHelp,
    escortRequired: mustBeEscorted(v.category, {}, o.idChecked === true),
    kioskName: o.kioskName,
    mark: o.mark,
  };
}

export function countMarks(entries: readonly RollCallEntry[]): RollCall['counts'] {
  const safe = entries.filter((e) => e.mark?.status === 'safe').length;
  const missing = entries.filter((e) => e.mark?.status === 'missing').length;
  return { total: entries.length, safe, missing, unaccounted: entries.length - safe - missing, needHelp: entries.filter((e) => e.needsEvacuationHelp).length };
}

export function assembleRollCall(rc: RollCallHeader, entries: RollCallEntry[], o: { siteName: string; source: RollCall['source']; at: Date }): RollCall {
  entries.sort((a, b) => a.fullName.localeCompare(b.fullName, 'en', { sensitivity: 'base' }));
  return {
    rollCallId: rc.id,
    startedAt: rc.started_at,
    startedBy: rc.started_by,
    siteName: o.siteName,
    source: o.source,
    generatedAt: o.at.toISOString(),
    entries,
    counts: countMarks(entries),
  };
}
