import { hasValue, isRecord, isStringList, valueAt } from './answerValues.ts';
import type { Answers, Condition } from './types.ts';

/**
 * Evaluates a JSON condition against answers. Nothing is ever run as code
 * (rule SK1). The answers passed in must already exclude hidden questions,
 * so that a hidden question reads as unanswered (SK3).
 */
export function evaluateCondition(condition: Condition, answers: Answers): boolean {
  if ('not' in condition) return !evaluateCondition(condition.not, answers);
  if ('and' in condition) return condition.and.every((c) => evaluateCondition(c, answers));
  if ('or' in condition) return condition.or.some((c) => evaluateCondition(c, answers));
  if ('answered' in condition) {
    return hasValue(valueAt(lookup(answers, condition.answered), condition.row));
  }
  if ('equals' in condition) {
    const value = valueAt(lookup(answers, condition.equals), condition.row);
    return isStringList(value)
      ? value.includes(String(condition.value))
      : value === condition.value;
  }
  if ('in' in condition) {
    const value = valueAt(lookup(answers, condition.in), condition.row);
    if (isStringList(value)) return value.some((v) => condition.values.includes(v));
    return value !== undefined && !isRecord(value) && condition.values.includes(value);
  }
  const n = countOf(lookup(answers, condition.count), condition.value);
  return n >= (condition.min ?? 0) && n <= (condition.max ?? Number.POSITIVE_INFINITY);
}

function lookup(answers: Answers, questionId: string) {
  return Object.hasOwn(answers, questionId) ? answers[questionId] : undefined;
}

function countOf(value: Answers[string] | undefined, option: string | undefined): number {
  if (isStringList(value)) {
    return option === undefined ? value.length : value.filter((v) => v === option).length;
  }
  if (isRecord(value)) {
    const cells = Object.values(value);
    return option === undefined ? cells.length : cells.filter((v) => v === option).length;
  }
  return 0;
}

export interface ConditionReference {
  readonly operator: 'equals' | 'in' | 'answered' | 'count';
  readonly question: string;
  readonly row?: string;
  readonly values: readonly (string | number)[];
  /** Where in the condition, relative to it, e.g. `.and[1]`. */
  readonly path: string;
}

/** Every (question, row) a condition reads, in order of appearance. */
export function conditionReferences(condition: Condition): ConditionReference[] {
  const found: ConditionReference[] = [];
  const walk = (c: Condition, path: string): void => {
    if ('not' in c) return walk(c.not, `${path}.not`);
    if ('and' in c) return c.and.forEach((x, i) => walk(x, `${path}.and[${i}]`));
    if ('or' in c) return c.or.forEach((x, i) => walk(x, `${path}.or[${i}]`));
    const add = (
      operator: ConditionReference['operator'],
      question: string,
      row: string | undefined,
      values: (string | number)[],
    ) => found.push({ operator, question, values, path, ...(row === undefined ? {} : { row }) });
    if ('answered' in c) add('answered', c.answered, c.row, []);
    else if ('equals' in c) add('equals', c.equals, c.row, [c.value]);
    else if ('in' in c) add('in', c.in, c.row, [...c.values]);
    else add('count', c.count, undefined, c.value === undefined ? [] : [c.value]);
  };
  walk(condition, '');
  return found;
}
