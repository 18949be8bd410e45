// Subject access beyond visits, exemptions and the breach log: the other records the office hub
// keeps that name a person (the regular-visitor register, expected visitors with their
// invitations and pre-visit requests, the restricted list, messages sent to them), and the
// per-section choice to withhold part of the answer under an exemption. Used by
// shared/retention.ts (search result, export input, document) and core/office/subjectAccess.
// No Node or DOM imports here.
import { z } from './zod.js';
import type { Role } from './office.js';
import { visitorText } from './text.js';

/** Who learns through subject access that a concern or a restricted-list entry about someone
 *  exists: the DSL and the head (as for referrals, shared/concerns.ts REFERRAL_ROLES). Anyone
 *  else searching gets neither, nor any sign they were left out; an id of one is "not found". */
export const SAR_SAFEGUARDING_ROLES: readonly Role[] = ['dsl', 'head'];

/** The sections of the subject access document, in the order the document gives them. */
export const SAR_SECTIONS = ['visits', 'exemptions', 'breaches', 'regulars', 'invitations', 'restricted', 'notifications'] as const;
export const SarSection = z.enum(SAR_SECTIONS);
export type SarSection = z.infer<typeof SarSection>;

export const SAR_SECTION_LABELS: Record<SarSection, string> = {
  visits: 'Visits',
  exemptions: 'Device-use exemptions',
  breaches: 'Breaches and concerns',
  regulars: 'Regular-visitor register',
  invitations: 'Expected visits, invitations and pre-visit requests',
  restricted: 'Restricted list',
  notifications: 'Messages sent to you',
};

/** A section the school decided not to disclose, and the exemption it relies on (for example
 *  "safeguarding exemption: disclosure would put a child at risk"). The reason is stated in the
 *  document and kept in the audit log. */
export const SarWithhold = z.object({ section: SarSection, reason: visitorText(300, { required: true }) }).strict();
export type SarWithhold = z.infer<typeof SarWithhold>;
export const SarWithholdList = z
  .array(SarWithhold)
  .max(SAR_SECTIONS.length)
  .default([])
  .refine((l) => new Set(l.map((w) => w.section)).size === l.length, { error: 'duplicate' });

/** What the DSL reads beside a restricted-list entry found for the person. */
export const RESTRICTED_MARKER =
  'May be withheld where disclosure would put a child at risk (safeguarding exemption) — decide before sending.';

/** Why concerns and the restricted list are never erased on request (core/office/subjectAccess/erase.ts). */
export const SAFEGUARDING_KEPT =
  'Concerns and restricted-list entries are the school\u2019s safeguarding records: they are kept for their retention period (UK GDPR art. 17(3)(b) and (e), Keeping Children Safe in Education) and cannot be erased on request. A record naming the wrong person can be corrected.';

// ---- what the search lists, for staff to confirm -------------------------------------------

export type SubjectRegularFound = { id: string; status: string; organisation: string; category: string; createdAt: string };
export type SubjectExpectedFound = { id: string; expectedOn: string; organisation: string; category: string; invitations: number; previsitRequests: number; emails: string[] };
/** DSL and head only. */
export type SubjectRestrictedFound = { id: string; createdAt: string; reviewOn: string; removedAt: string | null; marker: string };
export type SubjectNotificationFound = { id: string; kind: string; recipient: string; createdAt: string; status: string };

// ---- what the document holds ----------------------------------------------------------------

export type SarRegular = {
  id: string;
  fullName: string;
  organisation: string;
  role: string;
  category: string;
  status: string;
  onRegisterSince: string;
  /** What was checked, when and until when. Who checked it is a member of staff: withheld. */
  assurances: { kind: string; checkedOn: string; expiresOn: string; note: string; recordedAt: string }[];
  /** The acceptable-use agreement as they acknowledged it at a kiosk. */
  agreements: { version: number; textHash: string; language: string; day: string; at: string }[];
  /** When a card was issued or revoked (never the card's code or anything derived from it). */
  cards: { event: 'issued' | 'revoked'; at: string }[];
  /** Hours by month from their card sign-ins (a visit not signed out counts none). */
  volunteerHours: { month: string; visits: number; openVisits: number; hours: number }[];
};

export type SarExpected = {
  id: string;
  fullName: string;
  organisation: string;
  category: string;
  expectedOn: string;
  cancelled: boolean;
  note: string;
  arrivedAt: string | null;
  /** The invitation as sent: the address, and the exact policy version and text fingerprint. */
  invitations: { email: string; language: string; visitTime: string; policyVersion: number; policyVersionId: string; policyLanguage: string; policyTextHash: string; sentAt: string }[];
  /** Invitation letters printed for them (a letter carries the policy version in force). */
  letters: { language: string; visitTime: string; policyVersion: number; printedAt: string }[];
  /** Device use asked for before the visit: the risk assessment sent (listed, not included) and the decision. */
  previsitRequests: {
    exemptionId: string;
    email: string;
    language: string;
    requestedAt: string;
    riskAssessment: { fileName: string; sizeBytes: number; sha256: string };
    decision: { status: string; decidedAt: string | null; reason: string | null };
    toldAt: string | null;
  }[];
};

export type SarRestricted = {
  id: string;
  fullName: string;
  aliases: string[];
  dateOfBirth: string | null;
  reason: string;
  reviewOn: string;
  createdAt: string;
  removedAt: string | null;
  /** Sign-ins held because they matched this entry. */
  heldSignIns: { at: string; kiosk: string; acknowledgedAt: string | null }[];
};

export type SarNotification = { id: string; kind: string; channel: string; recipient: string; createdAt: string; status: string; sentAt: string | null };

export type SarIdCheck = { seen: string; at: string };
