import { compile } from './compile.ts';
import type { Result } from './result.ts';
import type { AnswerValue, Answers, Questionnaire } from './types.ts';
import { checkShape, type AnswerIssue } from './validation.ts';

/**
 * Answers that have been checked against their questionnaire's shapes. Only
 * this type reaches scoring and storage on the server; raw input stays
 * `unknown` until it passes `parseAnswers`.
 */
export type CheckedAnswers = Answers & { readonly __checked: unique symbol };

/**
 * VA1 for a whole answer set from outside (network, file, IndexedDB): every
 * key is a question of this questionnaire and every value has its shape.
 * Keys such as `__proto__` are unknown questions like any other.
 */
export function parseAnswers(
  spec: Questionnaire,
  input: unknown,
): Result<CheckedAnswers, AnswerIssue> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ question: '', code: 'wrong_type' }] };
  }
  const { entries } = compile(spec);
  const errors: AnswerIssue[] = [];
  const accepted: [string, AnswerValue][] = [];
  for (const [id, value] of Object.entries(input)) {
    const entry = entries.get(id);
    if (!entry) {
      errors.push({ question: id, code: 'unknown_question' });
      continue;
    }
    const issue = checkShape(entry, value);
    if (issue) errors.push({ question: id, ...issue });
    else accepted.push([id, value as AnswerValue]);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: Object.fromEntries(accepted) as CheckedAnswers };
}
