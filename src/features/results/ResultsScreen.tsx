import { DraftUnavailable } from '../questionnaire/DraftUnavailable.tsx';
import '@digdir/designsystemet-css/details.css';
import '@digdir/designsystemet-css/table.css';
import { localize, type Questionnaire } from '../../engine/index.ts';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useUiText } from '../../i18n/uiText.tsx';
import { useDocumentTitle } from '../../i18n/useDocumentTitle.ts';
import { pathOf } from '../../platform/router.ts';
import type { DraftRecord } from '../../storage/index.ts';
import { useSession, useSessionState } from '../questionnaire/useSession.ts';
import { useQuestionnaire } from '../questionnaire/useQuestionnaire.ts';
import { IndicatorExplanations } from './IndicatorExplanations.tsx';
import { ProfileChart } from './ProfileChart.tsx';
import { PublicationNote } from './PublicationNote.tsx';
import { ResultsTable } from './ResultsTable.tsx';
import { ownPeerGroup, resultRows } from './resultRows.ts';
import { resultsView } from './resultsView.ts';
import { usePublication } from './usePublication.ts';
import './results.css';

/** `/svar/<id>/resultat`: the respondent's own profile, computed on the device, beside the latest published average. */
export function ResultsScreen({ draftId }: { draftId: string }) {
  const session = useSession(draftId);
  const phase = useSessionState(session, (s) => s.phase);
  const draft = useSessionState(session, (s) => s.draft);
  const spec = useQuestionnaire(draft?.questionnaireId, draft?.questionnaireVersion);
  const view = resultsView({
    phase,
    status: draft?.status,
    spec:
      spec.status === 'ready'
        ? { indicatorCount: spec.value.indicators?.length ?? 0 }
        : spec.status,
  });
  if (view === 'results' && draft && spec.status === 'ready')
    return <Results draft={draft} spec={spec.value} />;
  if (view === 'waiting' || view === 'results') return <Loading />;
  return <NoResults draftId={draftId} view={view} />;
}

/** Why there is no profile to show, and where to go instead. */
function NoResults({
  draftId,
  view,
}: {
  draftId: string;
  view: 'missing' | 'notSubmitted' | 'specFailed' | 'noProfile';
}) {
  const { t } = useUiText();
  useDocumentTitle(t('title.results'));
  return (
    <div className="page results">
      <h1 className="ds-heading" data-size="md" tabIndex={-1}>
        {t('title.results')}
      </h1>
      {view === 'notSubmitted' ? (
        <div data-testid="results-not-submitted">
          <p className="ds-paragraph">{t('results.notSubmitted')}</p>
          <a className="ds-link" href={pathOf({ name: 'answer', draftId, sectionId: null })}>
            {t('receipt.continue')}
          </a>
        </div>
      ) : view === 'noProfile' ? (
        <div data-testid="results-no-profile">
          <p className="ds-paragraph">{t('results.noProfile')}</p>
          <a className="ds-link" href="/">
            {t('nav.toStart')}
          </a>
        </div>
      ) : (
        <DraftUnavailable
          reason={view === 'missing' ? 'missing' : 'specFailed'}
          testId="results-unavailable"
        />
      )}
    </div>
  );
}

function Results({ draft, spec }: { draft: DraftRecord; spec: Questionnaire }) {
  const { t, language } = useUiText();
  useDocumentTitle(t('title.results'), localize(spec.title, language, spec));
  const state = usePublication(spec.id);
  const publication = state.status === 'published' ? state.publication : undefined;
  const peer = publication && ownPeerGroup(spec, draft.answers, publication, language);
  const rows = resultRows(spec, draft.answers, publication, peer, language);
  // The saved copy is read before anything is drawn: drawn first, the chart would move when it came.
  if (state.status === 'loading') return <Loading />;

  return (
    <div className="page results">
      <p className="questionnaire-title">{localize(spec.title, language, spec)}</p>
      <h1 className="ds-heading" data-size="md">
        {t('results.heading')}
      </h1>
      <p className="ds-paragraph">{t('results.lead')}</p>
      <PublicationNote state={state} />
      <ProfileChart rows={rows} />
      <ResultsTable rows={rows} publication={publication} peer={peer} />
      <IndicatorExplanations rows={rows} />
      <div className="page-actions">
        <Button variant="secondary" onClick={() => window.print()}>
          {t('results.print')}
        </Button>
        <a className="ds-link" href="/">
          {t('nav.toStart')}
        </a>
      </div>
    </div>
  );
}
