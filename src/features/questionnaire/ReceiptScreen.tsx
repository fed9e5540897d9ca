import { useUiText } from '../../i18n/uiText.tsx';
import { localize } from '../../engine/index.ts';
import { Loading } from '../../components/Loading.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import { useSyncStatus } from '../../sync/useSyncStatus.ts';
import { SyncBadge } from './SyncBadge.tsx';
import { useDraft } from './useDraft.ts';
import { useQuestionnaire } from './useQuestionnaire.ts';

export function ReceiptScreen({ draftId }: { draftId: string }) {
  const { t } = useUiText();
  const { dateTime, language } = useFormatters();
  const draft = useDraft(draftId);
  const spec = useQuestionnaire(draft?.questionnaireId, draft?.questionnaireVersion);
  // «Sendt inn» only once the server acknowledged the submitted version.
  const sync = useSyncStatus(draftId);
  if (!draft || spec.status !== 'ready') return <Loading />;
  const isAcknowledged = draft.status === 'submitted' && sync?.kind === 'sent';
  return (
    <div className="page">
      <p className="questionnaire-title">{localize(spec.value.title, language, spec.value)}</p>
      <h1 className="ds-heading" data-size="md" tabIndex={-1}>
        {t('receipt.heading')}
      </h1>
      <p
        className="ds-paragraph"
        data-testid="receipt"
        data-state={isAcknowledged ? 'sent' : 'local'}
      >
        {isAcknowledged
          ? t('receipt.submittedAt', { time: dateTime(sync.at) })
          : draft.submittedAt
            ? t('receipt.waiting', { time: dateTime(draft.submittedAt) })
            : null}
      </p>
      <p className="ds-paragraph">{t('receipt.kept')}</p>
      <SyncBadge responseId={draft.id} />
      {spec.value.indicators?.length ? (
        <a className="ds-link" href={`/svar/${draft.id}/resultat`} data-testid="results-link">
          {t('results.show')}
        </a>
      ) : null}
      <a className="ds-link" href="/">
        {t('nav.toStart')}
      </a>
    </div>
  );
}
