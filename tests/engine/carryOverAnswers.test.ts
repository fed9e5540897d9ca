import { describe, expect, it } from 'vitest';
import { carryOverAnswers } from '../../src/engine/index.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';

describe('VE1: a draft moves to a newer questionnaire version by question id', () => {
  const v1 = inlineSpec([
    {
      id: 's',
      title: t('S'),
      questions: [
        likert('kept'),
        likert('removed'),
        {
          id: 'choice',
          type: 'single',
          text: t('C'),
          options: [
            { id: 'a', text: t('A') },
            { id: 'b', text: t('B') },
          ],
        },
      ],
    },
  ]);
  const v2 = inlineSpec([
    {
      id: 's',
      title: t('S'),
      questions: [
        likert('kept', { text: t('Reworded') }),
        {
          id: 'choice',
          type: 'single',
          text: t('C'),
          options: [
            { id: 'a', text: t('A') },
            { id: 'c', text: t('C') },
          ],
        },
        likert('new'),
      ],
    },
  ]);

  it('keeps answers whose question and option still exist, and reports the rest', () => {
    const result = carryOverAnswers(v1, v2, {
      kept: 'helt_enig',
      removed: 'delvis_enig',
      choice: 'b',
    });
    expect(result.answers).toEqual({ kept: 'helt_enig' });
    expect(result.dropped).toEqual(['removed', 'choice']);
    expect(result.added).toEqual(['new']);
  });

  it('an answer to an option that still exists is kept even if the wording changed', () => {
    expect(carryOverAnswers(v1, v2, { choice: 'a' }).answers).toEqual({ choice: 'a' });
  });
});
