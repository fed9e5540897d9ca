import { describe, expect, it } from 'vitest';
import { computeVisibility, evaluateCondition, visibleQuestions } from '../../src/engine/index.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';

describe('SK2: condition operators', () => {
  const answers = {
    single: 'ja',
    multi: ['a', 'c'],
    grid: { r1: 'ja', r2: 'nei', r3: 'ja' },
    num: 7,
    empty: [],
  };

  it.each([
    [{ equals: 'single', value: 'ja' }, true],
    [{ equals: 'single', value: 'nei' }, false],
    [{ equals: 'multi', value: 'c' }, true],
    [{ equals: 'multi', value: 'b' }, false],
    [{ equals: 'grid', row: 'r2', value: 'nei' }, true],
    [{ equals: 'num', value: 7 }, true],
    [{ in: 'single', values: ['nei', 'ja'] }, true],
    [{ in: 'multi', values: ['b', 'd'] }, false],
    [{ in: 'multi', values: ['b', 'c'] }, true],
    [{ answered: 'single' }, true],
    [{ answered: 'empty' }, false],
    [{ answered: 'missing' }, false],
    [{ answered: 'grid', row: 'r9' }, false],
    [{ count: 'multi', min: 2 }, true],
    [{ count: 'multi', min: 3 }, false],
    [{ count: 'grid', value: 'ja', min: 2, max: 2 }, true],
    [{ count: 'grid', value: 'ja', max: 1 }, false],
    [{ not: { equals: 'single', value: 'ja' } }, false],
    [{ and: [{ answered: 'single' }, { equals: 'multi', value: 'a' }] }, true],
    [{ and: [{ answered: 'single' }, { equals: 'multi', value: 'b' }] }, false],
    [{ or: [{ answered: 'missing' }, { equals: 'multi', value: 'a' }] }, true],
  ] as const)('%j is %s', (condition, expected) => {
    expect(evaluateCondition(condition, answers)).toBe(expected);
  });

  it('SK1: a condition is data; a value that looks like code is only compared as text', () => {
    const hostile = { equals: 'single', value: 'constructor' } as const;
    expect(evaluateCondition(hostile, { single: 'ja' })).toBe(false);
    expect(evaluateCondition({ answered: '__proto__' }, {})).toBe(false);
    expect(evaluateCondition({ answered: 'toString' }, {})).toBe(false);
  });
});

/** Gate → block; «Ja» → channels; research tick → research item, as in the 2021 instruments. */
const spec = inlineSpec([
  {
    id: 'status',
    title: t('Status'),
    questions: [{ id: 'gate', type: 'single', scale: 'JN', text: t('Innovator?') }],
  },
  {
    id: 'blokk',
    title: t('Blokk'),
    visibleIf: { equals: 'gate', value: 'ja' },
    questions: [
      {
        id: 'partnere',
        type: 'multiple',
        text: t('Partnere'),
        options: [
          { id: 'forskning', text: t('Forskning') },
          { id: 'andre', text: t('Andre') },
          { id: 'nei', exclusive: true, text: t('Nei') },
        ],
      },
      {
        id: 'partnere_andre_tekst',
        type: 'text',
        maxLength: 100,
        text: t('Andre, spesifiser'),
        specifies: { question: 'partnere', option: 'andre' },
      },
      likert('forskning', { visibleIf: { equals: 'partnere', value: 'forskning' } }),
      { id: 'spredt', type: 'single', scale: 'JN', text: t('Spredt?') },
      {
        id: 'kanaler',
        type: 'multiple',
        text: t('Kanaler'),
        visibleIf: { equals: 'spredt', value: 'ja' },
        options: [
          { id: 'a', text: t('A') },
          { id: 'b', text: t('B') },
        ],
      },
      {
        id: 'verdi',
        type: 'grid',
        scale: 'G4',
        text: t('Verdi'),
        rows: [
          { id: 'kvalitet', text: t('Kvalitet') },
          {
            id: 'spesifisert',
            text: t('Mål: {{pipe}}'),
            pipe: 'partnere_andre_tekst',
            visibleIf: { equals: 'partnere', value: 'andre' },
          },
        ],
      },
    ],
  },
  { id: 'kultur', title: t('Kultur'), questions: [likert('k1'), likert('k2')] },
]);

describe('SK3/SK5: visibility follows the chain of skip rules', () => {
  it('a non-innovator sees only the gate and the statement block', () => {
    expect(visibleQuestions(spec, { gate: 'nei' })).toEqual(['gate', 'k1', 'k2']);
    expect([...computeVisibility(spec, { gate: 'nei' }).sections]).toEqual(['status', 'kultur']);
  });

  it('an innovator sees the block, but not the follow-ups until their trigger is answered', () => {
    expect(visibleQuestions(spec, { gate: 'ja' })).toEqual([
      'gate',
      'partnere',
      'spredt',
      'verdi',
      'k1',
      'k2',
    ]);
  });

  it('«Ja» to spreading shows the channels; «Nei» hides them', () => {
    expect(visibleQuestions(spec, { gate: 'ja', spredt: 'ja' })).toContain('kanaler');
    expect(visibleQuestions(spec, { gate: 'ja', spredt: 'nei' })).not.toContain('kanaler');
  });

  it('the research tick shows the research item', () => {
    expect(visibleQuestions(spec, { gate: 'ja', partnere: ['forskning'] })).toContain('forskning');
  });

  it('SK3: nested: with the gate at «Nei», a ticked research partner left behind does not show the research item', () => {
    const visible = visibleQuestions(spec, { gate: 'nei', partnere: ['forskning'], spredt: 'ja' });
    expect(visible).not.toContain('forskning');
    expect(visible).not.toContain('kanaler');
  });

  it('SK6: «Annet, spesifiser» text shows only while its option is ticked', () => {
    expect(visibleQuestions(spec, { gate: 'ja', partnere: ['andre'] })).toContain(
      'partnere_andre_tekst',
    );
    expect(visibleQuestions(spec, { gate: 'ja', partnere: ['forskning'] })).not.toContain(
      'partnere_andre_tekst',
    );
  });

  it('SK7: a grid row with a condition is hidden until the condition holds', () => {
    expect(computeVisibility(spec, { gate: 'ja' }).hiddenRows.get('verdi')).toEqual(
      new Set(['spesifisert']),
    );
    expect(
      computeVisibility(spec, { gate: 'ja', partnere: ['andre'] }).hiddenRows.has('verdi'),
    ).toBe(false);
  });
});

describe('SK4: answers in a block that became hidden stay in the draft but do not count', () => {
  const draft = {
    gate: 'nei',
    partnere: ['forskning'],
    forskning: 'helt_enig',
    spredt: 'ja',
    kanaler: ['a'],
    k1: 'helt_enig',
  };

  it('the effective answers hold only visible questions', () => {
    expect(computeVisibility(spec, draft).answers).toEqual({ gate: 'nei', k1: 'helt_enig' });
  });

  it('the draft itself is untouched, so changing back restores every answer', () => {
    const before = structuredClone(draft);
    computeVisibility(spec, draft);
    expect(draft).toEqual(before);
    expect(computeVisibility(spec, { ...draft, gate: 'ja' }).answers).toEqual({
      ...draft,
      gate: 'ja',
    });
  });

  it('a hidden grid row is dropped from the effective answer', () => {
    const answers = {
      gate: 'ja',
      partnere: ['forskning'],
      verdi: { kvalitet: 'hoy_grad', spesifisert: 'noen_grad' },
    };
    expect(computeVisibility(spec, answers).answers.verdi).toEqual({ kvalitet: 'hoy_grad' });
  });
});
