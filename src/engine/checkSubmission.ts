import { isRecord } from './answerValues.ts';
import { parseAnswers, type CheckedAnswers } from './parseAnswers.ts';
import type { Result } from './result.ts';
import type { Answers, Questionnaire } from './types.ts';
import { validateResponse, type AnswerIssue, type IssueCode } from './validation.ts';
import { computeVisibility } from './visibility.ts';

export type SubmissionStatus = 'draft' | 'submitted';

export type SubmissionIssue =
  AnswerIssue | { readonly question: string; readonly row?: string; readonly code: 'hidden' };

/** Rules a draft may still break while the person is answering; everything else is wrong at any time. */
const UNFINISHED: ReadonlySet<IssueCode> = new Set(['required', 'allocation_sum', 'min_selected']);

/** Whether a draft may hold a value with this issue: only answering more can resolve it (VA9). */
export function isUnfinished(code: IssueCode): boolean {
  return UNFINISHED.has(code);
}

/**
 * VA9: what the server accepts. Every answer has its question's shape (VA1);
 * no answer is given to a hidden question or row (SK4: the client sends only
 * visible answers); a submitted response passes every rule, a draft every
 * rule except those that only an unfinished response breaks.
 */
export function checkSubmission(
  spec: Questionnaire,
  input: unknown,
  status: SubmissionStatus,
): Result<CheckedAnswers, SubmissionIssue> {
  const parsed = parseAnswers(spec, input);
  if (!parsed.ok) return parsed;
  const answers: Answers = parsed.value;
  const { answers: visible } = computeVisibility(spec, answers);
  const issues: SubmissionIssue[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const shown = visible[id];
    if (shown === undefined) {
      issues.push({ question: id, code: 'hidden' });
    } else if (isRecord(value) && isRecord(shown)) {
      for (const row of Object.keys(value)) {
        if (!Object.hasOwn(shown, row)) issues.push({ question: id, row, code: 'hidden' });
      }
    }
  }
  for (const issue of validateResponse(spec, answers)) {
    if (status === 'submitted' || !isUnfinished(issue.code)) issues.push(issue);
  }
  return issues.length > 0 ? { ok: false, errors: issues } : parsed;
}
