import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';

/**
 * A moment as the collector reads it: «kl. 14:02» today, «4. desember 2026
 * kl. 14:02» on any other day, since a tablet may be offline for days.
 */
export function useWhen(): (ms: number) => string {
  const { t } = useUiText();
  const { date, time } = useFormatters();
  const today = new Date().toDateString();
  return (ms) =>
    new Date(ms).toDateString() === today
      ? t('collector.at.today', { time: time(ms) })
      : t('collector.at.otherDay', { date: date(ms), time: time(ms) });
}
