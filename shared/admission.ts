// Admission (issue #13 part B): why a visitor may go about unescorted, reception's recorded ID
// check, and the restricted list's name keys. Pure functions and schemas only: the kiosk's badge,
// the hub and the console all decide the same way. No Node or DOM imports here.
import { z } from './zod.js';
import type { VisitorCategory } from './domain.js';

/** What reception saw when it checked a visitor's identity (never a document number). */
export const ID_CHECK_SEEN = ['photo_id', 'dbs_certificate', 'agency_letter', 'dbs_update_service', 'staff_known'] as const;
export type IdCheckSeen = (typeof ID_CHECK_SEEN)[number];
export const ID_CHECK_SEEN_LABELS: Readonly<Record<IdCheckSeen, string>> = {
  photo_id: 'Photo ID (passport, driving licence, ID card)',
  dbs_certificate: 'Enhanced DBS certificate seen',
  agency_letter: "Employer's or agency's letter of assurance",
  dbs_update_service: 'DBS Update Service check',
  staff_known: 'Known in person to a member of staff',
};

/** Reception's check, recorded in the console for one visit: what was seen, who, when. */
export type IdCheck = { seen: IdCheckSeen; by: string; at: string };

/** A valid assurance from the regular-visitor register (h4: core/office/regulars): what was
 *  checked and until when (YYYY-MM-DD, site day; null = no expiry date set). */
export type AssuranceEvidence = { what: string; validUntil: string | null };

export type Clearance = {
  /** Someone recorded why this visitor's identity is known: an ID check or an assurance. */
  idChecked: boolean;
  reason: 'id_check' | 'assurance' | null;
};

/**
 * Whether a person recorded why this visitor is who they say they are. Only two things count:
 * reception's ID check for this very visit, made no earlier than the arrival; or an assurance
 * on the person's regular-visitor record that is still valid on the visit's day. What the visitor
 * typed never does.
 */
export function clearanceOf(visit: { arrivedAt: string; localDay: string; idCheck?: IdCheck | null }, assurance?: AssuranceEvidence | null): Clearance {
  const check = visit.idCheck;
  if (check && Date.parse(check.at) >= Date.parse(visit.arrivedAt) - 60_000) return { idChecked: true, reason: 'id_check' };
  if (assurance && (assurance.validUntil === null || assurance.validUntil >= visit.localDay)) return { idChecked: true, reason: 'assurance' };
  return { idChecked: false, reason: null };
}

/** Categories a site may still want escorted even after a recorded check (parents, contractors
 *  and one-off visitors have no DBS assurance). The others go unescorted once checked. */
export const ESCORT_EVEN_WHEN_CHECKED: Readonly<Record<VisitorCategory, boolean>> = {
  parent_carer: true,
  volunteer: false,
  contractor: true,
  visitor: true,
  professional: false,
};

// ---- console input ---------------------------------------------------------------------------

const Id = z.string().min(1).max(64).regex(/^[0-9A-Za-z_-]+$/, { error: 'invalid' });

export const IdCheckedInput = z.object({ visitId: Id, seen: z.enum(ID_CHECK_SEEN) }).strict();
export type IdCheckedInput = z.input<typeof IdCheckedInput>;

// ---- restricted list: name matching -----------------------------------------------------------

/**
 * A name as the restricted list compares it: compatibility-decomposed (NFKD), marks removed
 * (accents, Arabic harakat, Hebrew points), case-folded, apostrophes dropped, every run of spaces, punctuation and
 * symbols made one space, and the words sorted, so "Smith, John", "JOHN SMITH" and "Jöhn Smith"
 * are one key. Scripts are never transliterated: an Arabic or Cyrillic spelling is its own key,
 * stored as an alias.
 */
export function restrictedNameNormal(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\p{M}\u0640]/gu, '') // marks, and the Arabic tatweel (a stretching stroke, not a letter)
    .toLocaleLowerCase('und')
    .replace(/ß/g, 'ss')
    .replace(/['’ʼ`]/g, '') // O'Brien, O’Brien and OBrien are one name
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words.sort().join(' ');
}

/** The restricted list's entry as the console keeps it. */
export const RestrictedInput = z
  .object({
    id: Id.optional(),
    fullName: z.string().trim().min(2).max(200),
    aliases: z.array(z.string().trim().min(2).max(200)).max(20).default([]),
    dateOfBirth: z.iso.date().nullable().default(null),
    reason: z.string().trim().min(3).max(2000),
    reviewOn: z.iso.date(),
  })
  .strict()
  .refine((v) => restrictedNameNormal(v.fullName) !== '', { path: ['fullName'], message: 'needs letters' });
export type RestrictedInput = z.input<typeof RestrictedInput>;

/** An entry as the console lists it; reason is present only for the DSL and the head. */
export type RestrictedEntry = {
  id: string;
  fullName: string;
  aliases: string[];
  dateOfBirth: string | null;
  reason: string | null;
  reviewOn: string;
  reviewDue: boolean;
  createdBy: string;
  createdAt: string;
};

/** A held sign-in that matched the restricted list: shown to reception and the DSL at once. */
export type RestrictedAlert = {
  id: string;
  visitId: string;
  entryId: string;
  entryName: string;
  typedName: string;
  kioskName: string;
  at: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
};

/** What a kiosk receives: one keyed hash per name and alias; no names. */
export type RefRestrictedKeys = { keys: string[] };
/** The site's secret for the keyed hashes (hex). */
export type RefRestrictedSecret = { secret: string };
