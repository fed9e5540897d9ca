import { useEffect, useState } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { loadQuestionnaire, type CatalogEntry } from '../../platform/catalog.ts';
import { Alert } from '../../components/Alert.tsx';
import { localize, type Questionnaire } from '../../engine/index.ts';
import { useFormatters } from '../../i18n/useFormatters.ts';
import type { AdminClient, AdminProblem, ResponseCounts } from './adminApi.ts';
import { ExportDownloads } from './ExportDownloads.tsx';
import { PublicationPanel } from './PublicationPanel.tsx';

/** One questionnaire on `/admin`: invitation counts, export downloads and, when it has indicators, its publications. */
export function QuestionnaireOverview({
  entry,
  client,
  onUnauthorised,
}: {
  entry: CatalogEntry;
  client: AdminClient;
  onUnauthorised: (problem: AdminProblem) => void;
}) {
  const { t } = useUiText();
  const { language, number } = useFormatters();
  const [counts, setCounts] = useState<ResponseCounts | 'failed' | null>(null);
  const [spec, setSpec] = useState<Questionnaire | null>(null);

  useEffect(() => {
    const mounted = { isCurrent: true };
    void client.status(entry.id).then((result) => {
      if (!mounted.isCurrent) return;
      if (result.ok) setCounts(result.value);
      else if (result.problem.kind === 'wrong_key' || result.problem.kind === 'admin_off')
        onUnauthorised(result.problem);
      else setCounts('failed');
    });
    loadQuestionnaire(entry.id, entry.version).then(
      (loaded) => mounted.isCurrent && setSpec(loaded),
      () => undefined,
    );
    return () => {
      mounted.isCurrent = false;
    };
  }, [entry, client, onUnauthorised]);

  const title = localize(entry.title, language, {});
  const headingId = `admin-${entry.id}-heading`;
  return (
    <section
      className="ds-card card admin-card"
      aria-labelledby={headingId}
      data-testid={`admin-${entry.id}`}
    >
      <h2 className="ds-heading" data-size="sm" id={headingId}>
        {title}
      </h2>
      {counts === 'failed' ? (
        <Alert tone="danger">
          <p className="ds-paragraph">{t('admin.failed')}</p>
        </Alert>
      ) : counts ? (
        <p className="ds-paragraph" data-testid="admin-counts">
          {t('admin.counts', {
            invited: number(counts.invited),
            started: number(counts.started),
            completed: number(counts.completed),
          })}{' '}
          {counts.invited > 0
            ? t('admin.rate', {
                rate: number((counts.completed / counts.invited) * 100),
                invited: number(counts.invited),
              })
            : t('admin.noInvitations')}
        </p>
      ) : null}
      <ExportDownloads
        questionnaireId={entry.id}
        hasIndicators={Boolean(spec?.indicators?.length)}
        client={client}
        onUnauthorised={onUnauthorised}
      />
      {spec?.indicators?.length ? (
        <PublicationPanel
          spec={spec}
          questionnaireId={entry.id}
          client={client}
          onUnauthorised={onUnauthorised}
        />
      ) : null}
    </section>
  );
}
