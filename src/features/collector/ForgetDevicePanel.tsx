import { useEffect, useRef, useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useUiText } from '../../i18n/uiText.tsx';
import { navigate } from '../../platform/router.ts';
import { useLiveQueryAfterPaint } from '../../platform/useLiveQueryAfterPaint.ts';
import { collector } from '../../storage/lazy.ts';
import { forgetCheck, unsafeText, type ForgetCheck } from './forgetWords.ts';
import { formatList } from './formats.ts';
import { BusyButton, CollectorPanel } from './PanelParts.tsx';

/**
 * «Glem denne enheten»: removes the enrolment and every collected response,
 * only when each is acknowledged by the server or in a saved export file
 * (`forgetDevice` checks it again in its own transaction); otherwise names
 * the respondents in the way. Asks first, then goes to the start page.
 */
export function ForgetDevicePanel() {
  const { t, language } = useUiText();
  const roster = useLiveQueryAfterPaint((storage) => storage.collectorStore().roster(), []);
  // What `forgetDevice` said, for the roster it was read against: a newer roster says it again.
  const [refusal, setRefusal] = useState<{ roster: unknown; check: ForgetCheck } | null>(null);
  const [isForgetting, setForgetting] = useState(false);
  const [hasFailed, setFailed] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const blocked = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    // The button that had the focus gave way to the list of what is in the way.
    if (refusal) blocked.current?.focus();
  }, [refusal]);

  async function forget() {
    setForgetting(true);
    setFailed(false);
    try {
      const outcome = await (await collector()).forgetDevice();
      if (outcome.kind === 'forgotten') {
        navigate({ name: 'start' });
        return;
      }
      setRefusal({ roster, check: forgetCheck(outcome.unsafe) });
    } catch {
      setFailed(true);
    }
    setForgetting(false);
  }

  const check =
    refusal && refusal.roster === roster ? refusal.check : roster ? forgetCheck(roster) : null;
  const tools = { t, language };
  return (
    <CollectorPanel
      id="forget"
      heading={t('collectorPanels.forget.heading')}
      intro={t('collectorPanels.forget.intro')}
    >
      {!check ? (
        <Loading />
      ) : check.kind === 'blocked' ? (
        <div data-testid="forget-blocked">
          <p className="ds-paragraph" id="forget-blocked-text" tabIndex={-1} ref={blocked}>
            {t('collectorPanels.forget.blocked')}
          </p>
          <ul className="ds-list" aria-labelledby="forget-blocked-text">
            {check.unsafe.map((r) => (
              <li key={r.responseId} data-response-id={r.responseId} data-reason={r.reason}>
                {unsafeText(tools, r)}
              </li>
            ))}
          </ul>
          <p className="ds-paragraph">{t('collectorPanels.forget.blockedWhat')}</p>
        </div>
      ) : (
        <>
          <p className="ds-paragraph" id="forget-allowed" data-testid="forget-allowed">
            {check.responses === 0
              ? t('collectorPanels.forget.allowedEmpty')
              : t('collectorPanels.forget.allowed')}
          </p>
          {check.lost.length > 0 ? (
            <p className="ds-paragraph" id="forget-lost" data-testid="forget-lost">
              {t('collectorPanels.forget.lost', { labels: formatList(check.lost, language) })}
            </p>
          ) : null}
          <BusyButton
            variant="secondary"
            testId="forget-device"
            describedBy={check.lost.length > 0 ? 'forget-allowed forget-lost' : 'forget-allowed'}
            isBusy={isForgetting}
            onPress={() => dialog.current?.showModal()}
            text={t('collectorPanels.forget.button')}
            busyText={t('collectorPanels.forget.forgetting')}
          />
        </>
      )}
      {hasFailed ? (
        <Alert tone="danger" live="assertive">
          <p className="ds-paragraph">{t('collectorPanels.forget.failed')}</p>
        </Alert>
      ) : null}
      <dialog
        ref={dialog}
        className="ds-dialog"
        aria-labelledby="forget-dialog-heading"
        aria-describedby="forget-dialog-body"
        data-testid="forget-dialog"
      >
        <h2 className="ds-heading" data-size="xs" id="forget-dialog-heading">
          {t('collectorPanels.forget.dialogTitle')}
        </h2>
        <p className="ds-paragraph" id="forget-dialog-body">
          {t('collectorPanels.forget.dialogBody')}
        </p>
        <div className="page-actions">
          {/* First in the dialog, so showModal() focuses it: the safe choice. */}
          <Button variant="secondary" onClick={() => dialog.current?.close()}>
            {t('collectorPanels.forget.cancel')}
          </Button>
          <Button
            data-testid="forget-confirm"
            onClick={() => {
              dialog.current?.close();
              void forget();
            }}
          >
            {t('collectorPanels.forget.confirm')}
          </Button>
        </div>
      </dialog>
    </CollectorPanel>
  );
}
