import { describe, expect, it } from 'vitest';
import { aggregateProfiles, indicatorProfile, localize } from '../../src/engine/index.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';

/** One indicator of two statements. */
const twoStatements = () =>
  inlineSpec([{ id: 's', title: t('S'), questions: [likert('a'), likert('b')] }], {
    indicators: [
      {
        id: 'i',
        name: t('I'),
        description: t('D'),
        items: [
          { rule: 'scale', question: 'a' },
          { rule: 'scale', question: 'b' },
        ],
      },
    ],
  });

describe('AG1: the national figure is the mean of respondents\u2019 own scores, with n', () => {
  it('averages only respondents who have a score', () => {
    const result = aggregateProfiles(
      ['kultur', 'samarbeid'],
      [
        { kultur: 100, samarbeid: null },
        { kultur: 50, samarbeid: 60 },
        { kultur: null, samarbeid: 0 },
      ],
    );
    expect(result).toEqual({ kultur: { mean: 75, n: 2 }, samarbeid: { mean: 30, n: 2 } });
  });

  it('no respondent with a score gives no mean and n = 0', () => {
    expect(aggregateProfiles(['kultur'], [{ kultur: null }, {}])).toEqual({
      kultur: { mean: null, n: 0 },
    });
  });

  it('A2: mean of respondent means, not a pooled mean of all answers', () => {
    const spec = twoStatements();
    // Respondent 1: a = 100, b = «Vet ikke» → 100. Respondent 2: a = 0, b = 0 → 0.
    // Mean of respondent means = 50; a pooled mean of the three answers would be 33.33.
    const profiles = [
      indicatorProfile(spec, { a: 'helt_enig', b: 'vet_ikke' }),
      indicatorProfile(spec, { a: 'helt_uenig', b: 'helt_uenig' }),
    ];
    expect(aggregateProfiles(['i'], profiles).i).toEqual({ mean: 50, n: 2 });
  });

  it('AG2: a partial response counts with the items it has', () => {
    const spec = twoStatements();
    const partial = indicatorProfile(spec, { a: 'delvis_enig' });
    expect(
      aggregateProfiles(
        ['i'],
        [partial, indicatorProfile(spec, { a: 'helt_enig', b: 'helt_enig' })],
      ).i?.n,
    ).toBe(2);
  });
});

describe('A24: parameters in texts', () => {
  it('fills {{period}} per language and leaves unknown placeholders visible', () => {
    const spec = {
      parameters: { period: '2018–2020', navn: { nb: 'virksomheten', nn: 'verksemda' } },
    };
    expect(
      localize(
        { nb: 'I perioden {{period}} i {{navn}}', nn: 'I perioden {{period}} i {{navn}}' },
        'nn',
        spec,
      ),
    ).toBe('I perioden 2018–2020 i verksemda');
    expect(localize(t('{{ukjent}}'), 'nb', spec)).toBe('{{ukjent}}');
    expect(localize(t('Mål: {{pipe}}'), 'nb', spec, 'Bedre arbeidsmiljø')).toBe(
      'Mål: Bedre arbeidsmiljø',
    );
  });
});
