// First: it asks for the first screen's data before the rest of the app is evaluated.
import { firstScreenReady } from './app/firstScreen.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Latin only: Norwegian needs nothing else, and each subset is another font file to precache.
import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-500.css';
import '@fontsource/inter/latin-600.css';
import './styles/designsystemet.css';
import './styles/app.css';
import { App } from './app/App.tsx';
import { initialLanguage, LANGUAGE_STORAGE_KEY, setupI18n } from './i18n/i18n.ts';

const language = initialLanguage(localStorage.getItem(LANGUAGE_STORAGE_KEY), navigator.languages);
document.documentElement.lang = language;
await Promise.all([setupI18n(language), firstScreenReady]);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
