import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { localize, type Questionnaire } from '../../engine/index.ts';
import { useFormatters } from '../../i18n/useFormatters.ts';
import type { AdminClient, AdminProblem, PublicationOverview } from './adminApi.ts';
import {
  createPublicationPanel,
  type PanelAction,
  type PanelState,
  type PublicationPanel as Panel,
} from './publicationState.ts';
import { nextStatusText, noticeText, outcomeText } from './publicationTexts.ts';
import { PublishedFigures } from './PublishedFigures.tsx';

/**
 * One questionnaire's publications: the current one, what the next would
 * show and why it can or cannot appear, who counts, and the owner's
 * controls. State and actions live in `publicationState.ts`.
 */
export function PublicationPanel({
  spec,
  questionnaireId,
  client,
  onUnauthorised,
}: {
  spec: Questionnaire;
  questionnaireId: string;
  client: AdminClient;
  onUnauthorised: (problem: AdminProblem) => void;
}) {
  const { t } = useUiText();
  const panel = useMemo(
    () => createPublicationPanel({ client, questionnaireId, onUnauthorised }),
    [client, questionnaireId, onUnauthorised],
  );
  const state = useSyncExternalStore(panel.subscribe, panel.getState);
  useEffect(() => {
    void panel.load();
  }, [panel]);

  const id = `publication-${questionnaireId}`;
  return (
    <section className="admin-publication" aria-labelledby={`${id}-heading`}>
      <h3 className="ds-heading" data-size="xs" id={`${id}-heading`}>
        {t('admin.publication.heading')}
      </h3>
      {state.overview ? (
        <Overview id={id} spec={spec} overview={state.overview} state={state} panel={panel} />
      ) : state.hasLoadFailed ? (
        <Alert tone="danger">
          <p className="ds-paragraph">{t('admin.publication.loadFailed')}</p>
          <Button variant="secondary" onClick={() => void panel.load()}>
            {t('admin.publication.retry')}
          </Button>
        </Alert>
      ) : (
        <Loading />
      )}
    </section>
  );
}

function Overview({
  id,
  spec,
  overview,
  state,
  panel,
}: {
  id: string;
  spec: Questionnaire;
  overview: PublicationOverview;
  state: PanelState;
  panel: Panel;
}) {
  const { t } = useUiText();
  const { language, number, dateTime } = useFormatters();
  const { current, next, settings, responses, nextScheduledAt } = overview;
  const tools = { t, number };
  const isBusy = state.pending !== null;
  const canPublish = next.isPublishable && !isBusy;
  return (
    <>
      <h4 className="ds-heading" data-size="2xs">
        {t('admin.publication.currentHeading')}
      </h4>
      {current ? (
        <>
          <p className="ds-paragraph" data-testid="publication-current">
            {t('admin.publication.current', {
              number: number(current.number),
              date: dateTime(current.publishedAt),
              n: number(current.respondents),
            })}
          </p>
          {current.isSimulated ? (
            <Alert tone="warning">
              <p className="ds-paragraph">{t('admin.publication.simulated')}</p>
            </Alert>
          ) : null}
          <PublishedFigures publication={current} spec={spec} />
        </>
      ) : (
        <p className="ds-paragraph" data-testid="publication-current">
          {t('admin.publication.none')}
        </p>
      )}

      <h4 className="ds-heading" data-size="2xs">
        {t('admin.publication.nextHeading')}
      </h4>
      <p
        className="ds-paragraph"
        id={`${id}-next`}
        data-testid="publication-next"
        data-publishable={next.isPublishable}
      >
        {nextStatusText(tools, next, current !== null)}
      </p>
      <p className="ds-paragraph admin-subtle">
        {t('admin.publication.why', { k: number(next.k) })}
      </p>
      <p className="ds-paragraph" id={`${id}-outcomes`}>
        {t('admin.publication.outcomesIntro')}
      </p>
      <ul className="ds-list admin-outcomes" aria-labelledby={`${id}-outcomes`}>
        {(spec.indicators ?? []).map((indicator) => (
          <li key={indicator.id} data-indicator={indicator.id}>
            <span className="admin-outcome-name">{localize(indicator.name, language, spec)}</span>
            {': '}
            {outcomeText(tools, next.outcomes[indicator.id])}
          </li>
        ))}
      </ul>
      <p className="ds-paragraph" data-testid="publication-schedule">
        {nextScheduledAt === null
          ? t('admin.publication.scheduleOff')
          : t('admin.publication.scheduleAt', { date: dateTime(nextScheduledAt) })}
      </p>
      <Button
        data-testid="publish"
        aria-disabled={canPublish ? undefined : true}
        aria-describedby={`${id}-next`}
        onClick={() => {
          if (canPublish) void panel.publish();
        }}
      >
        {state.pending === 'publish'
          ? t('admin.publication.publishing')
          : t('admin.publication.publish')}
      </Button>
      <Notice state={state} actions={['publish']} testId="publication-notice" />

      <table className="ds-table admin-table" data-testid="publication-responses">
        <caption>{t('admin.publication.responsesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.publication.source')}</th>
            <th scope="col">{t('admin.publication.responses')}</th>
          </tr>
        </thead>
        <tbody>
          {(
            [
              ['invited', t('admin.publication.fromInvitation'), responses.invited],
              ['collector', t('admin.publication.fromCollector'), responses.collector],
              [
                'open',
                settings.admitOpenLink
                  ? t('admin.publication.fromOpenLink')
                  : t('admin.publication.fromOpenLinkHeld'),
                responses.open,
              ],
              ['simulated', t('admin.publication.simulatedResponses'), responses.simulated],
              ['counted', t('admin.publication.counted'), responses.counted],
              ['waiting', t('admin.publication.waiting'), responses.waiting],
            ] as const
          ).map(([key, label, value]) => (
            <tr key={key} data-row={key}>
              <th scope="row">{label}</th>
              <td>{number(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h4 className="ds-heading" data-size="2xs">
        {t('admin.publication.settingsHeading')}
      </h4>
      <div className="ds-field">
        <input
          id={`${id}-admit`}
          className="ds-input"
          type="checkbox"
          role="switch"
          checked={settings.admitOpenLink}
          aria-describedby={`${id}-admit-help`}
          aria-disabled={isBusy || undefined}
          onChange={(event) => {
            // aria-disabled, not disabled: a disabled control would drop the keyboard focus.
            if (!isBusy) void panel.setAdmitOpenLink(event.target.checked);
          }}
        />
        <label className="ds-label" htmlFor={`${id}-admit`}>
          {t('admin.publication.admitOpenLink')}
        </label>
        <p className="ds-paragraph admin-subtle" id={`${id}-admit-help`}>
          {t('admin.publication.admitOpenLinkHelp')}
        </p>
      </div>
      <p className="ds-paragraph admin-subtle">{t('admin.publication.settledHelp')}</p>
      {/* The button that had the focus is gone after either action; what replaced it takes it. */}
      {settings.closedAt === null ? (
        <ConfirmedAction
          id={`${id}-close`}
          texts={CLOSE_TEXTS}
          isBusy={isBusy}
          testId="close-round-dialog"
          onConfirm={() =>
            void panel.closeRound().then(() => {
              document.getElementById(`${id}-closed`)?.focus();
            })
          }
        />
      ) : (
        <>
          <p className="ds-paragraph" id={`${id}-closed`} tabIndex={-1} data-testid="round-closed">
            {t('admin.publication.closedAt', { date: dateTime(settings.closedAt) })}
          </p>
          <ConfirmedAction
            id={`${id}-reopen`}
            texts={REOPEN_TEXTS}
            isBusy={isBusy}
            testId="reopen-round-dialog"
            onConfirm={() =>
              void panel.reopenRound().then(() => {
                document.getElementById(`${id}-close-button`)?.focus();
              })
            }
          />
        </>
      )}
      <Notice state={state} actions={['admit', 'close', 'reopen']} testId="settings-notice" />
    </>
  );
}

/** «Avslutt runden»: closing settles every partial response at once (PB1). */
const CLOSE_TEXTS = {
  button: 'admin.publication.closeRound',
  title: 'admin.publication.closeTitle',
  body: 'admin.publication.closeBody',
  confirm: 'admin.publication.closeConfirm',
} as const;

/** «Gjenåpne runden»: partial responses count again only once left alone for the settling time (PB1). */
const REOPEN_TEXTS = {
  button: 'admin.publication.reopenRound',
  title: 'admin.publication.reopenTitle',
  body: 'admin.publication.reopenBody',
  confirm: 'admin.publication.reopenConfirm',
} as const;

/** A button that asks first, in a modal dialog that says what the action changes. */
function ConfirmedAction({
  id,
  texts,
  isBusy,
  testId,
  onConfirm,
}: {
  id: string;
  texts: typeof CLOSE_TEXTS | typeof REOPEN_TEXTS;
  isBusy: boolean;
  testId: string;
  onConfirm: () => void;
}) {
  const { t } = useUiText();
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <Button
        id={`${id}-button`}
        variant="secondary"
        aria-disabled={isBusy || undefined}
        onClick={() => {
          if (!isBusy) dialog.current?.showModal();
        }}
      >
        {t(texts.button)}
      </Button>
      <dialog
        ref={dialog}
        className="ds-dialog"
        aria-labelledby={`${id}-heading`}
        aria-describedby={`${id}-body`}
        data-testid={testId}
      >
        <h2 className="ds-heading" data-size="xs" id={`${id}-heading`}>
          {t(texts.title)}
        </h2>
        <p className="ds-paragraph" id={`${id}-body`}>
          {t(texts.body)}
        </p>
        <div className="page-actions">
          {/* First in the dialog, so showModal() focuses it: the safe choice. */}
          <Button variant="secondary" onClick={() => dialog.current?.close()}>
            {t('admin.publication.cancel')}
          </Button>
          <Button
            onClick={() => {
              dialog.current?.close();
              onConfirm();
            }}
          >
            {t(texts.confirm)}
          </Button>
        </div>
      </dialog>
    </>
  );
}

/**
 * What the owner's last action did, next to the control it came from.
 * Always in the page, so that the text is announced when it appears (WCAG 4.1.3).
 */
function Notice({
  state,
  actions,
  testId,
}: {
  state: PanelState;
  actions: readonly PanelAction[];
  testId: string;
}) {
  const { t } = useUiText();
  const { number } = useFormatters();
  const isHere = state.noticeAction !== null && actions.includes(state.noticeAction);
  return (
    <p className="ds-paragraph admin-notice" role="status" data-testid={testId}>
      {isHere && state.notice ? noticeText({ t, number }, state.notice) : null}
    </p>
  );
}
