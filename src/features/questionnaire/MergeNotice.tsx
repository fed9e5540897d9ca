import { useUiText } from '../../i18n/uiText.tsx';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { useLiveQueryAfterPaint } from '../../platform/useLiveQueryAfterPaint.ts';
import { outbox } from '../../storage/lazy.ts';

/** Tells the person that answers given on another device were brought in (MG1). */
export function MergeNotice({ responseId }: { responseId: string }) {
  const { t } = useUiText();
  const count = useLiveQueryAfterPaint(
    async (storage) => (await storage.outboxStore().get(responseId))?.mergedFromServer ?? 0,
    [responseId],
  );
  if (!count) return null;
  return (
    <Alert tone="info" live="polite" data-testid="merge-notice">
      <p className="ds-paragraph">{t('sync.merged', { count })}</p>
      <Button
        variant="secondary"
        onClick={() => void outbox().then((o) => o.acknowledgeMerge(responseId))}
      >
        {t('sync.mergedOk')}
      </Button>
    </Alert>
  );
}
