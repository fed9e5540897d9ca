import { scoreIndicators } from './scoring.ts';
import type { Answers, IndicatorItem, Questionnaire } from './types.ts';
import { computeVisibility } from './visibility.ts';

/** BM1: what the server keeps per response for publications: scores and peer-group answers, no free text. */
export interface RespondentSummary {
  readonly indicators: Readonly<Record<string, number | null>>;
  /** Scale items by question id (`question.row` for a grid row). */
  readonly items: Readonly<Record<string, number | null>>;
  /** Benchmark group id → the option this respondent chose. */
  readonly groups: Readonly<Record<string, string>>;
}

/** A scale item's key in a summary and in a publication: `question`, or `question.row` for a grid row; other rules have none. */
export function itemKey(item: IndicatorItem): string | undefined {
  if (item.rule !== 'scale') return undefined;
  return item.row === undefined ? item.question : `${item.question}.${item.row}`;
}

export function summarizeRespondent(spec: Questionnaire, answers: Answers): RespondentSummary {
  const scored = scoreIndicators(spec, answers);
  const items: Record<string, number | null> = {};
  for (const indicator of scored) {
    for (const { item, score } of indicator.items) {
      const key = itemKey(item);
      if (key !== undefined) items[key] = score;
    }
  }
  const { answers: visible } = computeVisibility(spec, answers);
  const groups: Record<string, string> = {};
  for (const group of spec.benchmarkGroups ?? []) {
    const value = visible[group.question];
    if (typeof value === 'string') groups[group.id] = value;
  }
  return { indicators: Object.fromEntries(scored.map((s) => [s.id, s.score])), items, groups };
}
