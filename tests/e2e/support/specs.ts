import { readFileSync } from 'node:fs';
import {
  compile,
  computeVisibility,
  parseQuestionnaire,
  type AnswerValue,
  type Answers,
  type Questionnaire,
} from '../../../src/engine/index.ts';

/** Loads a questionnaire file the way the build does. */
export function loadSpec(file: string): Questionnaire {
  const parsed = parseQuestionnaire(JSON.parse(readFileSync(`questionnaires/${file}`, 'utf8')));
  if (!parsed.ok) throw new Error(`${file} is invalid`);
  return parsed.value;
}

/**
 * A plausible answer to every question, with `overrides` on top: the
 * scenario a test walks through. Choices take the first option unless told.
 */
export function answersFor(
  spec: Questionnaire,
  overrides: Record<string, AnswerValue> = {},
): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const { question, options } of compile(spec).questions) {
    const first = options.find((o) => !o.exclusive)?.id ?? '';
    switch (question.type) {
      case 'single':
        answers[question.id] = first;
        break;
      case 'multiple':
        answers[question.id] = [first];
        break;
      case 'grid':
        answers[question.id] = Object.fromEntries(
          question.rows.map((r) => [r.id, options[options.length - 2]?.id ?? first]),
        );
        break;
      case 'allocation': {
        const share = Math.floor(100 / question.rows.length);
        answers[question.id] = Object.fromEntries(
          question.rows.map((r, i) => [
            r.id,
            i === 0 ? 100 - share * (question.rows.length - 1) : share,
          ]),
        );
        break;
      }
      case 'number':
        answers[question.id] = question.min ?? 1;
        break;
      case 'text':
        answers[question.id] = 'Svar i fritekst';
        break;
    }
  }
  return { ...answers, ...overrides };
}

/** The question ids the engine shows on one page for these answers. */
export function expectedOnPage(spec: Questionnaire, answers: Answers, sectionId: string): string[] {
  const { questions } = computeVisibility(spec, answers);
  return (spec.sections.find((s) => s.id === sectionId)?.questions ?? [])
    .map((q) => q.id)
    .filter((id) => questions.has(id));
}
