import { scoreIndicators } from './scoring.ts';
import type { Answers, Questionnaire } from './types.ts';
import { computeVisibility } from './visibility.ts';

/** What the server keeps per response for the benchmark: scores and peer-group answers, no free text. */
export interface RespondentSummary {
  readonly indicators: Readonly<Record<string, number | null>>;
  /** Scale items by question id (`question.row` for a grid row). */
  readonly items: Readonly<Record<string, number | null>>;
  /** Benchmark group id → the option this respondent chose. */
  readonly groups: Readonly<Record<string, string>>;
}

export interface MeanWithCount {
  /** Null when fewer than k respondents have a score (BM2). */
  readonly mean: number | null;
  readonly n: number;
}

export interface GroupBenchmark {
  readonly respondents: number;
  readonly indicators: Readonly<Record<string, MeanWithCount>>;
}

export interface Benchmark {
  readonly k: number;
  readonly respondents: number;
  readonly indicators: Readonly<Record<string, MeanWithCount>>;
  readonly items: Readonly<Record<string, MeanWithCount>>;
  /** Group id → option id → benchmark; only groups with at least k respondents. */
  readonly groups: Readonly<Record<string, Readonly<Record<string, GroupBenchmark>>>>;
}

export function summarizeRespondent(spec: Questionnaire, answers: Answers): RespondentSummary {
  const scored = scoreIndicators(spec, answers);
  const items: Record<string, number | null> = {};
  for (const indicator of scored) {
    for (const { item, score } of indicator.items) {
      if (item.rule === 'scale')
        items[item.row === undefined ? item.question : `${item.question}.${item.row}`] = score;
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

class Sums {
  private readonly sums = new Map<string, { sum: number; n: number }>();
  add(key: string, score: number | null | undefined) {
    if (typeof score !== 'number') return;
    const acc = this.sums.get(key) ?? { sum: 0, n: 0 };
    acc.sum += score;
    acc.n += 1;
    this.sums.set(key, acc);
  }
  result(keys: Iterable<string>, k: number): Record<string, MeanWithCount> {
    return Object.fromEntries(
      [...keys].map((key) => {
        const acc = this.sums.get(key) ?? { sum: 0, n: 0 };
        return [key, { mean: acc.n >= k && acc.n > 0 ? acc.sum / acc.n : null, n: acc.n }];
      }),
    );
  }
}

/**
 * BM1: the national figure per indicator is the mean of respondents' own
 * scores (AG1), partial responses included (AG2), with n; item means
 * likewise. BM2: below k respondents no mean is given. BM3: peer groups by
 * the questionnaire's benchmark groups, each shown only with k or more.
 */
export function benchmarkOf(
  spec: Questionnaire,
  summaries: Iterable<RespondentSummary>,
  k: number,
): Benchmark {
  const indicatorIds = (spec.indicators ?? []).map((i) => i.id);
  const national = new Sums();
  const items = new Sums();
  const itemKeys = new Set<string>();
  const groupSums = new Map<string, { sums: Sums; respondents: number }>();
  let respondents = 0;
  for (const summary of summaries) {
    respondents += 1;
    for (const id of indicatorIds) national.add(id, summary.indicators[id]);
    for (const [key, score] of Object.entries(summary.items)) {
      itemKeys.add(key);
      items.add(key, score);
    }
    for (const [group, option] of Object.entries(summary.groups)) {
      const key = `${group}\u0000${option}`;
      const acc = groupSums.get(key) ?? { sums: new Sums(), respondents: 0 };
      acc.respondents += 1;
      for (const id of indicatorIds) acc.sums.add(id, summary.indicators[id]);
      groupSums.set(key, acc);
    }
  }
  const groups: Record<string, Record<string, GroupBenchmark>> = {};
  for (const [key, acc] of groupSums) {
    if (acc.respondents < k) continue;
    const [group = '', option = ''] = key.split('\u0000');
    groups[group] = {
      ...groups[group],
      [option]: { respondents: acc.respondents, indicators: acc.sums.result(indicatorIds, k) },
    };
  }
  return {
    k,
    respondents,
    indicators: national.result(indicatorIds, k),
    items: items.result(itemKeys, k),
    groups,
  };
}
