import { describe, expect, it } from 'vitest';
import { answerSummary } from '../../src/features/questionnaire/answerSummary.ts';
import { inlineSpec, t } from '../fixtures/inlineSpec.ts';

const format = {
  language: 'nb' as const,
  number: (n: number) => String(n).replace('.', ','),
  percent: (n: number) => `${n} %`,
};

const spec = inlineSpec([
  {
    id: 's1',
    title: t('Om virksomheten'),
    questions: [
      { id: 'q1', type: 'single', scale: 'JN', text: t('Har dere innovert?') },
      {
        id: 'q2',
        type: 'multiple',
        text: t('Hvem samarbeidet dere med?'),
        options: [
          { id: 'a', text: t('Andre kommuner') },
          { id: 'b', text: t('Næringslivet') },
        ],
        visibleIf: { equals: 'q1', value: 'ja' },
      },
      { id: 'q3', type: 'number', text: t('Antall ansatte'), unit: t('personer'), required: false },
    ],
  },
  {
    id: 's2',
    title: t('Vurderinger'),
    visibleIf: { equals: 'q1', value: 'ja' },
    questions: [
      {
        id: 'g',
        type: 'grid',
        scale: 'L4',
        text: t('Hvor enig er du?'),
        rows: [
          { id: 'r1', text: t('Vi lærer') },
          { id: 'r2', text: t('Vi deler'), visibleIf: { equals: 'q1', value: 'nei' } },
          { id: 'r3', text: t('Vi måler') },
        ],
      },
      {
        id: 'fordeling',
        type: 'allocation',
        text: t('Fordel innsatsen'),
        rows: [
          { id: 'x', text: t('Egen') },
          { id: 'y', text: t('Kjøpt') },
        ],
      },
      { id: 'fritekst', type: 'text', maxLength: 200, text: t('Noe mer?'), required: false },
    ],
  },
]);

describe('the answers read back on the review and the receipt', () => {
  it('lists only what is visible, in page order, each answer in words', () => {
    const pages = answerSummary(
      spec,
      {
        q1: 'ja',
        q2: ['b', 'a'],
        q3: 12.5,
        g: { r1: 'helt_enig', r2: 'helt_uenig' },
        fordeling: { x: 60, y: 40 },
      },
      format,
    );
    expect(pages.map((p) => [p.title, p.questions.map((q) => q.id)])).toEqual([
      ['Om virksomheten', ['q1', 'q2', 'q3']],
      ['Vurderinger', ['g', 'fordeling', 'fritekst']],
    ]);
    const [first, second] = pages;
    expect(first?.questions.map((q) => q.lines.map((l) => l.value))).toEqual([
      ['Ja'],
      ['Næringslivet', 'Andre kommuner'],
      ['12,5 personer'],
    ]);
    // r2 is hidden by its own condition, so its stale answer is not read back (SK4).
    expect(second?.questions[0]?.lines).toEqual([
      { row: { id: 'r1', text: 'Vi lærer' }, value: 'Helt enig' },
      { row: { id: 'r3', text: 'Vi måler' }, value: null },
    ]);
    expect(second?.questions[1]?.lines.map((l) => l.value)).toEqual(['60 %', '40 %']);
    expect(second?.questions[2]).toMatchObject({ isAnswered: false, isRequired: false });
  });

  it('leaves out pages and questions hidden by an answer, and marks what is unanswered', () => {
    const pages = answerSummary(spec, { q1: 'nei', q2: ['a'] }, format);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.questions.map((q) => [q.id, q.isAnswered])).toEqual([
      ['q1', true],
      ['q3', false],
    ]);
    expect(pages[0]?.questions[1]?.lines).toEqual([{ value: null }]);
  });

  it('counts a grid with one row answered as answered, and blank text as not', () => {
    const pages = answerSummary(spec, { q1: 'ja', g: { r3: 'vet_ikke' }, fritekst: '  ' }, format);
    const byId = new Map(pages.flatMap((p) => p.questions).map((q) => [q.id, q]));
    expect(byId.get('g')?.isAnswered).toBe(true);
    expect(byId.get('fritekst')?.isAnswered).toBe(false);
    expect(byId.get('q2')?.isAnswered).toBe(false);
  });
});
