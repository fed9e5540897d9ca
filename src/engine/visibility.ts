import { isRecord } from './answerValues.ts';
import { compile } from './compile.ts';
import { evaluateCondition } from './conditions.ts';
import type { AnswerValue, Answers, Questionnaire } from './types.ts';

export interface Visibility {
  readonly sections: ReadonlySet<string>;
  readonly questions: ReadonlySet<string>;
  /** Grid rows hidden by their own condition, per visible grid question. */
  readonly hiddenRows: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * The answers that count: those of visible questions, without hidden grid
   * rows. Only these are validated, scored and submitted (SK4); the draft
   * keeps the rest so that changing one's mind restores them.
   */
  readonly answers: Answers;
}

/** SK2–SK5: which sections, questions and rows are shown for these answers. */
export function computeVisibility(spec: Questionnaire, answers: Answers): Visibility {
  const compiled = compile(spec);
  const effective: Record<string, AnswerValue> = {};
  const sectionShown = new Map<string, boolean>();
  const questions = new Set<string>();
  const hiddenRows = new Map<string, Set<string>>();

  for (const { question, section, condition } of compiled.evaluationOrder) {
    let sectionVisible = sectionShown.get(section.id);
    if (sectionVisible === undefined) {
      sectionVisible = !section.visibleIf || evaluateCondition(section.visibleIf, effective);
      sectionShown.set(section.id, sectionVisible);
    }
    if (!sectionVisible || (condition && !evaluateCondition(condition, effective))) continue;
    questions.add(question.id);
    const hidden =
      question.type === 'grid'
        ? new Set(
            question.rows
              .filter((row) => row.visibleIf && !evaluateCondition(row.visibleIf, effective))
              .map((row) => row.id),
          )
        : undefined;
    if (hidden && hidden.size > 0) hiddenRows.set(question.id, hidden);
    if (!Object.hasOwn(answers, question.id)) continue;
    const given = answers[question.id] as AnswerValue;
    const value = hidden && hidden.size > 0 ? withoutKeys(given, hidden) : given;
    effective[question.id] = value;
  }

  const sections = new Set<string>();
  for (const section of spec.sections) {
    // A page whose questions are all hidden is skipped like a hidden page.
    if (section.questions.some((q) => questions.has(q.id))) sections.add(section.id);
  }
  return { sections, questions, hiddenRows, answers: effective };
}

/** The ids of the questions shown for these answers, in page order. */
export function visibleQuestions(spec: Questionnaire, answers: Answers): string[] {
  const { questions } = computeVisibility(spec, answers);
  return compile(spec)
    .questions.map((e) => e.question.id)
    .filter((id) => questions.has(id));
}

function withoutKeys(value: AnswerValue, keys: ReadonlySet<string>): AnswerValue {
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.has(k)));
}
