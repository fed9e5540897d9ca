import { useUiText } from '../../i18n/uiText.tsx';
import { catalogEntries, latestVersions, type CatalogEntry } from '../../platform/catalog.ts';
import { navigate } from '../../platform/router.ts';
import { Button } from '../../components/Button.tsx';
import { localize } from '../../engine/index.ts';
import { useFormatters } from '../../i18n/useFormatters.ts';
import { draftStore, useLiveQuery, type DraftRecord } from '../../storage/index.ts';
import { SyncBadge } from '../questionnaire/SyncBadge.tsx';
import { StorageNotice } from './StorageNotice.tsx';
import '@digdir/designsystemet-css/card.css';

/** The questionnaires one can start, and this device's drafts to resume. */
export function StartPage() {
  const { t } = useUiText();
  const catalog = catalogEntries();
  const drafts = useLiveQuery(() => draftStore().list(), []);
  return (
    <div className="page">
      <h1 className="ds-heading" data-size="lg">
        {t('start.heading')}
      </h1>
      <p className="ds-paragraph">{t('start.lead')}</p>
      <StorageNotice />
      {drafts && drafts.length > 0 ? (
        <section aria-labelledby="drafts-heading">
          <h2 className="ds-heading" data-size="sm" id="drafts-heading">
            {t('start.draftsHeading')}
          </h2>
          <ul className="card-list">
            {drafts.map((draft) => (
              <DraftCard key={draft.id} draft={draft} catalog={catalog} />
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="available-heading">
        <h2 className="ds-heading" data-size="sm" id="available-heading">
          {t('start.availableHeading')}
        </h2>
        {catalog.length > 0 ? (
          <ul className="card-list">
            {latestVersions(catalog).map((entry) => (
              <QuestionnaireCard key={entry.id} entry={entry} />
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}

function QuestionnaireCard({ entry }: { entry: CatalogEntry }) {
  const { t } = useUiText();
  const { language } = useFormatters();
  const title = localize(entry.title, language, {});
  return (
    <li className="ds-card card" data-testid={`questionnaire-${entry.id}`}>
      <h3 className="ds-heading" data-size="xs">
        {title}
      </h3>
      {entry.description ? (
        <p className="ds-paragraph">{localize(entry.description, language, {})}</p>
      ) : null}
      {entry.completeness === 'partial' ? (
        <p className="ds-paragraph partial-note">{t('start.partialReconstruction')}</p>
      ) : null}
      <Button
        onClick={() => navigate({ name: 'new', questionnaireId: entry.id })}
        aria-label={t('start.beginNamed', { title })}
      >
        {t('start.begin')}
      </Button>
    </li>
  );
}

function DraftCard({ draft, catalog }: { draft: DraftRecord; catalog: readonly CatalogEntry[] }) {
  const { t } = useUiText();
  const { language, dateTime } = useFormatters();
  const entry = catalog.find(
    (c) => c.id === draft.questionnaireId && c.version === draft.questionnaireVersion,
  );
  const title = entry ? localize(entry.title, language, {}) : draft.questionnaireId;
  const isSubmitted = draft.status === 'submitted';
  const answered = Object.keys(draft.answers).length;
  return (
    <li className="ds-card card" data-testid="draft-card" data-draft-id={draft.id}>
      <h3 className="ds-heading" data-size="xs">
        {title}
      </h3>
      <p className="ds-paragraph">
        {isSubmitted ? t('start.submitted') : t('start.answeredCount', { count: answered })} ·{' '}
        {t('start.lastChanged', { time: dateTime(draft.updatedAt) })}
      </p>
      <SyncBadge responseId={draft.id} />
      {isSubmitted ? (
        <a className="ds-link" href={`/svar/${draft.id}/resultat`}>
          {t('results.show')}
        </a>
      ) : (
        <Button
          onClick={() => navigate({ name: 'answer', draftId: draft.id, sectionId: null })}
          aria-label={t('start.continueNamed', { title })}
        >
          {t('start.continue')}
        </Button>
      )}
    </li>
  );
}
