import { describe, expect, it } from 'vitest';
import { formatSpecError, parseQuestionnaire, type SpecError } from '../../src/engine/index.ts';
import { likert, specDocument, t } from '../fixtures/inlineSpec.ts';

/** The errors of a spec that must be rejected. */
function errorsOf(document: unknown): SpecError[] {
  const parsed = parseQuestionnaire(document);
  if (parsed.ok) throw new Error('expected the spec to be rejected');
  return [...parsed.errors];
}

const section = (questions: unknown[], extra: Record<string, unknown> = {}) => ({
  id: 's1',
  title: t('Side'),
  questions,
  ...extra,
});

describe('PA1: structure', () => {
  it('accepts a minimal valid questionnaire', () => {
    expect(parseQuestionnaire(specDocument([section([likert('q1')])])).ok).toBe(true);
  });

  it('rejects a non-object with the root path', () => {
    expect(errorsOf([])).toEqual([
      { code: 'structure', path: '$', message: 'a questionnaire must be a JSON object' },
    ]);
  });

  it('names the path of a missing field and of a wrong type', () => {
    const document = specDocument([
      section([{ id: 'q1', type: 'number', text: t('N'), min: '1' }]),
    ]);
    delete document.provenance;
    const errors = errorsOf(document);
    expect(errors).toContainEqual(
      expect.objectContaining({
        path: '$.provenance',
        message: expect.stringContaining('required'),
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({ path: '$.sections[0].questions[0].min', code: 'structure' }),
    );
  });

  it('rejects an unknown key, so a misspelt key cannot silently do nothing', () => {
    const errors = errorsOf(
      specDocument([section([{ ...likert('q1'), visibelIf: { answered: 'q1' } }])]),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        path: '$.sections[0].questions[0]',
        message: expect.stringContaining('visibelIf'),
      }),
    );
  });

  it('rejects an unknown question type naming the allowed ones', () => {
    const errors = errorsOf(specDocument([section([{ id: 'q1', type: 'slider', text: t('S') }])]));
    expect(errors).toContainEqual(
      expect.objectContaining({
        path: '$.sections[0].questions[0].type',
        message: expect.stringContaining('single, multiple'),
      }),
    );
  });

  it('rejects a condition with no or two operators', () => {
    const errors = errorsOf(
      specDocument([
        section([
          likert('q1'),
          likert('q2', { visibleIf: { equals: 'q1', in: 'q1', value: 'x' } }),
        ]),
      ]),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        path: '$.sections[0].questions[1].visibleIf',
        message: expect.stringContaining('exactly one of'),
      }),
    );
  });

  it('coerces nothing: a version given as a string is an error', () => {
    expect(errorsOf({ ...specDocument([section([likert('q1')])]), version: '1' })).toContainEqual(
      expect.objectContaining({ path: '$.version' }),
    );
  });

  it('PA9: an allocation needs at least 2 rows', () => {
    const errors = errorsOf(
      specDocument([
        section([
          { id: 'a', type: 'allocation', text: t('A'), rows: [{ id: 'r1', text: t('R1') }] },
        ]),
      ]),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        path: '$.sections[0].questions[0].rows',
        message: expect.stringContaining('at least 2 rows'),
      }),
    );
  });

  it('a free text needs a maximum length', () => {
    const errors = errorsOf(specDocument([section([{ id: 'f', type: 'text', text: t('F') }])]));
    expect(errors).toContainEqual(
      expect.objectContaining({ path: '$.sections[0].questions[0].maxLength' }),
    );
  });
});

describe('PA6: every text exists in nb and nn', () => {
  it('names the missing language and its path', () => {
    const errors = errorsOf(specDocument([section([{ ...likert('q1'), text: { nb: 'Bokmål' } }])]));
    expect(errors).toContainEqual({
      code: 'structure',
      path: '$.sections[0].questions[0].text.nn',
      message: 'Nynorsk (nn) text is missing or empty',
    });
  });

  it('catches a blank Bokmål option text inside a shared scale', () => {
    const document = specDocument([section([likert('q1')])]);
    const scales = document.scales as { L4: { options: { text: unknown }[] } };
    scales.L4.options[0]!.text = { nb: '  ', nn: 'Heilt usamd' };
    expect(errorsOf(document)).toContainEqual(
      expect.objectContaining({
        path: '$.scales.L4.options[0].text.nb',
        message: expect.stringContaining('Bokmål'),
      }),
    );
  });
});

describe('PA2: ids are unique', () => {
  it('reports the second use of a question id and where the first is', () => {
    const errors = errorsOf(
      specDocument([section([likert('q1')]), section([likert('q1')], { id: 's2' })]),
    );
    expect(errors).toContainEqual({
      code: 'duplicate_id',
      path: '$.sections[1].questions[0].id',
      message: 'question id "q1" is already used at $.sections[0].questions[0]',
    });
  });

  it('reports duplicate options, rows, sections and indicators', () => {
    const errors = errorsOf(
      specDocument(
        [
          section([
            {
              id: 'm',
              type: 'multiple',
              text: t('M'),
              options: [
                { id: 'a', text: t('A') },
                { id: 'a', text: t('A') },
              ],
            },
            {
              id: 'g',
              type: 'grid',
              scale: 'L4',
              text: t('G'),
              rows: [
                { id: 'r', text: t('R') },
                { id: 'r', text: t('R') },
              ],
            },
          ]),
          section([likert('q3')]),
        ],
        {
          indicators: [
            {
              id: 'i',
              name: t('I'),
              description: t('I'),
              items: [{ rule: 'scale', question: 'q3' }],
            },
            {
              id: 'i',
              name: t('I'),
              description: t('I'),
              items: [{ rule: 'scale', question: 'q3' }],
            },
          ],
        },
      ),
    );
    const paths = errors.filter((e) => e.code === 'duplicate_id').map((e) => e.path);
    expect(paths).toEqual([
      '$.sections[0].questions[0].options[1].id',
      '$.sections[0].questions[1].rows[1].id',
      '$.sections[1].id',
      '$.indicators[1].id',
    ]);
  });
});

describe('PA3: conditions refer to existing questions, rows and options', () => {
  it('an unknown question', () => {
    const errors = errorsOf(
      specDocument([section([likert('q1', { visibleIf: { answered: 'q0' } })])]),
    );
    expect(errors).toEqual([
      {
        code: 'unknown_question',
        path: '$.sections[0].questions[0].visibleIf.answered',
        message: 'refers to question "q0", which does not exist',
      },
    ]);
  });

  it('an unknown option, inside a nested condition, with the options listed', () => {
    const errors = errorsOf(
      specDocument([
        section([
          { id: 'gate', type: 'single', scale: 'JN', text: t('G') },
          likert('q2', {
            visibleIf: {
              and: [{ answered: 'gate' }, { not: { equals: 'gate', value: 'kanskje' } }],
            },
          }),
        ]),
      ]),
    );
    expect(errors).toEqual([
      {
        code: 'unknown_option',
        path: '$.sections[0].questions[1].visibleIf.and[1].not.value',
        message: '"gate" has no option "kanskje" (options: ja, nei, vet_ikke)',
      },
    ]);
  });

  it('an unknown grid row, and a grid compared without a row', () => {
    const grid = {
      id: 'g',
      type: 'grid',
      scale: 'JN',
      text: t('G'),
      rows: [{ id: 'a', text: t('A') }],
    };
    const errors = errorsOf(
      specDocument([
        section([
          grid,
          likert('q2', { visibleIf: { equals: 'g', row: 'b', value: 'ja' } }),
          likert('q3', { visibleIf: { equals: 'g', value: 'ja' } }),
        ]),
      ]),
    );
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['unknown_row', '$.sections[0].questions[1].visibleIf.row'],
      ['unknown_row', '$.sections[0].questions[2].visibleIf.equals'],
    ]);
  });

  it('a section condition and a specifies target are checked too', () => {
    const errors = errorsOf(
      specDocument([
        section([
          {
            id: 'm',
            type: 'multiple',
            text: t('M'),
            options: [
              { id: 'a', text: t('A') },
              { id: 'b', text: t('B') },
            ],
          },
          {
            id: 'm_tekst',
            type: 'text',
            maxLength: 10,
            text: t('Annet'),
            specifies: { question: 'm', option: 'annet' },
          },
        ]),
        section([likert('q3')], { id: 's2', visibleIf: { equals: 'nope', value: 'x' } }),
      ]),
    );
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['unknown_option', '$.sections[0].questions[1].specifies.option'],
      ['unknown_question', '$.sections[1].visibleIf.equals'],
    ]);
  });

  it('a scale that is not defined', () => {
    const errors = errorsOf(specDocument([section([{ ...likert('q1'), scale: 'L5' }])]));
    expect(errors).toContainEqual(
      expect.objectContaining({
        code: 'choice_source',
        path: '$.sections[0].questions[0].scale',
        message: expect.stringContaining('L4, G4, JN'),
      }),
    );
  });
});

describe('PA4: no cycles in conditions', () => {
  it('names the circle', () => {
    const errors = errorsOf(
      specDocument([
        section([
          likert('a', { visibleIf: { answered: 'c' } }),
          likert('b', { visibleIf: { answered: 'a' } }),
          likert('c', { visibleIf: { answered: 'b' } }),
        ]),
      ]),
    );
    expect(errors).toEqual([
      {
        code: 'condition_cycle',
        path: '$.sections[0].questions[0].visibleIf',
        message: 'skip logic goes round in a circle: a → c → b → a',
      },
    ]);
  });

  it('a question that decides the visibility of its own section is a cycle', () => {
    const errors = errorsOf(
      specDocument([section([likert('a')], { visibleIf: { answered: 'a' } })]),
    );
    expect(errors.map((e) => e.code)).toEqual(['condition_cycle']);
  });
});

describe('PA5: indicator items exist and fit their rule', () => {
  const indicator = (items: unknown[]) => ({
    indicators: [{ id: 'i', name: t('I'), description: t('D'), items }],
  });

  it('an item naming a question that does not exist', () => {
    const errors = errorsOf(
      specDocument([section([likert('q1')])], indicator([{ rule: 'scale', question: 'q9' }])),
    );
    expect(errors).toEqual([
      {
        code: 'unknown_question',
        path: '$.indicators[0].items[0].question',
        message: 'indicator item refers to question "q9", which does not exist',
      },
    ]);
  });

  it('a count rule on a single-choice question, and an unknown option in "zero"', () => {
    const errors = errorsOf(
      specDocument(
        [
          section([
            likert('q1'),
            {
              id: 'm',
              type: 'multiple',
              text: t('M'),
              options: [
                { id: 'a', text: t('A') },
                { id: 'b', text: t('B') },
              ],
            },
          ]),
        ],
        indicator([
          { rule: 'count', question: 'q1', base: 50, step: 5, fullAt: 10, zero: [], missing: [] },
          {
            rule: 'count',
            question: 'm',
            base: 50,
            step: 5,
            fullAt: 10,
            zero: ['nei'],
            missing: [],
          },
        ]),
      ),
    );
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['wrong_question_type', '$.indicators[0].items[0].question'],
      ['unknown_option', '$.indicators[0].items[1].zero'],
    ]);
  });

  it('a scale rule on options without scores', () => {
    const errors = errorsOf(
      specDocument(
        [section([{ id: 'q1', type: 'single', scale: 'JN', text: t('J') }])],
        indicator([{ rule: 'scale', question: 'q1' }]),
      ),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        code: 'wrong_question_type',
        message: expect.stringContaining('scores'),
      }),
    );
  });

  it('an unknown rule', () => {
    const errors = errorsOf(
      specDocument([section([likert('q1')])], indicator([{ rule: 'median', question: 'q1' }])),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({ path: '$.indicators[0].items[0].rule' }),
    );
  });
});

describe('PA7: exclusive options only on multiple choice', () => {
  it('rejects an exclusive option on a single-choice question', () => {
    const errors = errorsOf(
      specDocument([
        section([
          {
            id: 'q',
            type: 'single',
            text: t('Q'),
            options: [
              { id: 'a', text: t('A') },
              { id: 'nei', exclusive: true, text: t('Nei') },
            ],
          },
        ]),
      ]),
    );
    expect(errors).toEqual([
      {
        code: 'exclusive_not_multiple',
        path: '$.sections[0].questions[0].options',
        message:
          'option "nei" is exclusive, but only multiple-choice questions can have exclusive options',
      },
    ]);
  });
});

describe('PA8: placeholders', () => {
  it('accepts a defined parameter and rejects an undefined one', () => {
    const ok = specDocument([section([likert('q1')], { intro: t('Perioden {{period}}') })], {
      parameters: { period: '2018–2020' },
    });
    expect(parseQuestionnaire(ok).ok).toBe(true);
    const errors = errorsOf(
      specDocument([section([likert('q1')], { intro: t('Perioden {{periode}}') })]),
    );
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['unknown_parameter', '$.sections[0].intro.nb'],
      ['unknown_parameter', '$.sections[0].intro.nn'],
    ]);
  });

  it('allows {{pipe}} only in a piped grid row', () => {
    const grid = (row: Record<string, unknown>) => ({
      id: 'g',
      type: 'grid',
      scale: 'G4',
      text: t('G'),
      rows: [row],
    });
    const src = { id: 'src', type: 'text', maxLength: 50, text: t('Annet') };
    expect(
      parseQuestionnaire(
        specDocument([section([src, grid({ id: 'r', text: t('Mål: {{pipe}}'), pipe: 'src' })])]),
      ).ok,
    ).toBe(true);
    const errors = errorsOf(
      specDocument([section([src, grid({ id: 'r', text: t('Mål: {{pipe}}') })])]),
    );
    expect(errors[0]).toMatchObject({
      code: 'unknown_parameter',
      path: '$.sections[0].questions[1].rows[0].text.nb',
    });
  });
});

describe('formatSpecError', () => {
  it('prints the file, the JSON path and the reason', () => {
    const [error] = errorsOf(
      specDocument([section([likert('q1', { visibleIf: { answered: 'q0' } })])]),
    );
    expect(formatSpecError(error!, 'questionnaires/x.v1.json')).toBe(
      'questionnaires/x.v1.json: $.sections[0].questions[0].visibleIf.answered: refers to question "q0", which does not exist',
    );
  });
});
