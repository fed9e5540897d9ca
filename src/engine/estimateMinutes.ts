import type { Question, Questionnaire } from './types.ts';

/**
 * How long a questionnaire takes, as a range of whole minutes, for the start
 * page («Tar omtrent 10–20 minutter»). No source gives the 2021 surveys'
 * answering time, so it is estimated from the spec (SPEC.md ES1): seconds per
 * thing a person reads or answers, over the shortest path (only what no
 * answer can hide, optional questions skipped) and the longest (everything).
 */
const SECONDS = {
  page: 10,
  choice: 8,
  row: 5,
  allocationRow: 10,
  number: 12,
  text: 40,
} as const;

function secondsFor(question: Question): number {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return SECONDS.choice;
    case 'grid':
      return SECONDS.choice + SECONDS.row * question.rows.length;
    case 'allocation':
      return SECONDS.choice + SECONDS.allocationRow * question.rows.length;
    case 'number':
      return SECONDS.number;
    case 'text':
      return SECONDS.text;
  }
}

export interface MinutesRange {
  readonly min: number;
  readonly max: number;
}

export function estimateMinutes(spec: Questionnaire): MinutesRange {
  let shortest = 0;
  let longest = 0;
  for (const section of spec.sections) {
    longest += SECONDS.page;
    const isAlwaysShown = section.visibleIf === undefined;
    if (isAlwaysShown) shortest += SECONDS.page;
    for (const question of section.questions) {
      const seconds = secondsFor(question);
      longest += seconds;
      const isAsked =
        isAlwaysShown &&
        question.visibleIf === undefined &&
        question.required !== false &&
        !(question.type === 'text' && question.specifies);
      if (isAsked) shortest += seconds;
    }
  }
  // Whole minutes, the lower rounded down and the upper up, and never a range of zero width.
  const min = Math.max(1, Math.floor(shortest / 60));
  return { min, max: Math.max(min + 1, Math.ceil(longest / 60)) };
}
