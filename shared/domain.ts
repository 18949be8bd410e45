// Domain vocabulary shared by the kiosk screens, the core and (later) the office.
import { z } from './zod.js';

/** A kiosk's badge letter from the office: capitals only, short ('' before the office gave one). */
export const BADGE_PREFIX = /^[A-Z]{0,3}$/;
/** What a badge says: the kiosk's letter and the day's number, e.g. "B7" (or "7" without a letter). */
export function badgeLabel(prefix: string | undefined, badgeNumber: number): string {
  return `${prefix ?? ''}${badgeNumber}`;
}

export const VISITOR_CATEGORIES = [
  'parent_carer',
  'volunteer',
  'contractor',
  'visitor',
  'professional',
] as const;
export const VisitorCategory = z.enum(VISITOR_CATEGORIES);
export type VisitorCategory = z.infer<typeof VisitorCategory>;

/** Categories whose organisation we ask for (and require). */
export const NEEDS_ORGANISATION: ReadonlySet<VisitorCategory> = new Set(['contractor', 'professional']);

/** Where the visitor's phone is while they are on site. */
export const PHONE_CHOICES = ['locker', 'reception', 'none', 'exemption'] as const;
export const PhoneChoice = z.enum(PHONE_CHOICES);
export type PhoneChoice = z.infer<typeof PhoneChoice>;

export const LOCKER_KINDS = ['locker', 'pouch'] as const;
export type LockerKind = (typeof LOCKER_KINDS)[number];

/** The custody states a visit can be in, derived from its events. */
export type PhoneCustody =
  | { kind: 'locker'; lockerId: string; lockerLabel: string; lockerKind: LockerKind }
  | { kind: 'reception' }
  | { kind: 'none' }
  | { kind: 'exemption_pending'; requestId: string }
  | { kind: 'exemption'; exemptionId: string };

/** The kiosk's languages (ISO 639-1): English first, then the languages local families speak.
 *  Each has kiosk strings in renderer/src/i18n/ and a translation of the default policy. */
export const LANGUAGES = ['en', 'pl', 'ro', 'uk', 'pt', 'pa', 'ur', 'bn', 'ar'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** Languages written right to left: the kiosk mirrors its layout for these. */
export const RTL_LANGUAGES: ReadonlySet<Language> = new Set<Language>(['ar', 'ur']);
