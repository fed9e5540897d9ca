import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useUiText } from '../../i18n/uiText.tsx';
import { useLiveQueryAfterPaint } from '../../platform/useLiveQueryAfterPaint.ts';
import { createExportFlow, exportStatusText } from './exportFlow.ts';
import { formatCount } from './formats.ts';
import { BusyButton, CheckboxField, CollectorPanel } from './PanelParts.tsx';

/**
 * «Last ned eksportfil» (SYNC.md SY18): the unsent responses as one JSON
 * file, downloaded, then counted as exported only once the collector says
 * the file was saved («Jeg har lagret filen»). The flow is `exportFlow.ts`.
 */
export function ExportPanel() {
  const { t, language } = useUiText();
  const flow = useMemo(
    () =>
      createExportFlow({
        build: (options) =>
          import('../../sync/startSync.ts').then((sync) => sync.exportCollected(options)),
        save: saveFile,
      }),
    [],
  );
  const state = useSyncExternalStore(flow.subscribe, flow.getState);
  const pending = useLiveQueryAfterPaint(
    async (storage) => (await storage.collectorStore().unacknowledged()).length,
    [],
  );
  const confirmed = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    // The confirm button is gone: its result takes the focus.
    if (state.phase === 'confirmed') confirmed.current?.focus();
  }, [state.phase]);

  const tools = { t, language };
  const isBusy = state.phase === 'building' || state.phase === 'confirming';
  const isWaiting = state.phase === 'saving' || state.phase === 'confirming';
  const hasNothing = pending === 0 && !isWaiting;
  return (
    <CollectorPanel
      id="export"
      heading={t('collectorPanels.export.heading')}
      intro={t('collectorPanels.export.intro')}
    >
      {pending === undefined ? (
        <Loading />
      ) : hasNothing ? (
        <p className="ds-paragraph" data-testid="export-nothing">
          {t('collectorPanels.export.nothing')}
        </p>
      ) : (
        <>
          <p className="ds-paragraph" data-testid="export-pending">
            {t('collectorPanels.export.pending', { n: formatCount(pending, language) })}
          </p>
          <CheckboxField
            id="export-labels"
            label={t('collectorPanels.export.includeLabels')}
            help={t('collectorPanels.export.includeLabelsHelp')}
            isChecked={state.includeLabels}
            isBusy={isBusy}
            onChange={flow.setIncludeLabels}
          />
          <BusyButton
            testId="export-download"
            isBusy={isBusy}
            onPress={() => void flow.download()}
            text={t('collectorPanels.export.button')}
            busyText={
              state.phase === 'building'
                ? t('collectorPanels.export.building')
                : t('collectorPanels.export.button')
            }
          />
        </>
      )}
      <p className="ds-paragraph" role="status" data-testid="export-status">
        {exportStatusText(tools, state)}
      </p>
      {isWaiting ? (
        <div className="collector-step">
          <p className="ds-paragraph" id="export-confirm-help">
            {t('collectorPanels.export.confirmExplain')}
          </p>
          <BusyButton
            testId="export-confirm"
            describedBy="export-confirm-help"
            isBusy={isBusy}
            onPress={() => void flow.confirmSaved()}
            text={t('collectorPanels.export.confirm')}
            busyText={t('collectorPanels.export.confirming')}
          />
        </div>
      ) : null}
      {state.hasFailed && isWaiting ? (
        <Alert tone="danger" live="assertive">
          <p className="ds-paragraph">{t('collectorPanels.export.confirmFailed')}</p>
        </Alert>
      ) : null}
      {state.phase === 'confirmed' ? (
        <p className="ds-paragraph" tabIndex={-1} ref={confirmed} data-testid="export-confirmed">
          {t('collectorPanels.export.confirmed')}
        </p>
      ) : null}
    </CollectorPanel>
  );
}

/** Hands the file to the browser as a download (Blob, object URL, `a[download]`). */
function saveFile(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Not at once: some browsers read the URL after click() has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
