import { compile } from './compile.ts';
import type { AnswerValue, Answers, Questionnaire } from './types.ts';
import { checkShape } from './validation.ts';

export interface CarriedAnswers {
  readonly answers: Answers;
  /** Ids whose answers could not be kept: the question is gone or its options changed. */
  readonly dropped: readonly string[];
  /** Questions the newer version asks that the older one did not. */
  readonly added: readonly string[];
}

/**
 * VE1: a draft begun on an older questionnaire version keeps every answer
 * whose question id still exists and whose value still fits the question
 * (same options, same rows); the rest is reported, never silently changed.
 */
export function carryOverAnswers(
  from: Questionnaire,
  to: Questionnaire,
  answers: Answers,
): CarriedAnswers {
  const target = compile(to).entries;
  const kept: [string, AnswerValue][] = [];
  const dropped: string[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const entry = target.get(id);
    if (entry && !checkShape(entry, value)) kept.push([id, value]);
    else dropped.push(id);
  }
  const before = new Set(compile(from).entries.keys());
  const added = [...target.keys()].filter((id) => !before.has(id));
  return { answers: Object.fromEntries(kept), dropped, added };
}
