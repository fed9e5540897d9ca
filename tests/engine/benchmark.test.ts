import { describe, expect, it } from 'vitest';
import { summarizeRespondent } from '../../src/engine/index.ts';
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

describe('BM1: what the server keeps per response', () => {
  it('BM1: summarises a respondent as scores and group, never free text', () => {
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
});
