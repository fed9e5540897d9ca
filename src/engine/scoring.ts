import { isRecord, isStringList } from './answerValues.ts';
import { compile, type QuestionEntry } from './compile.ts';
import type { AnswerValue, Answers, IndicatorItem, Questionnaire } from './types.ts';
import { computeVisibility } from './visibility.ts';

export interface ItemScore {
  readonly item: IndicatorItem;
  /** 0–100, or null when the item is unanswered, hidden or answered «Vet ikke» (SC0). */
  readonly score: number | null;
}

export interface IndicatorScore {
  readonly id: string;
  readonly score: number | null;
  readonly items: readonly ItemScore[];
}

/** Indicator id → 0–100 score, or null where no item has a score. */
export type IndicatorProfile = Readonly<Record<string, number | null>>;

/**
 * SC8: every indicator of the questionnaire for one respondent. Only the
 * answers of visible questions are read, so hidden items are missing, never 0.
 */
export function scoreIndicators(spec: Questionnaire, answers: Answers): IndicatorScore[] {
  const { answers: visible } = computeVisibility(spec, answers);
  const { entries } = compile(spec);
  return (spec.indicators ?? []).map((indicator) => {
    const items = indicator.items.map((item) => ({
      item,
      score: scoreItem(item, visible, entries),
    }));
    return { id: indicator.id, score: mean(items.map((i) => i.score)), items };
  });
}

export function indicatorProfile(spec: Questionnaire, answers: Answers): IndicatorProfile {
  return Object.fromEntries(scoreIndicators(spec, answers).map((s) => [s.id, s.score]));
}

function scoreItem(
  item: IndicatorItem,
  answers: Answers,
  entries: ReadonlyMap<string, QuestionEntry>,
): number | null {
  const read = (id: string): AnswerValue | undefined =>
    Object.hasOwn(answers, id) ? answers[id] : undefined;
  const value = read(item.question);
  switch (item.rule) {
    case 'scale': {
      const cell = item.row === undefined ? value : isRecord(value) ? value[item.row] : undefined;
      return typeof cell === 'string' ? scaleScore(entries.get(item.question), cell) : null;
    }
    case 'count': {
      if (!isStringList(value) || value.length === 0) return null;
      if (value.some((v) => item.missing.includes(v))) return null;
      if (value.some((v) => item.zero.includes(v))) return 0;
      return countScore(value.length, item);
    }
    case 'tick': {
      if (!isStringList(value) || value.length === 0) return null;
      if (value.some((v) => item.missing.includes(v))) return null;
      return value.includes(item.option) ? 100 : 0;
    }
    case 'points':
      return typeof value === 'string' && Object.hasOwn(item.points, value)
        ? (item.points[value] ?? null)
        : null;
    case 'gatedCount': {
      const gate = read(item.gate);
      if (gate === item.no) return 0;
      if (gate !== item.yes) return null;
      return countScore(isStringList(value) ? value.length : 0, item);
    }
    case 'max': {
      if (!isRecord(value)) return null;
      const entry = entries.get(item.question);
      const scores = Object.values(value)
        .map((cell) => (typeof cell === 'string' ? scaleScore(entry, cell) : null))
        .filter((s): s is number => s !== null);
      return scores.length === 0 ? null : Math.max(...scores);
    }
  }
}

/** SC2/SC3/SC6: one tick gives `base`, each further one `step`, `fullAt` or more give 100. */
function countScore(n: number, rule: { base: number; step: number; fullAt: number }): number {
  if (n >= rule.fullAt) return 100;
  return Math.min(100, rule.base + rule.step * Math.max(0, n - 1));
}

/** SC1: the option's place on its scale, lowest → 0 and highest → 100; unscored → null. */
function scaleScore(entry: QuestionEntry | undefined, optionId: string): number | null {
  if (!entry) return null;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  let own: number | undefined;
  for (const option of entry.options) {
    if (option.score === undefined) continue;
    low = Math.min(low, option.score);
    high = Math.max(high, option.score);
    if (option.id === optionId) own = option.score;
  }
  if (own === undefined || high === low) return null;
  return ((own - low) / (high - low)) * 100;
}

/** The mean of the scores present; null if there are none. */
export function mean(scores: readonly (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const s of scores) {
    if (s === null) continue;
    sum += s;
    n += 1;
  }
  return n === 0 ? null : sum / n;
}
