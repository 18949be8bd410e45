// The office console's contract: every operation the console (and tests) may call on the
// office hub, with its input schema, result type and the staff roles allowed to call it.
// The hub's HTTP layer and the console's client are both typed from this table, as the
// kiosk's are from contract.ts. No Node or DOM imports here.
import { z } from './zod.js';
import { IdCheckedInput, RestrictedInput, type IdCheck, type RestrictedAlert, type RestrictedEntry } from './admission.js';
import { Language, VisitorCategory, type PhoneCustody } from './domain.js';
import { visitorText } from './text.js';
import type { RollCall } from './rollcall.js';
import { AgreementPublishInput, AssuranceAddInput, RegularSaveInput, type AgreementVersion, type IssuedCard, type Regular, type RegularsView } from './regulars.js';
import { DslsSave, NeverPlacesSave, PosterHang, PosterSpec, PosterTakeDown, SignageSettingsSave, type DslEntry, type NeverPlace, type PosterFiles, type Signage, type SignageSettings } from './signage.js';
import { BackupSettings, type BackupResult, type BackupView } from './backup.js';
import { InvitationLetterInput, InvitationSendInput, PrevisitRequestInput, type Invitation, type OutdatedLetter, type PrevisitRequest } from './invitations.js';
import { MessageLogInput, SaveNotificationsInput, TestMessageInput, type NotificationView, type OutboxMessage } from './notifications.js';
import { BringReviewForwardInput, ClassifyInput, ConcernClassification, EvidenceInput, ReferInput, ReviewPackInput, StartDraftInput, type ConcernDetails, type Evidence, type PolicyDraft, type ReviewDue, type ReviewPack } from './concerns.js';
import { EraseInput, RectifyInput, RetentionPeriods, SubjectRecordsInput, SubjectSearchInput, type EraseResult, type PurgeReport, type RectifyResult, type RetentionView, type SubjectExport, type SubjectSearchResult } from './retention.js';

/** Staff roles. The headteacher (or delegate) decides device-use exemptions; the DSL closes
 *  breaches; the administrator manages accounts, kiosks and reference data. */
export const ROLES = ['office', 'dsl', 'head', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  office: 'Office staff',
  dsl: 'Designated safeguarding lead',
  head: 'Headteacher / approver',
  admin: 'Administrator',
};

const ALL: readonly Role[] = ROLES;
const APPROVERS: readonly Role[] = ['head'];
/** Revoking is a safety action: the DSL may stop a device use at once, as the head may. */
const REVOKERS: readonly Role[] = ['head', 'dsl'];
const SAFEGUARDING: readonly Role[] = ['dsl', 'head'];
const ADMIN: readonly Role[] = ['admin'];
/** Who may read a breach record's details and outcome (need to know). */
export const BREACH_DETAIL_ROLES: readonly Role[] = ['dsl', 'head', 'admin'];
const POLICY_EDITORS: readonly Role[] = ['admin', 'head'];

declare const resultType: unique symbol;
type Result<T> = { readonly [resultType]?: T };

function op<O>() {
  return <I extends z.ZodType>(spec: { input: I; kind: 'read' | 'write'; roles: readonly Role[] }) =>
    spec as { input: I; kind: 'read' | 'write'; roles: readonly Role[] } & Result<O>;
}

export const OFFICE_LIMITS = { shortText: 200, longText: 2000, privacyShort: 800, password: { min: 12, max: 200 } } as const;

/** Staff-typed text: same hygiene rules as visitor text (no control or bidi-override characters). */
const text = (max: number = OFFICE_LIMITS.shortText) => visitorText(max, { required: true });
const optionalText = (max: number = OFFICE_LIMITS.shortText) => visitorText(max, { required: false }).default('');
export const Id = z.string().min(1).max(64).regex(/^[0-9A-Za-z_-]+$/, { error: 'invalid' });
const IsoDate = z.iso.date({ error: 'invalid' });
const ClockTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: 'invalid' });
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, { error: 'invalid' });
export const Password = z
  .string()
  .min(OFFICE_LIMITS.password.min, { error: 'tooShort' })
  .max(OFFICE_LIMITS.password.max, { error: 'tooLong' });

// ---- results ---------------------------------------------------------------------------

export type StaffMember = { id: string; username: string; displayName: string; role: Role; active: boolean; lockedUntil: string | null; mustChangePassword: boolean };
export type SessionInfo = { staff: StaffMember; csrfToken: string; expiresAt: string };

/** An event a kiosk quarantined: the hub refused it on its own (reason as the kiosk was told). */
export type QuarantinedEvent = { kioskId: string; kioskName: string; eventId: string; visitId: string; kind: string; reason: string; quarantinedAt: string; reportedAt: string };

export type HubVisit = {
  visitId: string;
  kioskId: string;
  kioskName: string;
  fullName: string;
  category: VisitorCategory;
  organisation: string;
  agencyRole: string;
  hostName: string;
  purpose: string;
  badgeNumber: number;
  /** The kiosk's badge letter: the badge reads badgePrefix + badgeNumber (shared/domain.ts badgeLabel). */
  badgePrefix: string;
  badgeCode: string;
  arrivedAt: string;
  departedAt: string | null;
  departedBy: string | null;
  needsEvacuationHelp: boolean;
  idCheckRequired: boolean;
  policyVersion: number | null;
  language: string;
  phone: PhoneCustody | null;
  phoneInAt: string | null;
  phoneOutAt: string | null;
  /** Set when the visit's exemption was revoked while they were on site. */
  exemptionRevoked: boolean;
};

export type CustodyRow = {
  lockerId: string;
  label: string;
  kind: 'locker' | 'pouch';
  holder: { visitId: string; fullName: string; phoneInAt: string; departedAt: string | null } | null;
  /** The visitor left (or the day ended) and the phone is still in the locker. */
  uncollected: boolean;
};

export const EXEMPTION_STATUSES = ['requested', 'approved', 'refused', 'revoked'] as const;
export type ExemptionStatus = (typeof EXEMPTION_STATUSES)[number];

export const Recurrence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single') }).strict(),
  /** e.g. a speech therapist every Tuesday: ISO weekdays 1 (Mon) … 7 (Sun). */
  z.object({ kind: z.literal('weekly'), weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7) }).strict(),
]);
export type Recurrence = z.infer<typeof Recurrence>;

export const RiskAssessment = z
  .object({ hazards: text(OFFICE_LIMITS.longText), controls: text(OFFICE_LIMITS.longText), reviewer: text(), reviewedOn: IsoDate })
  .strict();
export type RiskAssessment = z.infer<typeof RiskAssessment>;

export type Exemption = {
  id: string;
  status: ExemptionStatus;
  source: 'kiosk' | 'staff';
  visitId: string | null;
  fullName: string;
  organisation: string;
  agencyRole: string;
  purpose: string;
  devices: string;
  /** Approved phone-use locations by name (as on the badge). */
  locations: string[];
  requestedWindow: string;
  validFrom: string | null;
  validTo: string | null;
  /** Daily time window (site local time) within the validity, e.g. 09:00–15:00. */
  dailyFrom: string | null;
  dailyTo: string | null;
  recurrence: Recurrence;
  conditions: string;
  riskAssessment: RiskAssessment | null;
  createdBy: string;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
};

/** A breach record. Who, where, what was done and the outcome are safeguarding details, for
 *  BREACH_DETAIL_ROLES only: other staff get the record's status and times, with those fields
 *  null and `detailsHidden` true (the hub leaves them out; the screen does not hide them). */
export type Breach = {
  id: string;
  visitId: string | null;
  detailsHidden: boolean;
  person: string | null;
  location: string | null;
  what: string | null;
  actionTaken: string | null;
  loggedBy: string;
  loggedAt: string;
  status: 'open' | 'closed';
  seenByDslAt: string | null;
  closedBy: string | null;
  closedAt: string | null;
  outcome: string | null;
  /** Kind, severity, policy point, referrals, lessons learnt (shared/concerns.ts): null for roles without need to know. */
  concern: ConcernDetails | null;
};

export type KioskInfo = {
  id: string;
  name: string;
  pairedAt: string;
  pairedBy: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  lastPushAt: string | null;
  lastPullAt: string | null;
  eventsReceived: number;
  /** Kiosk clock minus hub clock at the last contact, in ms (shown when it drifts). */
  clockOffsetMs: number | null;
  /** How the kiosk's fire roll call opens, as it last said (null: it has not said: an older
   *  kiosk, or one that has not pulled yet). usable = some PIN opens it there. */
  rollCall: { localPin: boolean; personalPins: number; usable: boolean; reportedAt: string } | null;
};

/** Reception's desk: a kiosk's badge printer as it last reported it. */
export type DeskJob = { jobId: string; kind: 'badge' | 'reprint' | 'test' | 'rollcall'; visitId: string | null; visitorName: string | null; badge: string | null; createdAt: string; error: string | null };
export type DeskKiosk = {
  kioskId: string;
  kioskName: string;
  /** The kiosk's badge letter ('' before its first sync). */
  badgePrefix: string;
  revoked: boolean;
  lastSeenAt: string | null;
  /** null until the kiosk reports (an older kiosk never does). */
  printer: { configured: boolean; ready: boolean | null; problem: string | null; checkedAt: string | null; describe: string } | null;
  reportedAt: string | null;
  /** Jobs cut off mid-send, or given up, waiting for reception. */
  waiting: DeskJob[];
};
export type DeskRequest = {
  id: string;
  kioskId: string;
  kioskName: string;
  kind: 'test' | 'reprint' | 'resume' | 'check';
  visitId: string | null;
  visitorName: string | null;
  requestedBy: string;
  requestedAt: string;
  /** null while the kiosk has not handled it yet; 'queued', 'printer ready', or why not. */
  outcome: string | null;
  outcomeAt: string | null;
};
export type Desk = { kiosks: DeskKiosk[]; requests: DeskRequest[]; at: string };

export const DeskRequestInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('test'), kioskId: Id }).strict(),
  z.object({ kind: z.literal('check'), kioskId: Id }).strict(),
  z.object({ kind: z.literal('resume'), kioskId: Id, jobId: Id }).strict(),
  // The visit's own kiosk prints it: that is where the badge was made and the visitor is.
  z.object({ kind: z.literal('reprint'), visitId: Id }).strict(),
]);
/** Personal kiosk PINs (issue #12): whether the signed-in member of staff has one and, for an
 *  administrator, who else does. The PIN itself never leaves the request that sets it. */
export type KioskPins = { mine: { setAt: string } | null; staff: { staffId: string; displayName: string; setAt: string }[] };

export type ExpectedVisitor = {
  id: string;
  fullName: string;
  organisation: string;
  category: VisitorCategory;
  hostId: string;
  expectedOn: string;
  note: string;
  cancelled: boolean;
  /** When they signed in at a kiosk, having found themselves on the list (null = not yet). */
  arrivedAt?: string | null;
};

/** Reception's ID check of one visit, as the console shows it. */
export type VisitIdCheck = { visitId: string } & IdCheck;

export type ReferenceData = {
  lockers: { id: string; label: string; kind: 'locker' | 'pouch'; active: boolean }[];
  locations: { id: string; name: string; active: boolean }[];
  hosts: { id: string; name: string; active: boolean }[];
  policy: { versionId: string; version: number; publishedAt: string; texts: Partial<Record<Language, { title: string; points: string[] }>> };
  expected: ExpectedVisitor[];
};

export type AuditEntry = { seq: number; at: string; actor: string; action: string; target: string; detail: unknown; hash: string };
export type AuditVerdict = { ok: true; entries: number } | { ok: false; entries: number; firstBadSeq: number; problem: string };

// ---- inputs shared by several ops --------------------------------------------------------

const ExemptionRequestInput = z
  .object({
    fullName: text(300),
    organisation: text(),
    agencyRole: text(120),
    purpose: text(500),
    devices: text(),
    locationIds: z.array(Id).max(50).default([]),
    requestedWindow: optionalText(),
    /** The category the approval is for: a visitor signing in as another cannot use it. */
    category: VisitorCategory.default('professional'),
  })
  .strict();

const ApproveInput = z
  .object({
    id: Id,
    validFrom: IsoDate,
    validTo: IsoDate,
    dailyFrom: ClockTime.nullable().default(null),
    dailyTo: ClockTime.nullable().default(null),
    recurrence: Recurrence,
    locationIds: z.array(Id).min(1, { error: 'required' }).max(50),
    devices: text(),
    conditions: text(OFFICE_LIMITS.longText),
    riskAssessment: RiskAssessment.nullable().default(null),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.validTo < v.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'beforeStart' });
    if ((v.dailyFrom === null) !== (v.dailyTo === null)) ctx.addIssue({ code: 'custom', path: ['dailyTo'], message: 'required' });
    if (v.dailyFrom !== null && v.dailyTo !== null && v.dailyTo <= v.dailyFrom) ctx.addIssue({ code: 'custom', path: ['dailyTo'], message: 'beforeStart' });
  });

const Page = { limit: z.number().int().min(1).max(500).default(100), before: z.string().max(64).optional() };

export const officeOps = {
  // -- who is on site and where their phones are
  'onSite.list': op<{ visits: HubVisit[]; at: string }>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  'custody.board': op<{ lockers: CustodyRow[]; withReception: HubVisit[]; at: string }>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  'visits.search': op<{ visits: HubVisit[]; more: boolean }>()({
    input: z
      .object({ query: optionalText(100), from: IsoDate.optional(), to: IsoDate.optional(), category: VisitorCategory.optional(), ...Page })
      .strict(),
    kind: 'read',
    roles: ALL,
  }),

  // -- device-use exemptions register
  'exemptions.list': op<{ exemptions: Exemption[] }>()({
    input: z.object({ status: z.enum(EXEMPTION_STATUSES).optional() }).strict(),
    kind: 'read',
    roles: ALL,
  }),
  'exemptions.get': op<{ exemption: Exemption; usedOnVisits: HubVisit[] }>()({ input: z.object({ id: Id }).strict(), kind: 'read', roles: ALL }),
  /** Staff enter a request on a visitor's behalf (kiosk requests arrive by sync). */
  'exemptions.request': op<{ exemption: Exemption }>()({ input: ExemptionRequestInput, kind: 'write', roles: ALL }),
  'exemptions.approve': op<{ exemption: Exemption }>()({ input: ApproveInput, kind: 'write', roles: APPROVERS }),
  'exemptions.refuse': op<{ exemption: Exemption }>()({
    input: z.object({ id: Id, reason: text(OFFICE_LIMITS.longText) }).strict(),
    kind: 'write',
    roles: APPROVERS,
  }),
  'exemptions.revoke': op<{ exemption: Exemption }>()({
    input: z.object({ id: Id, reason: text(OFFICE_LIMITS.longText) }).strict(),
    kind: 'write',
    roles: REVOKERS,
  }),

  // -- breaches and concerns
  'breaches.list': op<{ breaches: Breach[]; openCount: number }>()({
    input: z.object({ status: z.enum(['open', 'closed']).optional() }).strict(),
    kind: 'read',
    roles: ALL,
  }),
  'breaches.log': op<{ breach: Breach }>()({
    input: z
      .object({
        visitId: Id.nullable().default(null),
        person: text(300),
        location: text(),
        what: text(OFFICE_LIMITS.longText),
        actionTaken: text(OFFICE_LIMITS.longText),
        ...ConcernClassification,
      })
      .strict(),
    kind: 'write',
    roles: ALL,
  }),
  'breaches.close': op<{ breach: Breach }>()({
    // lessonsLearnt is checked by the handler, to say why a close is refused in plain words.
    input: z.object({ id: Id, outcome: text(OFFICE_LIMITS.longText), lessonsLearnt: optionalText(OFFICE_LIMITS.longText) }).strict(),
    kind: 'write',
    roles: SAFEGUARDING,
  }),

  // -- kiosks and sync
  'kiosks.list': op<{ kiosks: KioskInfo[] }>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  'kiosks.createPairingCode': op<{ code: string; expiresAt: string }>()({
    input: z.object({ kioskName: text(80) }).strict(),
    kind: 'write',
    roles: ADMIN,
  }),
  'kiosks.revoke': op<{ kiosk: KioskInfo }>()({ input: z.object({ id: Id }).strict(), kind: 'write', roles: ADMIN }),
  /** "Replace this kiosk": a one-time code that gives the named kiosk a new key (a reinstalled
   *  kiosk computer keeping its id). A plain pairing code never re-keys an existing kiosk. */
  'kiosks.createReplacementCode': op<{ code: string; expiresAt: string }>()({ input: z.object({ id: Id }).strict(), kind: 'write', roles: ADMIN }),

  // -- reception's desk: the kiosks' badge printers (requests travel to the kiosk by the pull feed)
  'desk.get': op<Desk>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  'desk.request': op<{ request: DeskRequest; desk: Desk }>()({ input: DeskRequestInput, kind: 'write', roles: ALL }),
  /** Events kiosks set aside because this hub refused them (each alone): kept on the kiosk, listed here. */
  'kiosks.quarantined': op<{ events: QuarantinedEvent[] }>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),

  // -- reference data the office owns (kiosks pull it)
  'reference.get': op<ReferenceData>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  'lockers.save': op<ReferenceData['lockers']>()({
    input: z
      .object({ lockers: z.array(z.object({ id: Id, label: text(40), kind: z.enum(['locker', 'pouch']), active: z.boolean() }).strict()).max(500) })
      .strict(),
    kind: 'write',
    roles: ADMIN,
  }),
  'locations.save': op<ReferenceData['locations']>()({
    input: z.object({ locations: z.array(z.object({ id: Id, name: text(80), active: z.boolean() }).strict()).max(50) }).strict(),
    kind: 'write',
    roles: ADMIN,
  }),
  'hosts.save': op<ReferenceData['hosts']>()({
    input: z.object({ hosts: z.array(z.object({ id: Id, name: text(), active: z.boolean() }).strict()).max(500) }).strict(),
    kind: 'write',
    roles: ADMIN,
  }),
  /** Publish a new policy version: the text per language; English is required. */
  'policy.publish': op<ReferenceData['policy']>()({
    input: z
      .object({
        texts: z
          .partialRecord(Language, z.object({ title: text(), points: z.array(text(1000)).min(1).max(30) }).strict())
          .refine((t) => t.en !== undefined, { error: 'required' }),
      })
      .strict(),
    kind: 'write',
    roles: POLICY_EDITORS,
  }),
  'expected.save': op<{ expected: ExpectedVisitor }>()({
    input: z
      .object({
        id: Id.optional(),
        fullName: text(300),
        organisation: optionalText(),
        category: VisitorCategory,
        hostId: Id,
        expectedOn: IsoDate,
        note: optionalText(500),
        cancelled: z.boolean().default(false),
      })
      .strict(),
    kind: 'write',
    roles: ALL,
  }),

  // -- staff accounts and the audit log
  'staff.list': op<{ staff: StaffMember[] }>()({ input: z.object({}).strict(), kind: 'read', roles: ADMIN }),
  'staff.create': op<{ staff: StaffMember }>()({
    input: z.object({ username: Username, displayName: text(120), role: Role, password: Password }).strict(),
    kind: 'write',
    roles: ADMIN,
  }),
  'staff.update': op<{ staff: StaffMember }>()({
    input: z
      .object({ id: Id, displayName: text(120).optional(), role: Role.optional(), active: z.boolean().optional(), password: Password.optional(), unlock: z.boolean().optional() })
      .strict(),
    kind: 'write',
    roles: ADMIN,
  }),
  /** Anyone changes their own password (and must, at the first sign-in after an administrator
   *  set it): the current one is asked again, and their other sessions end. */
  'account.changePassword': op<{ staff: StaffMember }>()({
    input: z
      .object({ currentPassword: z.string().min(1, { error: 'required' }).max(OFFICE_LIMITS.password.max), newPassword: Password })
      .strict()
      .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], error: 'sameAsCurrent' }),
    kind: 'write',
    roles: ALL,
  }),
  // Personal kiosk PINs: anyone sets or clears their own; an administrator also for others.
  'staff.kioskPins': op<KioskPins>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  'staff.setKioskPin': op<KioskPins>()({
    input: z.object({ staffId: Id.optional(), pin: z.string().regex(/^[0-9]{4,8}$/, { error: 'invalid' }) }).strict(),
    kind: 'write',
    roles: ALL,
  }),
  'staff.clearKioskPin': op<KioskPins>()({ input: z.object({ staffId: Id.optional() }).strict(), kind: 'write', roles: ALL }),
  'audit.list': op<{ entries: AuditEntry[]; more: boolean }>()({ input: z.object({ ...Page }).strict(), kind: 'read', roles: ADMIN }),
  'audit.verify': op<AuditVerdict>()({ input: z.object({}).strict(), kind: 'read', roles: ADMIN }),
  // -- retention and subject access (shared/retention.ts has the shapes; issue #6)
  'retention.get': op<RetentionView>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  'retention.save': op<RetentionView>()({ input: z.object({ periods: RetentionPeriods }).strict(), kind: 'write', roles: ['admin'] }),
  'retention.runNow': op<PurgeReport>()({ input: z.object({}).strict(), kind: 'write', roles: ['admin'] }),
  // -- backups of a hub on SQLite (shared/backup.ts; core/office/backup)
  'backups.get': op<BackupView>()({ input: z.object({}).strict(), kind: 'read', roles: ADMIN }),
  'backups.save': op<BackupView>()({ input: BackupSettings, kind: 'write', roles: ADMIN }),
  /** The backup itself is taken by the HTTP layer before the handler (it is asynchronous):
   *  core/office/backup/handlers.ts prepareBackup. */
  'backups.runNow': op<BackupResult>()({ input: z.object({}).strict(), kind: 'write', roles: ADMIN }),
  'subjectAccess.search': op<SubjectSearchResult>()({ input: SubjectSearchInput, kind: 'read', roles: ['dsl', 'head', 'admin'] }),
  'subjectAccess.export': op<SubjectExport>()({ input: SubjectRecordsInput, kind: 'write', roles: ['dsl', 'head', 'admin'] }),
  'subjectAccess.rectify': op<RectifyResult>()({ input: RectifyInput, kind: 'write', roles: ['dsl', 'head', 'admin'] }),
  'subjectAccess.erase': op<EraseResult>()({ input: EraseInput, kind: 'write', roles: ['dsl', 'head', 'admin'] }),

  // -- fire roll call across kiosks (anyone on the staff may run it: it is an emergency)
  'rollCall.current': op<{ rollCall: RollCall | null }>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  'rollCall.start': op<RollCall>()({ input: z.object({}).strict(), kind: 'write', roles: ALL }),
  'rollCall.mark': op<RollCall>()({ input: z.object({ visitId: Id, status: z.enum(['safe', 'missing']) }).strict(), kind: 'write', roles: ALL }),
  'rollCall.pdf': op<{ pdf: string; fileName: string }>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  'rollCall.end': op<{ ended: true }>()({ input: z.object({}).strict(), kind: 'write', roles: ALL }),

  // -- end of the day: nobody silently left on site, no phone forgotten
  'endOfDay.list': op<EndOfDay>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  /** When the office reviews open visits, and the hour kiosks sign out whoever is left (null = never). */
  'endOfDay.configure': op<EndOfDay>()({
    /** confirmed: the administrator confirmed a time inside school hours or already past today (autoSignOutConcern). */
    input: z.object({ reviewAt: ClockTime, autoSignOutAt: ClockTime.nullable(), confirmed: z.boolean().default(false) }).strict(),
    kind: 'write',
    roles: ADMIN,
  }),
  /** Sign visits out as staff (and record phones handed back). The kiosk that owns each visit
   *  records it in its own log at its next sync; until then the visit shows as "sign-out sent". */
  'endOfDay.signOut': op<EndOfDay>()({
    input: z.object({ visitIds: z.array(Id).min(1).max(500), phoneReturned: z.boolean() }).strict(),
    kind: 'write',
    roles: ALL,
  }),

  // -- privacy notice shown on the kiosks where visitors' details are collected
  /** Publish the privacy notice (the short notice and its "read more" sections) per language;
   *  English is required and every language has the same number of sections. Same words as the
   *  version in force: nothing changes; only new languages: added to it; else the next version. */
  'privacy.get': op<PrivacyVersion>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  'privacy.publish': op<PrivacyVersion>()({
    input: z
      .object({
        texts: z
          .partialRecord(
            Language,
            z
              .object({
                short: text(OFFICE_LIMITS.privacyShort),
                sections: z.array(z.object({ heading: text(), text: text(OFFICE_LIMITS.longText) }).strict()).min(1).max(12),
              })
              .strict(),
          )
          .refine((t) => t.en !== undefined, { error: 'required' })
          .refine((t) => Object.values(t).every((w) => w.sections.length === t.en?.sections.length), { error: 'sectionCount' }),
      })
      .strict(),
    kind: 'write',
    roles: POLICY_EDITORS,
  }),

  // -- notifications (shared/notifications.ts; core/office/notifications): channels and routes
  // are the administrator's; the message log and "send again" are for all staff (reception sees
  // a failed host notice). Subjects never carry safeguarding details.
  'notifications.get': op<NotificationView>()({ input: z.object({}).strict(), kind: 'read', roles: ADMIN }),
  'notifications.save': op<NotificationView>()({ input: SaveNotificationsInput, kind: 'write', roles: ADMIN }),
  'notifications.test': op<{ message: OutboxMessage }>()({ input: TestMessageInput, kind: 'write', roles: ADMIN }),
  'notifications.log': op<{ messages: OutboxMessage[] }>()({ input: MessageLogInput, kind: 'read', roles: ALL }),
  'notifications.resend': op<{ message: OutboxMessage }>()({ input: z.object({ id: Id }).strict(), kind: 'write', roles: ALL }),
  // -- regular visitors (issue #13): the register, assurance, cards, the acceptable-use agreement
  'regulars.list': op<RegularsView>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  'regulars.save': op<{ regular: Regular }>()({ input: RegularSaveInput, kind: 'write', roles: ALL }),
  'regulars.addAssurance': op<{ regular: Regular }>()({ input: AssuranceAddInput, kind: 'write', roles: ALL }),
  /** A new card (any earlier one stops working): its code, PDF and PNG are in this answer only. */
  'regulars.issueCard': op<{ card: IssuedCard; regular: Regular }>()({ input: z.object({ id: Id }).strict(), kind: 'write', roles: ALL }),
  'regulars.revokeCard': op<{ regular: Regular }>()({ input: z.object({ id: Id }).strict(), kind: 'write', roles: ALL }),
  'regulars.hoursCsv': op<{ csv: string; fileName: string; rows: number }>()({
    input: z
      .object({ fromMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'invalid' }), toMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'invalid' }), volunteersOnly: z.boolean().default(true) })
      .strict(),
    kind: 'read',
    roles: ALL,
  }),
  'agreement.publish': op<AgreementVersion>()({ input: AgreementPublishInput, kind: 'write', roles: POLICY_EDITORS }),
  // -- the rest of the policy and signage (issue #15 part A; shared/signage.ts)
  'signage.get': op<Signage>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  'neverPlaces.save': op<NeverPlace[]>()({ input: NeverPlacesSave, kind: 'write', roles: POLICY_EDITORS }),
  /** The DSL keeps their own directory up to date, as the head and administrator may. */
  'dsls.save': op<DslEntry[]>()({ input: DslsSave, kind: 'write', roles: ['admin', 'head', 'dsl'] }),
  'signage.settings': op<SignageSettings>()({ input: SignageSettingsSave, kind: 'write', roles: POLICY_EDITORS }),
  /** A poster of the live policy: PDF and a PNG preview. Nothing is recorded until it is hung. */
  'signage.poster': op<PosterFiles>()({ input: PosterSpec, kind: 'read', roles: ALL }),
  'signage.hang': op<Signage>()({ input: PosterHang, kind: 'write', roles: ALL }),
  'signage.takeDown': op<Signage>()({ input: PosterTakeDown, kind: 'write', roles: ALL }),
  // -- concerns that lead somewhere, the policy's review date, the DSL's evidence view (shared/concerns.ts)
  'concerns.classify': op<{ breach: Breach }>()({ input: ClassifyInput, kind: 'write', roles: SAFEGUARDING }),
  'concerns.refer': op<{ breach: Breach }>()({ input: ReferInput, kind: 'write', roles: SAFEGUARDING }),
  'concerns.reviewDue': op<ReviewDue>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  'concerns.bringReviewForward': op<ReviewDue>()({ input: BringReviewForwardInput, kind: 'write', roles: SAFEGUARDING }),
  'concerns.startPolicyDraft': op<{ draft: PolicyDraft }>()({ input: StartDraftInput, kind: 'write', roles: SAFEGUARDING }),
  'concerns.policyDrafts': op<{ drafts: PolicyDraft[] }>()({ input: z.object({}).strict(), kind: 'read', roles: ['dsl', 'head', 'admin'] }),
  'evidence.view': op<Evidence>()({ input: EvidenceInput, kind: 'read', roles: SAFEGUARDING }),
  'evidence.csv': op<{ csv: string; fileName: string }>()({ input: EvidenceInput, kind: 'read', roles: SAFEGUARDING }),
  'evidence.pdf': op<{ pdf: string; fileName: string }>()({ input: EvidenceInput, kind: 'read', roles: SAFEGUARDING }),
  'evidence.reviewPack': op<{ pack: ReviewPack; pdf: string; fileName: string }>()({ input: ReviewPackInput, kind: 'read', roles: SAFEGUARDING }),
  // -- admission (issue #13 part B): reception's ID check, the restricted list and its alerts
  /** Reception checked this visitor's identity: recorded, sent to the kiosk, badge reprinted. */
  'admission.idChecked': op<{ check: VisitIdCheck; request: DeskRequest }>()({ input: IdCheckedInput, kind: 'write', roles: ALL }),
  /** ID checks recorded for visitors still on site. */
  'admission.idChecks': op<{ checks: VisitIdCheck[] }>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  /** The restricted list: names for everyone at the desk, the reason for the DSL and head only. */
  'restricted.list': op<{ entries: RestrictedEntry[] }>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  'restricted.save': op<{ entry: RestrictedEntry }>()({ input: RestrictedInput, kind: 'write', roles: SAFEGUARDING }),
  'restricted.remove': op<{ removed: boolean }>()({ input: z.object({ id: Id }).strict(), kind: 'write', roles: SAFEGUARDING }),
  /** Held sign-ins that matched the list: open ones first. */
  'restricted.alerts': op<{ alerts: RestrictedAlert[] }>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  'restricted.acknowledge': op<{ alert: RestrictedAlert }>()({ input: z.object({ id: Id }).strict(), kind: 'write', roles: ALL }),

  // -- before the visit (shared/invitations.ts; core/office/invitations): invitations by email or
  // letter, with the exact policy version recorded; a professional's device-use request made ahead
  // of the visit (into the head's register) and telling the visitor the decision.
  'invitations.send': op<{ invitation: Invitation }>()({ input: InvitationSendInput, kind: 'write', roles: ALL }),
  'invitations.letter': op<{ pdfBase64: string; fileName: string }>()({ input: InvitationLetterInput, kind: 'write', roles: ALL }),
  'invitations.list': op<{ invitations: Invitation[]; previsit: PrevisitRequest[] }>()({ input: z.object({ expectedId: Id }).strict(), kind: 'read', roles: ALL }),
  'previsit.request': op<{ exemption: Exemption; previsit: PrevisitRequest }>()({ input: PrevisitRequestInput, kind: 'write', roles: ALL }),
  'previsit.tellVisitor': op<{ previsit: PrevisitRequest; messageId: string }>()({ input: z.object({ exemptionId: Id }).strict(), kind: 'write', roles: ALL }),
  /** The pre-visit request behind a device request, if it was made before a visit (the device
   *  request page: is there a risk assessment file to open?). */
  /** Upcoming visitors invited only by letter whose letter's policy version is no longer in force. */
  'invitations.outdatedLetters': op<{ letters: OutdatedLetter[] }>()({ input: z.object({}).strict(), kind: 'read', roles: ALL }),
  'previsit.ofExemption': op<{ previsit: PrevisitRequest | null; /** The expected visit's day, for a request made before a visit. */ expectedOn: string | null }>()({ input: z.object({ exemptionId: Id }).strict(), kind: 'read', roles: ALL }),
} as const;

/** A privacy notice version as the office holds it: its texts by language. */
export type PrivacyVersion = {
  versionId: string;
  version: number;
  publishedAt: string;
  texts: Partial<Record<Language, { short: string; sections: { heading: string; text: string }[] }>>;
};

export type EndOfDay = {
  reviewAt: string | null;
  /** The automatic sign-out hour kiosks apply (null: off). */
  autoSignOutAt: string | null;
  /** The school's clock now ("HH:MM"), to say "it is past the review time". */
  localTime: string;
  /** Visits not signed out, from every kiosk. */
  open: (HubVisit & { signOutSent: boolean })[];
  /** Phones still in a locker or with reception whose owner has gone (or whose visit was on an earlier day). */
  uncollected: (HubVisit & { signOutSent: boolean })[];
  at: string;
};

export type OfficeOps = typeof officeOps;
export type OfficeOpName = keyof OfficeOps;
export type OfficeOpInput<K extends OfficeOpName> = z.input<OfficeOps[K]['input']>;
export type OfficeOpParsed<K extends OfficeOpName> = z.output<OfficeOps[K]['input']>;
export type OfficeOpResult<K extends OfficeOpName> = OfficeOps[K] extends Result<infer O> ? O : never;

export function isOfficeOpName(name: unknown): name is OfficeOpName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(officeOps, name);
}

export function mayCall(role: Role, name: OfficeOpName): boolean {
  return officeOps[name].roles.includes(role);
}

/** The console's client: one typed function over HTTP. */
export type OfficeClient = <K extends OfficeOpName>(name: K, input: OfficeOpInput<K>) => Promise<OfficeOpResult<K>>;

// ---- session routes (outside the op table: they create or end the session itself) --------

export const SetupInput = z
  .object({ setupCode: z.string().trim().min(1).max(40), username: Username, displayName: text(120), password: Password })
  .strict();
export const LoginInput = z.object({ username: z.string().trim().toLowerCase().min(1).max(40), password: z.string().min(1).max(OFFICE_LIMITS.password.max) }).strict();

/** Console HTTP paths. */
export const OFFICE_PATHS = {
  setupStatus: '/api/session/setup-status',
  setup: '/api/session/setup',
  login: '/api/session/login',
  logout: '/api/session/logout',
  me: '/api/session/me',
  op: (name: OfficeOpName) => `/api/office/${name}`,
  visitsCsv: '/api/export/visits.csv',
  /** A pre-visit request's risk assessment, as a PDF download (RISK_ASSESSMENT_ROLES only). */
  riskAssessment: (exemptionId: string) => `/api/download/risk-assessment/${encodeURIComponent(exemptionId)}`,
} as const;

/** The visits CSV export covers at most this many days (From and To required). */
export const CSV_MAX_DAYS = 366;

export const SESSION_COOKIE = 'office_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Sent (value "1") on the console's background refreshes: they do not count as use, so a
 *  console left open on a page that refreshes itself still reaches the idle end. */
export const POLL_HEADER = 'x-console-poll';
/** The console locks itself (asking for the password again) after this long without use; the
 *  hub ends an unused session after 30 minutes whatever the console does. */
export const CONSOLE_LOCK_MS = 15 * 60_000;
