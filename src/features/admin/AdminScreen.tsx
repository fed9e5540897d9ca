import { useEffect, useState } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import {
  catalogEntries,
  latestVersions,
  loadQuestionnaire,
  type CatalogEntry,
} from '../../app/catalog.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { compile, localize, type Questionnaire } from '../../engine/index.ts';
import { useFormatters } from '../../i18n/useFormatters.ts';
import type { BenchmarkView } from '../results/useBenchmark.ts';

/**
 * `/admin`: the survey owner's view. The admin token is typed in and kept
 * for this tab only (sessionStorage), never put in a URL.
 */
const TOKEN_KEY = 'barometer.adminToken';

interface Counts {
  readonly invited: number;
  readonly started: number;
  readonly completed: number;
}

export function AdminScreen() {
  const { t } = useUiText();
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [draftToken, setDraftToken] = useState('');
  const catalog = latestVersions(catalogEntries());

  if (!token) {
    return (
      <form
        className="page"
        onSubmit={(event) => {
          event.preventDefault();
          sessionStorage.setItem(TOKEN_KEY, draftToken);
          setToken(draftToken);
        }}
      >
        <h1 className="ds-heading" data-size="md">
          {t('admin.heading')}
        </h1>
        <div className="ds-field">
          <label className="ds-label" htmlFor="admin-token">
            {t('admin.token')}
          </label>
          <input
            id="admin-token"
            className="ds-input"
            type="password"
            autoComplete="off"
            value={draftToken}
            onChange={(event) => setDraftToken(event.target.value)}
          />
        </div>
        <Button type="submit">{t('admin.signIn')}</Button>
      </form>
    );
  }
  return (
    <div className="page">
      <h1 className="ds-heading" data-size="md">
        {t('admin.heading')}
      </h1>
      {catalog.map((entry) => (
        <QuestionnaireOverview
          key={entry.id}
          entry={entry}
          token={token}
          onUnauthorised={() => {
            sessionStorage.removeItem(TOKEN_KEY);
            setToken('');
          }}
        />
      ))}
    </div>
  );
}

function QuestionnaireOverview({
  entry,
  token,
  onUnauthorised,
}: {
  entry: CatalogEntry;
  token: string;
  onUnauthorised: () => void;
}) {
  const { t } = useUiText();
  const { language, number } = useFormatters();
  const [counts, setCounts] = useState<Counts | 'failed' | null>(null);
  const [benchmark, setBenchmark] = useState<BenchmarkView | null>(null);
  const [spec, setSpec] = useState<Questionnaire | null>(null);
  useEffect(() => {
    void (async () => {
      const response = await fetch(`/api/admin/questionnaires/${entry.id}/status`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status === 401 || response.status === 403) {
        onUnauthorised();
        return;
      }
      setCounts(response.ok ? ((await response.json()) as Counts) : 'failed');
      const bench = await fetch(`/api/benchmarks/${entry.id}`);
      if (bench.ok) setBenchmark((await bench.json()) as BenchmarkView);
      setSpec(await loadQuestionnaire(entry.id, entry.version));
    })().catch(() => setCounts('failed'));
  }, [entry, token, onUnauthorised]);

  const download = async (format: 'csv' | 'xlsx') => {
    const response = await fetch(`/api/admin/questionnaires/${entry.id}/export.${format}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) return;
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `barometer-${entry.id}.${format}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const title = localize(entry.title, language, {});
  return (
    <section
      className="ds-card card admin-card"
      aria-label={title}
      data-testid={`admin-${entry.id}`}
    >
      <h2 className="ds-heading" data-size="sm">
        {title}
      </h2>
      {counts === 'failed' ? (
        <Alert tone="danger">
          <p className="ds-paragraph">{t('admin.failed')}</p>
        </Alert>
      ) : counts ? (
        <p className="ds-paragraph" data-testid="admin-counts">
          {t('admin.counts', {
            invited: number(counts.invited),
            started: number(counts.started),
            completed: number(counts.completed),
          })}{' '}
          {counts.invited > 0
            ? t('admin.rate', {
                rate: number((counts.completed / counts.invited) * 100),
                invited: number(counts.invited),
              })
            : t('admin.noInvitations')}
        </p>
      ) : null}
      {benchmark && spec?.indicators?.length ? (
        <table className="ds-table">
          <caption>{t('admin.indicatorCaption', { count: benchmark.respondents })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.indicator')}</th>
              <th scope="col">{t('results.nationalAverage')}</th>
            </tr>
          </thead>
          <tbody>
            {spec.indicators.map((indicator) => {
              const value = benchmark.indicators[indicator.id];
              return (
                <tr key={indicator.id}>
                  <th scope="row">{localize(indicator.name, language, spec)}</th>
                  <td>
                    {value?.mean != null
                      ? t('results.meanWithN', { mean: number(value.mean), n: number(value.n) })
                      : t('results.notEnough')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {benchmark && spec ? <GroupTables benchmark={benchmark} spec={spec} /> : null}
      {benchmark && benchmark.demoResponses > 0 ? (
        <p className="ds-paragraph">{t('results.demo', { count: benchmark.demoResponses })}</p>
      ) : null}
      <div className="page-actions">
        <Button variant="secondary" onClick={() => void download('csv')}>
          {t('admin.exportCsv')}
        </Button>
        <Button variant="secondary" onClick={() => void download('xlsx')}>
          {t('admin.exportXlsx')}
        </Button>
      </div>
    </section>
  );
}

/** Indicator averages per peer group, for groups with at least k respondents (BM3). */
function GroupTables({ benchmark, spec }: { benchmark: BenchmarkView; spec: Questionnaire }) {
  const { t } = useUiText();
  const { language, number } = useFormatters();
  const text = (x: { nb: string; nn: string }) => localize(x, language, spec);
  return (
    <>
      {(spec.benchmarkGroups ?? []).map((group) => {
        const options = benchmark.groups[group.id];
        if (!options || Object.keys(options).length === 0) return null;
        const choices = compile(spec).entries.get(group.question)?.options ?? [];
        const optionText = (id: string) => {
          const found = choices.find((o) => o.id === id);
          return found ? text(found.text) : id;
        };
        return (
          <table className="ds-table" key={group.id}>
            <caption>{t('admin.byGroup', { group: text(group.name) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.indicator')}</th>
                {Object.entries(options).map(([option, value]) => (
                  <th scope="col" key={option}>
                    {t('admin.groupColumn', {
                      option: optionText(option),
                      n: number(value.respondents),
                    })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(spec.indicators ?? []).map((indicator) => (
                <tr key={indicator.id}>
                  <th scope="row">{text(indicator.name)}</th>
                  {Object.entries(options).map(([option, value]) => {
                    const mean = value.indicators[indicator.id]?.mean;
                    return (
                      <td key={option}>{mean != null ? number(mean) : t('results.notEnough')}</td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </>
  );
}
