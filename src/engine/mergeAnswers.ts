import { withEntry } from './answerValues.ts';
import type { AnswerValue, Answers } from './types.ts';

export interface TimedAnswers {
  readonly answers: Answers;
  /** Per-answer change time; a cleared answer keeps its time without a value. */
  readonly answeredAt: Readonly<Record<string, number>>;
}

export interface MergedAnswers extends TimedAnswers {
  /** Question ids whose answer now comes from the other copy. */
  readonly fromOther: readonly string[];
}

/**
 * MG1: two copies of one response (two tabs, two devices) merge answer by
 * answer; the later change wins, a tie keeps the local one. An answer
 * cleared later than the other side's change stays cleared.
 */
export function mergeAnswers(local: TimedAnswers, other: TimedAnswers): MergedAnswers {
  let answers: Record<string, AnswerValue> = { ...local.answers };
  const answeredAt: Record<string, number> = { ...local.answeredAt };
  const fromOther: string[] = [];
  const ids = new Set([...Object.keys(other.answers), ...Object.keys(other.answeredAt)]);
  for (const id of ids) {
    const theirs = other.answeredAt[id] ?? 0;
    const ours = local.answeredAt[id] ?? (Object.hasOwn(local.answers, id) ? 0 : -1);
    if (theirs <= ours) continue;
    const value = Object.hasOwn(other.answers, id) ? other.answers[id] : undefined;
    answers = withEntry(answers, id, value ?? null);
    answeredAt[id] = theirs;
    if (JSON.stringify(value) !== JSON.stringify(local.answers[id])) fromOther.push(id);
  }
  return { answers, answeredAt, fromOther };
}
