// Regular visitors (issue #13 part A): the register the office keeps of people who come often,
// the assurance staff recorded for them, the acceptable-use agreement they acknowledge yearly,
// and the personal card they sign in with. Pure rules and schemas only: no Node or DOM imports,
// so the hub, the kiosk and the screens share one answer to "is this still valid?".
import { z } from './zod.js';
import { Language, VisitorCategory } from './domain.js';
import { visitorText } from './text.js';

export const REGULAR_STATUSES = ['active', 'suspended', 'left'] as const;
export const RegularStatus = z.enum(REGULAR_STATUSES);
export type RegularStatus = z.infer<typeof RegularStatus>;

/** What staff checked. Never the certificate number itself (see certificateNumberProblem). */
export const ASSURANCE_KINDS = ['enhanced_dbs_seen', 'dbs_update_service', 'agency_letter', 'scr_entry'] as const;
export const AssuranceKind = z.enum(ASSURANCE_KINDS);
export type AssuranceKind = z.infer<typeof AssuranceKind>;
export const ASSURANCE_LABELS: Record<AssuranceKind, string> = {
  enhanced_dbs_seen: 'Enhanced DBS certificate seen',
  dbs_update_service: 'DBS Update Service check',
  agency_letter: 'Agency letter of assurance',
  scr_entry: 'Single Central Record entry',
};

/** How many days ahead the console warns that an assurance runs out. */
export const EXPIRY_WARNING_DAYS = 30;

/** A DBS certificate number is 12 digits; an Update Service subscription id is similar. The
 *  register must never hold one, so any run of 8+ digits (spaces, dots or dashes between them
 *  allowed) in what staff type is refused. Dates are typed in their own date fields. */
const DIGIT_RUN = /\d(?:[\s.\-/]?\d){7,}/u;
export const CERTIFICATE_NUMBER_MESSAGE =
  'This looks like a certificate or reference number. Do not record DBS certificate numbers here: record only what was checked, who checked it and when.';
/** Dates people write in a note (2027-03-20, 20/03/2027, 20.03.27) are not numbers to refuse. */
const DATES = /\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})\b/gu;
export function looksLikeCertificateNumber(s: string): boolean {
  return DIGIT_RUN.test(s.replace(DATES, ' '));
}

export type Assurance = {
  id: string;
  kind: AssuranceKind;
  checkedBy: string;
  checkedOn: string;
  /** Review or expiry date (YYYY-MM-DD): the check counts up to and including this day. */
  expiresOn: string;
  note: string;
  recordedBy: string;
  recordedAt: string;
};

/**
 * Has this person a recorded check that covers `today` (YYYY-MM-DD)? Only an active person can:
 * a suspended or departed volunteer is not vouched for whatever their paperwork says. h5's
 * escort rule reads this, so it is the one definition of "assured".
 */
export function hasValidAssurance(person: { status: RegularStatus; assurances: readonly Pick<Assurance, 'checkedOn' | 'expiresOn'>[] }, today: string): boolean {
  return assuranceValidUntil(person, today) !== null;
}

/** The last day the person's assurance covers (the latest expiry among checks valid today), or null. */
export function assuranceValidUntil(person: { status: RegularStatus; assurances: readonly Pick<Assurance, 'checkedOn' | 'expiresOn'>[] }, today: string): string | null {
  if (person.status !== 'active') return null;
  let until: string | null = null;
  for (const a of person.assurances) if (a.checkedOn <= today && a.expiresOn >= today && (until === null || a.expiresOn > until)) until = a.expiresOn;
  return until;
}

// ---- the acceptable-use agreement ----------------------------------------------------------

export type AgreementDraft = { title: string; points: string[] };
export type AgreementTexts = Partial<Record<Language, AgreementDraft>>;
/** The text an agreement hash covers: as the phone policy's (title, then points, one a line). */
export function agreementCanonicalText(a: AgreementDraft): string {
  return [a.title, ...a.points].join('\n');
}

/** The school's yearly renewal day ("MM-DD"); default the start of the academic year. */
export const DEFAULT_RENEWAL_DAY = '09-01';
export const RenewalDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'invalid' });

/** The most recent renewal day on or before `today`: acknowledgements before it are out of date. */
export function lastRenewal(today: string, renewalDay: string): string {
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}-${renewalDay}`;
  return thisYear <= today ? thisYear : `${year - 1}-${renewalDay}`;
}

/** What a regular must acknowledge again: 'changed' (new text), 'renewal' (a renewal day passed
 *  since), 'first' (never), or null (up to date). `ackDay` is the local day they acknowledged. */
export type AgreementDue = 'first' | 'changed' | 'renewal' | null;
export function agreementDue(ack: { versionId: string; ackDay: string } | null, currentVersionId: string, renewalDay: string, today: string): AgreementDue {
  if (!ack) return 'first';
  if (ack.versionId !== currentVersionId) return 'changed';
  if (ack.ackDay < lastRenewal(today, renewalDay)) return 'renewal';
  return null;
}

// ---- inputs (console) ------------------------------------------------------------------------

const Id = z.string().min(1).max(64).regex(/^[0-9A-Za-z_-]+$/, { error: 'invalid' });
const IsoDate = z.iso.date({ error: 'invalid' });
/** Staff text that must not carry a certificate number: checked by the handlers
 *  (certificateNumberProblems), so the refusal says plainly why, not "is not valid". */
const noNumbers = (max: number, required: boolean) => visitorText(max, { required });

/** The fields of an input that look like they hold a certificate number. */
export function certificateNumberProblems(input: Record<string, unknown>, fields: readonly string[]): { path: string; message: string }[] {
  return fields.filter((f) => typeof input[f] === 'string' && looksLikeCertificateNumber(input[f] as string)).map((path) => ({ path, message: 'certificateNumber' }));
}

export const RegularSaveInput = z
  .object({
    id: Id.optional(),
    fullName: noNumbers(300, true),
    organisation: noNumbers(200, false).default(''),
    role: noNumbers(120, true),
    category: VisitorCategory,
    /** Who they normally come to see: their quick sign-in is recorded as visiting them. */
    hostId: Id,
    status: RegularStatus.default('active'),
  })
  .strict();

export const AssuranceAddInput = z
  .object({
    regularId: Id,
    kind: AssuranceKind,
    checkedBy: noNumbers(120, true),
    checkedOn: IsoDate,
    expiresOn: IsoDate,
    note: noNumbers(500, false).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.expiresOn < v.checkedOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'beforeStart' });
  });

export const AgreementPublishInput = z
  .object({
    texts: z
      .partialRecord(Language, z.object({ title: visitorText(200, { required: true }), points: z.array(visitorText(1000, { required: true })).min(1).max(30) }).strict())
      .refine((t) => t.en !== undefined, { error: 'required' }),
    renewalDay: RenewalDay.optional(),
  })
  .strict();

// ---- results ---------------------------------------------------------------------------------

export type AgreementAck = { versionId: string; version: number; textHash: string; language: Language; at: string; kioskId: string | null };

export type Regular = {
  id: string;
  fullName: string;
  organisation: string;
  role: string;
  category: VisitorCategory;
  hostId: string;
  status: RegularStatus;
  assurances: Assurance[];
  /** The last day a recorded check covers, today; null: none valid. */
  assuranceValidUntil: string | null;
  card: { issuedAt: string; issuedBy: string; /** last four symbols, so reception can tell cards apart */ hint: string } | null;
  agreement: AgreementAck | null;
  agreementDue: AgreementDue;
};

export type AgreementVersion = { versionId: string; version: number; publishedAt: string; texts: AgreementTexts; renewalDay: string };

export type ExpiringAssurance = { regularId: string; fullName: string; kind: AssuranceKind; expiresOn: string; daysLeft: number };

export type RegularsView = { regulars: Regular[]; expiring: ExpiringAssurance[]; agreement: AgreementVersion; today: string };

/** An issued card: the code is shown once, here, and never stored (only its hash). */
export type IssuedCard = { regularId: string; code: string; grouped: string; hint: string; pdf: string; png: string };

// ---- sync (hub → kiosk) ------------------------------------------------------------------------

/** What a kiosk keeps of a regular: enough to greet them and sign them in offline, no more. */
export type RefRegular = {
  id: string;
  /** sha-256 (hex) of the card code (core/regulars/cardCode.ts cardHash); null: no card. */
  cardHash: string | null;
  maskedName: string;
  organisation: string;
  role: string;
  category: VisitorCategory;
  hostId: string;
  status: RegularStatus;
  /** Last day a recorded check covers (null: none), so the kiosk catches expiry offline. */
  assuranceValidUntil: string | null;
  /** The agreement version they last acknowledged and the local day they did. */
  agreementVersionId: string | null;
  agreementAckDay: string | null;
  /** The phone policy version of their last card sign-in anywhere (null: none yet). */
  policyVersionId: string | null;
};
/** An acceptable-use agreement version with its texts and the school's renewal day. */
export type RefAgreement = { versionId: string; version: number; publishedAt: string; renewalDay: string; texts: AgreementTexts };

// ---- kiosk -----------------------------------------------------------------------------------

/** What the kiosk shows after a scan. `see_reception` never says why (revoked, expired, unknown,
 *  suspended, left all look the same to whoever holds the card). */
export type CardScan =
  | { status: 'see_reception' }
  | {
      status: 'ok';
      regularId: string;
      maskedName: string;
      organisation: string;
      category: VisitorCategory;
      /** Already signed in today (a second scan): the kiosk shows the visit instead of a new one. */
      onSiteVisitId: string | null;
      /** Non-null: the agreement to acknowledge, and why. */
      agreement: null | { due: Exclude<AgreementDue, null>; versionId: string; version: number; language: Language; title: string; points: string[]; textHash: string };
      /** The phone policy changed since their last visit: shown again. */
      policyChanged: boolean;
    };

export const REGULAR_EVENT_KIND = 'regular_signed_in' as const;
