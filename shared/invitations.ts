// Before the visit (issue #14): invitations sent to an expected visitor (by email through the
// outbox, or as a letter PDF), and a device-use request recorded before a professional's visit.
// No Node or DOM imports here.
import { z } from './zod.js';
import { Language } from './domain.js';
import { visitorText } from './text.js';
import type { Role } from './office.js';

const Id = z.string().min(1).max(64).regex(/^[0-9A-Za-z_-]+$/, { error: 'invalid' });
/** Loose at the contract: the handler says exactly what is wrong with an address (emailProblem). */
const Address = z.string().max(264);
/** The time of the visit, 24-hour HH:MM, or '' when the day is enough. */
const VisitTime = z.union([z.literal(''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'invalid' })]);

/** Largest risk assessment accepted (a PDF). */
export const RISK_ASSESSMENT_MAX_BYTES = 5 * 1024 * 1024;

/** Who may open a stored risk assessment: the head, who decides the request, and the DSL, who may
 *  revoke it. Office staff record the request and see that a file is attached, not the file. */
export const RISK_ASSESSMENT_ROLES: readonly Role[] = ['head', 'dsl'];

export const InvitationSendInput = z.object({ expectedId: Id, email: Address, language: Language, time: VisitTime.default('') }).strict();
export const InvitationLetterInput = z.object({ expectedId: Id, language: Language, time: VisitTime.default('') }).strict();

export type Invitation = {
  id: string;
  expectedId: string;
  email: string;
  language: Language;
  time: string;
  policyVersionId: string;
  policyVersion: number;
  policyLanguage: Language;
  policyTextHash: string;
  messageId: string | null;
  messageStatus: string | null;
  sentBy: string;
  sentAt: string;
};

export const PrevisitRequestInput = z
  .object({
    expectedId: Id,
    email: Address,
    language: Language,
    agencyRole: visitorText(120, { required: false }).default(''),
    devices: visitorText(200, { required: true }),
    purpose: visitorText(500, { required: true }),
    locationIds: z.array(Id).max(50).default([]),
    requestedWindow: visitorText(200, { required: false }).default(''),
    /** The agency's risk assessment: a PDF, base64 (checked by its bytes, at most 5 MB). Loose
     *  here so that the handler can say what is wrong in words. */
    riskAssessment: z.object({ fileName: z.string().max(300), base64: z.string().max(24_000_000) }).strict(),
  })
  .strict();

export type PrevisitRequest = {
  exemptionId: string;
  expectedId: string;
  email: string;
  language: Language;
  fileName: string;
  fileSha256: string;
  toldAt: string | null;
  createdAt: string;
};

/** An expected visitor invited only by letter, whose last letter carried a policy version that is
 *  no longer in force: reception gives them the new sheet (a reprint of the letter). */
export type OutdatedLetter = {
  expectedId: string;
  language: Language;
  time: string;
  letterVersion: number;
  currentVersion: number;
  printedAt: string;
};
