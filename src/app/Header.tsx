import { useUiText } from '../i18n/uiText.tsx';
import type { Language } from '../engine/index.ts';
import { changeLanguage, LANGUAGE_STORAGE_KEY } from '../i18n/i18n.ts';

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
          localStorage.setItem(LANGUAGE_STORAGE_KEY, other);
          void changeLanguage(other);
        }}
      >
        {other === 'nn' ? t('language.nn') : t('language.nb')}
      </button>
    </header>
  );
}
