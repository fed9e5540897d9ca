import { useId } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import type { ResultRow } from './resultRows.ts';

const WIDTH = 320;
/** Half a diamond's width, so an average of 0 is drawn whole. */
const LEFT = 7;
/** Room right of a full bar for its value, so «100» is never cut off. */
const VALUE_ROOM = 34;
/** A score of 0 still gets a mark this wide, so it reads as a score and not as a gap. */
const ZERO_MARK = 2;
const ROW_OWN_ONLY = 44;
const ROW_WITH_AVERAGE = 62;
const AXIS = 22;

const x = (value: number) => LEFT + (value / 100) * (WIDTH - LEFT - VALUE_ROOM);

/**
 * One row per indicator on a 0–100 scale: the respondent's score as a bar,
 * the average as a diamond on a line of its own, each with its value
 * written beside it, so the meaning never rests on colour or on reading
 * positions. The table after it carries the same numbers for screen readers.
 */
export function ProfileChart({ rows }: { rows: readonly ResultRow[] }) {
  const { t } = useUiText();
  const { number } = useFormatters();
  const titleId = useId();
  const descId = useId();
  const hasAverage = rows.some((row) => row.national !== undefined);
  const rowHeight = hasAverage ? ROW_WITH_AVERAGE : ROW_OWN_ONLY;
  const axisY = rows.length * rowHeight;
  return (
    <figure className="profile-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${axisY + AXIS}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        width="100%"
      >
        <title id={titleId}>
          {hasAverage ? t('results.chartCaption') : t('results.chartCaptionOwn')}
        </title>
        <desc id={descId}>
          {hasAverage ? t('results.chartDescription') : t('results.chartDescriptionOwn')}
        </desc>
        {[0, 25, 50, 75, 100].map((tick) => (
          <g key={tick} className="tick">
            <line x1={x(tick)} x2={x(tick)} y1={0} y2={axisY} />
            <text x={x(tick)} y={axisY + 16} textAnchor={tick === 0 ? 'start' : 'middle'}>
              {number(tick)}
            </text>
          </g>
        ))}
        {rows.map((row, i) => {
          const y = i * rowHeight;
          return (
            <g key={row.id} className="chart-row" data-indicator={row.id}>
              <text x={0} y={y + 14} className="row-label">
                {row.name}
              </text>
              {row.own === null ? (
                <text x={x(0)} y={y + 33} className="no-score">
                  {t('results.noScore')}
                </text>
              ) : (
                <>
                  <rect
                    className="own"
                    x={x(0)}
                    y={y + 21}
                    width={Math.max(ZERO_MARK, x(row.own) - x(0))}
                    height={14}
                  />
                  <text x={Math.max(x(row.own), x(0) + ZERO_MARK) + 4} y={y + 33} className="value">
                    {number(row.own)}
                  </text>
                </>
              )}
              {row.national ? (
                <>
                  <path
                    className="average"
                    d={`M ${x(row.national.mean)} ${y + 40} l 6 7 l -6 7 l -6 -7 z`}
                  />
                  <text x={x(row.national.mean) + 9} y={y + 52} className="value">
                    {number(row.national.mean)}
                  </text>
                </>
              ) : null}
            </g>
          );
        })}
      </svg>
      {hasAverage ? (
        <figcaption className="chart-legend">
          <span className="legend-own" aria-hidden="true" /> {t('results.legendOwn')}{' '}
          <span className="legend-average" aria-hidden="true" /> {t('results.legendAverage')}
        </figcaption>
      ) : null}
    </figure>
  );
}
