// What a visitor badge says, in words, from a sign-in receipt and the site's settings. The phone
// line is the point of the badge: any member of staff must be able to read at a glance where the
// visitor's phone is, or what device use was approved and until when.
import type { OnSiteVisit, VisitReceipt } from '../../shared/contract.js';
import { badgeLabel, type PhoneCustody, type VisitorCategory } from '../../shared/domain.js';
import type { BadgeModel } from './types.js';
import { ESCORT_EVEN_WHEN_CHECKED } from '../../shared/admission.js';

export const CATEGORY_LABELS_EN: Readonly<Record<VisitorCategory, string>> = {
  parent_carer: 'Parent / carer',
  volunteer: 'Volunteer',
  contractor: 'Contractor',
  visitor: 'Visitor',
  professional: 'Visiting professional',
};

/** Who stays escorted even after a recorded check, unless the site says otherwise
 *  (shared/admission.ts). Nobody goes unescorted without a recorded check. */
export const ESCORT_BY_DEFAULT: Readonly<Record<VisitorCategory, boolean>> = ESCORT_EVEN_WHEN_CHECKED;

export type BadgeSite = {
  siteName: string;
  /** IANA zone, e.g. Europe/London: times on the badge are the site's wall-clock times. */
  timeZone: string;
  categoryLabels?: Partial<Record<VisitorCategory, string>>;
  /** Per-category override of ESCORT_BY_DEFAULT (a checked visitor of that category stays escorted when true). */
  escort?: Partial<Record<VisitorCategory, boolean>>;
  /** Issue #15: the site's approved places, never-here places and DSL names, printed on every badge. */
  policy?: { approved: readonly string[]; never: readonly string[]; dsls: readonly string[] };
};

/** Where and until when an approved device may be used (from the exemption record). */
export type ApprovedExemption = { locations: readonly string[]; until: string };

export type BadgeInput = Pick<VisitReceipt, 'badgeCode' | 'badgeNumber' | 'fullName' | 'category' | 'hostName' | 'arrivedAt' | 'phone'> & {
  organisation?: string;
  /** The kiosk's badge letter (see VisitReceipt.badgePrefix). */
  badgePrefix?: string;
  /** Details of the approval when phone.kind is 'exemption'. */
  approvedExemption?: ApprovedExemption;
  /** A person recorded why this visitor's identity is known (shared/admission.ts clearanceOf). */
  idChecked?: boolean;
};

export const ESCORT_REQUIRED = 'MUST BE ESCORTED';
export const ESCORT_NOT_REQUIRED = 'Escort not required';
export const ID_CHECK_AT_RECEPTION = 'ID CHECK AT RECEPTION';
export const DEVICE_USE_ID_CHECK = 'DEVICE USE: ID CHECK AT RECEPTION';

/** Escorted unless a person recorded a check (idChecked), and even then if the site's rule for
 *  the category says so. What the visitor typed never lifts the escort. */
export function mustBeEscorted(category: VisitorCategory, site: Pick<BadgeSite, 'escort'>, idChecked = false): boolean {
  return !idChecked || (site.escort?.[category] ?? ESCORT_BY_DEFAULT[category]);
}

export function categoryLabel(category: VisitorCategory, site: Pick<BadgeSite, 'categoryLabels'>): string {
  return site.categoryLabels?.[category] ?? CATEGORY_LABELS_EN[category];
}

const formats = new Map<string, Intl.DateTimeFormat>();
function parts(at: Date, timeZone: string): Record<string, string> {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
}

/** "Tue 3 Mar 2026 08:10" in the site's time zone. */
export function dateTimeLabel(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.weekday} ${p.day} ${p.month} ${p.year} ${p.hour}:${p.minute}`;
}

/** "08:10" when `at` is on the same local day as `day`, else "Wed 4 Mar 08:10". */
export function timeLabel(at: Date, timeZone: string, day: Date): string {
  const p = parts(at, timeZone);
  const d = parts(day, timeZone);
  const time = `${p.hour}:${p.minute}`;
  return p.day === d.day && p.month === d.month && p.year === d.year ? time : `${p.weekday} ${p.day} ${p.month} ${time}`;
}

function lockerLine(label: string, kind: 'locker' | 'pouch'): string {
  const word = kind === 'pouch' ? 'POUCH' : 'LOCKER';
  const upper = label.trim().toLocaleUpperCase('en-GB');
  return upper.startsWith(word) ? `PHONE IN ${upper}` : `PHONE IN ${word} ${upper}`;
}

/** The badge's phone line. Device use is shown as approved only with the approval's details. */
export function phoneStatusLine(phone: PhoneCustody, timeZone: string, arrivedAt: Date, approved?: ApprovedExemption, idChecked = false): string {
  switch (phone.kind) {
    case 'locker':
      return lockerLine(phone.lockerLabel, phone.lockerKind);
    case 'reception':
      return 'PHONE HANDED TO RECEPTION';
    case 'none':
      return 'NO PHONE CARRIED';
    case 'exemption_pending':
      return 'DEVICE USE NOT APPROVED — SEE RECEPTION';
    case 'exemption': {
      // An approval is for a named person: until reception has checked who this is, it is not shown as granted.
      if (!idChecked) return DEVICE_USE_ID_CHECK;
      if (!approved || approved.locations.length === 0) return 'DEVICE USE APPROVED — ASK RECEPTION WHERE';
      const until = new Date(approved.until);
      const when = Number.isNaN(until.getTime()) ? '' : `, until ${timeLabel(until, timeZone, arrivedAt)}`;
      return `DEVICE USE APPROVED — ${approved.locations.join(', ')}${when}`;
    }
  }
}

export function badgeModel(input: BadgeInput, site: BadgeSite): BadgeModel {
  const arrived = new Date(input.arrivedAt);
  const idChecked = input.idChecked === true;
  const escort = mustBeEscorted(input.category, site, idChecked);
  return {
    siteName: site.siteName,
    fullName: input.fullName,
    categoryLabel: categoryLabel(input.category, site),
    organisation: input.organisation ?? '',
    hostName: input.hostName,
    arrivedLabel: dateTimeLabel(arrived, site.timeZone),
    badgeNumber: input.badgeNumber,
    ...(input.badgePrefix ? { badgePrefix: input.badgePrefix } : {}),
    badgeCode: input.badgeCode,
    escortRequired: escort,
    escortRule: escort ? ESCORT_REQUIRED : ESCORT_NOT_REQUIRED,
    ...(input.category === 'professional' && !idChecked ? { idCheckNote: ID_CHECK_AT_RECEPTION } : {}),
    phoneStatus: phoneStatusLine(input.phone, site.timeZone, arrived, input.approvedExemption, idChecked),
    // The badge code alphabet is ASCII already; anything else would make the QR length wrong.
    qrPayload: input.badgeCode.replace(/[^\x21-\x7e]/g, ''),
    ...(site.policy ? { policy: { approved: [...site.policy.approved], never: [...site.policy.never], dsls: [...site.policy.dsls] } } : {}),
  };
}

/** One line of the fire roll call, already in words. */
export type RollCallRow = {
  name: string;
  categoryLabel: string;
  organisation: string;
  badgeNumber: number;
  /** What the badge reads ("B7"); absent in roll calls queued before kiosks had letters. */
  badge?: string;
  hostName: string;
  arrivedLabel: string;
  phoneStatus: string;
  escortRequired: boolean;
  needsEvacuationHelp: boolean;
};

/** Roll-call rows for the people on site at `at`, in the order given. */
export function rollCallRows(
  visits: readonly OnSiteVisit[],
  site: BadgeSite,
  at: Date,
  approvedExemption: (visit: OnSiteVisit) => ApprovedExemption | undefined = () => undefined,
  idChecked: (visit: OnSiteVisit) => boolean = () => false,
): RollCallRow[] {
  return visits.map((v) => {
    const arrived = new Date(v.arrivedAt);
    const approved = v.phone.kind === 'exemption' ? approvedExemption(v) : undefined;
    const checked = idChecked(v);
    return {
      name: v.fullName,
      categoryLabel: categoryLabel(v.category, site),
      organisation: v.organisation,
      badgeNumber: v.badgeNumber,
      badge: badgeLabel(v.badgePrefix, v.badgeNumber),
      hostName: v.hostName,
      arrivedLabel: timeLabel(arrived, site.timeZone, at),
      phoneStatus: phoneStatusLine(v.phone, site.timeZone, at, approved, checked),
      escortRequired: mustBeEscorted(v.category, site, checked),
      needsEvacuationHelp: v.needsEvacuationHelp,
    };
  });
}
