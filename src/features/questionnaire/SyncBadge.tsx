import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import { useSyncStatus } from '../../sync/useSyncStatus.ts';

/** Saved on this device / waiting to send / sent at … / needs attention. */
export function SyncBadge({ responseId }: { responseId: string }) {
  const { t } = useUiText();
  const { time } = useFormatters();
  const status = useSyncStatus(responseId);
  if (!status) return null;
  const text =
    status.kind === 'sent'
      ? t('sync.sent', { time: time(status.at) })
      : status.kind === 'waiting'
        ? t('sync.waiting')
        : status.kind === 'attention'
          ? t('sync.attention')
          : t('sync.local');
  return (
    <p className="sync-status" data-testid="sync-status" data-state={status.kind}>
      {text}
    </p>
  );
}
