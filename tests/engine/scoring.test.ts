import { describe, expect, it } from 'vitest';
import { indicatorProfile, scoreIndicators, type Answers } from '../../src/engine/index.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';

/**
 * A cut-down questionnaire carrying every scoring rule of «VEDLEGG 1», so each
 * rule is tested on its own. The real questionnaires are scored in
 * questionnaires.test.ts.
 */
const partnerOptions = [
  'samme_departementsomrade',
  'ovrige_statlige',
  'kommuner',
  'fylkeskommuner',
  'forskning',
  'innbyggere',
  'tillitsvalgte',
  'frivillige',
  'private',
  'eksterne_programmer',
  'utenlandske',
  'andre',
].map((id) => ({ id, text: t(id) }));
const exclusive = [
  { id: 'nei', exclusive: true, text: t('Nei, vi samarbeider ikke …') },
  { id: 'vet_ikke', exclusive: true, text: t('Vet ikke') },
];
const channels = Array.from({ length: 11 }, (_, i) => ({
  id: `kanal${i + 1}`,
  text: t(`K${i + 1}`),
}));
const innovator = { in: 'gate', values: ['ja'] };

const spec = inlineSpec(
  [
    {
      id: 'gate',
      title: t('Gate'),
      questions: [{ id: 'gate', type: 'single', scale: 'JN', text: t('Innovator?') }],
    },
    {
      id: 'kultur',
      title: t('Kultur'),
      questions: ['k1', 'k2', 'k3'].map((id) => likert(id)),
    },
    {
      id: 'samarbeid',
      title: t('Samarbeid'),
      visibleIf: innovator,
      questions: [
        {
          id: 'partnere',
          type: 'multiple',
          text: t('Partnere'),
          options: [...partnerOptions, ...exclusive],
        },
        {
          id: 'op_partnere',
          type: 'multiple',
          text: t('Partnere'),
          options: [...partnerOptions.slice(0, 11), ...exclusive],
        },
      ],
    },
    {
      id: 'forskning',
      title: t('Forskning'),
      visibleIf: innovator,
      questions: [
        likert('forskningsdrevet'),
        likert('konkrete_prosjekt', { visibleIf: { equals: 'partnere', value: 'forskning' } }),
      ],
    },
    {
      id: 'verdi',
      title: t('Verdi'),
      questions: [
        { id: 'kjennskap', type: 'single', scale: 'JN', text: t('Kjennskap?') },
        { id: 'spredt', type: 'single', scale: 'JN', text: t('Spredt?'), visibleIf: innovator },
        {
          id: 'kanaler',
          type: 'multiple',
          text: t('Kanaler'),
          options: channels,
          visibleIf: { equals: 'spredt', value: 'ja' },
        },
        {
          id: 'oppnadd',
          type: 'grid',
          scale: 'G4',
          text: t('Verdi oppnådd'),
          visibleIf: innovator,
          rows: ['kvalitet', 'effektivitet', 'medarbeidere', 'innbyggere', 'naeringsliv'].map(
            (id) => ({ id, text: t(id) }),
          ),
        },
      ],
    },
  ],
  {
    indicators: [
      {
        id: 'kultur',
        name: t('Kultur'),
        description: t('K'),
        items: ['k1', 'k2', 'k3'].map((question) => ({ rule: 'scale', question })),
      },
      {
        id: 'samarbeid_strat',
        name: t('Samarbeid'),
        description: t('S'),
        items: [
          {
            rule: 'count',
            question: 'partnere',
            base: 50,
            step: 5,
            fullAt: 10,
            zero: ['nei'],
            missing: ['vet_ikke'],
          },
        ],
      },
      {
        id: 'samarbeid_op',
        name: t('Samarbeid'),
        description: t('S'),
        items: [
          {
            rule: 'count',
            question: 'op_partnere',
            base: 50,
            step: 10,
            fullAt: 6,
            zero: ['nei'],
            missing: ['vet_ikke'],
          },
        ],
      },
      {
        id: 'forskning',
        name: t('Forskning'),
        description: t('F'),
        items: [
          { rule: 'scale', question: 'forskningsdrevet' },
          { rule: 'scale', question: 'konkrete_prosjekt' },
          { rule: 'tick', question: 'partnere', option: 'forskning', missing: ['vet_ikke'] },
        ],
      },
      {
        id: 'kjennskap',
        name: t('Kjennskap'),
        description: t('K'),
        items: [{ rule: 'points', question: 'kjennskap', points: { ja: 100, nei: 0 } }],
      },
      {
        id: 'spredning',
        name: t('Spredning'),
        description: t('S'),
        items: [
          {
            rule: 'gatedCount',
            gate: 'spredt',
            yes: 'ja',
            no: 'nei',
            question: 'kanaler',
            base: 50,
            step: 10,
            fullAt: 6,
          },
        ],
      },
      {
        id: 'verdi',
        name: t('Verdi'),
        description: t('V'),
        items: [{ rule: 'max', question: 'oppnadd' }],
      },
    ],
  },
);

const score = (answers: Answers) => indicatorProfile(spec, answers);
const partners = (n: number) => partnerOptions.slice(0, n).map((o) => o.id);
const innovatorAnswers = { gate: 'ja' };

describe('SC1: a 4-point statement scores 1→0, 2→33.33, 3→66.67, 4→100', () => {
  it.each([
    ['helt_uenig', 0],
    ['delvis_uenig', 100 / 3],
    ['delvis_enig', 200 / 3],
    ['helt_enig', 100],
  ])('%s scores %d', (answer, expected) => {
    expect(score({ k1: answer }).kultur).toBeCloseTo(expected, 2);
  });

  it('SC0: all «Vet ikke» gives no score, not 0', () => {
    expect(score({ k1: 'vet_ikke', k2: 'vet_ikke', k3: 'vet_ikke' }).kultur).toBeNull();
  });

  it('all «Helt uenig» gives 0', () => {
    expect(score({ k1: 'helt_uenig', k2: 'helt_uenig', k3: 'helt_uenig' }).kultur).toBe(0);
  });

  it('SC8: «Vet ikke» is left out of the mean rather than counted as 0', () => {
    // (100 + 66.67) / 2, the «Vet ikke» item is not in the denominator
    expect(score({ k1: 'helt_enig', k2: 'delvis_enig', k3: 'vet_ikke' }).kultur).toBeCloseTo(
      83.33,
      2,
    );
  });

  it('SC8: hand-worked mean of three statements (4, 2, 3 → 100, 33.33, 66.67 → 66.67)', () => {
    expect(score({ k1: 'helt_enig', k2: 'delvis_uenig', k3: 'delvis_enig' }).kultur).toBeCloseTo(
      66.67,
      2,
    );
  });

  it('SC0: an unanswered questionnaire has no score on any indicator', () => {
    expect(Object.values(score({})).every((s) => s === null)).toBe(true);
  });
});

describe('SC2: strategic partner count (A1: 1–9 partners 50 + 5 per extra, 10 or more 100)', () => {
  it.each([
    [1, 50],
    [2, 55],
    [3, 60],
    [9, 90],
    [10, 100],
    [12, 100],
  ])('%d partners score %d', (n, expected) => {
    expect(score({ ...innovatorAnswers, partnere: partners(n) }).samarbeid_strat).toBe(expected);
  });

  it('«Nei, vi samarbeider ikke …» scores 0', () => {
    expect(score({ ...innovatorAnswers, partnere: ['nei'] }).samarbeid_strat).toBe(0);
  });

  it('«Vet ikke» gives no score', () => {
    expect(score({ ...innovatorAnswers, partnere: ['vet_ikke'] }).samarbeid_strat).toBeNull();
  });

  it('A18: nothing ticked (0 partners) is no answer, so no score', () => {
    expect(score({ ...innovatorAnswers, partnere: [] }).samarbeid_strat).toBeNull();
  });

  it('A10: «Andre, vennligst spesifiser» counts as a partner', () => {
    expect(score({ ...innovatorAnswers, partnere: ['andre'] }).samarbeid_strat).toBe(50);
  });
});

describe('SC3: operative partner count (1 → 50, +10 each, 6 or more → 100)', () => {
  it.each([
    [1, 50],
    [2, 60],
    [5, 90],
    [6, 100],
    [8, 100],
  ])('%d partners score %d', (n, expected) => {
    expect(score({ ...innovatorAnswers, op_partnere: partners(n) }).samarbeid_op).toBe(expected);
  });

  it('«Nei» scores 0 and «Vet ikke» gives no score', () => {
    expect(score({ ...innovatorAnswers, op_partnere: ['nei'] }).samarbeid_op).toBe(0);
    expect(score({ ...innovatorAnswers, op_partnere: ['vet_ikke'] }).samarbeid_op).toBeNull();
  });
});

describe('SC4: research tick and the research indicator', () => {
  it('all «Helt enig» plus the research tick gives 100', () => {
    const answers = {
      ...innovatorAnswers,
      partnere: ['forskning', 'kommuner'],
      forskningsdrevet: 'helt_enig',
      konkrete_prosjekt: 'helt_enig',
    };
    expect(score(answers).forskning).toBe(100);
  });

  it('hand-worked: 4, 3 and the tick give (100 + 66.67 + 100) / 3 = 88.89', () => {
    const answers = {
      ...innovatorAnswers,
      partnere: ['forskning'],
      forskningsdrevet: 'helt_enig',
      konkrete_prosjekt: 'delvis_enig',
    };
    expect(score(answers).forskning).toBeCloseTo(88.89, 2);
  });

  it('A8: without the tick the hidden follow-up is missing, not 0: (66.67 + 0) / 2 = 33.33', () => {
    const answers = {
      ...innovatorAnswers,
      partnere: ['kommuner'],
      forskningsdrevet: 'delvis_enig',
      konkrete_prosjekt: 'helt_enig', // left behind from an earlier tick: hidden now
    };
    expect(score(answers).forskning).toBeCloseTo(33.33, 2);
  });

  it('A9: «Nei» to partners gives the tick 0; «Vet ikke» gives it no score', () => {
    expect(score({ ...innovatorAnswers, partnere: ['nei'] }).forskning).toBe(0);
    expect(score({ ...innovatorAnswers, partnere: ['vet_ikke'] }).forskning).toBeNull();
  });
});

describe('SC5: «Har du kjennskap …» scores Ja 100, Nei 0', () => {
  it.each([
    ['ja', 100],
    ['nei', 0],
    ['vet_ikke', null],
  ])('%s → %s', (answer, expected) => {
    expect(score({ kjennskap: answer }).kjennskap).toBe(expected);
  });
});

describe('SC6: spreading «Ja» + channels, «Nei» 0', () => {
  const channelIds = (n: number) => channels.slice(0, n).map((c) => c.id);

  it('«Nei» scores 0', () => {
    expect(score({ ...innovatorAnswers, spredt: 'nei' }).spredning).toBe(0);
  });

  it.each([
    [0, 50],
    [1, 50],
    [3, 70],
    [6, 100],
    [8, 100],
  ])('«Ja» with %d channels scores %d', (n, expected) => {
    const answers: Answers = {
      ...innovatorAnswers,
      spredt: 'ja',
      ...(n > 0 ? { kanaler: channelIds(n) } : {}),
    };
    expect(score(answers).spredning).toBe(expected);
  });

  it('A20: channels left behind after changing to «Nei» are ignored', () => {
    expect(score({ ...innovatorAnswers, spredt: 'nei', kanaler: channelIds(6) }).spredning).toBe(0);
  });

  it('A13: «Vet ikke» or no answer gives no score', () => {
    expect(score({ ...innovatorAnswers, spredt: 'vet_ikke' }).spredning).toBeNull();
    expect(score({ ...innovatorAnswers }).spredning).toBeNull();
  });
});

describe('SC7: value achieved, the max rule', () => {
  const grid = (cells: Record<string, string>) =>
    score({ ...innovatorAnswers, oppnadd: cells }).verdi;

  it('«I høy grad» on at least one category gives 100', () => {
    expect(
      grid({
        kvalitet: 'ikke_i_det_hele_tatt',
        effektivitet: 'hoy_grad',
        medarbeidere: 'liten_grad',
      }),
    ).toBe(100);
  });

  it('A4: «I noen grad» as the highest gives 66.67 (report: 66,66), «I liten grad» 33.33', () => {
    expect(grid({ kvalitet: 'noen_grad', effektivitet: 'liten_grad' })).toBeCloseTo(66.66, 1);
    expect(grid({ kvalitet: 'liten_grad', effektivitet: 'ikke_i_det_hele_tatt' })).toBeCloseTo(
      33.33,
      2,
    );
  });

  it('«Ikke i det hele tatt» on every category gives 0', () => {
    const all = Object.fromEntries(
      ['kvalitet', 'effektivitet', 'medarbeidere', 'innbyggere', 'naeringsliv'].map((r) => [
        r,
        'ikke_i_det_hele_tatt',
      ]),
    );
    expect(grid(all)).toBe(0);
  });

  it('A12: «Vet ikke/Ikke relevant» rows are ignored; only those rows gives no score', () => {
    expect(grid({ kvalitet: 'vet_ikke', effektivitet: 'liten_grad' })).toBeCloseTo(33.33, 2);
    expect(grid({ kvalitet: 'vet_ikke' })).toBeNull();
  });
});

describe('SC0/SK4: hidden items are missing, never 0', () => {
  it('a non-innovator has no score on the innovator-only indicators, even with answers left behind', () => {
    const answers = {
      gate: 'nei',
      k1: 'helt_enig',
      partnere: partners(10), // given while the gate said «Ja», then the gate changed
      spredt: 'ja',
      oppnadd: { kvalitet: 'hoy_grad' },
    };
    const profile = score(answers);
    expect(profile.kultur).toBe(100);
    expect(profile.samarbeid_strat).toBeNull();
    expect(profile.forskning).toBeNull();
    expect(profile.spredning).toBeNull();
    expect(profile.verdi).toBeNull();
  });

  it('scoreIndicators reports which answers fed each indicator', () => {
    const result = scoreIndicators(spec, { k1: 'helt_enig', k2: 'vet_ikke' }).find(
      (s) => s.id === 'kultur',
    );
    expect(result?.items.map((i) => i.score)).toEqual([100, null, null]);
  });
});
