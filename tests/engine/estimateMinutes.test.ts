import { describe, expect, it } from 'vitest';
import { estimateMinutes } from '../../src/engine/index.ts';
import { inlineSpec, t } from '../fixtures/inlineSpec.ts';
import { loadSpec } from '../e2e/support/specs.ts';

describe('ES1: the answering time on the start page is estimated from the spec', () => {
  it('counts every page and question for the longest path, only what no answer hides for the shortest', () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `r${i}`, text: t('R') }));
    const spec = inlineSpec([
      {
        id: 'a',
        title: t('A'),
        questions: [
          { id: 'q1', type: 'single', scale: 'JN', text: t('Q1') },
          // 8 + 5 × 20 = 108 s
          { id: 'g', type: 'grid', scale: 'L4', text: t('G'), rows: rows(20) },
          { id: 'fri', type: 'text', maxLength: 100, text: t('Fri'), required: false },
        ],
      },
      {
        id: 'b',
        title: t('B'),
        visibleIf: { equals: 'q1', value: 'ja' },
        questions: [{ id: 'g2', type: 'grid', scale: 'L4', text: t('G2'), rows: rows(40) }],
      },
    ]);
    // Shortest: page a (10) + q1 (8) + g (108) = 126 s → 2 min. Longest: + fri (40) + page b (10) + g2 (208) = 384 s → 7 min.
    expect(estimateMinutes(spec)).toEqual({ min: 2, max: 7 });
  });

  it('never gives an empty range, and gives the state questionnaires a plausible one', () => {
    const tiny = inlineSpec([
      {
        id: 'a',
        title: t('A'),
        questions: [{ id: 'q', type: 'single', scale: 'JN', text: t('Q') }],
      },
    ]);
    expect(estimateMinutes(tiny)).toEqual({ min: 1, max: 2 });
    for (const file of ['stat-2021-strategisk.v1.json', 'stat-2021-operativ.v1.json']) {
      const { min, max } = estimateMinutes(loadSpec(file));
      expect(min).toBeGreaterThanOrEqual(3);
      expect(max).toBeLessThanOrEqual(60);
      expect(max).toBeGreaterThan(min);
    }
  });
});
