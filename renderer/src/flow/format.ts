import type { TFunction } from 'i18next';
import type { Language, PhoneCustody } from '../../../shared/domain';

/** Locale used for dates and times per kiosk language. English is British (a UK school: 24-hour
 *  clock); the others use their own conventions (the clock, the day-period words, Bengali and
 *  Arabic digits), which is what a reader of that language expects. */
export const LOCALE: Record<Language, string> = {
  en: 'en-GB',
  pl: 'pl-PL',
  ro: 'ro-RO',
  uk: 'uk-UA',
  pt: 'pt-PT',
  pa: 'pa-Guru-IN',
  ur: 'ur-PK',
  bn: 'bn-BD',
  ar: 'ar',
};

export function timeOfDay(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE[language as Language] ?? language, { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

export function custodyText(t: TFunction, c: PhoneCustody): string {
  return c.kind === 'locker' ? t('custody.locker', { label: c.lockerLabel }) : t(`custody.${c.kind}`);
}

/** "15:00" when `iso` falls on the same local day as `now`, else with the day: "Fri 20 Mar, 23:59". */
export function untilText(iso: string, language: string, timeZone: string, now = new Date()): string {
  const locale = LOCALE[language as Language] ?? language;
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const at = new Date(iso);
  if (day(at) === day(now)) return timeOfDay(iso, language, timeZone);
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(at);
}
