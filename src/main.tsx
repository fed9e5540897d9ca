// First: it asks for the first screen's data before the rest of the app is evaluated.
import { firstScreenReady } from './app/firstScreen.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/fonts.css';
import './styles/designsystemet.css';
import './styles/app.css';
import { App } from './app/App.tsx';
import { UiTextProvider } from './i18n/uiText.tsx';
import { changeLanguage, initialLanguage, setupI18n } from './i18n/i18n.ts';
import { storageAfterPaint } from './platform/storageAfterPaint.ts';
import { languageToRestore, mirroredLanguage } from './platform/languageChoice.ts';

// The localStorage copy of the choice, read at once: the first screen waits for no database.
const language = initialLanguage(mirroredLanguage(), navigator.languages);
document.documentElement.lang = language;
await Promise.all([setupI18n(language), firstScreenReady]);
// The database copy, which a crash cannot have lost, corrects it once the first screen is painted.
void storageAfterPaint()
  .then(() => languageToRestore(language, Date.now()))
  .then((restored) => (restored ? changeLanguage(restored) : undefined));

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
