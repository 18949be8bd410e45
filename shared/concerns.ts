// Concerns that lead somewhere (issue #15 part B): what kind of concern, how serious, which
// point of the school's policy it touches, who it was referred to, what was learnt; the policy's
// review date; the DSL's evidence view and the governors' annual review pack. The op table in
// shared/office.ts uses the schemas here. No Node or DOM imports.
import { z } from './zod.js';
import { visitorText } from './text.js';
import type { Role } from './office.js';

export const CONCERN_KINDS = ['phone_use_seen', 'photo_or_recording_of_pupils', 'image_of_child', 'suspected_illegal_content', 'contact_with_pupil', 'other'] as const;
export const ConcernKind = z.enum(CONCERN_KINDS);
export type ConcernKind = z.infer<typeof ConcernKind>;

/** Kinds the policy says go to the DSL at once (a possibly indecent image of a child; content
 *  that may be illegal or evidence of an offence): flagged urgent whatever severity was chosen. */
export const URGENT_KINDS: readonly ConcernKind[] = ['image_of_child', 'suspected_illegal_content'];

export const CONCERN_KIND_LABELS: Record<ConcernKind, string> = {
  phone_use_seen: 'Phone or device used where it should not be',
  photo_or_recording_of_pupils: 'Photo or recording of pupils',
  image_of_child: 'Image of a child (possibly indecent)',
  suspected_illegal_content: 'Suspected illegal content or offence',
  contact_with_pupil: 'Contact with a pupil by phone or device',
  other: 'Other',
};

export const SEVERITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/**
 * The points of the school's phone and smart technology policy a concern can be filed under,
 * with the section of the policy each comes from (the seed's numbering). Paraphrased: the
 * policy's own words are the school's.
 */
export const POLICY_POINTS = [
  { key: 'visitor_phone_locked_away', section: '6', label: 'Visitors keep phones locked away and use them only in approved places' },
  { key: 'visitor_use_agreed_first', section: '6', label: 'Visitors agree any device use with the head before using a device' },
  { key: 'never_here_places', section: '3', label: 'No devices in changing rooms, toilets or swimming pools' },
  { key: 'abusive_content', section: '3', label: 'No abusive or inappropriate messages or content' },
  { key: 'offensive_or_illegal_content', section: '3', label: 'No offensive, derogatory or illegal content on devices brought on site' },
  { key: 'images_with_school_equipment', section: '4', label: 'Photos and videos of pupils only on school equipment' },
  { key: 'no_personal_contact', section: '4', label: 'No contact with pupils or parents from personal devices' },
  { key: 'confiscation_and_searching', section: '6.1', label: 'Searching, confiscation and handing devices to the police' },
  { key: 'pupil_device_use', section: '5', label: 'Pupils use devices only as the policy allows' },
  { key: 'other', section: '', label: 'Another point (say which in the record)' },
] as const;
export type PolicyPointKey = (typeof POLICY_POINTS)[number]['key'];
export const PolicyPoint = z.enum(POLICY_POINTS.map((p) => p.key) as [PolicyPointKey, ...PolicyPointKey[]]);

export const REFERRAL_AGENCIES = ['police', 'lado', 'county_safeguarding', 'parents'] as const;
export const ReferralAgency = z.enum(REFERRAL_AGENCIES);
export type ReferralAgency = z.infer<typeof ReferralAgency>;
export const REFERRAL_AGENCY_LABELS: Record<ReferralAgency, string> = {
  police: 'Police',
  lado: 'LADO (Local Authority Designated Officer)',
  county_safeguarding: "County's education safeguarding service",
  parents: 'Parents or carers',
};

/**
 * The route the policy sets out, step by step, shown to the DSL beside each concern. Our own
 * words for what the seed policy's sections 4, 6, 6.1, 7 and 8 say.
 */
export const REFERRAL_ROUTE: readonly { step: string; when: string; section: string; agency: ReferralAgency | null }[] = [
  { section: '6', agency: null, when: 'Any concern about a visitor and a device', step: 'Staff challenge the visitor and tell the DSL or the headteacher straight away.' },
  { section: '6.1', agency: null, when: 'A possibly indecent image or video of a child', step: 'Take the device, do not look at what is on it, and pass it to the DSL (or a deputy) urgently.' },
  { section: '6.1', agency: 'police', when: 'Content that may be illegal or evidence of an offence', step: 'Delete nothing; hand the device to the police as soon as practicable.' },
  { section: '4', agency: 'lado', when: 'Someone who works with children is suspected', step: 'Contact the police and tell the LADO, following the allegations procedure.' },
  { section: '8', agency: 'parents', when: 'A child may be at risk, or a pupil is involved', step: 'Follow child protection procedures; share the concern with parents or carers where appropriate.' },
  { section: '8', agency: 'county_safeguarding', when: 'Unsure how to proceed', step: "The DSL, a deputy or the head asks the county's education safeguarding service for advice." },
  { section: '7, 8', agency: null, when: 'Once it is dealt with', step: 'Leaders debrief and record the lessons learnt; the policy is reviewed after local concerns.' },
];

/** Who reads a concern's kind, severity, policy point, outcome and lessons learnt (as breach
 *  details today: shared/office.ts BREACH_DETAIL_ROLES). Others see only that it exists. */
export const CONCERN_DETAIL_ROLES: readonly Role[] = ['dsl', 'head', 'admin'];
/** Referral records (police and LADO references, who was spoken to): the safeguarding leads
 *  only. An administrator runs the system and has no need to know who was referred where. */
export const REFERRAL_ROLES: readonly Role[] = ['dsl', 'head'];

export type Referral = { id: string; agency: ReferralAgency; contact: string; referredAt: string; reference: string; note: string; recordedBy: string; recordedAt: string };

/** A breach record's concern details; null for roles outside CONCERN_DETAIL_ROLES. */
export type ConcernDetails = {
  kind: ConcernKind;
  severity: Severity;
  policyPoint: PolicyPointKey;
  /** When it happened (the log time is when it was written down). */
  occurredAt: string;
  urgent: boolean;
  lessonsLearnt: string | null;
  /** null for roles outside REFERRAL_ROLES. */
  referrals: Referral[] | null;
};

const text = (max = 200) => visitorText(max, { required: true });
const optionalText = (max = 200) => visitorText(max, { required: false }).default('');
const Id = z.string().min(1).max(64).regex(/^[0-9A-Za-z_-]+$/, { error: 'invalid' });
const IsoDate = z.iso.date({ error: 'invalid' });
const IsoDateTime = z.iso.datetime({ offset: true, error: 'invalid' });

/** Added to breaches.log: optional, so an older console (and the kiosk's report) still logs. */
export const ConcernClassification = {
  kind: ConcernKind.default('other'),
  severity: Severity.default('medium'),
  policyPoint: PolicyPoint.default('other'),
  occurredAt: IsoDateTime.optional(),
};

export const ClassifyInput = z.object({ id: Id, kind: ConcernKind, severity: Severity, policyPoint: PolicyPoint }).strict();
export const ReferInput = z
  .object({ id: Id, agency: ReferralAgency, contact: text(200), referredAt: IsoDateTime, reference: optionalText(120), note: optionalText(2000) })
  .strict();
export const BringReviewForwardInput = z.object({ concernId: Id, due: IsoDate, reason: text(500) }).strict();
export const StartDraftInput = z.object({ concernId: Id, note: optionalText(2000) }).strict();

/** When the policy is next reviewed: a year after the version in force was published, unless
 *  the DSL brought it forward after a concern (for that version). */
export type ReviewDue = {
  due: string | null;
  basis: 'published' | 'broughtForward' | 'noPolicy';
  policyVersion: number;
  publishedAt: string | null;
  broughtForward: { by: string; at: string; concernId: string; reason: string } | null;
  /** Days from today (school's day) to the due date; negative when overdue. */
  daysLeft: number | null;
  state: 'ok' | 'dueSoon' | 'overdue' | 'noPolicy';
};
/** The console reminds this many days ahead. */
export const REVIEW_REMINDER_DAYS = 30;

export type PolicyDraft = {
  id: string;
  concernId: string;
  basedOnVersion: number;
  note: string;
  texts: Record<string, { title: string; points: string[] }>;
  createdBy: string;
  createdAt: string;
  /** A version newer than the one it started from has been published since. */
  superseded: boolean;
};

// ---- the DSL's evidence view ---------------------------------------------------------------

export const EVIDENCE_PAGE_MAX = 2000;
export const EvidenceInput = z
  .discriminatedUnion('scope', [
    z.object({ scope: z.literal('day'), day: IsoDate, devicesOnly: z.boolean().default(false) }).strict(),
    z.object({ scope: z.literal('term'), from: IsoDate, to: IsoDate, devicesOnly: z.boolean().default(true) }).strict(),
    z.object({ scope: z.literal('person'), name: text(300), from: IsoDate.optional(), to: IsoDate.optional(), devicesOnly: z.boolean().default(false) }).strict(),
  ])
  .superRefine((v, ctx) => {
    const from = 'from' in v ? v.from : undefined;
    const to = 'to' in v ? v.to : undefined;
    if (from && to && to < from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'beforeStart' });
  });
export type EvidenceQuery = z.output<typeof EvidenceInput>;

export type EvidenceRow = {
  visitId: string;
  kioskName: string;
  fullName: string;
  organisation: string;
  category: string;
  day: string;
  arrivedAt: string;
  departedAt: string | null;
  /** What they acknowledged: the policy version, its text hash and when. */
  policyVersion: number | null;
  policyTextHash: string | null;
  acknowledgedAt: string | null;
  language: string;
  /** Where the phone was: "Locker 4", "Handed to reception", "Approved device use", "No phone". */
  custody: string;
  phoneInAt: string | null;
  phoneOutAt: string | null;
  approval: {
    exemptionId: string;
    status: string;
    devices: string;
    locations: string[];
    conditions: string;
    validFrom: string | null;
    validTo: string | null;
    approvedBy: string | null;
    approvedAt: string | null;
    revokedBy: string | null;
    revokedAt: string | null;
    revokeReason: string | null;
  } | null;
  concerns: { id: string; kind: ConcernKind; severity: Severity; status: 'open' | 'closed'; loggedAt: string }[];
};
export type Evidence = { query: EvidenceQuery; from: string; to: string; rows: EvidenceRow[]; more: boolean; generatedAt: string };

export const ReviewPackInput = z
  .object({ from: IsoDate, to: IsoDate })
  .strict()
  .refine((v) => v.to >= v.from, { path: ['to'], error: 'beforeStart' });

export type ReviewPack = {
  site: string;
  from: string;
  to: string;
  generatedAt: string;
  policyVersions: { version: number; publishedAt: string; languages: string[]; hashPrefix: string }[];
  acknowledgementsByLanguage: { language: string; count: number }[];
  concerns: { policyPoint: PolicyPointKey; severity: Severity; count: number }[];
  referrals: { agency: ReferralAgency; count: number }[];
  approvalsGranted: { exemptionId: string; fullName: string; approvedBy: string; approvedAt: string }[];
  approvalsRevoked: { exemptionId: string; fullName: string; revokedBy: string; revokedAt: string; reason: string }[];
  phonesNotCollected: { visitId: string; fullName: string; day: string; custody: string }[];
  review: ReviewDue;
};
