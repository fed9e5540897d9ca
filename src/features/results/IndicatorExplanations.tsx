import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import type { ResultRow } from './resultRows.ts';

/**
 * Per indicator, a disclosure with what it measures and the score of each
 * item, next to the item's average when the publication has one. Native
 * <details>/<summary>: focusable and opened with Enter or Space.
 */
export function IndicatorExplanations({ rows }: { rows: readonly ResultRow[] }) {
  const { t } = useUiText();
  const { number } = useFormatters();
  return (
    <section aria-labelledby="explain-heading" className="indicator-explanations">
      <h2 className="ds-heading" data-size="sm" id="explain-heading">
        {t('results.explainHeading')}
      </h2>
      <div>
        {rows.map((row) => (
          <details key={row.id} className="ds-details" data-indicator={row.id}>
            <summary>{row.name}</summary>
            <div>
              <p className="ds-paragraph">{row.description}</p>
              <ul className="ds-list">
                {row.items.map((item, i) => (
                  <li key={i}>
                    {item.label}:{' '}
                    {item.own === null
                      ? t('results.itemLeftOut')
                      : t('results.itemScore', { score: number(item.own) })}
                    {item.average ? (
                      <span className="item-average">
                        {t('results.itemAverage', { mean: number(item.average.mean) })}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          </details>
        ))}
      </div>
    </section>
  );
}
