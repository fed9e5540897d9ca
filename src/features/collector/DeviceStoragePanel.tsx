import { useEffect, useRef, useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useUiText } from '../../i18n/uiText.tsx';
import { useLiveQueryAfterPaint } from '../../platform/useLiveQueryAfterPaint.ts';
import { collector, readStorageHealth, type StorageHealth } from '../../storage/lazy.ts';
import {
  askForPersistentStorage,
  persistenceText,
  usageOf,
  usageText,
  usageWarning,
} from './storageWords.ts';
import { BusyButton, CheckboxField, CollectorPanel } from './PanelParts.tsx';

type AskOutcome = 'granted' | 'denied' | 'cannotAsk';
type KeepNotice = 'keepCopiesOn' | 'keepCopiesOff' | 'keepCopiesFailed';

/**
 * The collector device's storage: how much is used of what the browser
 * allows (a warning from 80 %), whether the browser may evict it and a button
 * to ask that it does not, and the «Behold skrivebeskyttede kopier» setting.
 */
export function DeviceStoragePanel() {
  const { t, language } = useUiText();
  const [health, setHealth] = useState<StorageHealth | null>(null);
  const [isAsking, setAsking] = useState(false);
  const [asked, setAsked] = useState<AskOutcome | null>(null);
  const [keepNotice, setKeepNotice] = useState<KeepNotice | null>(null);
  const enrolment = useLiveQueryAfterPaint(
    async (storage) => (await storage.collectorStore().getEnrolment()) ?? null,
    [],
  );
  const persistence = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    void readStorageHealth().then(setHealth);
  }, []);

  async function ask() {
    setAsking(true);
    const isGranted = await askForPersistentStorage(
      typeof navigator === 'undefined' ? undefined : navigator.storage,
    );
    setAsked(isGranted === null ? 'cannotAsk' : isGranted ? 'granted' : 'denied');
    const now = await readStorageHealth();
    setHealth(now);
    setAsking(false);
    // The button is gone once storage is persistent: the sentence that says so takes the focus.
    if (now.isPersisted) persistence.current?.focus();
  }

  async function setKeep(isKept: boolean) {
    setKeepNotice(null);
    try {
      await (await collector()).setKeepReadOnlyCopies(isKept);
      setKeepNotice(isKept ? 'keepCopiesOn' : 'keepCopiesOff');
    } catch {
      setKeepNotice('keepCopiesFailed');
    }
  }

  const tools = { t, language };
  const usage = health ? usageOf(health) : null;
  const warning = usage ? usageWarning(tools, usage) : null;
  return (
    <CollectorPanel id="device-storage" heading={t('collectorPanels.storage.heading')}>
      {!health || !usage ? (
        <Loading />
      ) : (
        <>
          <p className="ds-paragraph" data-testid="storage-usage">
            {usageText(tools, usage)}
          </p>
          {warning ? (
            <Alert tone="warning" data-testid="storage-nearly-full">
              <p className="ds-paragraph">{warning}</p>
            </Alert>
          ) : null}
          {health.isEvictableSafari ? (
            <Alert tone="warning">
              <p className="ds-paragraph">{t('storage.iosHomeScreen')}</p>
            </Alert>
          ) : null}
          <p
            className="ds-paragraph"
            data-testid="storage-persistence"
            data-persisted={String(health.isPersisted)}
            tabIndex={-1}
            ref={persistence}
          >
            {persistenceText(tools, health.isPersisted)}
          </p>
          {health.isPersisted === false ? (
            <BusyButton
              variant="secondary"
              testId="storage-persist"
              isBusy={isAsking}
              onPress={() => void ask()}
              text={t('collectorPanels.storage.askPersist')}
              busyText={t('collectorPanels.storage.asking')}
            />
          ) : null}
        </>
      )}
      <p className="ds-paragraph" role="status" data-testid="storage-asked">
        {asked ? t(`collectorPanels.storage.${asked}`) : null}
      </p>
      {enrolment ? (
        <CheckboxField
          id="keep-copies"
          label={t('collectorPanels.storage.keepCopies')}
          help={t('collectorPanels.storage.keepCopiesHelp')}
          isChecked={enrolment.keepReadOnlyCopies}
          isSwitch
          onChange={(isKept) => void setKeep(isKept)}
        />
      ) : null}
      <p className="ds-paragraph" role="status" data-testid="keep-copies-notice">
        {keepNotice ? t(`collectorPanels.storage.${keepNotice}`) : null}
      </p>
    </CollectorPanel>
  );
}
