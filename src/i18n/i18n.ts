import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../engine/index.ts';
import nb from '../../locales/nb.json';

/*
 * UI strings. Questionnaire texts live in the specs; these are the app's
 * own. nb and nn must hold the same keys (tests/i18n/locales.test.ts).
 */

/**
 * The first screen's language: the choice stored on this device (its
 * localStorage copy, `src/platform/languageChoice.ts`), else the browser's.
 */
export function initialLanguage(stored: string | null, browser: readonly string[]): Language {
  if (stored === 'nb' || stored === 'nn') return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'nn') return 'nn';
    if (base === 'nb' || base === 'no') return 'nb';
  }
  return 'nb';
}

/** nb is in the main bundle (it is also the fallback); nn loads when chosen. */
export async function loadLanguage(language: Language) {
  if (language === 'nn' && !i18next.hasResourceBundle('nn', 'translation')) {
    const { default: nn } = await import('../../locales/nn.json');
    i18next.addResourceBundle('nn', 'translation', nn);
  }
}

export async function setupI18n(language: Language) {
  await i18next.use(initReactI18next).init({
    lng: 'nb',
    supportedLngs: ['nb', 'nn'],
    fallbackLng: { nn: ['nb'], default: ['nb'] },
    resources: { nb: { translation: nb } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await changeLanguage(language);
  return i18next;
}

export async function changeLanguage(language: Language) {
  await loadLanguage(language);
  await i18next.changeLanguage(language);
}

/** Intl has no nn data in Chromium; numbers and dates are the same in nb. */
export const intlLocales = (language: Language): string[] =>
  language === 'nn' ? ['nn', 'nb'] : ['nb'];
