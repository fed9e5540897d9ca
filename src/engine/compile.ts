import { conditionReferences } from './conditions.ts';
import type { ChoiceOption, Condition, Question, Questionnaire, Section } from './types.ts';

export interface QuestionEntry {
  readonly question: Question;
  readonly section: Section;
  /** Resolved from inline options or the named scale; empty for non-choice questions. */
  readonly options: readonly ChoiceOption[];
  readonly optionIds: ReadonlySet<string>;
  readonly rowIds: ReadonlySet<string>;
  /** `visibleIf` joined with the implied condition of `specifies`. */
  readonly condition: Condition | undefined;
}

/** Look-up tables built once per questionnaire, so per-answer work is plain map reads. */
export interface CompiledQuestionnaire {
  readonly spec: Questionnaire;
  readonly entries: ReadonlyMap<string, QuestionEntry>;
  /** Questions in page order. */
  readonly questions: readonly QuestionEntry[];
  /** Questions ordered so that every question comes after those its visibility reads. */
  readonly evaluationOrder: readonly QuestionEntry[];
}

const cache = new WeakMap<Questionnaire, CompiledQuestionnaire>();

/**
 * Compiles a questionnaire that `parseQuestionnaire` accepted. The result is
 * memoised per spec object; specs are immutable values.
 */
export function compile(spec: Questionnaire): CompiledQuestionnaire {
  const cached = cache.get(spec);
  if (cached) return cached;
  const questions = spec.sections.flatMap((section) =>
    section.questions.map((question) => entryFor(spec, section, question)),
  );
  const entries = new Map(questions.map((e) => [e.question.id, e]));
  const compiled: CompiledQuestionnaire = {
    spec,
    entries,
    questions,
    evaluationOrder: orderByDependencies(questions, entries),
  };
  cache.set(spec, compiled);
  return compiled;
}

export function resolveOptions(spec: Questionnaire, question: Question): readonly ChoiceOption[] {
  if (question.type !== 'single' && question.type !== 'multiple' && question.type !== 'grid') {
    return [];
  }
  if (question.options) return question.options;
  if (question.scale !== undefined && spec.scales && Object.hasOwn(spec.scales, question.scale)) {
    return spec.scales[question.scale]?.options ?? [];
  }
  return [];
}

function entryFor(spec: Questionnaire, section: Section, question: Question): QuestionEntry {
  const options = resolveOptions(spec, question);
  const rows = question.type === 'grid' || question.type === 'allocation' ? question.rows : [];
  return {
    question,
    section,
    options,
    optionIds: new Set(options.map((o) => o.id)),
    rowIds: new Set(rows.map((r) => r.id)),
    condition: ownCondition(question),
  };
}

function ownCondition(question: Question): Condition | undefined {
  if (question.type !== 'text' || !question.specifies) return question.visibleIf;
  const implied: Condition = {
    equals: question.specifies.question,
    value: question.specifies.option,
  };
  return question.visibleIf ? { and: [implied, question.visibleIf] } : implied;
}

/** Every question the visibility of `question` (in its section) depends on. */
export function dependenciesOf(question: Question, section: Section): string[] {
  const conditions: Condition[] = [];
  if (section.visibleIf) conditions.push(section.visibleIf);
  const own = ownCondition(question);
  if (own) conditions.push(own);
  if (question.type === 'grid') {
    for (const row of question.rows) if (row.visibleIf) conditions.push(row.visibleIf);
  }
  return conditions.flatMap((c) => conditionReferences(c).map((r) => r.question));
}

function orderByDependencies(
  questions: readonly QuestionEntry[],
  entries: ReadonlyMap<string, QuestionEntry>,
): QuestionEntry[] {
  const ordered: QuestionEntry[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (entry: QuestionEntry): void => {
    const id = entry.question.id;
    if (done.has(id) || visiting.has(id)) return; // cycles are rejected by parseQuestionnaire
    visiting.add(id);
    for (const dep of dependenciesOf(entry.question, entry.section)) {
      const target = entries.get(dep);
      if (target) visit(target);
    }
    visiting.delete(id);
    done.add(id);
    ordered.push(entry);
  };
  questions.forEach(visit);
  return ordered;
}
