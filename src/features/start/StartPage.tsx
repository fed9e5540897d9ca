import { useState } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { useDocumentTitle } from '../../i18n/useDocumentTitle.ts';
import { catalogEntries, latestVersions, type CatalogEntry } from '../../platform/catalog.ts';
import { questionnaireSite } from '../../platform/site.ts';
import { navigate } from '../../platform/router.ts';
import { Button } from '../../components/Button.tsx';
import { localize } from '../../engine/index.ts';
import { useFormatters } from '../../i18n/useFormatters.ts';
import {
  draftStore,
  outboxStore,
  useLiveQuery,
  type DraftRecord,
  type OutboxRecord,
} from '../../storage/index.ts';
import { deliveryOf } from '../../session/delivery.ts';
import { DeliveryLine } from '../questionnaire/DeliveryLine.tsx';
import { ExistingDraftChoice } from './ExistingDraftChoice.tsx';
import { StorageNotice } from './StorageNotice.tsx';
import { useDeviceHolder } from '../collector/deviceHolder.ts';
import '@digdir/designsystemet-css/card.css';
import '@digdir/designsystemet-css/tag.css';
import './site.css';

/** The questionnaires one can start, and this device's drafts to resume. */
export function StartPage() {
  const { t } = useUiText();
  useDocumentTitle();
  const catalog = catalogEntries();
  const stored = useLiveQuery(() => Promise.all([draftStore().list(), outboxStore().all()]), []);
  const drafts = stored?.[0];
  const rows = new Map(stored?.[1].map((row) => [row.responseId, row]));
  const holder = useDeviceHolder();
  return (
    <div className="page">
      <h1 className="ds-heading" data-size="lg">
        {t('start.heading')}
      </h1>
      <p className="ds-paragraph">{t('start.lead')}</p>
      <p className="ds-paragraph">
        <a className="ds-link" href="/personvern" data-testid="privacy-link">
          {t('site.privacyLink')}
        </a>
      </p>
      {holder.isKnown && holder.isEnrolled ? (
        // The gate shows this page only when nobody but the collector has the device.
        <a className="ds-link" href="/innsamling" data-testid="to-roster">
          {t('collector.toRoster')}
        </a>
      ) : null}
      <StorageNotice />
      {drafts && drafts.length > 0 ? (
        <section aria-labelledby="drafts-heading">
          <h2 className="ds-heading" data-size="sm" id="drafts-heading">
            {t('start.draftsHeading')}
          </h2>
          <ul className="card-list">
            {drafts.map((draft) => (
              <DraftCard key={draft.id} draft={draft} row={rows.get(draft.id)} catalog={catalog} />
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
              <QuestionnaireCard
                key={entry.id}
                entry={entry}
                openDrafts={(drafts ?? []).filter(
                  (d) => d.questionnaireId === entry.id && d.status === 'draft',
                )}
              />
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}

/**
 * A questionnaire to start. With a draft of it already on this device, «Start»
 * asks first: continue that one, or begin another on purpose (a collector
 * answering for many people does the latter).
 */
function QuestionnaireCard({
  entry,
  openDrafts,
}: {
  entry: CatalogEntry;
  openDrafts: readonly DraftRecord[];
}) {
  const { t } = useUiText();
  const { language } = useFormatters();
  const [isAsking, setAsking] = useState(false);
  const title = localize(entry.title, language, {});
  const site = questionnaireSite(entry.id);
  const isPartial = entry.completeness === 'partial';
  // Listed newest first (`DraftStore.list`).
  const latest = openDrafts[0];
  return (
    <li
      className="ds-card card"
      data-testid={`questionnaire-${entry.id}`}
      data-completeness={entry.completeness}
    >
      <h3 className="ds-heading" data-size="xs">
        {title}
        {isPartial ? (
          <span className="ds-tag partial-tag" data-color="warning">
            {t('site.partialTag')}
          </span>
        ) : null}
      </h3>
      {isPartial ? (
        <p className="ds-paragraph partial-note">{t('start.partialReconstruction')}</p>
      ) : null}
      {site ? (
        // Who should answer comes first: the strategic and the operative part look alike otherwise.
        <dl className="card-facts">
          <div data-testid="audience">
            <dt>{t('site.audience')}</dt>
            <dd>{site.audience[language]}</dd>
          </div>
          <div data-testid="owner">
            <dt>{t('site.owner')}</dt>
            <dd>
              <a className="ds-link" href={site.owner.url}>
                {site.owner.name[language]}
              </a>
              {site.owner.email ? (
                <>
                  {' · '}
                  <a className="ds-link" href={`mailto:${site.owner.email}`}>
                    {t('site.email', { email: site.owner.email })}
                  </a>
                </>
              ) : null}
            </dd>
          </div>
        </dl>
      ) : null}
      {entry.description ? (
        <p className="ds-paragraph">{localize(entry.description, language, {})}</p>
      ) : null}
      <p className="ds-paragraph questionnaire-time">
        {t('start.minutes', { min: entry.minutes.min, max: entry.minutes.max })}
      </p>
      {isAsking && latest ? (
        <ExistingDraftChoice questionnaireId={entry.id} openDrafts={openDrafts} />
      ) : (
        <Button
          onClick={() =>
            latest ? setAsking(true) : navigate({ name: 'new', questionnaireId: entry.id })
          }
          aria-label={t('start.beginNamed', { title })}
        >
          {t('start.begin')}
        </Button>
      )}
    </li>
  );
}

function DraftCard({
  draft,
  row,
  catalog,
}: {
  draft: DraftRecord;
  row: OutboxRecord | undefined;
  catalog: readonly CatalogEntry[];
}) {
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
        {isSubmitted ? t('start.completed') : t('start.answeredCount', { count: answered })} ·{' '}
        {t('start.lastChanged', { time: dateTime(draft.updatedAt) })}
      </p>
      <DeliveryLine delivery={deliveryOf(draft, row)} savedAt={null} />
      {isSubmitted ? (
        // No link to a profile a questionnaire without indicators never gives.
        entry?.hasProfile === false ? null : (
          <a className="ds-link" href={`/svar/${draft.id}/resultat`}>
            {t('results.show')}
          </a>
        )
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
