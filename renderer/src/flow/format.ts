import type { TFunction } from 'i18next';
import type { PhoneCustody } from '../../../shared/domain';

/** Locale used for dates and times per kiosk language (a UK school: 24-hour clock). */
const LOCALE: Record<string, string> = { en: 'en-GB' };

export function timeOfDay(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE[language] ?? language, { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

export function custodyText(t: TFunction, c: PhoneCustody): string {
  return c.kind === 'locker' ? t('custody.locker', { label: c.lockerLabel }) : t(`custody.${c.kind}`);
}
