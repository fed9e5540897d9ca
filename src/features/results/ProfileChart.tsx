import { useId } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';

export interface ChartRow {
  readonly id: string;
  readonly label: string;
  readonly own: number | null;
  readonly average: number | null;
}

const ROW = 44;
const LABEL_WIDTH = 0;
const WIDTH = 320;

/**
 * One row per indicator on a 0–100 scale: the respondent's score as a bar,
 * the average as a diamond marker, so the meaning never rests on colour.
 * The table beside it carries the same numbers for screen readers.
 */
export function ProfileChart({ rows, caption }: { rows: readonly ChartRow[]; caption: string }) {
  const { t } = useUiText();
  const { number } = useFormatters();
  const titleId = useId();
  const descId = useId();
  const height = rows.length * ROW + 30;
  const x = (value: number) => LABEL_WIDTH + (value / 100) * (WIDTH - LABEL_WIDTH - 10);
  return (
    <figure className="profile-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        width="100%"
      >
        <title id={titleId}>{caption}</title>
        <desc id={descId}>{t('results.chartDescription')}</desc>
        {[0, 25, 50, 75, 100].map((tick) => (
          <g key={tick} className="tick">
            <line x1={x(tick)} x2={x(tick)} y1={0} y2={rows.length * ROW} />
            <text x={x(tick)} y={rows.length * ROW + 16} textAnchor="middle">
              {number(tick)}
            </text>
          </g>
        ))}
        {rows.map((row, i) => {
          const y = i * ROW;
          return (
            <g key={row.id} className="chart-row">
              <text x={2} y={y + 13} className="row-label">
                {row.label}
              </text>
              {row.own !== null ? (
                <rect
                  className="own"
                  x={x(0)}
                  y={y + 18}
                  width={Math.max(1, x(row.own) - x(0))}
                  height={14}
                />
              ) : null}
              {row.average !== null ? (
                <path
                  className="average"
                  d={`M ${x(row.average)} ${y + 16} l 7 9 l -7 9 l -7 -9 z`}
                />
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        <span className="legend-own" aria-hidden="true" /> {t('results.legendOwn')}{' '}
        <span className="legend-average" aria-hidden="true" /> {t('results.legendAverage')}
      </figcaption>
    </figure>
  );
}
