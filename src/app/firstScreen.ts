import { pageToShow } from '../session/pageToShow.ts';
import {
  openDraftEarly,
  isHandedOver,
  openDraftsOf,
  startDraftEarly,
  takeStartedDraft,
} from '../session/startDraft.ts';
import { catalogEntries, latestVersions, loadQuestionnaire } from '../platform/catalog.ts';
import { navigate, parseRoute } from '../platform/router.ts';
import { fetchPublicationEarly } from '../sync/earlyRequests.ts';

/**
 * The first screen's data, asked for as soon as the app's code starts to
 * run: `src/main.tsx` imports this module first, so the questionnaire file
 * (and on a deep link the draft) is on its way while React and the rest of
 * the app are still being evaluated. React's first render waits for it (a
 * little while at most), so the first thing it draws is the question page
 * rather than a loading state. A new draft's IndexedDB write follows the
 * first paint (see startDraft).
 */
async function prepareFirstScreen() {
  const route = parseRoute(window.location.pathname);
  if (route.name === 'new') {
    // The questionnaire is fetched meanwhile, whichever way this goes.
    const entry = latestVersions(catalogEntries()).find((e) => e.id === route.questionnaireId);
    if (entry) loadQuestionnaire(entry.id, entry.version).catch(() => undefined);
    const [open, handedOver] = await Promise.all([
      openDraftsOf(route.questionnaireId),
      isHandedOver(),
    ]);
    // A respondent holds this collector's device: the gate asks for the PIN; nothing is made first.
    if (handedOver) return;
    // A draft of it is open on this device: the route asks before making another (NewDraft).
    if (open.length > 0) return;
    const { draft, page } = await startDraftEarly(route.questionnaireId, Date.now());
    // Taken here, so the route does not start a second draft.
    await takeStartedDraft(route.questionnaireId, Date.now());
    navigate({ name: 'answer', draftId: draft.id, sectionId: page }, { replace: true });
  } else if (route.name === 'answer' || route.name === 'review') {
    const draft = await openDraftEarly(route.draftId);
    if (!draft) return;
    const spec = await loadQuestionnaire(draft.questionnaireId, draft.questionnaireVersion);
    if (route.name !== 'answer' || draft.status !== 'draft') return;
    // The address names the page before React's first render, which then need not render twice.
    const page = pageToShow(spec, draft, route.sectionId);
    if (page && page !== route.sectionId)
      navigate({ name: 'answer', draftId: draft.id, sectionId: page }, { replace: true });
  } else if (route.name === 'receipt' || route.name === 'results') {
    // Their screens' code loads after the first render anyway, so it does not wait for these: the
    // draft, its questionnaire and (for the results) the average are on their way meanwhile,
    // instead of each waiting for the one before once the screen and the database have loaded.
    void openDraftEarly(route.draftId)
      .then((draft) => {
        if (!draft) return;
        if (route.name === 'results' && draft.status === 'submitted')
          fetchPublicationEarly(draft.questionnaireId);
        return loadQuestionnaire(draft.questionnaireId, draft.questionnaireVersion);
      })
      // A failure is the screen's to show, when it asks again.
      .catch(() => undefined);
  }
}

/** Waits for `work`, but never longer than `ms`; its failure is the route's to show. */
function withDeadline(work: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([
    work.catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, ms)),
  ]);
}

// The gate's read of the enrolment is the same request (`readEnrolmentAtStart`): once it is in,
// the first render shows the screen instead of rendering nothing and then again.
export const firstScreenReady = withDeadline(
  Promise.all([prepareFirstScreen(), isHandedOver()]),
  3000,
);
