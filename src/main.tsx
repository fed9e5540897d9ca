// First: it asks for the first screen's data before the rest of the app is evaluated.
import { firstScreenReady } from './app/firstScreen.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/fonts.css';
import './styles/designsystemet.css';
import './styles/app.css';
import { App } from './app/App.tsx';
import { UiTextProvider } from './i18n/uiText.tsx';
import { initialLanguage, LANGUAGE_STORAGE_KEY, setupI18n } from './i18n/i18n.ts';

const language = initialLanguage(localStorage.getItem(LANGUAGE_STORAGE_KEY), navigator.languages);
document.documentElement.lang = language;
await Promise.all([setupI18n(language), firstScreenReady]);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <UiTextProvider>
        <App />
      </UiTextProvider>
    </StrictMode>,
  );
}
