// The one contract between the kiosk screens and the domain core.
// Each operation: name → zod input schema → result type, plus who may call it.
// Transports (Electron IPC, HTTP) and the renderer's client are all typed from this table.
import { z } from './zod.js';
import { ConcernReportInput, type SafeguardingInfo } from './signage.js';
import { Language, VisitorCategory, type LockerKind, type PhoneCustody } from './domain.js';
import { visitorText } from './text.js';
import type { RollCall } from './rollcall.js';
import type { CardScan } from './regulars.js';

/** Who may call an operation. The public kiosk transport only carries 'kiosk' ops;
 *  'staff' ops are for the office console and tests of the core. */
export type Audience = 'kiosk' | 'staff';

declare const resultType: unique symbol;
type Result<T> = { readonly [resultType]?: T };

/** op<Result>()({ input, kind, audience }): the input type is inferred from the schema. */
function op<O>() {
  return <I extends z.ZodType>(spec: { input: I; kind: 'read' | 'write'; audience: Audience }) =>
    spec as { input: I; kind: 'read' | 'write'; audience: Audience } & Result<O>;
}

export const FIELD_LIMITS = {
  fullName: 300,
  organisation: 200,
  agencyRole: 120,
  purpose: 500,
  hostName: 200,
  signOutQuery: 100,
} as const;

const Id = z.string().min(1).max(64).regex(/^[0-9A-Za-z_-]+$/, { error: 'invalid' });
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { error: 'invalid' });

export const SignInInput = z
  .object({
    category: VisitorCategory,
    fullName: visitorText(FIELD_LIMITS.fullName, { required: true }),
    organisation: visitorText(FIELD_LIMITS.organisation, { required: false }).default(''),
    agencyRole: visitorText(FIELD_LIMITS.agencyRole, { required: false }).default(''),
    hostId: Id,
    purpose: visitorText(FIELD_LIMITS.purpose, { required: true }),
    needsEvacuationHelp: z.boolean().default(false),
    language: Language,
    policy: z.object({ versionId: Id, textHash: Sha256Hex }).strict(),
    /** The privacy notice version shown on "About you" (bootstrap's privacy). Optional: a
     *  sign-in without it records the notice in force in the visitor's language. */
    privacy: z.object({ versionId: Id, textHash: Sha256Hex }).strict().optional(),
    /** The expected-visitor entry the visitor found themselves as (expected.find); the office
     *  marks it arrived. Ignored when it is not on today's open list. */
    expectedId: Id.optional(),
    phone: z.discriminatedUnion('choice', [
      z.object({ choice: z.literal('locker'), lockerId: Id }).strict(),
      z.object({ choice: z.literal('reception') }).strict(),
      z.object({ choice: z.literal('none') }).strict(),
      // Without an approval: a pending request ("speak to reception"). With one the visitor was
      // shown by exemption.check: its id and the hash of the terms they ticked, re-checked at sign-in.
      z.object({ choice: z.literal('exemption'), exemptionId: Id.optional(), conditionsHash: Sha256Hex.optional() }).strict(),
    ]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.category === 'contractor' || v.category === 'professional') && v.organisation === '')
      ctx.addIssue({ code: 'custom', path: ['organisation'], message: 'required' });
    if (v.category === 'professional' && v.agencyRole === '')
      ctx.addIssue({ code: 'custom', path: ['agencyRole'], message: 'required' });
    // An approval is used only with the terms the visitor acknowledged: both or neither.
    if (v.phone.choice === 'exemption' && (v.phone.exemptionId === undefined) !== (v.phone.conditionsHash === undefined))
      ctx.addIssue({ code: 'custom', path: ['phone', v.phone.exemptionId === undefined ? 'exemptionId' : 'conditionsHash'], message: 'required' });
  });
export type SignInInput = z.input<typeof SignInInput>;

export type PolicyText = {
  versionId: string;
  version: number;
  language: Language;
  title: string;
  points: string[];
  /** sha-256 (hex) of exactly what the screen shows: see policyCanonicalText(). */
  textHash: string;
  publishedAt: string;
};

/** One "read more" section of the privacy notice: a heading and one plain paragraph. */
export type PrivacySection = { heading: string; text: string };
/** A privacy notice's words in one language: the short notice shown where the data is
 *  collected, and the sections of the "read more" view. */
export type PrivacyWording = { short: string; sections: PrivacySection[] };

export type PrivacyNotice = PrivacyWording & {
  versionId: string;
  version: number;
  /** The language of the text (English when the version has no text in the visitor's). */
  language: Language;
  /** sha-256 (hex) of exactly what the kiosk shows: see privacyCanonicalText(). */
  textHash: string;
  publishedAt: string;
};

export type Locker = { id: string; label: string; kind: LockerKind; free: boolean };
export type Host = { id: string; name: string };
export type ApprovedLocation = { id: string; name: string };

export type Bootstrap = {
  site: { name: string; kioskId: string; idleTimeoutSeconds: number; idleWarningSeconds: number; timeZone: string };
  languages: Language[];
  policy: PolicyText;
  privacy: PrivacyNotice;
  lockers: Locker[];
  locations: ApprovedLocation[];
  hosts: Host[];
  /** Set up = staff have set how the roll call is opened (a kiosk PIN or personal PINs from the
   *  office). Until then the welcome screen takes no visitors (issue #12). */
  setUp: boolean;
};

export type BadgeOutcome =
  /** Printing arrives in a later issue; until then the done screen says where to get a badge. */
  { status: 'not_configured' } | { status: 'queued'; jobId: string } | { status: 'failed'; reason: string };

/** A device-use approval as the visitor is shown it, to acknowledge before sign-in. */
export type ApprovalOffer = {
  exemptionId: string;
  /** Approved places by name (the site's own words). */
  locations: string[];
  /** ISO instant: the end of today's window or of the approval's last day. */
  until: string;
  devices: string;
  /** As the school wrote them; shown as they are, in any kiosk language. */
  conditions: string;
  /** Sent back with the sign-in: proves which terms the visitor ticked. */
  conditionsHash: string;
};

export type ExemptionCheck = { found: false } | ({ found: true } & ApprovalOffer);

/** What the badge and the done screen say about approved device use, frozen at sign-in. */
export type ApprovedUse = { locations: string[]; until: string };

export type VisitReceipt = {
  visitId: string;
  badgeCode: string;
  badgeNumber: number;
  /** This kiosk's badge letter from the office ('' before it has one): the badge reads prefix + number. */
  badgePrefix: string;
  fullName: string;
  category: VisitorCategory;
  hostName: string;
  arrivedAt: string;
  phone: PhoneCustody;
  idCheckRequired: boolean;
  /** Present when the phone is kept under an approval (phone.kind 'exemption'). */
  approvedUse?: ApprovedUse;
  badge: BadgeOutcome;
  /** The sign-in is held: the visitor is asked to see reception (no badge). Never says why. */
  held?: boolean;
};

/** An expected visitor as the kiosk may show them to whoever typed a few letters. */
export type ExpectedMatch = { expectedId: string; maskedName: string };
/** What the visitor's own pick fills in. hostId null: that person is no longer on the list. */
/** policyChangedSinceInvitation: the invitation sent a policy version other than the one in force
 *  here, so the policy screen asks them to read it again (false without an invitation). */
export type ExpectedDetails = { expectedId: string; fullName: string; organisation: string; category: VisitorCategory; hostId: string | null; policyChangedSinceInvitation: boolean };

export type SignOutMatch = { visitId: string; maskedName: string; arrivedAt: string; phone: PhoneCustody };

export type SignOutReceipt = {
  visitId: string;
  maskedName: string;
  departedAt: string;
  /** True when the phone's return was recorded; false when it is still with reception or in a locker. */
  phoneReturned: boolean;
  phone: PhoneCustody;
};

export type OnSiteVisit = {
  visitId: string;
  fullName: string;
  category: VisitorCategory;
  organisation: string;
  hostName: string;
  arrivedAt: string;
  badgeNumber: number;
  /** The kiosk's badge letter ('' before the office gave one). */
  badgePrefix: string;
  phone: PhoneCustody;
  needsEvacuationHelp: boolean;
  idCheckRequired: boolean;
};

/** What the done screen tells the visitor about their badge. */
export type BadgeState = 'not_configured' | 'printing' | 'printed' | 'collect_from_reception';

const RollCallSession = z.object({ session: z.string().min(1).max(200) }).strict();

const PolicyDraft = z
  .object({
    title: visitorText(200, { required: true }),
    points: z.array(visitorText(1000, { required: true })).min(1).max(30),
  })
  .strict();

export const ops = {
  'kiosk.bootstrap': op<Bootstrap>()({
    input: z.object({ language: Language.default('en') }).strict(),
    kind: 'read',
    audience: 'kiosk',
  }),
  /** Has this (returning) visitor agreed to an older version? Answers yes/no only. */
  'visitor.policyStatus': op<{ changedSinceLastVisit: boolean }>()({
    input: z.object({ fullName: visitorText(FIELD_LIMITS.fullName, { required: true }) }).strict(),
    kind: 'read',
    audience: 'kiosk',
  }),
  /**
   * "I have approval to use my device": is there an approval valid now for exactly this name from
   * exactly this organisation? Privacy: it reveals the terms of an approval (places, time, devices,
   * conditions) only to someone who types both that person's full name and their organisation, and
   * never who else has approvals; a near miss (other organisation, other spelling) answers only
   * { found: false }, the same as no approval at all.
   */
  'exemption.check': op<ExemptionCheck>()({
    input: z
      .object({
        fullName: visitorText(FIELD_LIMITS.fullName, { required: true }),
        organisation: visitorText(FIELD_LIMITS.organisation, { required: false }).default(''),
        /** The category the visitor chose: an approval is only for the category it was granted for. */
        category: VisitorCategory.default('professional'),
      })
      .strict(),
    kind: 'read',
    audience: 'kiosk',
  }),
  'visit.signIn': op<VisitReceipt>()({ input: SignInInput, kind: 'write', audience: 'kiosk' }),
  /** Today's expected visitors matching at least three letters of a name, masked. */
  'expected.find': op<{ matches: ExpectedMatch[] }>()({
    input: z.object({ query: visitorText(FIELD_LIMITS.signOutQuery, { required: true }) }).strict(),
    kind: 'read',
    audience: 'kiosk',
  }),
  /** Today's expected visit whose invitation gave this sign-in code (typed or scanned), or null. */
  'expected.byCode': op<{ details: ExpectedDetails | null }>()({
    input: z.object({ code: z.string().max(64) }).strict(),
    kind: 'read',
    audience: 'kiosk',
  }),
  /** The details of the entry the visitor picked, to fill in the form. */
  'expected.details': op<ExpectedDetails>()({ input: z.object({ expectedId: Id }).strict(), kind: 'read', audience: 'kiosk' }),
  'visit.findForSignOut': op<{ matches: SignOutMatch[] }>()({
    input: z
      .object({
        query: visitorText(FIELD_LIMITS.signOutQuery, { required: true }).refine((s) => [...s].length >= 2, {
          error: 'tooShort',
        }),
      })
      .strict(),
    kind: 'read',
    audience: 'kiosk',
  }),
  'visit.findByBadgeCode': op<SignOutMatch>()({
    input: z
      .object({
        badgeCode: z
          .string()
          .max(32, { error: 'invalid' })
          .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
          .pipe(z.string().regex(/^[0-9A-Z]{6}$/, { error: 'invalid' })),
      })
      .strict(),
    kind: 'read',
    audience: 'kiosk',
  }),
  'visit.signOut': op<SignOutReceipt>()({
    input: z.object({ visitId: Id, phoneCollected: z.boolean() }).strict(),
    kind: 'write',
    audience: 'kiosk',
  }),
  'visit.onSite': op<{ visits: OnSiteVisit[] }>()({
    input: z.object({}).strict(),
    kind: 'read',
    audience: 'staff',
  }),
  /** The done screen asks how the badge is getting on; only for a visit signed in moments ago. */
  'badge.status': op<{ state: BadgeState }>()({
    input: z.object({ visitId: Id }).strict(),
    kind: 'read',
    audience: 'kiosk',
  }),
  /** A PNG picture of the visitor's own badge, for the done screen. */
  'badge.preview': op<{ png: string }>()({
    input: z.object({ visitId: Id }).strict(),
    kind: 'read',
    audience: 'kiosk',
  }),
  'badge.reprint': op<{ jobId: string }>()({
    input: z.object({ visitId: Id, by: z.string().trim().min(1).max(120) }).strict(),
    kind: 'write',
    audience: 'staff',
  }),
  'printer.testBadge': op<{ jobId: string }>()({
    input: z.object({ by: z.string().trim().min(1).max(120) }).strict(),
    kind: 'write',
    audience: 'staff',
  }),
  'rollCall.print': op<{ jobId: string; count: number }>()({
    input: z.object({ by: z.string().trim().min(1).max(120) }).strict(),
    kind: 'write',
    audience: 'staff',
  }),
  'policy.publish': op<PolicyText>()({
    input: z.object({ language: Language, draft: PolicyDraft }).strict(),
    kind: 'write',
    audience: 'staff',
  }),
  /** A staff PIN (the kiosk's own or a personal one) gives a short-lived, single-use token for
   *  one action: 'rollCall' (opens the fire roll call) or 'exit' (leave the kiosk). Each action
   *  has its own count of wrong PINs (core/staff/pinPolicy.ts). */
  'staff.unlock': op<{ ok: true; token: string; expiresAt: string; staffName: string | null }>()({
    input: z.object({ pin: z.string().regex(/^[0-9]{4,8}$/, { error: 'invalid' }), purpose: z.enum(['rollCall', 'exit']) }).strict(),
    kind: 'write',
    audience: 'kiosk',
  }),
  /** First run: set the kiosk's own PIN. Refused once the kiosk is set up (change it with
   *  `kiosk:admin set-pin`, or use personal PINs from the console). */
  'kiosk.setUp': op<{ setUp: true }>()({
    input: z.object({ pin: z.string().regex(/^[0-9]{4,8}$/, { error: 'invalid' }) }).strict(),
    kind: 'write',
    audience: 'kiosk',
  }),
  /** ...which this spends. Only the Electron app can quit itself; the browser kiosk says how to leave. */
  'staff.exitKiosk': op<{ exited: boolean; message: string }>()({
    input: z.object({ token: z.string().min(1).max(200) }).strict(),
    kind: 'write',
    audience: 'kiosk',
  }),
  /** Fire roll call at the kiosk: a 'rollCall' unlock token (spent here) gives a roll-call session
   *  that lasts the emergency (see core/rollcall/sessions.ts). Marks are recorded with the name
   *  of the member of staff whose personal PIN it was, or the name typed here (kiosk PIN, or a
   *  kiosk not set up yet, where the roll call opens with no PIN: it must always open). */
  'rollCall.open': op<{ session: string; expiresAt: string; rollCall: RollCall }>()({
    input: z.object({ token: z.string().min(1).max(200).optional(), by: visitorText(120, { required: false }).optional() }).strict(),
    kind: 'write',
    audience: 'kiosk',
  }),
  'rollCall.get': op<RollCall>()({ input: RollCallSession, kind: 'read', audience: 'kiosk' }),
  'rollCall.mark': op<RollCall>()({
    input: RollCallSession.extend({ visitId: Id, status: z.enum(['safe', 'missing']) }).strict(),
    kind: 'write',
    audience: 'kiosk',
  }),
  /** The roll call as a PDF (base64), also kept in the kiosk's data folder as the record. */
  'rollCall.pdf': op<{ pdf: string; fileName: string }>()({ input: RollCallSession, kind: 'read', audience: 'kiosk' }),
  /** Print the roll call on the badge printer now. */
  'rollCall.printNow': op<{ jobId: string; count: number }>()({ input: RollCallSession, kind: 'write', audience: 'kiosk' }),
  'rollCall.end': op<{ ended: true }>()({ input: RollCallSession, kind: 'write', audience: 'kiosk' }),
  /** A regular visitor's card, scanned or typed (issue #13): greeting and what to acknowledge
   *  again, or a neutral "see reception" that never says why. The code is checked in the core
   *  (spaces, dashes, lower case allowed), so a bad code is never an input error that says more. */
  'regular.scan': op<CardScan>()({
    input: z.object({ cardCode: z.string().max(64, { error: 'invalid' }), language: Language }).strict(),
    kind: 'read',
    audience: 'kiosk',
  }),
  'regular.signIn': op<VisitReceipt>()({
    input: z
      .object({
        cardCode: z.string().max(64, { error: 'invalid' }),
        language: Language,
        /** The phone policy as shown again (only when it changed since their last card sign-in). */
        policy: z.object({ versionId: Id, textHash: Sha256Hex }).strict().optional(),
        /** The acceptable-use agreement as shown (only when it was due). */
        agreement: z.object({ versionId: Id, textHash: Sha256Hex }).strict().optional(),
        phone: SignInInput.shape.phone,
      })
      .strict(),
    kind: 'write',
    audience: 'kiosk',
  }),
  /** Issue #15: where devices are never used and who the DSLs are (help and policy screens). */
  'safeguarding.info': op<SafeguardingInfo>()({ input: z.object({}).strict(), kind: 'read', audience: 'kiosk' }),
  /** A visitor's "report a concern": lands in the DSL's queue at the office. */
  'concern.report': op<{ reportId: string }>()({ input: ConcernReportInput, kind: 'write', audience: 'kiosk' }),
} as const;

export type Ops = typeof ops;
export type OpName = keyof Ops;
export type OpInput<K extends OpName> = z.input<Ops[K]['input']>;
export type OpParsed<K extends OpName> = z.output<Ops[K]['input']>;
export type OpResult<K extends OpName> = Ops[K] extends Result<infer O> ? O : never;

export function isOpName(name: unknown): name is OpName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ops, name);
}

/** The client every screen uses; Electron IPC and HTTP both implement it. */
export type Client = <K extends OpName>(name: K, input: OpInput<K>) => Promise<OpResult<K>>;

/** The text a policy hash covers: title and points, one per line. The kiosk shows exactly this. */
export function policyCanonicalText(p: { title: string; points: readonly string[] }): string {
  return [p.title, ...p.points].join('\n');
}

/** The text a privacy notice hash covers: the short notice, then each section's heading and
 *  text, one per line (the texts are single paragraphs: no line breaks of their own). */
export function privacyCanonicalText(p: PrivacyWording): string {
  return [p.short, ...p.sections.flatMap((s) => [s.heading, s.text])].join('\n');
}
