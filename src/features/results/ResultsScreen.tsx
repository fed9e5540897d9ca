import { useUiText } from '../../i18n/uiText.tsx';
import {
  compile,
  localize,
  scoreIndicators,
  type IndicatorItem,
  type Questionnaire,
} from '../../engine/index.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import type { DraftRecord } from '../../storage/index.ts';
import { useDraft } from '../questionnaire/useDraft.ts';
import { useQuestionnaire } from '../questionnaire/useQuestionnaire.ts';
import { ProfileChart } from './ProfileChart.tsx';
import { useBenchmark, type BenchmarkView } from './useBenchmark.ts';
import './results.css';

/** `/svar/<id>/resultat`: the respondent's own profile, computed on the device, beside the national average. */
export function ResultsScreen({ draftId }: { draftId: string }) {
  const draft = useDraft(draftId);
  const spec = useQuestionnaire(draft?.questionnaireId, draft?.questionnaireVersion);
  if (!draft || spec.status !== 'ready') return <Loading />;
  return <Results draft={draft} spec={spec.value} />;
}

function Results({ draft, spec }: { draft: DraftRecord; spec: Questionnaire }) {
  const { t } = useUiText();
  const { language, number, dateTime } = useFormatters();
  const benchmark = useBenchmark(spec.id);
  const scores = scoreIndicators(spec, draft.answers);
  const text = (x: { nb: string; nn: string }) => localize(x, language, spec);
  const bench = benchmark.status === 'ready' ? benchmark.benchmark : undefined;
  const peer = bench ? peerGroup(spec, draft, bench) : undefined;
  const format = (value: number | null | undefined) =>
    typeof value === 'number' ? number(value) : t('results.noScore');
  const indicators = spec.indicators ?? [];

  return (
    <div className="page results">
      <p className="questionnaire-title">{text(spec.title)}</p>
      <h1 className="ds-heading" data-size="md">
        {t('results.heading')}
      </h1>
      <p className="ds-paragraph">{t('results.lead')}</p>
      {bench && bench.demoResponses > 0 ? (
        <Alert tone="warning" data-testid="demo-notice">
          <p className="ds-paragraph">{t('results.demo', { count: bench.demoResponses })}</p>
        </Alert>
      ) : null}
      {benchmark.status === 'ready' ? (
        <p className="ds-paragraph" data-testid="benchmark-as-of">
          {t('results.asOf', {
            time: dateTime(benchmark.benchmark.asOf),
            count: benchmark.benchmark.respondents,
          })}
          {benchmark.isCached
            ? ` ${t('results.cached', { time: dateTime(benchmark.fetchedAt) })}`
            : ''}
        </p>
      ) : null}
      {benchmark.status === 'unavailable' ? (
        <Alert tone="info">
          <p className="ds-paragraph">{t('results.noBenchmark')}</p>
        </Alert>
      ) : null}

      <ProfileChart
        caption={t('results.chartCaption')}
        rows={indicators.map((indicator) => ({
          id: indicator.id,
          label: text(indicator.name),
          own: scores.find((s) => s.id === indicator.id)?.score ?? null,
          average: bench?.indicators[indicator.id]?.mean ?? null,
        }))}
      />

      <table className="ds-table results-table" data-testid="results-table">
        <caption>{t('results.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.indicator')}</th>
            <th scope="col">{t('results.yourScore')}</th>
            <th scope="col">{t('results.nationalAverage')}</th>
            {peer ? <th scope="col">{t('results.peerAverage', { group: peer.label })}</th> : null}
          </tr>
        </thead>
        <tbody>
          {indicators.map((indicator) => {
            const own = scores.find((s) => s.id === indicator.id)?.score;
            const national = bench?.indicators[indicator.id];
            const group = peer?.indicators[indicator.id];
            return (
              <tr key={indicator.id} data-indicator={indicator.id}>
                <th scope="row">{text(indicator.name)}</th>
                <td>{format(own)}</td>
                <td>
                  {national?.mean != null
                    ? t('results.meanWithN', { mean: number(national.mean), n: number(national.n) })
                    : bench
                      ? t('results.notEnough')
                      : t('results.noScore')}
                </td>
                {peer ? (
                  <td>
                    {group?.mean != null
                      ? t('results.meanWithN', { mean: number(group.mean), n: number(group.n) })
                      : t('results.notEnough')}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>

      <section aria-labelledby="explain-heading">
        <h2 className="ds-heading" data-size="sm" id="explain-heading">
          {t('results.explainHeading')}
        </h2>
        {indicators.map((indicator) => {
          const scored = scores.find((s) => s.id === indicator.id);
          return (
            <details key={indicator.id} className="indicator-details">
              <summary>{text(indicator.name)}</summary>
              <p className="ds-paragraph">{text(indicator.description)}</p>
              <ul className="ds-list">
                {(scored?.items ?? []).map(({ item, score }, i) => (
                  <li key={i}>
                    {itemLabel(spec, item, text)}:{' '}
                    {score === null
                      ? t('results.itemLeftOut')
                      : t('results.itemScore', { score: number(score) })}
                  </li>
                ))}
              </ul>
            </details>
          );
        })}
      </section>
      <div className="page-actions">
        <Button variant="secondary" onClick={() => window.print()}>
          {t('results.print')}
        </Button>
        <a className="ds-link" href="/">
          {t('nav.toStart')}
        </a>
      </div>
    </div>
  );
}

function itemLabel(
  spec: Questionnaire,
  item: IndicatorItem,
  text: (x: { nb: string; nn: string }) => string,
): string {
  const question = compile(spec).entries.get(item.question)?.question;
  if (!question) return item.question;
  const row =
    item.rule === 'scale' && item.row !== undefined && question.type === 'grid'
      ? question.rows.find((r) => r.id === item.row)
      : undefined;
  return row ? `${text(question.text)} – ${text(row.text)}` : text(question.text);
}

/** The respondent's own peer group, when the benchmark has one large enough (BM3). */
function peerGroup(spec: Questionnaire, draft: DraftRecord, bench: BenchmarkView) {
  for (const group of spec.benchmarkGroups ?? []) {
    const option = draft.answers[group.question];
    if (typeof option !== 'string') continue;
    const found = bench.groups[group.id]?.[option];
    if (!found) continue;
    const optionText = compile(spec)
      .entries.get(group.question)
      ?.options.find((o) => o.id === option)?.text;
    return {
      label: optionText ? localize(optionText, 'nb', spec) : option,
      indicators: found.indicators,
    };
  }
  return undefined;
}
