import { describe, expect, it } from 'vitest';
import { benchmarkOf, summarizeRespondent } from '../../src/engine/index.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';

const spec = inlineSpec(
  [
    {
      id: 's',
      title: t('S'),
      questions: [
        {
          id: 'ansatte',
          type: 'single',
          text: t('Ansatte'),
          options: [
            { id: 'lt10', text: t('<10') },
            { id: 'stor', text: t('10+') },
          ],
        },
        { id: 'gate', type: 'single', scale: 'JN', text: t('Gate') },
        likert('k1'),
        likert('k2'),
        likert('f1', { visibleIf: { equals: 'gate', value: 'ja' } }),
        { id: 'fritekst', type: 'text', maxLength: 100, required: false, text: t('Fritekst') },
      ],
    },
  ],
  {
    indicators: [
      {
        id: 'kultur',
        name: t('K'),
        description: t('K'),
        items: [
          { rule: 'scale', question: 'k1' },
          { rule: 'scale', question: 'k2' },
        ],
      },
      {
        id: 'forsok',
        name: t('F'),
        description: t('F'),
        items: [{ rule: 'scale', question: 'f1' }],
      },
    ],
    benchmarkGroups: [{ id: 'ansatte', question: 'ansatte', name: t('Ansatte') }],
  },
);

const respondent = (answers: Record<string, string>) => summarizeRespondent(spec, answers);

describe('BM1–BM3: the benchmark', () => {
  it('summarises a respondent as scores and group, never free text', () => {
    expect(
      respondent({
        ansatte: 'stor',
        gate: 'ja',
        k1: 'helt_enig',
        k2: 'helt_uenig',
        f1: 'delvis_enig',
        fritekst: 'hemmelig',
      }),
    ).toEqual({
      indicators: { kultur: 50, forsok: expect.closeTo(66.667, 3) },
      items: { k1: 100, k2: 0, f1: expect.closeTo(66.667, 3) },
      groups: { ansatte: 'stor' },
    });
  });

  it('BM1: means of respondent scores with n; hidden items are missing, partials count', () => {
    const summaries = [
      respondent({ gate: 'ja', k1: 'helt_enig', k2: 'helt_enig', f1: 'helt_enig' }),
      respondent({ gate: 'nei', k1: 'helt_uenig', k2: 'helt_uenig', f1: 'helt_enig' }), // f1 left behind, hidden
      respondent({ k1: 'delvis_enig' }), // partial
    ];
    const result = benchmarkOf(spec, summaries, 1);
    expect(result.respondents).toBe(3);
    expect(result.indicators.kultur?.n).toBe(3);
    expect(result.indicators.kultur?.mean).toBeCloseTo((100 + 0 + 200 / 3) / 3, 6);
    expect(result.indicators.forsok).toEqual({ mean: 100, n: 1 });
    expect(result.items.k2).toEqual({ mean: 50, n: 2 });
  });

  it('BM2: below k no mean is shown, only n', () => {
    const summaries = Array.from({ length: 4 }, () => respondent({ k1: 'helt_enig' }));
    expect(benchmarkOf(spec, summaries, 5).indicators.kultur).toEqual({ mean: null, n: 4 });
    expect(
      benchmarkOf(spec, [...summaries, respondent({ k1: 'helt_uenig' })], 5).indicators.kultur,
    ).toEqual({ mean: 80, n: 5 });
  });

  it('BM3: peer groups appear only with k respondents or more', () => {
    const big = Array.from({ length: 5 }, () => respondent({ ansatte: 'stor', k1: 'helt_enig' }));
    const small = Array.from({ length: 2 }, () =>
      respondent({ ansatte: 'lt10', k1: 'helt_uenig' }),
    );
    const result = benchmarkOf(spec, [...big, ...small], 5);
    expect(Object.keys(result.groups.ansatte ?? {})).toEqual(['stor']);
    expect(result.groups.ansatte?.stor).toEqual({
      respondents: 5,
      indicators: { kultur: { mean: 100, n: 5 }, forsok: { mean: null, n: 0 } },
    });
    expect(result.indicators.kultur).toEqual({ mean: (500 + 0) / 7, n: 7 });
  });
});
