import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkSubmission,
  compile,
  computeVisibility,
  parseAnswers,
  parseQuestionnaire,
  sendableAnswers,
  validateResponse,
  valueIssues,
  type Answers,
  type AnswerValue,
  type Questionnaire,
} from '../../src/engine/index.ts';
import { inlineSpec, t } from '../fixtures/inlineSpec.ts';

function load(file: string): Questionnaire {
  const parsed = parseQuestionnaire(JSON.parse(readFileSync(`questionnaires/${file}`, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return parsed.value;
}

/** The published questionnaires hold no number question; this one adds it and a rule reading it. */
const numbers = inlineSpec([
  {
    id: 's',
    title: t('S'),
    questions: [
      { id: 'ansatte', type: 'number', text: t('Ansatte'), min: 0, max: 5000, integer: true },
      { id: 'andel', type: 'number', text: t('Andel'), min: 0, max: 100, required: false },
      {
        id: 'oppfolging',
        type: 'single',
        scale: 'JN',
        text: t('Oppfølging'),
        visibleIf: { answered: 'ansatte' },
      },
      {
        id: 'fordeling',
        type: 'allocation',
        text: t('Fordeling'),
        rows: [
          { id: 'a', text: t('A') },
          { id: 'b', text: t('B') },
          { id: 'c', text: t('C') },
        ],
      },
      { id: 'hvorfor', type: 'text', text: t('Hvorfor'), maxLength: 10 },
      {
        id: 'valg',
        type: 'multiple',
        text: t('Valg'),
        maxSelected: 2,
        options: [
          { id: 'x', text: t('X') },
          { id: 'y', text: t('Y') },
          { id: 'z', text: t('Z') },
          { id: 'ingen', text: t('Ingen'), exclusive: true },
        ],
      },
    ],
  },
]);

const specs: [string, Questionnaire][] = [
  ...readdirSync('questionnaires')
    .filter((f) => f.endsWith('.json'))
    .map((f): [string, Questionnaire] => [f, load(f)]),
  ['inline numbers', numbers],
];

/** A small seeded generator, so a failing case can be replayed. */
function generator(seed: number) {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return { random, pick };
}

const SHARES = [0, 10, 12.5, 33, 50, 100, 150, -5, Number.NaN, Number.POSITIVE_INFINITY];
const NUMBERS = [0, 1, 3.5, 100, 5000, 5001, -1, 12.5, Number.NaN];

/**
 * Random answers to every question, visible or not: mostly well-formed, with
 * the values a person can type that the engine refuses and the wrong shapes
 * a damaged or older draft may hold.
 */
function randomAnswers(spec: Questionnaire, seed: number): Record<string, unknown> {
  const { random, pick } = generator(seed);
  const answers: Record<string, unknown> = {};
  for (const { question, options } of compile(spec).questions) {
    if (random() < 0.3) continue;
    const ids = options.map((o) => o.id);
    const rows = 'rows' in question ? question.rows.map((r) => r.id) : [];
    const damaged = random() < 0.05;
    switch (question.type) {
      case 'single':
        answers[question.id] = damaged ? pick(['ukjent', 7, ' ', null]) : pick(ids);
        break;
      case 'multiple':
        answers[question.id] = damaged
          ? pick([['ukjent'], [ids[0], ids[0]], 'x', {}])
          : ids.filter(() => random() < 0.4);
        break;
      case 'grid':
        answers[question.id] = damaged
          ? pick([['x'], null, { ukjent: ids[0] }, { [rows[0] ?? '']: 'ukjent' }])
          : Object.fromEntries(rows.filter(() => random() < 0.7).map((r) => [r, pick(ids)]));
        break;
      case 'allocation':
        answers[question.id] = damaged
          ? pick([[], 'x', { ukjent: 10 }, { [rows[0] ?? '']: '10' }])
          : Object.fromEntries(rows.filter(() => random() < 0.7).map((r) => [r, pick(SHARES)]));
        break;
      case 'number':
        answers[question.id] = damaged ? pick(['12,5', null]) : pick(NUMBERS);
        break;
      case 'text':
        answers[question.id] = damaged
          ? pick([12, ['x']])
          : 'x'.repeat(Math.floor(random() * (question.maxLength + 20)));
        break;
    }
  }
  if (random() < 0.1) answers['ukjent.sporsmal'] = 'ja';
  return answers;
}

/** The answers of the right shape (VA1), row by row: what the device can show. */
function shaped(spec: Questionnaire, answers: Record<string, unknown>): Answers {
  const fits = (id: string, value: unknown) => parseAnswers(spec, { [id]: value }).ok;
  const kept: Record<string, AnswerValue> = {};
  for (const [id, value] of Object.entries(answers)) {
    const type = compile(spec).entries.get(id)?.question.type;
    if (type === 'grid' || type === 'allocation') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
      const rows = Object.entries(value).filter(([row, cell]) => fits(id, { [row]: cell }));
      if (rows.length > 0) kept[id] = Object.fromEntries(rows);
    } else if (fits(id, value)) kept[id] = value as AnswerValue;
  }
  return kept;
}

/**
 * What the server says of one value (or row) put next to answers it accepts:
 * the value's own issues. A question's visibility never reads itself, so the
 * value stays visible; issues other questions get from it are not its own.
 */
function ownIssues(spec: Questionnaire, accepted: Answers, id: string, value: unknown) {
  const checked = checkSubmission(spec, { ...accepted, [id]: value }, 'draft');
  return checked.ok ? [] : checked.errors.filter((e) => e.question === id);
}

describe('VA10: what a draft sends', () => {
  it.each(specs)(
    'VA10: for random answers to %s, what is sent is always accepted as a draft and every accepted value is kept',
    (_name, spec) => {
      for (let seed = 1; seed <= 300; seed++) {
        const answers = randomAnswers(spec, seed);
        const sent = sendableAnswers(spec, answers as Answers);
        const checked = checkSubmission(spec, sent, 'draft');
        expect(checked.ok ? [] : checked.errors, `seed ${seed}`).toEqual([]);

        // Every value sent is one the person gave to a question they see.
        const { answers: visible } = computeVisibility(spec, shaped(spec, answers));
        for (const [id, value] of Object.entries(sent)) {
          const given = visible[id];
          if (typeof value === 'object' && !Array.isArray(value)) {
            for (const [row, cell] of Object.entries(value))
              expect((given as Record<string, unknown>)[row], `seed ${seed} ${id}.${row}`).toBe(
                cell,
              );
          } else expect(given, `seed ${seed} ${id}`).toEqual(value);
        }

        // Every accepted value of a question still shown is kept, row by row.
        const shown = computeVisibility(spec, sent).questions;
        for (const [id, value] of Object.entries(visible)) {
          if (!shown.has(id)) continue;
          const isRecord = typeof value === 'object' && !Array.isArray(value);
          if (!isRecord) {
            if (ownIssues(spec, sent, id, value).length === 0)
              expect(sent[id], `seed ${seed} ${id}`).toEqual(value);
            continue;
          }
          for (const [row, cell] of Object.entries(value)) {
            if (ownIssues(spec, sent, id, { [row]: cell }).length === 0)
              expect((sent[id] as Record<string, unknown>)[row], `seed ${seed} ${id}.${row}`).toBe(
                cell,
              );
          }
        }
      }
    },
  );

  it('VA10: a draft with no refused value sends exactly its visible answers', () => {
    const answers = { ansatte: 12, oppfolging: 'ja', fordeling: { a: 60 }, valg: ['x'] };
    expect(sendableAnswers(numbers, answers)).toEqual(answers);
    expect(sendableAnswers(numbers, { ...answers, hvorfor: 'lagret' })).toEqual({
      ...answers,
      hvorfor: 'lagret',
    });
  });

  it('VA10: «12,5» and «150» in a whole-percent allocation stay behind; the other rows are sent', () => {
    expect(sendableAnswers(numbers, { fordeling: { a: 12.5, b: 150, c: 40 } })).toEqual({
      fordeling: { c: 40 },
    });
    expect(sendableAnswers(numbers, { fordeling: { a: 12.5, b: 150 } })).toEqual({});
  });

  it('VA10: a number out of range or not whole, a text too long and too many ticks stay behind', () => {
    expect(
      sendableAnswers(numbers, {
        andel: 101,
        hvorfor: 'elleve tegn',
        valg: ['x', 'y', 'z'],
        fordeling: { a: 50 },
      }),
    ).toEqual({ fordeling: { a: 50 } });
    expect(sendableAnswers(numbers, { andel: 12.5, valg: ['x', 'ingen'] })).toEqual({
      andel: 12.5,
    });
  });

  it('VA10: a question shown only because of a refused value stays behind with it', () => {
    expect(sendableAnswers(numbers, { ansatte: 12.5, oppfolging: 'ja', andel: 3 })).toEqual({
      andel: 3,
    });
  });

  it('VA10: answers to hidden questions are never sent (SK4)', () => {
    expect(sendableAnswers(numbers, { oppfolging: 'ja' })).toEqual({});
  });
});

describe('VA11: issues a value has now', () => {
  it('VA11: «12,5» in a whole-percent allocation is said at once; an unfinished sum is not', () => {
    expect(valueIssues(numbers, { fordeling: { a: 12.5, b: 20 } }, 's')).toEqual([
      { question: 'fordeling', row: 'a', code: 'not_integer' },
    ]);
    expect(valueIssues(numbers, { fordeling: { a: 60 } }, 's')).toEqual([]);
  });

  it('VA11: the issues are exactly those a draft may not hold', () => {
    const answers = { andel: 101, hvorfor: 'elleve tegn', valg: ['x', 'y', 'z'] };
    const all = validateResponse(numbers, answers).map((i) => i.code);
    expect(all).toEqual(expect.arrayContaining(['required', 'out_of_range', 'too_long']));
    expect(valueIssues(numbers, answers).map((i) => `${i.question}:${i.code}`)).toEqual([
      'andel:out_of_range',
      'hvorfor:too_long',
      'valg:max_selected',
    ]);
  });

  it('VA11: an answer without issues now gives none, whatever is still missing', () => {
    const value: AnswerValue = { a: 100 };
    expect(valueIssues(numbers, { fordeling: value })).toEqual([]);
  });
});
