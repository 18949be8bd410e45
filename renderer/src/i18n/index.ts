// i18next set-up. English is built in; other languages add a resource with the same keys.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';

export const RTL_LANGUAGES = new Set(['ar', 'ur']);

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return i18next;
}

export function applyLanguageToDocument(lng: string): void {
  document.documentElement.lang = lng;
  document.documentElement.dir = RTL_LANGUAGES.has(lng) ? 'rtl' : 'ltr';
}
