import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Latin only: Norwegian needs nothing else, and each subset is another font file to precache.
import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-500.css';
import '@fontsource/inter/latin-600.css';
import './styles/designsystemet.css';
import './styles/app.css';
import { App } from './app/App.tsx';
import { fetchCatalog } from './app/catalog.ts';
import { initialLanguage, LANGUAGE_STORAGE_KEY, setupI18n } from './i18n/i18n.ts';

// Every first screen needs the catalog: ask for it while the app starts.
void fetchCatalog().catch(() => undefined);

const language = initialLanguage(localStorage.getItem(LANGUAGE_STORAGE_KEY), navigator.languages);
document.documentElement.lang = language;
await setupI18n(language);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
