import { lazy, Suspense, useEffect, useState } from 'react';
import { useUiText } from '../i18n/uiText.tsx';
import { useDocumentTitle } from '../i18n/useDocumentTitle.ts';
import { AnswerScreen } from '../features/questionnaire/AnswerScreen.tsx';
import { Loading } from '../components/Loading.tsx';
import { NewDraft } from '../features/start/NewDraft.tsx';
import { firstScreenRendered, inOwnTask } from '../platform/firstPaint.ts';
import { Header } from './Header.tsx';
import { Footer } from './Footer.tsx';
import { useRoute } from '../platform/router.ts';
import { useDeviceHolder } from '../features/collector/deviceHolder.ts';
import { isAllowed } from '../features/collector/gate.ts';
import { HandBackAction } from '../features/collector/HandBackAction.tsx';

// The answering route is in the main bundle; everything else loads when first needed.
const StartPage = lazy(() =>
  import('../features/start/StartPage.tsx').then((m) => ({ default: m.StartPage })),
);
const InvitationScreen = lazy(() =>
  import('../features/start/InvitationScreen.tsx').then((m) => ({ default: m.InvitationScreen })),
);
const ResultsScreen = lazy(() =>
  import('../features/results/ResultsScreen.tsx').then((m) => ({ default: m.ResultsScreen })),
);
const AdminScreen = lazy(() =>
  import('../features/admin/AdminScreen.tsx').then((m) => ({ default: m.AdminScreen })),
);
const ReviewScreen = lazy(() =>
  import('../features/questionnaire/ReviewScreen.tsx').then((m) => ({ default: m.ReviewScreen })),
);
// The service worker registers after the first paint, so it never delays the first question.
const UpdatePrompt = lazy(() =>
  import('../pwa/UpdatePrompt.tsx').then((m) => ({ default: m.UpdatePrompt })),
);
const ReceiptScreen = lazy(() =>
  import('../features/questionnaire/ReceiptScreen.tsx').then((m) => ({ default: m.ReceiptScreen })),
);
const EnrolScreen = lazy(() =>
  import('../features/collector/EnrolScreen.tsx').then((m) => ({ default: m.EnrolScreen })),
);
const RosterScreen = lazy(() =>
  import('../features/collector/RosterScreen.tsx').then((m) => ({ default: m.RosterScreen })),
);
const PrivacyScreen = lazy(() =>
  import('../features/start/PrivacyScreen.tsx').then((m) => ({ default: m.PrivacyScreen })),
);
const HandBackScreen = lazy(() =>
  import('../features/collector/HandBackScreen.tsx').then((m) => ({ default: m.HandBackScreen })),
);

export function App() {
  const { t, language } = useUiText();
  const isLoaded = useWindowLoaded();
  useEffect(firstScreenRendered, []);
  useEffect(() => {
    // Sync starts after the first paint; answers are safe in IndexedDB until then.
    // Started in a task apart from evaluating its code: together they were one long task.
    if (isLoaded)
      void import('../sync/startSync.ts').then(inOwnTask).then((sync) => {
        sync.startSync();
      });
  }, [isLoaded]);
  useEffect(() => {
    // Each assignment is a message to the browser, milliseconds on a phone: only on a change. The
    // title is each screen's own (`useDocumentTitle`).
    if (document.documentElement.lang !== language) document.documentElement.lang = language;
  }, [language]);
  return (
    <>
      <a className="ds-skip-link" href="#main">
        {t('nav.skipToMain')}
      </a>
      <Header />
      {isLoaded ? (
        <Suspense fallback={null}>
          <UpdatePrompt />
        </Suspense>
      ) : null}
      <main id="main" tabIndex={-1}>
        <Screen />
      </main>
      <Footer />
    </>
  );
}

/**
 * The screen for the address; only this part renders again when the address changes. It is the
 * one place that sees every address, so it is the gate: while a respondent has a collector's
 * device, any address but their own response's shows the PIN prompt instead.
 */
function Screen() {
  const route = useRoute();
  const holder = useDeviceHolder();
  // Known before the first render on every device but a slow one: read with one plain request.
  if (!holder.isKnown) return null;
  const { activeRespondent } = holder;
  if (activeRespondent !== null && !isAllowed(route, activeRespondent)) {
    return (
      <Suspense fallback={<Loading />}>
        <HandBackScreen responseId={activeRespondent} />
      </Suspense>
    );
  }
  return (
    <Suspense fallback={<Loading />}>
      {route.name === 'start' ? <StartPage /> : null}
      {route.name === 'new' ? <NewDraft questionnaireId={route.questionnaireId} /> : null}
      {route.name === 'answer' ? (
        <AnswerScreen draftId={route.draftId} sectionId={route.sectionId} />
      ) : null}
      {route.name === 'review' ? <ReviewScreen draftId={route.draftId} /> : null}
      {route.name === 'receipt' ? <ReceiptScreen draftId={route.draftId} /> : null}
      {route.name === 'invitation' ? <InvitationScreen token={route.token} /> : null}
      {route.name === 'results' ? <ResultsScreen draftId={route.draftId} /> : null}
      {route.name === 'admin' ? <AdminScreen /> : null}
      {route.name === 'privacy' ? <PrivacyScreen /> : null}
      {route.name === 'enrol' ? <EnrolScreen token={route.token} /> : null}
      {route.name === 'roster' ? <RosterScreen /> : null}
      {route.name === 'notFound' ? <NotFound /> : null}
      {activeRespondent !== null ? <HandBackAction /> : null}
    </Suspense>
  );
}

/**
 * True once the page has loaded and the browser has had an idle moment, so the
 * service worker's precache download and the sync code never compete with
 * showing the first question.
 */
function useWindowLoaded(): boolean {
  const [isLoaded, setLoaded] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const whenIdle = () => {
      timer = setTimeout(() => {
        if ('requestIdleCallback' in window)
          window.requestIdleCallback(() => setLoaded(true), { timeout: 3000 });
        else setLoaded(true);
      }, 1500);
    };
    if (document.readyState === 'complete') whenIdle();
    else window.addEventListener('load', whenIdle, { once: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener('load', whenIdle);
    };
  }, []);
  return isLoaded;
}

function NotFound() {
  const { t } = useUiText();
  useDocumentTitle(t('title.notFound'));
  return (
    <div className="page">
      <h1 className="ds-heading" data-size="md">
        {t('notFound.heading')}
      </h1>
      <a className="ds-link" href="/">
        {t('nav.toStart')}
      </a>
    </div>
  );
}
