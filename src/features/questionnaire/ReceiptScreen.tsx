import { useUiText } from '../../i18n/uiText.tsx';
import { localize } from '../../engine/index.ts';
import { Loading } from '../../components/Loading.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import { useQuestionnaire } from './useQuestionnaire.ts';
import { useSession, useSessionState } from './useSession.ts';
import { useDeviceHolder } from '../collector/deviceHolder.ts';
import { RespondentSlip } from '../collector/RespondentSlip.tsx';

/**
 * After «Send inn»: «sendt inn» only once the server acknowledged the
 * submitted version; until then the answers are said to be kept on the
 * device and on their way, and the text changes by itself when they land.
 */
export function ReceiptScreen({ draftId }: { draftId: string }) {
  const { t } = useUiText();
  const { dateTime, language } = useFormatters();
  const session = useSession(draftId);
  const draft = useSessionState(session, (s) => s.draft);
  const delivery = useSessionState(session, (s) => s.delivery);
  const spec = useQuestionnaire(draft?.questionnaireId, draft?.questionnaireVersion);
  const holder = useDeviceHolder();
  // On a collector's device the respondent hands it back (the app shows that action); the start
  // page is not theirs to open.
  const isHandedOver = holder.isKnown && holder.activeRespondent === draftId;
  if (!draft || spec.status !== 'ready') return <Loading />;
  const isAcknowledged = delivery.kind === 'submitted';
  return (
    <div className="page">
      <p className="questionnaire-title">{localize(spec.value.title, language, spec.value)}</p>
      <h1 className="ds-heading" data-size="md" tabIndex={-1}>
        {t('receipt.heading')}
      </h1>
      <p
        className="ds-paragraph"
        role="status"
        data-testid="receipt"
        data-state={isAcknowledged ? 'sent' : delivery.kind === 'attention' ? 'attention' : 'local'}
      >
        {isAcknowledged
          ? t('receipt.submittedAt', { time: dateTime(delivery.at) })
          : delivery.kind === 'attention'
            ? t('sync.attention')
            : draft.submittedAt
              ? t('receipt.waiting', { time: dateTime(draft.submittedAt) })
              : null}
      </p>
      <p className="ds-paragraph">{t('receipt.kept')}</p>
      {spec.value.indicators?.length ? (
        <a className="ds-link" href={`/svar/${draft.id}/resultat`} data-testid="results-link">
          {t('results.show')}
        </a>
      ) : null}
      {isHandedOver ? (
        // The respondent's own link, to see the profile on their own phone later (issue 15.3).
        <RespondentSlip responseId={draft.id} />
      ) : (
        <a className="ds-link" href="/">
          {t('nav.toStart')}
        </a>
      )}
    </div>
  );
}
