import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compile,
  indicatorProfile,
  parseQuestionnaire,
  visibleQuestions,
  type Answers,
  type Questionnaire,
} from '../../src/engine/index.ts';

/** The published questionnaires, scored and routed as «VEDLEGG 1» and the report describe. */
function load(file: string): Questionnaire {
  const parsed = parseQuestionnaire(JSON.parse(readFileSync(`questionnaires/${file}`, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return parsed.value;
}

describe('every questionnaire file parses', () => {
  it.each(readdirSync('questionnaires').filter((f) => f.endsWith('.json')))('%s', (file) => {
    expect(() => load(file)).not.toThrow();
  });
});

const strategic = load('stat-2021-strategisk.v1.json');
const operative = load('stat-2021-operativ.v1.json');

/** Every statement of the strategic part answered the same way. */
function allStatements(spec: Questionnaire, option: string): Record<string, string> {
  return Object.fromEntries(
    compile(spec)
      .questions.filter((e) => e.question.type === 'single' && e.question.scale === 'L4')
      .map((e) => [e.question.id, option]),
  );
}

describe('the strategic part (agency heads)', () => {
  it('has the ten indicators of VEDLEGG 1', () => {
    expect(strategic.indicators?.map((i) => i.id)).toEqual([
      'kultur',
      'rammebetingelser',
      'virkemidler',
      'digitalisering',
      'kompetanse',
      'forsok_utproving',
      'samarbeid',
      'anskaffelser_partnerskap',
      'forskning',
      'realisere_verdi',
    ]);
  });

  it('SK8/A14: a non-innovator — and «Vet ikke» to the gate — sees only the statement blocks', () => {
    for (const gate of ['jobber_ikke', 'vet_ikke']) {
      const visible = visibleQuestions(strategic, { 'strat.status.innovasjon': gate });
      expect(visible).not.toContain('strat.samarbeid.partnere');
      expect(visible).not.toContain('strat.forsok.losninger');
      expect(visible).not.toContain('strat.anskaffelser.innovative');
      expect(visible).not.toContain('strat.forskning.forskningsdrevet');
      expect(visible).toContain('strat.kultur.handlingsrom');
      expect(visible).toContain('strat.verdi.kjennskap');
    }
  });

  it('the research item follows the research tick, and only for innovators', () => {
    const innovator = { 'strat.status.innovasjon': 'forankret' };
    expect(
      visibleQuestions(strategic, { ...innovator, 'strat.samarbeid.partnere': ['kommuner'] }),
    ).not.toContain('strat.forskning.konkrete_prosjekt');
    expect(
      visibleQuestions(strategic, { ...innovator, 'strat.samarbeid.partnere': ['forskning'] }),
    ).toContain('strat.forskning.konkrete_prosjekt');
    expect(
      visibleQuestions(strategic, {
        'strat.status.innovasjon': 'jobber_ikke',
        'strat.samarbeid.partnere': ['forskning'],
      }),
    ).not.toContain('strat.forskning.konkrete_prosjekt');
  });

  it('all «Helt enig», ten partners with research and «Ja» to kjennskap give 100 on every indicator', () => {
    const answers: Answers = {
      ...allStatements(strategic, 'helt_enig'),
      'strat.status.innovasjon': 'forankret',
      'strat.samarbeid.partnere': [
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
      ],
      'strat.verdi.kjennskap': 'ja',
    };
    expect(Object.values(indicatorProfile(strategic, answers))).toEqual(
      Array.from({ length: 10 }, () => 100),
    );
  });

  it('all «Helt uenig» for a non-innovator: 0 where asked, no score on the innovator-only indicators', () => {
    const profile = indicatorProfile(strategic, {
      ...allStatements(strategic, 'helt_uenig'),
      'strat.status.innovasjon': 'jobber_ikke',
      'strat.verdi.kjennskap': 'nei',
    });
    expect(profile).toEqual({
      kultur: 0,
      rammebetingelser: 0,
      virkemidler: 0,
      digitalisering: 0,
      kompetanse: 0,
      forsok_utproving: null,
      samarbeid: null,
      anskaffelser_partnerskap: null,
      forskning: null,
      realisere_verdi: 0,
    });
  });

  it('all «Vet ikke» gives no score anywhere', () => {
    const profile = indicatorProfile(strategic, {
      ...allStatements(strategic, 'vet_ikke'),
      'strat.status.innovasjon': 'forankret',
      'strat.samarbeid.partnere': ['vet_ikke'],
      'strat.verdi.kjennskap': 'vet_ikke',
    });
    expect(Object.values(profile).every((s) => s === null)).toBe(true);
  });
});

describe('the operative part (workplace heads)', () => {
  const innovator = {
    'op.status.innfort': {
      tjenester: 'ja',
      produkter: 'nei',
      prosesser: 'nei',
      kommunikasjon: 'nei',
    },
  };

  it('has the six operative indicators', () => {
    expect(operative.indicators?.map((i) => i.id)).toEqual([
      'kultur',
      'digitalisering',
      'forsok_utproving',
      'samarbeid',
      'forskning',
      'realisere_verdi',
    ]);
  });

  it('SK8: one «Ja» to «innført følgende» makes an innovator; none does not', () => {
    expect(visibleQuestions(operative, innovator)).toContain('op.samarbeid.partnere');
    expect(
      visibleQuestions(operative, {
        'op.status.innfort': {
          tjenester: 'nei',
          produkter: 'vet_ikke',
          prosesser: 'nei',
          kommunikasjon: 'nei',
        },
      }),
    ).not.toContain('op.samarbeid.partnere');
  });

  it('the channels are asked only after «Ja» to spreading', () => {
    expect(visibleQuestions(operative, { ...innovator, 'op.verdi.spredt': 'ja' })).toContain(
      'op.verdi.kanaler',
    );
    expect(visibleQuestions(operative, { ...innovator, 'op.verdi.spredt': 'nei' })).not.toContain(
      'op.verdi.kanaler',
    );
  });

  it('hand-worked «Realisere verdi»: «Ja» with 3 channels (70), highest value «I noen grad» (66.67), 4 and 3 on the two statements (100, 66.67) → 75.83', () => {
    const profile = indicatorProfile(operative, {
      ...innovator,
      'op.verdi.spredt': 'ja',
      'op.verdi.kanaler': ['egen_hjemmeside', 'konferanse', 'sosiale_medier'],
      'op.verdi.oppnadd': { kvalitet: 'noen_grad', effektivitet: 'liten_grad' },
      'op.verdi.gevinster': 'helt_enig',
      'op.verdi.involvere': 'delvis_enig',
    });
    expect(profile.realisere_verdi).toBeCloseTo((70 + 200 / 3 + 100 + 200 / 3) / 4, 6);
  });

  it('partners at 1, 2, 5, 6 and 8, and the research tick', () => {
    const partners = [
      'samme_departementsomrade',
      'ovrige_statlige',
      'kommunale',
      'fylkeskommunale',
      'innbyggere',
      'tillitsvalgte',
      'frivillige',
      'forskning',
    ];
    const scores = [1, 2, 5, 6, 8].map(
      (n) =>
        indicatorProfile(operative, { ...innovator, 'op.samarbeid.partnere': partners.slice(0, n) })
          .samarbeid,
    );
    expect(scores).toEqual([50, 60, 90, 100, 100]);
    expect(
      indicatorProfile(operative, { ...innovator, 'op.samarbeid.partnere': partners }).forskning,
    ).toBe(100);
    expect(
      indicatorProfile(operative, { ...innovator, 'op.samarbeid.partnere': ['kommunale'] })
        .forskning,
    ).toBe(0);
  });
});
