import { useTranslation } from 'react-i18next';
import type { Language } from '../engine/index.ts';
import { intlLocales } from './i18n.ts';

/** Numbers and dates through Intl with the nn → nb chain (Chromium has no nn data). */
export function useFormatters() {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'nn' ? 'nn' : 'nb';
  const locales = intlLocales(language);
  return {
    language,
    time: (ms: number) =>
      new Intl.DateTimeFormat(locales, { hour: '2-digit', minute: '2-digit' }).format(ms),
    dateTime: (ms: number) =>
      new Intl.DateTimeFormat(locales, { dateStyle: 'medium', timeStyle: 'short' }).format(ms),
    number: (n: number, digits = 0) =>
      new Intl.NumberFormat(locales, { maximumFractionDigits: digits }).format(n),
  };
}
