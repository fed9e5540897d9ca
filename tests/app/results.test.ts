import { describe, expect, it } from 'vitest';
import type { PublicationDocument } from '../../src/engine/index.ts';
import { readPublicationReply } from '../../src/contract/index.ts';
import { parsePublication } from '../../src/features/results/parsePublication.ts';
import { ownPeerGroup, resultRows } from '../../src/features/results/resultRows.ts';
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
            { id: 'lt10', text: { nb: 'Færre enn 10', nn: 'Færre enn 10 tilsette' } },
            { id: 'stor', text: t('10 eller fleire') },
          ],
        },
        likert('k1'),
        likert('k2'),
      ],
    },
  ],
  {
    id: 'q',
    indicators: [
      {
        id: 'kultur',
        name: t('Kultur'),
        description: t('K'),
        items: [
          { rule: 'scale', question: 'k1' },
          { rule: 'scale', question: 'k2' },
        ],
      },
      {
        id: 'tom',
        name: t('Tom'),
        description: t('T'),
        items: [{ rule: 'scale', question: 'k2' }],
      },
    ],
    benchmarkGroups: [
      { id: 'ansatte', question: 'ansatte', name: { nb: 'Antall ansatte', nn: 'Tal på tilsette' } },
    ],
  },
);

const publication: PublicationDocument = {
  questionnaireId: 'q',
  number: 3,
  publishedAt: 1_700_000_000_000,
  k: 5,
  respondents: 12,
  isSimulated: false,
  group: { id: 'ansatte', question: 'ansatte' },
  indicators: {
    kultur: {
      national: { mean: 61, n: 12 },
      groups: { lt10: { mean: 55, n: 6 } },
      items: { k1: { mean: 70, n: 12 }, k2: { mean: 52, n: 11 } },
      from: 2,
    },
  },
  earlierDates: { '2': 1_690_000_000_000 },
};

describe('the results screen reads a publication', () => {
  it('takes a well-formed document as a fresh object of the checked fields', () => {
    const parsed = parsePublication({ ...publication, extra: 'ignored' }, 'q');
    expect(parsed).toEqual(publication);
    expect(parsed).not.toHaveProperty('extra');
  });

  it('treats the old live-average shape, another questionnaire and a bad figure as absent', () => {
    const live = {
      questionnaireId: 'q',
      asOf: 1,
      k: 5,
      respondents: 3,
      indicators: {},
      groups: {},
      items: {},
      demoResponses: 0,
    };
    expect(parsePublication(live, 'q')).toBeUndefined();
    expect(parsePublication(publication, 'other')).toBeUndefined();
    const bad = structuredClone(publication) as unknown as {
      indicators: { kultur: { national: { n: number } } };
    };
    bad.indicators.kultur.national.n = 0;
    expect(parsePublication(bad, 'q')).toBeUndefined();
    const poisoned = JSON.parse(
      JSON.stringify(publication).replace('"earlierDates":{', '"earlierDates":{"__proto__":5,'),
    ) as unknown;
    expect(Object.getPrototypeOf(parsePublication(poisoned, 'q')?.earlierDates)).toBe(
      Object.prototype,
    );
  });

  it('a 404 not_published carries k; anything else unreadable is a failure', () => {
    expect(readPublicationReply(404, { error: 'not_published', k: 5 }, 'q')).toEqual({
      kind: 'notPublished',
      k: 5,
    });
    expect(readPublicationReply(404, { error: 'not_found' }, 'q')).toEqual({ kind: 'failed' });
    expect(readPublicationReply(200, '<html>portal</html>', 'q')).toEqual({ kind: 'failed' });
  });

  it('rows: own scores from the device, the figures and the kept date from the publication', () => {
    const answers = { ansatte: 'lt10', k1: 'helt_enig', k2: 'helt_uenig' };
    const peer = ownPeerGroup(spec, answers, publication, 'nn');
    expect(peer).toEqual({
      option: 'lt10',
      name: 'Tal på tilsette',
      optionText: 'Færre enn 10 tilsette',
    });
    const [kultur, tom] = resultRows(spec, answers, publication, peer, 'nb');
    expect(kultur).toMatchObject({
      own: 50,
      national: { mean: 61, n: 12 },
      group: { mean: 55, n: 6 },
      kept: { publishedAt: 1_690_000_000_000 },
    });
    expect(kultur?.items.map((i) => [i.own, i.average?.mean])).toEqual([
      [100, 70],
      [0, 52],
    ]);
    // An indicator the publication does not show has no figure, however the own score looks.
    expect(tom).toMatchObject({ own: 0, national: undefined, group: undefined, kept: undefined });
  });

  it('a peer group the publication does not show is not offered', () => {
    expect(ownPeerGroup(spec, { ansatte: 'stor' }, publication, 'nb')).toBeUndefined();
  });
});
