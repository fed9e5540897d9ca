import {
  parseQuestionnaire,
  type Answers,
  type AnswerValue,
  type Questionnaire,
} from '../src/engine/index.ts';

/**
 * A 300-question questionnaire shaped like the barometer but ten times
 * larger: 30 pages of 10 questions, every third page behind a gate, nested
 * follow-ups, grids, allocations, «Annet» texts and exclusive options.
 */
const t = (s: string) => ({ nb: s, nn: s });
const L4 = ['1', '2', '3', '4'].map((id, i) => ({ id: `o${id}`, score: i + 1, text: t(id) }));

export function syntheticSpec(pages = 30): Questionnaire {
  const sections = Array.from({ length: pages }, (_, p) => {
    const q = (n: number) => `p${p}.q${n}`;
    const gate = p > 0 && p % 3 === 0 ? { equals: `p${p - 1}.q0`, value: 'ja' } : undefined;
    const questions: unknown[] = [
      { id: q(0), type: 'single', scale: 'JN', text: t('Gate') },
      {
        id: q(1),
        type: 'multiple',
        text: t('Partnere'),
        options: [
          ...Array.from({ length: 10 }, (_, i) => ({ id: `p${i}`, text: t(`P${i}`) })),
          { id: 'annet', text: t('Annet') },
          { id: 'nei', exclusive: true, text: t('Nei') },
        ],
      },
      {
        id: q(2),
        type: 'text',
        maxLength: 200,
        text: t('Annet'),
        specifies: { question: q(1), option: 'annet' },
      },
      {
        id: q(3),
        type: 'single',
        scale: 'L4',
        text: t('Påstand'),
        visibleIf: { equals: q(1), value: 'p3' },
      },
      {
        id: q(4),
        type: 'grid',
        scale: 'L4',
        text: t('Grid'),
        rows: Array.from({ length: 6 }, (_, i) => ({
          id: `r${i}`,
          text: t(`R${i}`),
          ...(i === 5 ? { visibleIf: { equals: q(0), value: 'ja' } } : {}),
        })),
      },
      {
        id: q(5),
        type: 'allocation',
        text: t('Fordel'),
        rows: [
          { id: 'a', text: t('A') },
          { id: 'b', text: t('B') },
          { id: 'c', text: t('C') },
        ],
      },
      { id: q(6), type: 'number', min: 0, max: 1000, integer: true, text: t('Antall') },
      {
        id: q(7),
        type: 'single',
        scale: 'L4',
        text: t('Påstand'),
        visibleIf: {
          and: [
            { equals: q(0), value: 'ja' },
            { count: q(1), min: 2 },
          ],
        },
      },
      { id: q(8), type: 'single', scale: 'L4', text: t('Påstand') },
      { id: q(9), type: 'text', maxLength: 2000, required: false, text: t('Fritekst') },
    ];
    return { id: `s${p}`, title: t(`Side ${p}`), questions, ...(gate ? { visibleIf: gate } : {}) };
  });
  const parsed = parseQuestionnaire({
    id: 'synthetic',
    version: 1,
    title: t('Synthetic'),
    provenance: { completeness: 'partial', note: t('Benchmark only') },
    scales: {
      L4: { options: [...L4, { id: 'vet_ikke', text: t('Vet ikke') }] },
      JN: {
        options: [
          { id: 'ja', text: t('Ja') },
          { id: 'nei', text: t('Nei') },
        ],
      },
    },
    sections,
    indicators: [
      {
        id: 'i1',
        name: t('I1'),
        description: t('I1'),
        items: Array.from({ length: pages }, (_, p) => ({ rule: 'scale', question: `p${p}.q8` })),
      },
    ],
    benchmarkGroups: [{ id: 'size', question: 'p0.q0', name: t('Gruppe') }],
  });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return parsed.value;
}

/** One respondent's answers in the order given, for replaying answer changes. */
export function answerSequence(spec: Questionnaire): [string, AnswerValue][] {
  const sequence: [string, AnswerValue][] = [];
  for (const section of spec.sections) {
    for (const question of section.questions) {
      const id = question.id;
      switch (question.type) {
        case 'single':
          sequence.push([id, question.scale === 'JN' ? 'ja' : 'o3']);
          break;
        case 'multiple':
          sequence.push([id, ['p1', 'p3', 'annet']]);
          break;
        case 'grid':
          sequence.push([id, Object.fromEntries(question.rows.map((r) => [r.id, 'o4']))]);
          break;
        case 'allocation':
          sequence.push([id, { a: 50, b: 30, c: 20 }]);
          break;
        case 'number':
          sequence.push([id, 12]);
          break;
        case 'text':
          sequence.push([id, 'Et svar']);
          break;
      }
    }
  }
  return sequence;
}

export type { Answers };
