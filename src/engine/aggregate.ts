import type { IndicatorProfile } from './scoring.ts';

export interface IndicatorAggregate {
  /** Mean over the respondents who have a score; null when none has. */
  readonly mean: number | null;
  /** How many respondents the mean rests on. */
  readonly n: number;
}

/**
 * AG1: the average of respondents' own indicator scores (A2: the mean of
 * respondent means), so a person's profile and the national figure are on
 * the same footing. Respondents without a score for an indicator do not count
 * towards its n. Partial responses are passed in like complete ones (AG2).
 */
export function aggregateProfiles(
  indicatorIds: readonly string[],
  profiles: Iterable<IndicatorProfile>,
): Record<string, IndicatorAggregate> {
  const sums = new Map(indicatorIds.map((id) => [id, { sum: 0, n: 0 }]));
  for (const profile of profiles) {
    for (const [id, acc] of sums) {
      const score = Object.hasOwn(profile, id) ? profile[id] : null;
      if (typeof score !== 'number') continue;
      acc.sum += score;
      acc.n += 1;
    }
  }
  return Object.fromEntries(
    [...sums].map(([id, { sum, n }]) => [id, { mean: n === 0 ? null : sum / n, n }]),
  );
}
