import { useCallback, useEffect, useState } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { loadQuestionnaire, type CatalogEntry } from '../../platform/catalog.ts';
import { Alert } from '../../components/Alert.tsx';
import { localize, type Questionnaire } from '../../engine/index.ts';
import { useFormatters } from '../../i18n/useFormatters.ts';
import type { AdminClient, AdminProblem, ResponseCounts } from './adminApi.ts';
import { ExportDownloads } from './ExportDownloads.tsx';
import { InvitationPanel } from './InvitationPanel.tsx';
import { PublicationPanel } from './PublicationPanel.tsx';

/**
 * One questionnaire on `/admin`: responses apart by where they came from,
 * its invitations, export downloads and, when it has indicators, its
 * publications.
 */
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
  const { language } = useFormatters();
  const [counts, setCounts] = useState<ResponseCounts | 'failed' | null>(null);
  const [spec, setSpec] = useState<Questionnaire | null>(null);

  const [countsAsked, setCountsAsked] = useState(0);
  const askCountsAgain = useCallback(() => setCountsAsked((n) => n + 1), []);

  useEffect(() => {
    const mounted = { isCurrent: true };
    void client.status(entry.id).then((result) => {
      if (!mounted.isCurrent) return;
      if (result.ok) setCounts(result.value);
      else if (result.problem.kind === 'wrong_key' || result.problem.kind === 'admin_off')
        onUnauthorised(result.problem);
      else setCounts('failed');
    });
    return () => {
      mounted.isCurrent = false;
    };
  }, [entry, client, onUnauthorised, countsAsked]);

  useEffect(() => {
    const mounted = { isCurrent: true };
    loadQuestionnaire(entry.id, entry.version).then(
      (loaded) => mounted.isCurrent && setSpec(loaded),
      () => undefined,
    );
    return () => {
      mounted.isCurrent = false;
    };
  }, [entry]);

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
        <CountLines counts={counts} />
      ) : null}
      <InvitationPanel
        questionnaireId={entry.id}
        client={client}
        onUnauthorised={onUnauthorised}
        onChanged={askCountsAgain}
      />
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

/**
 * One line per provenance: the rate only over invitations (revoked ones left
 * out), open-link and collector responses counted apart, simulated test data
 * named as such and only when there is any.
 */
function CountLines({ counts }: { counts: ResponseCounts }) {
  const { t } = useUiText();
  const { number } = useFormatters();
  const { invitations, open, collector, simulated } = counts;
  const pair = (c: { started: number; completed: number }) => ({
    started: number(c.started),
    completed: number(c.completed),
  });
  return (
    <div data-testid="admin-counts">
      <h3 className="ds-heading" data-size="xs">
        {t('admin.countsHeading')}
      </h3>
      <ul className="admin-count-lines">
        <li data-provenance="invited">
          {invitations.issued > 0
            ? t('admin.invitedLine', {
                issued: number(invitations.issued),
                ...pair(invitations),
                rate: number((invitations.completed / invitations.issued) * 100),
              })
            : t('admin.noInvitations')}
          {invitations.revoked > 0
            ? ` ${t('admin.revokedNote', { count: invitations.revoked, n: number(invitations.revoked) })}`
            : null}
        </li>
        <li data-provenance="open">{t('admin.openLine', pair(open))}</li>
        <li data-provenance="collector">{t('admin.collectorLine', pair(collector))}</li>
        {simulated.started > 0 ? (
          <li data-provenance="simulated">{t('admin.simulatedLine', pair(simulated))}</li>
        ) : null}
      </ul>
    </div>
  );
}
