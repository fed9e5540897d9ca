import { DraftUnavailable } from './DraftUnavailable.tsx';
import { useUiText } from '../../i18n/uiText.tsx';
import { localize, type Questionnaire } from '../../engine/index.ts';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { intlLocales } from '../../i18n/i18n.ts';
import { useDocumentTitle } from '../../i18n/useDocumentTitle.ts';
import { useFormatters } from '../../i18n/useFormatters.ts';
import type { Delivery, DraftRecord } from '../../storage/lazy.ts';
import { AnswerSummary } from './AnswerSummary.tsx';
import { answerSummary } from './answerSummary.ts';
import { pathOf } from '../../platform/router.ts';
import { receiptReference } from './receiptReference.ts';
import { receiptView } from './receiptView.ts';
import { osloDateAndTime } from './receiptTime.ts';
import { useQuestionnaire } from './useQuestionnaire.ts';
import { useSession, useSessionState } from './useSession.ts';
import { useDeviceHolder } from '../collector/deviceHolder.ts';
import { RespondentSlip } from '../collector/RespondentSlip.tsx';
import './receipt.css';

/**
 * After «Send inn»: the person's receipt. A reference to quote, when the
 * answers were completed and when they were sent, the state in words, a copy
 * of the answers to print or save as PDF, and what to do next.
 *
 * «Sendt inn» only once the server acknowledged the submitted version; until
 * then the answers are said to be kept on this device and not sent yet, and
 * the text changes by itself when they land (SYNC.md SY12).
 */
export function ReceiptScreen({ draftId }: { draftId: string }) {
  const session = useSession(draftId);
  const phase = useSessionState(session, (s) => s.phase);
  const draft = useSessionState(session, (s) => s.draft);
  const delivery = useSessionState(session, (s) => s.delivery);
  const spec = useQuestionnaire(draft?.questionnaireId, draft?.questionnaireVersion);
  // «Send inn» resolves with the session already holding the submitted draft, so a draft seen
  // here is one never submitted, not one whose submit is still on its way.
  const view = receiptView({ phase, status: draft?.status, spec: spec.status });
  if (view === 'missing' || view === 'notSubmitted' || view === 'specFailed')
    return <NoReceipt draftId={draftId} view={view} />;
  if (view === 'waiting' || !draft || spec.status !== 'ready') return <Loading />;
  return <Receipt draft={draft} delivery={delivery} spec={spec.value} />;
}

/** Why there is no receipt to show, and where to go instead. */
function NoReceipt({
  draftId,
  view,
}: {
  draftId: string;
  view: 'missing' | 'notSubmitted' | 'specFailed';
}) {
  const { t } = useUiText();
  useDocumentTitle(t('title.receipt'));
  return (
    <div className="page receipt">
      <h1 className="ds-heading" data-size="md" tabIndex={-1}>
        {t('title.receipt')}
      </h1>
      {view === 'notSubmitted' ? (
        <div className="receipt-state" data-testid="receipt-not-submitted">
          <p className="ds-paragraph">{t('receipt.notSubmitted')}</p>
          <a className="ds-link" href={pathOf({ name: 'answer', draftId, sectionId: null })}>
            {t('receipt.continue')}
          </a>
        </div>
      ) : (
        <DraftUnavailable
          reason={view === 'missing' ? 'missing' : 'specFailed'}
          testId="receipt-unavailable"
        />
      )}
    </div>
  );
}

type ReceiptState = 'sent' | 'attention' | 'local';

function Receipt({
  draft,
  delivery,
  spec,
}: {
  draft: DraftRecord;
  delivery: Delivery;
  spec: Questionnaire;
}) {
  const { t } = useUiText();
  const { language, exact } = useFormatters();
  const title = localize(spec.title, language, spec);
  useDocumentTitle(t('title.receipt'), title);
  const holder = useDeviceHolder();
  // On a collector's device the respondent hands it back (the app shows that action); the start
  // page is not theirs to open, and a printout or PDF would leave their answers on a device that is
  // not theirs, so neither is offered.
  const isHandedOver = holder.isKnown && holder.activeRespondent === draft.id;
  const reference = receiptReference(draft.id);
  const at = (ms: number) => t('receipt.at', osloDateAndTime(ms, intlLocales(language)));
  const state: ReceiptState =
    delivery.kind === 'submitted' ? 'sent' : delivery.kind === 'attention' ? 'attention' : 'local';
  const summary = answerSummary(spec, draft.answers, {
    language,
    number: exact,
    percent: (n) => t('review.percent', { value: exact(n) }),
  });
  const hasProfile = (spec.indicators?.length ?? 0) > 0;

  return (
    <div className="page receipt">
      <p className="questionnaire-title">{title}</p>
      <h1 className="ds-heading" data-size="md" tabIndex={-1}>
        {t('receipt.heading')}
      </h1>
      <p
        className="ds-paragraph receipt-state"
        role="status"
        data-testid="receipt"
        data-state={state}
      >
        {delivery.kind === 'submitted'
          ? t('receipt.sent', { time: at(delivery.at) })
          : delivery.kind === 'attention'
            ? t('sync.attention')
            : t('receipt.local')}
      </p>
      <dl className="receipt-facts" data-testid="receipt-facts">
        {reference ? (
          <div>
            <dt>{t('receipt.reference')}</dt>
            <dd className="receipt-reference" data-testid="receipt-reference">
              {reference}
            </dd>
          </div>
        ) : null}
        {draft.submittedAt !== null ? (
          <div>
            <dt>{t('receipt.completed')}</dt>
            <dd data-testid="receipt-completed">{at(draft.submittedAt)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('receipt.sentLabel')}</dt>
          <dd data-testid="receipt-sent">
            {delivery.kind === 'submitted' ? at(delivery.at) : t('receipt.notYet')}
          </dd>
        </div>
      </dl>
      {reference ? <p className="ds-paragraph">{t('receipt.referenceHelp')}</p> : null}

      <section className="receipt-copy" aria-labelledby="receipt-copy-heading">
        <h2 className="ds-heading" data-size="sm" id="receipt-copy-heading">
          {t('receipt.copyHeading')}
        </h2>
        {isHandedOver ? null : (
          <Button variant="secondary" className="receipt-print" onClick={() => window.print()}>
            {t('receipt.print')}
          </Button>
        )}
        <AnswerSummary pages={summary} headingLevel={3} />
      </section>

      <section className="receipt-next" aria-labelledby="receipt-next-heading">
        <h2 className="ds-heading" data-size="sm" id="receipt-next-heading">
          {t('receipt.nextHeading')}
        </h2>
        {hasProfile || !isHandedOver ? (
          <ul className="receipt-next-steps">
            {hasProfile ? (
              <li>
                <a
                  className="ds-link"
                  href={`/svar/${draft.id}/resultat`}
                  data-testid="results-link"
                >
                  {t('results.show')}
                </a>
                <p className="ds-paragraph">{t('receipt.resultsHelp')}</p>
              </li>
            ) : null}
            {isHandedOver ? null : (
              <li>
                <a className="ds-link" href="/">
                  {t('nav.toStart')}
                </a>
                <p className="ds-paragraph">{t('receipt.startHelp')}</p>
              </li>
            )}
          </ul>
        ) : null}
        {isHandedOver ? (
          // The respondent's own link, to see the profile on their own phone later (issue 15.3).
          <RespondentSlip responseId={draft.id} />
        ) : null}
      </section>
    </div>
  );
}
