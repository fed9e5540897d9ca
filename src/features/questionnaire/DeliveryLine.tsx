import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import type { Delivery } from '../../session/delivery.ts';

/** How far a response has got, in words that cannot be misread as «sendt inn» before it is. */
export function useDeliveryText() {
  const { t } = useUiText();
  const { time } = useFormatters();
  return (delivery: Delivery, savedAt: number | null): string => {
    switch (delivery.kind) {
      case 'device':
        return savedAt === null
          ? t('sync.deviceNoTime')
          : t('sync.device', { time: time(savedAt) });
      case 'backedUp':
        return t('sync.backedUp', { time: time(delivery.at) });
      case 'submitting':
        return t('sync.submitting');
      case 'submitted':
        return t('sync.submitted', { time: time(delivery.at) });
      case 'attention':
        return t('sync.attention');
    }
  };
}

/** The delivery state as one line, for lists and the receipt. */
export function DeliveryLine({
  delivery,
  savedAt,
}: {
  delivery: Delivery;
  savedAt: number | null;
}) {
  const text = useDeliveryText();
  return (
    <p className="sync-status" data-testid="delivery" data-state={delivery.kind}>
      {text(delivery, savedAt)}
    </p>
  );
}
