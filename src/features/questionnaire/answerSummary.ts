import {
  compile,
  localize,
  type Answers,
  type AnswerValue,
  type Language,
  type Question,
  type Questionnaire,
} from '../../engine/index.ts';
import { visibilityOf } from '../../session/visibilityOf.ts';

/**
 * The answers as a respondent reads them back before submitting and on the
 * receipt: every visible question, page by page, with its answer in words.
 * Only what the person can see counts (SK4): hidden questions and hidden grid
 * rows are left out, as they are left out of what is submitted.
 */
export interface SummaryLine {
  /** The row of a grid or allocation question; absent for a question's own answer. */
  readonly row?: { readonly id: string; readonly text: string };
  /** The answer in words; null when not answered. */
  readonly value: string | null;
}

export interface SummaryQuestion {
  readonly id: string;
  readonly text: string;
  readonly isRequired: boolean;
  /** False when nothing at all is answered (a grid with some rows answered is answered). */
  readonly isAnswered: boolean;
  readonly lines: readonly SummaryLine[];
}

export interface SummaryPage {
  readonly id: string;
  readonly title: string;
  readonly questions: readonly SummaryQuestion[];
}

export interface SummaryFormat {
  readonly language: Language;
  /** A number as the person gave it («12,5», «1 000»). */
  readonly number: (n: number) => string;
  readonly percent: (n: number) => string;
}

export function answerSummary(
  spec: Questionnaire,
  answers: Answers,
  format: SummaryFormat,
): SummaryPage[] {
  const visibility = visibilityOf(spec, answers);
  const { entries } = compile(spec);
  const text = (x: { nb: string; nn: string }, pipe?: string) =>
    localize(x, format.language, spec, pipe);
  return spec.sections
    .filter((section) => visibility.sections.has(section.id))
    .map((section) => ({
      id: section.id,
      title: text(section.title),
      questions: section.questions
        .filter((q) => visibility.questions.has(q.id))
        .map((question) => {
          const options = entries.get(question.id)?.options ?? [];
          const label = (id: string) => {
            const option = options.find((o) => o.id === id);
            return option ? text(option.text) : id;
          };
          const hidden = visibility.hiddenRows.get(question.id);
          const lines = linesOf(question, answers[question.id], {
            label,
            text,
            format,
            answers,
            isRowShown: (row) => !hidden?.has(row),
          });
          return {
            id: question.id,
            text: text(question.text),
            isRequired: question.required !== false,
            isAnswered: lines.some((line) => line.value !== null),
            lines,
          };
        }),
    }))
    .filter((page) => page.questions.length > 0);
}

interface LineHelpers {
  readonly label: (optionId: string) => string;
  readonly text: (x: { nb: string; nn: string }, pipe?: string) => string;
  readonly format: SummaryFormat;
  readonly answers: Answers;
  readonly isRowShown: (rowId: string) => boolean;
}

const UNANSWERED: readonly SummaryLine[] = [{ value: null }];

function linesOf(
  question: Question,
  value: AnswerValue | undefined,
  { label, text, format, answers, isRowShown }: LineHelpers,
): readonly SummaryLine[] {
  switch (question.type) {
    case 'single':
      return typeof value === 'string' ? [{ value: label(value) }] : UNANSWERED;
    case 'multiple':
      return Array.isArray(value) && value.length > 0
        ? value.map((id) => ({ value: label(String(id)) }))
        : UNANSWERED;
    case 'number':
      return typeof value === 'number'
        ? [{ value: `${format.number(value)}${question.unit ? ` ${text(question.unit)}` : ''}` }]
        : UNANSWERED;
    case 'text':
      return typeof value === 'string' && value.trim() !== '' ? [{ value }] : UNANSWERED;
    case 'grid':
    case 'allocation': {
      const cells =
        typeof value === 'object' && !Array.isArray(value)
          ? (value as Readonly<Record<string, string | number>>)
          : {};
      return question.rows
        .filter((row) => isRowShown(row.id))
        .map((row) => {
          const pipe = 'pipe' in row ? answers[row.pipe] : undefined;
          const cell = cells[row.id];
          return {
            row: { id: row.id, text: text(row.text, typeof pipe === 'string' ? pipe : '') },
            value:
              cell === undefined
                ? null
                : typeof cell === 'number'
                  ? format.percent(cell)
                  : label(cell),
          };
        });
    }
  }
}
