// Retention and subject access (issue #6): the schemas and result shapes of the console ops
// in shared/office.ts, and the documented JSON a person receives when they ask for their data.
// Kept apart from office.ts so that file only gains an import and a few ops at its end.
// No Node or DOM imports here.
import { z } from './zod.js';
import { visitorText } from './text.js';
import {
  SarWithholdList,
  type SarExpected,
  type SarIdCheck,
  type SarNotification,
  type SarRegular,
  type SarRestricted,
  type SarWithhold,
  type SubjectExpectedFound,
  type SubjectNotificationFound,
  type SubjectRegularFound,
  type SubjectRestrictedFound,
} from './subjectAccessRecords.js';

// ---- retention periods --------------------------------------------------------------------

const Months = (min = 0) => z.number().int().min(min, { error: 'tooSmall' }).max(1200, { error: 'tooBig' });

/**
 * How long each kind of record is kept, in whole months after the moment it stops being
 * needed (see core/retention/defaults.ts for the defaults and the reasons):
 *  - visitsMonths: after the end of the academic year (31 August) of the visit. A visit goes
 *    with all its events: policy acknowledgement, phone custody, badge print jobs.
 *  - exemptionsMonths: after the exemption stopped applying (end of validity; the day it was
 *    revoked or refused; the request day if never decided).
 *  - breachesMonths: after the breach/concern was closed. Open ones are never removed.
 *    At least 12: closing a concern must not make its record vanish at the next purge.
 *  - photosMonths: after the visit (no photos are stored yet; the setting is ready for them).
 * The audit log has no period: it is kept (core/retention/defaults.ts says why).
 */
export const RetentionPeriods = z
  .object({ visitsMonths: Months(), exemptionsMonths: Months(), breachesMonths: Months(12), photosMonths: Months() })
  .strict();
export type RetentionPeriods = z.infer<typeof RetentionPeriods>;

export type PurgeCounts = Record<string, number>;
export type PurgeReport = { at: string; trigger: 'schedule' | 'manual'; counts: PurgeCounts; held: number };

export type RetentionView = {
  periods: RetentionPeriods;
  defaults: RetentionPeriods;
  /** Always 'kept': the audit log is the evidence of what was done (no visitor answers in it). */
  auditLog: 'kept';
  /** Visits kept past their period because an open breach/concern is about them. */
  heldVisits: number;
  lastPurge: PurgeReport | null;
};

// ---- subject access -----------------------------------------------------------------------

const IsoDate = z.iso.date({ error: 'invalid' });
const RecordId = z.string().min(1).max(64).regex(/^[0-9A-Za-z_-]+$/, { error: 'invalid' });
const Ids = z.array(RecordId).max(2000).default([]);
/** Why staff rectify or erase. It is kept in the audit log for good: describe the request
 *  ("SAR 2026-14: surname misspelt"), never the person's details. */
const Reason = visitorText(500, { required: true });

/** By name (part of it, case and spacing aside), by email address (the whole address, case
 *  aside: invitations, pre-visit requests and messages hold one), or both. */
export const SubjectSearchInput = z
  .object({
    name: visitorText(300, { required: true }).optional(),
    email: z.string().trim().toLowerCase().max(264).regex(/^[^\s@]+@[^\s@]+$/, { error: 'invalid' }).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .strict()
  .refine((v) => v.name !== undefined || v.email !== undefined, { path: ['name'], error: 'required' })
  .refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, { path: ['to'], error: 'beforeStart' });

/** The records of the newer kinds (shared/subjectAccessRecords.ts), chosen after a search. */
const MoreIds = { regularIds: Ids, expectedIds: Ids, restrictedIds: Ids, notificationIds: Ids };
type AnyIds = { visitIds: string[]; exemptionIds: string[]; breachIds: string[]; regularIds: string[]; expectedIds: string[]; restrictedIds: string[]; notificationIds: string[] };
const chosen = (v: AnyIds) => v.visitIds.length + v.exemptionIds.length + v.breachIds.length + v.regularIds.length + v.expectedIds.length + v.restrictedIds.length + v.notificationIds.length;

/** withhold: sections the school decided not to disclose, each with the exemption relied on. */
export const SubjectRecordsInput = z
  .object({ visitIds: Ids, exemptionIds: Ids, breachIds: Ids, ...MoreIds, withhold: SarWithholdList })
  .strict()
  .refine((v) => chosen(v) > 0, { path: ['visitIds'], error: 'required' });

export const RectifyInput = z
  .object({
    visitIds: Ids,
    exemptionIds: Ids,
    breachIds: Ids,
    /** Register entries and expected visitors (with their invitations) can be corrected too. */
    regularIds: Ids,
    expectedIds: Ids,
    fullName: visitorText(300, { required: true }).optional(),
    /** Empty clears it (a visitor who gave an organisation by mistake). */
    organisation: visitorText(200, { required: false }).optional(),
    reason: Reason,
  })
  .strict()
  .refine((v) => v.visitIds.length + v.exemptionIds.length + v.breachIds.length + v.regularIds.length + v.expectedIds.length > 0, { path: ['visitIds'], error: 'required' })
  .refine((v) => v.fullName !== undefined || v.organisation !== undefined, { path: ['fullName'], error: 'required' });

/** Breach/concern records and restricted-list entries are accepted here only to be refused with
 *  the reason (see core/office/subjectAccess/erase.ts): they are never erasable on request. */
export const EraseInput = z
  .object({ visitIds: Ids, exemptionIds: Ids, ...MoreIds, breachIds: Ids, reason: Reason })
  .strict()
  .refine((v) => chosen(v) > 0, { path: ['visitIds'], error: 'required' });

/** One person as the search found them: records whose name matches, grouped by the name as
 *  written (case and spacing aside), for staff to confirm which are really this person. */
export type SubjectCandidate = {
  fullName: string;
  visits: { visitId: string; localDay: string; arrivedAt: string; kioskName: string; organisation: string; category: string; idChecks: number }[];
  exemptions: { id: string; status: string; organisation: string; createdAt: string; validFrom: string | null; validTo: string | null }[];
  /** Concerns: for the DSL and head only (empty for anyone else, who cannot tell there are any). */
  breaches: { id: string; loggedAt: string; status: 'open' | 'closed'; location: string }[];
  regulars: SubjectRegularFound[];
  expected: SubjectExpectedFound[];
  /** For the DSL and head only, each with RESTRICTED_MARKER. */
  restricted: SubjectRestrictedFound[];
  /** Messages addressed to an email address the person's records hold (or the one searched for). */
  notifications: SubjectNotificationFound[];
};
export type SubjectSearchResult = { people: SubjectCandidate[]; more: boolean };

/**
 * The machine-readable answer to a subject access request (format below; field names are
 * stable within a `format` version). Times are ISO 8601 UTC; days are the school's calendar
 * days (YYYY-MM-DD). Names of other people — other visitors and school staff (the host, who
 * recorded or decided something) — are left out, and known names in written text are replaced
 * with "[another person]": `withheld` says so in words.
 */
export type SubjectAccessDocument = {
  format: 'phone-safe-kiosk/subject-access/1';
  generatedAt: string;
  site: string;
  /** The names and organisations the records give for this person. */
  subject: { names: string[]; organisations: string[] };
  withheld: string[];
  /** Sections the school withheld, with the exemption relied on; each such section is empty. */
  withheldSections: SarWithhold[];
  visits: SarVisit[];
  exemptions: SarExemption[];
  breaches: SarBreach[];
  regulars: SarRegular[];
  invitations: SarExpected[];
  restricted: SarRestricted[];
  notifications: SarNotification[];
};

export type SarVisit = {
  visitId: string;
  /** The kiosk (reception point) where they signed in. */
  kiosk: string;
  category: string;
  fullName: string;
  organisation: string;
  agencyRole: string;
  purpose: string;
  localDay: string;
  arrivedAt: string;
  departedAt: string | null;
  /** 'visitor' (signed out at the kiosk) or 'staff' (signed out by the office). */
  departedBy: 'visitor' | 'staff' | null;
  badgeNumber: number;
  needsEvacuationHelp: boolean;
  idCheckRequired: boolean;
  language: string;
  /** The site's phone policy they agreed to: version, hash of the exact text shown, language, time. */
  acknowledgements: { policyVersion: number | null; policyVersionId: string; textHash: string; language: string; at: string }[];
  /** Conditions of a device-use exemption they agreed to at sign-in. */
  exemptionConditions: { exemptionId: string; conditionsHash: string; locations: string[]; until: string; at: string }[];
  /** Where their phone was: none carried, a locker or pouch, handed to reception, kept under an exemption. */
  phoneCustody: { kind: string; locker: string | null; exemptionId: string | null; inAt: string; outAt: string | null }[];
  deviceUseRequested: boolean;
  /** Reception's ID checks for the visit: what was seen and when (who checked is staff: withheld). */
  idChecks: SarIdCheck[];
  /** Every fact recorded about the visit, in order (kind and time). */
  timeline: { kind: string; at: string }[];
};

export type SarExemption = {
  id: string;
  status: string;
  source: 'kiosk' | 'staff';
  fullName: string;
  organisation: string;
  agencyRole: string;
  purpose: string;
  devices: string;
  locations: string[];
  requestedWindow: string;
  requestedAt: string;
  validFrom: string | null;
  validTo: string | null;
  dailyFrom: string | null;
  dailyTo: string | null;
  recurrence: unknown;
  conditions: string;
  riskAssessment: { hazards: string; controls: string; reviewedOn: string } | null;
  decidedAt: string | null;
  decisionReason: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
};

export type SarBreach = {
  id: string;
  visitId: string | null;
  person: string;
  loggedAt: string;
  location: string;
  what: string;
  actionTaken: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  outcome: string | null;
};

export type SubjectExport = { document: SubjectAccessDocument; pdfBase64: string; fileName: string };
export type RectifyResult = { visits: number; exemptions: number; breaches: number; regulars: number; expected: number };
export type EraseResult = { visits: number; exemptions: number; regulars: number; expected: number; notifications: number };
