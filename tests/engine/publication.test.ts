import { describe, expect, it } from 'vitest';
import {
  planPublication,
  summarizeRespondent,
  summaryKey,
  type Contribution,
  type Members,
  type PublicationFigures,
} from '../../src/engine/index.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';

/**
 * PB2–PB8 in SPEC.md, tried as an attacker would: every test publishes,
 * changes what one or a few respondents gave, and checks that no figure and
 * no difference between figures rests on fewer than k respondents.
 */
const spec = inlineSpec(
  [
    {
      id: 's',
      title: t('S'),
      questions: [
        {
          id: 'ansatte',
          type: 'single',
          text: t('Ansatte'),
          options: [
            { id: 'lt10', text: t('<10') },
            { id: 'mellom', text: t('10–49') },
            { id: 'stor', text: t('50+') },
          ],
        },
        { id: 'gate', type: 'single', scale: 'JN', text: t('Gate') },
        likert('k1'),
        likert('k2'),
        likert('f1', { visibleIf: { equals: 'gate', value: 'ja' } }),
      ],
    },
  ],
  {
    indicators: [
      {
        id: 'kultur',
        name: t('K'),
        description: t('K'),
        items: [
          { rule: 'scale', question: 'k1' },
          { rule: 'scale', question: 'k2' },
        ],
      },
      {
        id: 'forsok',
        name: t('F'),
        description: t('F'),
        items: [{ rule: 'scale', question: 'f1' }],
      },
    ],
    benchmarkGroups: [{ id: 'ansatte', question: 'ansatte', name: t('Ansatte') }],
  },
);

const K = 5;
type Given = Record<string, string>;
const SCALE = ['helt_uenig', 'delvis_uenig', 'delvis_enig', 'helt_enig'] as const;

const contribution = (answers: Given): Contribution => {
  const summary = summarizeRespondent(spec, answers);
  return { summary, key: summaryKey(summary) };
};

const full = (i: number, group = 'stor'): Given => ({
  ansatte: group,
  gate: 'ja',
  k1: SCALE[i % 4] ?? 'helt_enig',
  k2: SCALE[(i + 1) % 4] ?? 'helt_enig',
  f1: SCALE[(i + 2) % 4] ?? 'helt_enig',
});

/** A round: who contributes now, and every publication made so far with its members. */
class Round {
  readonly current = new Map<string, Contribution>();
  readonly publications: { figures: PublicationFigures; members: Members }[] = [];

  set(id: string, answers: Given) {
    this.current.set(id, contribution(answers));
    return this;
  }
  remove(id: string) {
    this.current.delete(id);
    return this;
  }
  plan() {
    return planPublication({
      spec,
      k: K,
      contributors: new Map(this.current),
      earlier: this.publications.map((p) => p.figures),
      membersOf: (n) => {
        const found = this.publications.find((p) => p.figures.number === n);
        if (!found) throw new Error(`asked for members of unknown publication ${n}`);
        return found.members;
      },
    });
  }
  publish(): PublicationFigures {
    const plan = this.plan();
    if (!plan.isPublishable) throw new Error(`not publishable: ${plan.reason}`);
    this.publications.push({ figures: plan.figures, members: new Map(this.current) });
    return plan.figures;
  }
}

const respondents = (round: Round, from: number, count: number, group = 'stor', gate = 'ja') => {
  for (let i = from; i < from + count; i++) round.set(`r${i}`, { ...full(i, group), gate });
  return round;
};

describe('planPublication', () => {
  it('PB2: fewer than k respondents publish nothing; k publish whole-number means with n', () => {
    const round = respondents(new Round(), 0, 4);
    expect(round.plan()).toMatchObject({ isPublishable: false, reason: 'below_k' });
    round.set('r4', full(4));
    const figures = round.publish();
    expect(figures.respondents).toBe(5);
    const kultur = figures.indicators.kultur;
    expect(kultur?.national.n).toBe(5);
    expect(Number.isInteger(kultur?.national.mean)).toBe(true);
    expect(kultur?.groups).toEqual({ stor: kultur?.national });
  });

  it('PB7: one more save after a publication makes no new one (differencing around one save)', () => {
    const round = respondents(new Round(), 0, 10);
    round.publish();
    round.set('victim', full(3));
    expect(round.plan()).toMatchObject({
      isPublishable: false,
      reason: 'too_few_changes',
      changed: 1,
    });
    respondents(round, 20, 3);
    expect(round.plan()).toMatchObject({ isPublishable: false, changed: 4 });
    respondents(round, 30, 1);
    expect(round.plan()).toMatchObject({ isPublishable: true, changed: 5 });
  });

  it('PB7: one changed answer makes no new publication (differencing around one change)', () => {
    const round = respondents(new Round(), 0, 10);
    round.publish();
    round.set('r3', { ...full(3), k1: 'helt_uenig', k2: 'helt_uenig' });
    expect(round.plan()).toMatchObject({ isPublishable: false, changed: 1 });
    round.remove('r4');
    expect(round.plan()).toMatchObject({ isPublishable: false, changed: 2 });
  });

  it('PB7: a change undone later does not let publication 1 and 3 differ by fewer than k', () => {
    const round = respondents(new Round(), 0, 10);
    round.publish();
    // r0–r4 change; publication 2.
    for (let i = 0; i < 5; i++) round.set(`r${i}`, { ...full(i), f1: 'vet_ikke' });
    round.publish();
    // r0–r3 change back and one new respondent arrives: 5 against publication 2, but only 2 against 1.
    for (let i = 0; i < 4; i++) round.set(`r${i}`, full(i));
    round.set('new', full(7));
    expect(round.plan()).toMatchObject({ isPublishable: false, changed: 2 });
  });

  it('PB8: an indicator only a few of the new respondents answered keeps its earlier figure', () => {
    const round = respondents(new Round(), 0, 10);
    const first = round.publish();
    // Five new respondents; only one of them reaches «forsok» (the others answered «Nei» at the gate).
    respondents(round, 10, 4, 'stor', 'nei');
    respondents(round, 14, 1);
    const plan = round.plan();
    expect(plan.isPublishable).toBe(true);
    if (!plan.isPublishable) return;
    expect(plan.outcomes.forsok).toEqual({ kind: 'kept', from: 1, reason: 'too_few_changes' });
    expect(plan.figures.indicators.forsok).toEqual(first.indicators.forsok);
    expect(plan.figures.indicators.kultur?.from).toBe(2);
    expect(plan.figures.indicators.kultur?.national.n).toBe(15);
  });

  it('PB3: national minus the published groups never leaves fewer than k (complementary groups)', () => {
    const round = new Round();
    respondents(round, 0, 6, 'lt10');
    respondents(round, 10, 7, 'stor');
    respondents(round, 20, 2, 'mellom');
    const figures = round.publish();
    for (const indicator of Object.values(figures.indicators)) {
      const shown = Object.values(indicator.groups).reduce((sum, g) => sum + g.n, 0);
      const rest = indicator.national.n - shown;
      expect(rest === 0 || rest >= K).toBe(true);
      expect(indicator.groups.mellom).toBeUndefined();
    }
    // The two-person group and the smaller of the others are both hidden: 6 + 2 behind the national figure.
    expect(Object.keys(figures.indicators.kultur?.groups ?? {})).toEqual(['stor']);
  });

  it('PB3: respondents without a peer group count in the rest', () => {
    const round = new Round();
    respondents(round, 0, 6, 'lt10');
    round.set('x', { gate: 'ja', k1: 'helt_enig', k2: 'helt_enig', f1: 'helt_enig' });
    const figures = round.publish();
    expect(figures.indicators.kultur?.national.n).toBe(7);
    expect(figures.indicators.kultur?.groups).toEqual({});
  });

  it('PB8: one group minus the same group earlier never isolates fewer than k (group differencing)', () => {
    const round = new Round();
    respondents(round, 0, 5, 'lt10');
    respondents(round, 10, 5, 'stor');
    const first = round.publish();
    expect(Object.keys(first.indicators.kultur?.groups ?? {})).toEqual(['lt10', 'stor']);
    // Four new in «stor», one in «lt10»: both groups would move by fewer than k.
    respondents(round, 20, 4, 'stor');
    respondents(round, 30, 1, 'lt10');
    const plan = round.plan();
    expect(plan.isPublishable).toBe(true);
    if (!plan.isPublishable) return;
    const kultur = plan.figures.indicators.kultur;
    expect(kultur?.from).toBe(2);
    expect(kultur?.groups).toEqual({});
    expect(plan.outcomes.kultur).toMatchObject({ kind: 'fresh', groupsWithheld: 2 });
  });

  it('PB8: a respondent moving between groups counts as a change in both', () => {
    const round = new Round();
    respondents(round, 0, 6, 'lt10');
    respondents(round, 10, 6, 'stor');
    round.publish();
    round.set('r0', full(0, 'stor'));
    respondents(round, 40, 5, 'mellom');
    const plan = round.plan();
    expect(plan.isPublishable).toBe(true);
    if (!plan.isPublishable) return;
    // r0 left lt10 and joined stor: each group changed by one, so neither may be shown beside
    // publication 1; the new group «mellom» differs from publication 1 only inside the national rest.
    expect(Object.keys(plan.figures.indicators.kultur?.groups ?? {})).toEqual(['mellom']);
  });

  it('PB4: only the first benchmark group forms peer groups', () => {
    const twoGroupings = inlineSpec(
      [
        {
          id: 's',
          title: t('S'),
          questions: [
            { id: 'a', type: 'single', scale: 'JN', text: t('A') },
            { id: 'b', type: 'single', scale: 'JN', text: t('B') },
            likert('k1'),
          ],
        },
      ],
      {
        indicators: [
          {
            id: 'i',
            name: t('I'),
            description: t('I'),
            items: [{ rule: 'scale', question: 'k1' }],
          },
        ],
        benchmarkGroups: [
          { id: 'first', question: 'a', name: t('A') },
          { id: 'second', question: 'b', name: t('B') },
        ],
      },
    );
    const contributors = new Map<string, Contribution>();
    for (let i = 0; i < 10; i++) {
      const summary = summarizeRespondent(twoGroupings, {
        a: i < 5 ? 'ja' : 'nei',
        b: i % 2 ? 'ja' : 'nei',
        k1: 'helt_enig',
      });
      contributors.set(`r${i}`, { summary, key: summaryKey(summary) });
    }
    const plan = planPublication({
      spec: twoGroupings,
      k: K,
      contributors,
      earlier: [],
      membersOf: () => new Map(),
    });
    if (!plan.isPublishable) throw new Error('expected a publication');
    expect(plan.figures.group).toEqual({ id: 'first', question: 'a' });
    expect(Object.keys(plan.figures.indicators.i?.groups ?? {})).toEqual(['ja', 'nei']);
  });

  it('PB5: an indicator shows its items only when every item has 0 or at least k scores', () => {
    const round = respondents(new Round(), 0, 6);
    round.set('r0', { ...full(0), k2: 'vet_ikke' });
    round.set('r1', { ...full(1), k2: 'vet_ikke' });
    const figures = round.publish();
    // k2 rests on 4 scores: neither k1 nor k2 is shown, so kultur − k1 cannot give k2.
    expect(figures.indicators.kultur?.items).toEqual({});
    expect(figures.indicators.forsok?.items.f1?.n).toBe(6);
  });

  it('a publication with nothing fresh is not made', () => {
    const round = respondents(new Round(), 0, 10);
    round.publish();
    // Five respondents without scores join: nothing any figure could show changed.
    for (let i = 0; i < 5; i++) round.set(`blank${i}`, { ansatte: 'stor' });
    expect(round.plan()).toMatchObject({ isPublishable: false, reason: 'nothing_new' });
  });

  it('no pair of publications in a long random round lets a block differ by fewer than k (audit)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
    const round = new Round();
    let published = 0;
    for (let step = 0; step < 400; step++) {
      const id = `r${Math.floor(random() * 40)}`;
      if (random() < 0.1) round.remove(id);
      else {
        const answers: Given = {
          ansatte: pick(['lt10', 'mellom', 'stor']),
          gate: pick(['ja', 'nei']),
        };
        for (const q of ['k1', 'k2', 'f1'])
          if (random() < 0.85) answers[q] = pick([...SCALE, 'vet_ikke']);
        round.set(id, answers);
      }
      if (round.plan().isPublishable) {
        round.publish();
        published += 1;
      }
    }
    expect(published).toBeGreaterThan(5);
    const membersOf = (n: number): Members =>
      round.publications.find((p) => p.figures.number === n)?.members ??
      new Map<string, Contribution>();
    for (const { figures } of round.publications) {
      for (const indicator of Object.values(figures.indicators)) {
        for (const g of Object.values(indicator.groups)) expect(g.n).toBeGreaterThanOrEqual(K);
        expect(indicator.national.n).toBeGreaterThanOrEqual(K);
      }
    }
    for (const a of round.publications) {
      for (const b of round.publications) {
        if (a.figures.number >= b.figures.number) continue;
        for (const id of ['kultur', 'forsok']) {
          const x = a.figures.indicators[id];
          const y = b.figures.indicators[id];
          if (!x || !y || x.from === y.from) continue;
          const before = membersOf(x.from);
          const after = membersOf(y.from);
          const common = Object.keys(x.groups).filter((g) => Object.hasOwn(y.groups, g));
          const blocks = [
            ...common.map((g) => (c: string) => c === g),
            (c: string) => !common.includes(c),
          ];
          for (const isIn of blocks) {
            let changed = 0;
            for (const rid of new Set([...before.keys(), ...after.keys()])) {
              const value = (m: Members) => {
                const s = m.get(rid)?.summary;
                return s && isIn(s.groups.ansatte ?? '')
                  ? (s.indicators[id] ?? undefined)
                  : undefined;
              };
              if (value(before) !== value(after)) changed += 1;
            }
            expect(changed === 0 || changed >= K).toBe(true);
          }
        }
      }
    }
  });
});
