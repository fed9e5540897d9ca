import { describe, expect, it } from 'vitest';
import { mergeAnswers } from '../../src/engine/index.ts';

describe('MG1: two copies of a response merge answer by answer, the later change winning', () => {
  it('takes each answer from whichever copy changed it last', () => {
    const phone = { answers: { a: 'ja', b: 'nei' }, answeredAt: { a: 100, b: 300 } };
    const laptop = {
      answers: { a: 'nei', b: 'ja', c: 'helt_enig' },
      answeredAt: { a: 200, b: 250, c: 400 },
    };
    expect(mergeAnswers(phone, laptop)).toEqual({
      answers: { a: 'nei', b: 'nei', c: 'helt_enig' },
      answeredAt: { a: 200, b: 300, c: 400 },
      fromOther: ['a', 'c'],
    });
  });

  it('a later clearing wins over an earlier answer, and an earlier clearing loses', () => {
    const local = { answers: { b: 'ja' }, answeredAt: { a: 500, b: 100 } };
    const other = { answers: { a: 'ja' }, answeredAt: { a: 400, b: 200 } };
    expect(mergeAnswers(local, other)).toEqual({
      answers: {},
      answeredAt: { a: 500, b: 200 },
      fromOther: ['b'],
    });
  });

  it('a tie keeps the local answer', () => {
    const merged = mergeAnswers(
      { answers: { a: 'ja' }, answeredAt: { a: 1 } },
      { answers: { a: 'nei' }, answeredAt: { a: 1 } },
    );
    expect(merged.answers).toEqual({ a: 'ja' });
    expect(merged.fromOther).toEqual([]);
  });
});
