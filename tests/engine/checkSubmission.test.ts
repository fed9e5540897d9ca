import { describe, expect, it } from 'vitest';
import { checkSubmission } from '../../src/engine/index.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';

const spec = inlineSpec([
  {
    id: 's',
    title: t('S'),
    questions: [
      { id: 'gate', type: 'single', scale: 'JN', text: t('Gate') },
      likert('follow', { visibleIf: { equals: 'gate', value: 'ja' } }),
      {
        id: 'fordeling',
        type: 'allocation',
        text: t('F'),
        rows: [
          { id: 'a', text: t('A') },
          { id: 'b', text: t('B') },
        ],
      },
      {
        id: 'grid',
        type: 'grid',
        scale: 'G4',
        text: t('G'),
        rows: [
          { id: 'r1', text: t('R1') },
          { id: 'r2', text: t('R2'), visibleIf: { equals: 'gate', value: 'ja' } },
        ],
      },
    ],
  },
]);

const errors = (input: unknown, status: 'draft' | 'submitted') => {
  const result = checkSubmission(spec, input, status);
  return result.ok
    ? []
    : result.errors.map((e) => `${e.question}${e.row ? `.${e.row}` : ''}:${e.code}`);
};

describe('VA9: what the server accepts', () => {
  it('a partial draft with an unfinished allocation is accepted', () => {
    expect(errors({ gate: 'ja', fordeling: { a: 60 } }, 'draft')).toEqual([]);
  });

  it('the same answers cannot be submitted: required and sum rules apply', () => {
    expect(errors({ gate: 'ja', fordeling: { a: 60 } }, 'submitted')).toEqual([
      'follow:required',
      'fordeling:allocation_sum',
      'grid.r1:required',
      'grid.r2:required',
    ]);
  });

  it('an answer to a hidden question or row is refused, naming it', () => {
    expect(
      errors(
        { gate: 'nei', follow: 'helt_enig', grid: { r1: 'hoy_grad', r2: 'hoy_grad' } },
        'draft',
      ),
    ).toEqual(['follow:hidden', 'grid.r2:hidden']);
  });

  it('malformed answers are refused before any rule', () => {
    expect(errors({ gate: 'kanskje', ukjent: 1 }, 'draft')).toEqual([
      'gate:unknown_option',
      'ukjent:unknown_question',
    ]);
  });

  it('rules that no draft may break apply to drafts too', () => {
    expect(errors({ fordeling: { a: 150, b: -50 } }, 'draft')).toEqual([
      'fordeling.a:out_of_range',
      'fordeling.b:out_of_range',
    ]);
  });
});
