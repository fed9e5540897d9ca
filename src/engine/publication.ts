import { aggregateProfiles, type IndicatorAggregate } from './aggregate.ts';
import { itemKey, type RespondentSummary } from './benchmark.ts';
import type { Questionnaire } from './types.ts';

/**
 * Published figures: what the national average and the peer groups may
 * show, decided from who contributes now and from every earlier
 * publication, so that no figure and no difference between figures
 * isolates fewer than k respondents. Rules PB1–PB9 in SPEC.md; the threat
 * model in PRIVACY.md.
 */

/** A published figure: a mean rounded to a whole number and how many it rests on (PB6). */
export interface PublishedFigure {
  readonly mean: number;
  readonly n: number;
}

export interface PublishedIndicator {
  /** The national figure; every indicator in a publication has one (PB2). */
  readonly national: PublishedFigure;
  /** Peer group option id → figure; only groups that pass PB2–PB4. */
  readonly groups: Readonly<Record<string, PublishedFigure>>;
  /** Scale item key → figure; all of an indicator's items or none (PB5). */
  readonly items: Readonly<Record<string, PublishedFigure>>;
  /** The publication whose contributors these figures describe: this one, or an earlier one they were kept from (PB8). */
  readonly from: number;
}

export interface PublicationFigures {
  readonly k: number;
  /** This publication's number, 1 for the first of a questionnaire. */
  readonly number: number;
  /** How many respondents contribute (PB1). */
  readonly respondents: number;
  /** The peer-group question (PB3), or null when the questionnaire has none. */
  readonly group: { readonly id: string; readonly question: string } | null;
  /** Indicators with published figures; an indicator missing here has too few answers. */
  readonly indicators: Readonly<Record<string, PublishedIndicator>>;
}

/**
 * What `GET /api/benchmarks/<questionnaire>` serves and the app caches: a
 * stored publication, the same from every server process until the next.
 */
export interface PublicationDocument extends PublicationFigures {
  readonly questionnaireId: string;
  readonly publishedAt: number;
  /** Simulated responses (`npm run seed:demo`) are included: test figures, not a round's. */
  readonly isSimulated: boolean;
  /** Publication number → when it was published, for every earlier publication a kept figure comes from. */
  readonly earlierDates: Readonly<Record<string, number>>;
}

/** One respondent's contribution: the summary and a key equal for equal summaries. */
export interface Contribution {
  readonly summary: RespondentSummary;
  readonly key: string;
}

export type Members = ReadonlyMap<string, Contribution>;

export interface PublicationInput {
  readonly spec: Questionnaire;
  readonly k: number;
  readonly contributors: Members;
  /** Every earlier publication of this questionnaire, any order. */
  readonly earlier: readonly PublicationFigures[];
  /** Who contributed to publication n; called only for numbers in `earlier`. */
  readonly membersOf: (number: number) => Members;
}

export type IndicatorOutcome =
  | { readonly kind: 'fresh'; readonly groupsWithheld: number; readonly itemsWithheld: boolean }
  | {
      readonly kind: 'kept';
      readonly from: number;
      readonly reason: 'too_few_changes' | 'unchanged';
    }
  | { readonly kind: 'withheld'; readonly reason: 'below_k' | 'too_few_changes' };

export type PublicationPlan =
  | {
      readonly isPublishable: true;
      readonly figures: PublicationFigures;
      /** Respondents added, removed or changed since the latest publication. */
      readonly changed: number;
      readonly outcomes: Readonly<Record<string, IndicatorOutcome>>;
    }
  | {
      readonly isPublishable: false;
      readonly reason: 'below_k' | 'too_few_changes' | 'nothing_new';
      /** Fewest respondents added, removed or changed against any earlier publication. */
      readonly changed: number;
      readonly respondents: number;
      readonly outcomes: Readonly<Record<string, IndicatorOutcome>>;
    };

/** A key equal for equal summaries whatever the order their fields were written in. */
export function summaryKey(summary: RespondentSummary): string {
  const sorted = (record: Readonly<Record<string, unknown>>) =>
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key]]);
  return JSON.stringify([
    sorted(summary.indicators),
    sorted(summary.items),
    sorted(summary.groups),
  ]);
}

const NO_GROUP = '\u0000none';

/** One indicator's aggregates (AG1), nationally and per peer-group cell. */
interface IndicatorTotals {
  national: IndicatorAggregate;
  cells: Map<string, IndicatorAggregate>;
}

const cellOf = (summary: RespondentSummary, groupId: string | undefined) =>
  (groupId === undefined ? undefined : summary.groups[groupId]) ?? NO_GROUP;

/** PB6: a whole number; only called for aggregates with a mean. */
const figure = ({ mean, n }: IndicatorAggregate): PublishedFigure => ({
  mean: Math.round(mean ?? 0),
  n,
});

const NO_AGGREGATE: IndicatorAggregate = { mean: null, n: 0 };

const isIsolating = (changed: number, k: number) => changed > 0 && changed < k;

/**
 * How many respondents' contribution to a block of peer-group cells differs
 * between two member sets: added, removed, moved in or out of the block, or
 * a different score. Only ids in `differing` can differ.
 */
function changedIn(
  differing: readonly string[],
  before: Members,
  after: Members,
  value: (summary: RespondentSummary) => number | null | undefined,
  isInBlock: (summary: RespondentSummary) => boolean,
): number {
  let changed = 0;
  for (const id of differing) {
    const a = before.get(id)?.summary;
    const b = after.get(id)?.summary;
    const va = a && isInBlock(a) ? (value(a) ?? undefined) : undefined;
    const vb = b && isInBlock(b) ? (value(b) ?? undefined) : undefined;
    if (va !== vb) changed += 1;
  }
  return changed;
}

/** Ids whose contribution differs in any way between two member sets. */
function differingIds(before: Members, after: Members): string[] {
  const ids: string[] = [];
  for (const [id, contribution] of after)
    if (before.get(id)?.key !== contribution.key) ids.push(id);
  for (const id of before.keys()) if (!after.has(id)) ids.push(id);
  return ids;
}

/**
 * PB1–PB9: the figures a new publication may show, or why none may appear
 * yet. Pure: the caller supplies contributors, earlier publications and
 * their members.
 */
export function planPublication(input: PublicationInput): PublicationPlan {
  const { spec, k, contributors } = input;
  const earlier = [...input.earlier].sort((a, b) => a.number - b.number);
  const latest = earlier.at(-1);
  const number = (latest?.number ?? 0) + 1;
  const group = spec.benchmarkGroups?.[0];
  const groupId = group?.id;

  const differing = new Map<number, string[]>();
  const differingFrom = (source: number) => {
    let ids = differing.get(source);
    if (!ids) {
      ids = differingIds(input.membersOf(source), contributors);
      differing.set(source, ids);
    }
    return ids;
  };

  // PB7: against every earlier publication, at least k respondents were added, removed or changed.
  const changedAgainst = earlier.map((e) => differingFrom(e.number).length);
  const changed = changedAgainst.at(-1) ?? contributors.size;
  const fewestChanged = Math.min(changed, ...changedAgainst);

  const outcomes: Record<string, IndicatorOutcome> = {};
  const indicators: Record<string, PublishedIndicator> = {};
  const keptFrom = (id: string): PublishedIndicator | undefined => {
    for (let i = earlier.length - 1; i >= 0; i--) {
      const found = earlier[i]?.indicators[id];
      if (found) return found;
    }
    return undefined;
  };

  // AG1/AG2: the same aggregation as everywhere, nationally and per peer-group cell.
  const indicatorIds = (spec.indicators ?? []).map((i) => i.id);
  const byCell = new Map<string, RespondentSummary['indicators'][]>();
  for (const { summary } of contributors.values()) {
    const cell = cellOf(summary, groupId);
    const profiles = byCell.get(cell);
    if (profiles) profiles.push(summary.indicators);
    else byCell.set(cell, [summary.indicators]);
  }
  const national = aggregateProfiles(
    indicatorIds,
    [...contributors.values()].map((c) => c.summary.indicators),
  );
  const cellAggregates = new Map(
    [...byCell].map(([cell, profiles]) => [cell, aggregateProfiles(indicatorIds, profiles)]),
  );

  for (const id of indicatorIds) {
    const totals: IndicatorTotals = {
      national: national[id] ?? NO_AGGREGATE,
      cells: new Map([...cellAggregates].map(([cell, agg]) => [cell, agg[id] ?? NO_AGGREGATE])),
    };

    const fresh = fewestChanged >= k ? freshIndicator(id, totals) : undefined;
    if (fresh && fresh !== 'unchanged') {
      indicators[id] = fresh.figures;
      outcomes[id] = {
        kind: 'fresh',
        groupsWithheld: fresh.groupsWithheld,
        itemsWithheld: fresh.itemsWithheld,
      };
      continue;
    }
    const kept = keptFrom(id);
    if (kept) {
      indicators[id] = kept;
      outcomes[id] = {
        kind: 'kept',
        from: kept.from,
        reason: fresh === 'unchanged' ? 'unchanged' : 'too_few_changes',
      };
    } else {
      outcomes[id] = {
        kind: 'withheld',
        reason: totals.national.n < k ? 'below_k' : 'too_few_changes',
      };
    }
  }

  const hasFresh = Object.values(outcomes).some((o) => o.kind === 'fresh');
  if (contributors.size < k || fewestChanged < k || !hasFresh) {
    const reason =
      contributors.size < k || (!hasFresh && Object.values(outcomes).every(isBelowK))
        ? 'below_k'
        : fewestChanged < k && changed > 0
          ? 'too_few_changes'
          : 'nothing_new';
    return {
      isPublishable: false,
      reason,
      changed: fewestChanged,
      respondents: contributors.size,
      outcomes,
    };
  }
  return {
    isPublishable: true,
    changed,
    outcomes,
    figures: {
      k,
      number,
      respondents: contributors.size,
      group: group ? { id: group.id, question: group.question } : null,
      indicators,
    },
  };

  /**
   * PB2–PB5, then PB8 against every earlier publication that showed this
   * indicator: peer groups are dropped until no block of cells changed for
   * fewer than k; if the national figure itself would isolate fewer than k,
   * the indicator is not fresh.
   */
  function freshIndicator(
    id: string,
    totals: IndicatorTotals,
  ):
    | { figures: PublishedIndicator; groupsWithheld: number; itemsWithheld: boolean }
    | 'unchanged'
    | undefined {
    if (totals.national.n < k) return undefined;
    const score = (s: RespondentSummary) => s.indicators[id];
    // PB2: a peer group needs k scores.
    const published = new Set(
      [...totals.cells]
        .filter(([cell, acc]) => cell !== NO_GROUP && acc.n >= k)
        .map(([cell]) => cell),
    );
    const candidateCells = published.size;
    // PB3: the national figure minus the published groups is itself a figure; it needs 0 or k scores.
    const poolSize = () =>
      totals.national.n -
      [...published].reduce((sum, cell) => sum + (totals.cells.get(cell)?.n ?? 0), 0);
    const dropSmallest = () => {
      const smallest = [...published].sort(
        (a, b) => (totals.cells.get(a)?.n ?? 0) - (totals.cells.get(b)?.n ?? 0),
      )[0];
      if (smallest !== undefined) published.delete(smallest);
    };
    while (isIsolating(poolSize(), k)) dropSmallest();

    // PB8: earlier publications of this indicator, once per (members, groups shown).
    const seen = new Set<string>();
    const comparisons = earlier
      .map((e) => e.indicators[id])
      .filter((shown): shown is PublishedIndicator => shown !== undefined)
      .filter((shown) => {
        const signature = `${shown.from}:${Object.keys(shown.groups).sort().join(',')}`;
        if (seen.has(signature)) return false;
        seen.add(signature);
        return true;
      });

    for (let isStable = false; !isStable;) {
      isStable = true;
      for (const shown of comparisons) {
        const before = input.membersOf(shown.from);
        const ids = differingFrom(shown.from);
        const common = [...published].filter((cell) => Object.hasOwn(shown.groups, cell));
        const changedInCell = (cells: ReadonlySet<string>, isInside: boolean) =>
          changedIn(
            ids,
            before,
            contributors,
            score,
            (s) => cells.has(cellOf(s, groupId)) === isInside,
          );
        const failing = common.find((cell) => isIsolating(changedInCell(new Set([cell]), true), k));
        if (failing !== undefined) {
          published.delete(failing);
          isStable = false;
          break;
        }
        // The rest: national minus the groups both publications show.
        if (isIsolating(changedInCell(new Set(common), false), k)) {
          if (common.length === 0) return undefined;
          const mostChanged = common
            .map((cell) => ({ cell, changed: changedInCell(new Set([cell]), true) }))
            .sort((a, b) => b.changed - a.changed)[0];
          if (mostChanged) published.delete(mostChanged.cell);
          isStable = false;
          break;
        }
      }
    }

    // Nothing this indicator shows changed since the latest publication that showed it: keep that one.
    const latestShown = earlier.at(-1)?.indicators[id];
    if (latestShown) {
      const before = input.membersOf(latestShown.from);
      const ids = differingFrom(latestShown.from);
      if (changedIn(ids, before, contributors, score, () => true) === 0) return 'unchanged';
    }

    const items = freshItems(id, comparisons);
    const groups: Record<string, PublishedFigure> = {};
    for (const cell of [...published].sort()) {
      const acc = totals.cells.get(cell);
      if (acc) groups[cell] = figure(acc);
    }
    return {
      figures: {
        national: figure(totals.national),
        groups,
        items: items ?? {},
        from: number,
      },
      groupsWithheld: candidateCells - published.size,
      itemsWithheld: items === undefined && itemKeysOf(id) !== undefined,
    };
  }

  /** Scale item keys of an indicator, or undefined when it has items of another rule (PB5). */
  function itemKeysOf(id: string): string[] | undefined {
    const indicator = spec.indicators?.find((i) => i.id === id);
    const keys = indicator?.items.map(itemKey);
    return keys?.every((key) => key !== undefined) ? keys : undefined;
  }

  /** PB5: every item of the indicator has 0 or at least k scores and passes PB8, or no item is shown. */
  function freshItems(
    id: string,
    comparisons: readonly PublishedIndicator[],
  ): Record<string, PublishedFigure> | undefined {
    const keys = itemKeysOf(id);
    if (!keys) return undefined;
    const result: Record<string, PublishedFigure> = {};
    const aggregates = aggregateProfiles(
      keys,
      [...contributors.values()].map((c) => c.summary.items),
    );
    for (const key of keys) {
      const aggregate = aggregates[key] ?? NO_AGGREGATE;
      if (isIsolating(aggregate.n, k)) return undefined;
      if (aggregate.n > 0) result[key] = figure(aggregate);
    }
    for (const shown of comparisons) {
      if (Object.keys(shown.items).length === 0) continue;
      const before = input.membersOf(shown.from);
      const ids = differingFrom(shown.from);
      for (const key of keys) {
        const changed = changedIn(
          ids,
          before,
          contributors,
          (s) => s.items[key],
          () => true,
        );
        if (isIsolating(changed, k)) return undefined;
      }
    }
    return Object.keys(result).length > 0 ? result : undefined;
  }
}

const isBelowK = (outcome: IndicatorOutcome) =>
  outcome.kind === 'withheld' && outcome.reason === 'below_k';
