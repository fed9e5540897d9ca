import { useMemo, useSyncExternalStore } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { useUiText } from '../../i18n/uiText.tsx';
import { collector } from '../../storage/lazy.ts';
import {
  attentionText,
  concernsText,
  outcomeText,
  progressText,
  summaryText,
} from './batchWords.ts';
import { BusyButton, CollectorPanel } from './PanelParts.tsx';
import { createSendAll } from './sendAll.ts';

/**
 * «Send alle» on the collector's roster: sends every queued response now
 * (`sendCollectedNow`, loaded on first use like the rest of sync), shows the
 * progress, then each respondent's outcome by roster label and what needs the
 * collector's attention. State and decisions live in `sendAll.ts` and
 * `batchWords.ts`.
 */
export function SendAllPanel() {
  const { t, language } = useUiText();
  const panel = useMemo(
    () =>
      createSendAll({
        send: (onProgress) =>
          import('../../sync/startSync.ts').then((sync) => sync.sendCollectedNow(onProgress)),
        roster: async () => (await collector()).roster(),
      }),
    [],
  );
  const state = useSyncExternalStore(panel.subscribe, panel.getState);
  const tools = { t, language };
  const { progress, summary } = state;
  const finished = state.hasFailed
    ? t('collectorPanels.send.failed')
    : summary
      ? summaryText(tools, summary)
      : '';
  // Said aloud: a few steps of the batch (`isAnnounced`), never every response; then its result below.
  const announcement =
    state.isRunning && state.announced ? progressText(tools, state.announced) : '';
  const byBytes = progress !== null && progress.bytesTotal > 0;
  return (
    <CollectorPanel
      id="send-all"
      heading={t('collectorPanels.send.heading')}
      intro={t('collectorPanels.send.intro')}
    >
      <BusyButton
        testId="send-all"
        isBusy={state.isRunning}
        onPress={() => void panel.start()}
        text={t('collectorPanels.send.button')}
        busyText={t('collectorPanels.send.running')}
      />
      {progress && progress.total > 0 ? (
        <div className="progress">
          <progress
            aria-label={t('collectorPanels.send.progressLabel')}
            aria-describedby="send-all-progress-text"
            value={byBytes ? progress.bytesSent : progress.done}
            max={byBytes ? progress.bytesTotal : progress.total}
          />
          <p
            className="ds-paragraph progress-text"
            id="send-all-progress-text"
            data-testid="send-all-progress"
          >
            {progressText(tools, progress)}
          </p>
        </div>
      ) : null}
      {/* Both live regions stay in the page, so that what appears in them is announced (WCAG 4.1.3). */}
      <p className="ds-sr-only" role="status">
        {announcement}
      </p>
      <p className="ds-paragraph" role="status" data-testid="send-all-summary">
        {finished}
      </p>
      {summary && summary.attention.length > 0 ? (
        <Alert tone="warning" data-testid="send-all-attention">
          <h3 className="ds-heading" data-size="2xs">
            {t('collectorPanels.send.attentionHeading')}
          </h3>
          <ul className="ds-list">
            {summary.attention.map((item) => (
              <li key={item.kind} data-attention={item.kind}>
                {attentionText(tools, item)} {concernsText(tools, item)}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {summary && summary.respondents.length > 0 ? (
        <>
          <h3 className="ds-heading" data-size="2xs">
            {t('collectorPanels.send.resultsHeading')}
          </h3>
          <ul className="ds-list" data-testid="send-all-results">
            {summary.respondents.map((r) => (
              <li key={r.responseId} data-response-id={r.responseId} data-outcome={r.outcome}>
                <span className="collector-label">{r.label}</span>
                {': '}
                {outcomeText(tools, r.outcome)}
                {r.isRemoved ? ` ${t('collectorPanels.send.removedHere')}` : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </CollectorPanel>
  );
}
