import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Latin only: Norwegian needs nothing else, and each subset is another font file to precache.
import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-500.css';
import '@fontsource/inter/latin-600.css';
import './styles/designsystemet.css';
import './styles/app.css';
import { App } from './app/App.tsx';
import { fetchCatalog, loadQuestionnaire } from './app/catalog.ts';
import { navigate, parseRoute } from './app/router.ts';
import { readDraftEarly } from './features/questionnaire/useDraft.ts';
import { startDraftEarly, takeStartedDraft } from './features/start/startDraft.ts';
import { initialLanguage, LANGUAGE_STORAGE_KEY, setupI18n } from './i18n/i18n.ts';

// Every first screen needs the catalog, and the answering routes their draft and questionnaire:
// ask for them while the app starts. React's first render waits for them (a little while at
// most), so the first thing it draws is the question page rather than a loading state. A new
// draft's IndexedDB write follows the first paint (see startDraft).
void fetchCatalog().catch(() => undefined);
const language = initialLanguage(localStorage.getItem(LANGUAGE_STORAGE_KEY), navigator.languages);
document.documentElement.lang = language;
await Promise.all([setupI18n(language), withDeadline(prepareFirstScreen(), 3000)]);

async function prepareFirstScreen() {
  const route = parseRoute(window.location.pathname);
  if (route.name === 'new') {
    const { draft } = await startDraftEarly(route.questionnaireId, Date.now());
    // Taken here, so the route does not start a second draft.
    await takeStartedDraft(route.questionnaireId, Date.now());
    navigate({ name: 'answer', draftId: draft.id, sectionId: null }, { replace: true });
  } else if (route.name === 'answer' || route.name === 'review') {
    const draft = await readDraftEarly(route.draftId);
    if (draft) await loadQuestionnaire(draft.questionnaireId, draft.questionnaireVersion);
  }
}

/** Waits for `work`, but never longer than `ms`; its failure is the route's to show. */
function withDeadline(work: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([
    work.catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, ms)),
  ]);
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
