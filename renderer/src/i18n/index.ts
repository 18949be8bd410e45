// i18next set-up. English (en.ts) is the source of truth; every other language has a file here
// with the same keys, typed against it, so a missing key fails the build.
// The eight translations are MACHINE-ASSISTED, TO BE CHECKED BY THE SCHOOL (see README).
import i18next, { type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { RTL_LANGUAGES, type Language } from '../../../shared/domain.js';
import { ContractError, type ErrorCode } from '../../../shared/errors.js';
import { ar } from './ar.js';
import { bn } from './bn.js';
import { en, type Strings } from './en.js';
import { pa } from './pa.js';
import { pl } from './pl.js';
import { pt } from './pt.js';
import { ro } from './ro.js';
import { uk } from './uk.js';
import { ur } from './ur.js';

/** Every kiosk language's strings. `satisfies` makes a language without strings a type error. */
export const STRINGS = { en, pl, ro, uk, pt, pa, ur, bn, ar } satisfies Record<Language, Strings>;

/** Each language in its own name and script, as the Welcome screen offers it. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  pl: 'Polski',
  ro: 'Română',
  uk: 'Українська',
  pt: 'Português',
  pa: 'ਪੰਜਾਬੀ',
  ur: 'اردو',
  bn: 'বাংলা',
  ar: 'العربية',
};

export function isRtl(lng: string): boolean {
  return RTL_LANGUAGES.has(lng as Language);
}

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: Object.fromEntries(Object.entries(STRINGS).map(([lng, translation]) => [lng, { translation }])),
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: Object.keys(STRINGS),
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return i18next;
}

/** <html lang dir>: screen readers switch voice, the browser picks fonts, the layout mirrors. */
export function applyLanguageToDocument(lng: string): void {
  document.documentElement.lang = lng;
  document.documentElement.dir = isRtl(lng) ? 'rtl' : 'ltr';
}

const SERVER_ERRORS = new Set<ErrorCode>(['NOT_FOUND', 'ALREADY_SIGNED_OUT', 'LOCKER_TAKEN', 'EXEMPTION_NOT_VALID', 'STORE_BUSY', 'INTERNAL']);

/** A problem from the kiosk's service, in the visitor's language (the service speaks English). */
export function errorText(t: TFunction, e: unknown): string {
  const code: ErrorCode = e instanceof ContractError ? e.code : 'INTERNAL';
  if (code === 'INVALID_INPUT') return t('errors.invalid');
  if (code === 'POLICY_CHANGED') return t('policy.updated');
  return t(`serverErrors.${SERVER_ERRORS.has(code) ? code : 'INTERNAL'}`);
}
