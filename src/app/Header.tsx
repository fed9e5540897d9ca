import { useUiText } from '../i18n/uiText.tsx';
import type { Language } from '../engine/index.ts';
import { changeLanguage, loadLanguage } from '../i18n/i18n.ts';
import { rememberLanguage } from '../platform/languageChoice.ts';

/**
 * The screen changes once the choice is on disk (a few milliseconds, while the
 * nn texts load anyway), so a browser killed after that cannot lose it.
 */
async function switchTo(language: Language) {
  await Promise.all([rememberLanguage(language, Date.now()), loadLanguage(language)]);
  await changeLanguage(language);
}

/** App name and the nb ⇄ nn switch, usable at any moment without losing an answer. */
export function Header() {
  const { t, language } = useUiText();
  const other: Language = language === 'nn' ? 'nb' : 'nn';
  return (
    <header className="app-header">
      <a className="app-name" href="/">
        {t('app.name')}
      </a>
      <button
        type="button"
        className="ds-button language-switch"
        data-variant="tertiary"
        lang={other}
        onClick={() => {
          void switchTo(other);
        }}
      >
        {other === 'nn' ? t('language.nn') : t('language.nb')}
      </button>
    </header>
  );
}
