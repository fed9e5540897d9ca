import type { AnswerValue } from './types.ts';

/** Narrowing helpers shared by conditions, validation and scoring. */

export function isStringList(value: AnswerValue | undefined): value is readonly string[] {
  return Array.isArray(value);
}

export function isRecord(
  value: AnswerValue | undefined,
): value is Readonly<Record<string, string>> | Readonly<Record<string, number>> {
  return typeof value === 'object' && !Array.isArray(value);
}

/** An empty string, list or object is no answer: the person cleared it. */
export function hasValue(value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.length > 0;
  return Object.keys(value).length > 0;
}

/** The value of one grid or allocation row, or the whole answer when no row is named. */
export function valueAt(
  value: AnswerValue | undefined,
  row: string | undefined,
): AnswerValue | undefined {
  if (row === undefined) return value;
  if (!isRecord(value) || !Object.hasOwn(value, row)) return undefined;
  return value[row];
}

/** A copy of `record` with `key` set to `value`, or without `key` when `value` is null. */
export function withEntry<T>(
  record: Readonly<Record<string, T>>,
  key: string,
  value: T | null,
): Record<string, T> {
  const copy = Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
  if (value !== null) copy[key] = value;
  return copy;
}
