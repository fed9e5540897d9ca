import { useEffect, useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import { collector, type RespondentRecord } from '../../storage/lazy.ts';
import { CollectorPanel } from './PanelParts.tsx';
import { qrPictureOf, respondentLink, type QrPicture } from './slipLink.ts';
import { useQuestionnaireTitle } from './useQuestionnaireTitle.ts';

/**
 * The respondent's slip (SYNC.md SY17): their own link `<origin>/i/<token>`
 * as a QR code and as text, what it is for, and that it is kept like a
 * password. Printing shows the slip alone (`panels.css`, `@media print`).
 */
export function RespondentSlip({
  responseId,
  isFocused = false,
}: {
  responseId: string;
  /** Shown on request (the roster's «Vis lappen»): the focus moves to its heading once it is there. */
  isFocused?: boolean;
}) {
  const { t } = useUiText();
  const titleOf = useQuestionnaireTitle();
  const { date } = useFormatters();
  const [respondent, setRespondent] = useState<RespondentRecord | null | undefined>(undefined);
  const [qr, setQr] = useState<QrPicture | 'failed' | null>(null);
  useEffect(() => {
    let isCurrent = true;
    setRespondent(undefined);
    void collector()
      .then((store) => store.respondent(responseId))
      .then((found) => {
        if (isCurrent) setRespondent(found ?? null);
      });
    return () => {
      isCurrent = false;
    };
  }, [responseId]);
  useEffect(() => {
    if (isFocused && respondent) document.getElementById(`slip-${responseId}-heading`)?.focus();
  }, [isFocused, respondent, responseId]);
  const link = respondent
    ? respondentLink(window.location.origin, respondent.respondentToken)
    : null;
  useEffect(() => {
    if (!link) return undefined;
    let isCurrent = true;
    setQr(null);
    qrPictureOf(link).then(
      (picture) => {
        if (isCurrent) setQr(picture);
      },
      () => {
        if (isCurrent) setQr('failed');
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [link]);

  if (respondent === undefined) return <Loading />;
  if (!respondent || !link)
    return (
      <p className="ds-paragraph" data-testid="slip-not-found">
        {t('collectorPanels.slip.notFound')}
      </p>
    );
  return (
    <CollectorPanel id={`slip-${responseId}`} heading={t('collectorPanels.slip.heading')}>
      <article className="respondent-slip" data-testid="respondent-slip">
        <p className="ds-paragraph slip-title">{titleOf(respondent.questionnaireId)}</p>
        <h3 className="ds-heading" data-size="2xs">
          {t('collectorPanels.slip.linkHeading')}
        </h3>
        {qr === null ? (
          <Loading />
        ) : qr === 'failed' ? (
          <p className="ds-paragraph">{t('collectorPanels.slip.qrFailed')}</p>
        ) : (
          <svg
            className="slip-qr"
            role="img"
            aria-label={t('collectorPanels.slip.qrName')}
            viewBox={`0 0 ${qr.size} ${qr.size}`}
            shapeRendering="crispEdges"
            data-testid="slip-qr"
          >
            <rect width={qr.size} height={qr.size} fill="#fff" />
            <path d={qr.path} fill="#000" />
          </svg>
        )}
        <p className="ds-paragraph slip-link" data-testid="slip-link">
          {link}
        </p>
        <p className="ds-paragraph">{t('collectorPanels.slip.purpose')}</p>
        <p className="ds-paragraph">{t('collectorPanels.slip.whenWorks')}</p>
        <p className="ds-paragraph">
          <strong>{t('collectorPanels.slip.password')}</strong>
        </p>
        <p className="ds-paragraph">
          {t('collectorPanels.slip.date', { date: date(respondent.createdAt) })}
        </p>
      </article>
      <Button variant="secondary" data-testid="slip-print" onClick={() => window.print()}>
        {t('collectorPanels.slip.print')}
      </Button>
    </CollectorPanel>
  );
}
