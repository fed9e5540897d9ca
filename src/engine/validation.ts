import { hasValue, isRecord, isStringList } from './answerValues.ts';
import { compile, type QuestionEntry } from './compile.ts';
import type { AnswerValue, Answers, Questionnaire } from './types.ts';
import { computeVisibility } from './visibility.ts';

/** Error codes the UI turns into nb/nn messages and the server returns as field reasons. */
export type IssueCode =
  | 'unknown_question'
  | 'wrong_type'
  | 'unknown_option'
  | 'unknown_row'
  | 'duplicate_option'
  | 'required'
  | 'exclusive'
  | 'min_selected'
  | 'max_selected'
  | 'allocation_sum'
  | 'out_of_range'
  | 'not_integer'
  | 'too_long';

export interface AnswerIssue {
  readonly question: string;
  readonly row?: string;
  readonly option?: string;
  readonly code: IssueCode;
  readonly params?: Readonly<Record<string, number>>;
}

type Issue = Omit<AnswerIssue, 'question'>;

/**
 * VA1: the value has the shape its question type stores and names only
 * options and rows the question has. Runs on everything that arrives from
 * outside (network, IndexedDB, files) before any other rule.
 */
export function checkShape(entry: QuestionEntry, value: unknown): Issue | undefined {
  const { question, optionIds, rowIds } = entry;
  switch (question.type) {
    case 'single':
      if (typeof value !== 'string') return { code: 'wrong_type' };
      return optionIds.has(value) ? undefined : { code: 'unknown_option', option: value };
    case 'multiple': {
      if (!Array.isArray(value)) return { code: 'wrong_type' };
      const seen = new Set<string>();
      for (const option of value as unknown[]) {
        if (typeof option !== 'string') return { code: 'wrong_type' };
        if (!optionIds.has(option)) return { code: 'unknown_option', option };
        if (seen.has(option)) return { code: 'duplicate_option', option };
        seen.add(option);
      }
      return undefined;
    }
    case 'grid':
    case 'allocation': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return { code: 'wrong_type' };
      }
      for (const [row, cell] of Object.entries(value)) {
        if (!rowIds.has(row)) return { code: 'unknown_row', row };
        if (question.type === 'grid') {
          if (typeof cell !== 'string') return { code: 'wrong_type', row };
          if (!optionIds.has(cell)) return { code: 'unknown_option', row, option: cell };
        } else if (typeof cell !== 'number' || !Number.isFinite(cell)) {
          return { code: 'wrong_type', row };
        }
      }
      return undefined;
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : { code: 'wrong_type' };
    case 'text':
      return typeof value === 'string' ? undefined : { code: 'wrong_type' };
  }
}

/** VA2–VA8: the rules of one visible question. `hiddenRows` are never required. */
export function checkRules(
  entry: QuestionEntry,
  value: AnswerValue | undefined,
  hiddenRows: ReadonlySet<string> | undefined,
): Issue[] {
  const { question } = entry;
  const isRequired = question.required !== false;
  if (value === undefined || !hasValue(value)) {
    if (!isRequired) return [];
    if (question.type !== 'grid') return [{ code: 'required' }];
  } else {
    const shape = checkShape(entry, value);
    if (shape) return [shape];
  }
  switch (question.type) {
    case 'multiple': {
      if (!isStringList(value)) return [];
      const exclusive = entry.options.find((o) => o.exclusive && value.includes(o.id));
      if (exclusive && value.length > 1) return [{ code: 'exclusive', option: exclusive.id }];
      if (question.minSelected !== undefined && value.length < question.minSelected && !exclusive) {
        return [{ code: 'min_selected', params: { min: question.minSelected } }];
      }
      if (question.maxSelected !== undefined && value.length > question.maxSelected) {
        return [{ code: 'max_selected', params: { max: question.maxSelected } }];
      }
      return [];
    }
    case 'grid': {
      if (!isRequired) return [];
      const cells = isRecord(value) ? value : {};
      return question.rows
        .filter((row) => !hiddenRows?.has(row.id) && !hasValue(cells[row.id]))
        .map((row) => ({ code: 'required' as const, row: row.id }));
    }
    case 'allocation': {
      if (!isRecord(value)) return [];
      const total = question.total ?? 100;
      const issues: Issue[] = [];
      let sum = 0;
      for (const row of question.rows) {
        const share = value[row.id];
        if (typeof share !== 'number') continue;
        sum += share;
        if (!Number.isInteger(share)) issues.push({ code: 'not_integer', row: row.id });
        else if (share < 0 || share > total) {
          issues.push({ code: 'out_of_range', row: row.id, params: { min: 0, max: total } });
        }
      }
      if (issues.length === 0 && sum !== total) {
        issues.push({ code: 'allocation_sum', params: { sum, total } });
      }
      return issues;
    }
    case 'number': {
      if (typeof value !== 'number') return [];
      if (question.integer && !Number.isInteger(value)) return [{ code: 'not_integer' }];
      const min = question.min ?? Number.NEGATIVE_INFINITY;
      const max = question.max ?? Number.POSITIVE_INFINITY;
      if (value < min || value > max) {
        return [{ code: 'out_of_range', params: rangeParams(question.min, question.max) }];
      }
      return [];
    }
    case 'text':
      if (typeof value === 'string' && value.length > question.maxLength) {
        return [{ code: 'too_long', params: { max: question.maxLength, length: value.length } }];
      }
      return [];
    case 'single':
      return [];
  }
}

function rangeParams(min: number | undefined, max: number | undefined): Record<string, number> {
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

function validate(spec: Questionnaire, answers: Answers, sectionId: string | undefined) {
  const visibility = computeVisibility(spec, answers);
  const issues: AnswerIssue[] = [];
  for (const entry of compile(spec).questions) {
    const id = entry.question.id;
    if (sectionId !== undefined && entry.section.id !== sectionId) continue;
    if (!visibility.questions.has(id)) continue; // SK4: hidden answers are never validated
    const value = Object.hasOwn(visibility.answers, id) ? visibility.answers[id] : undefined;
    for (const issue of checkRules(entry, value, visibility.hiddenRows.get(id))) {
      issues.push({ question: id, ...issue });
    }
  }
  return issues;
}

/** Issues on one page, in page order: what blocks «Neste». */
export function validateSection(
  spec: Questionnaire,
  answers: Answers,
  sectionId: string,
): AnswerIssue[] {
  return validate(spec, answers, sectionId);
}

/** Issues over the whole response: what blocks submitting it. */
export function validateResponse(spec: Questionnaire, answers: Answers): AnswerIssue[] {
  return validate(spec, answers, undefined);
}
