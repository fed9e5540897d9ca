import {
  validateSection,
  valueIssues,
  type AnswerIssue,
  type AnswerValue,
  type Answers,
  type Question,
  type Section,
} from '../../engine/index.ts';

/**
 * The page as a form: a Formik field per question. Question ids hold dots,
 * which Formik reads as paths into nested values, so each question gets a
 * plain field name (`q0`, `q1` … in page order); a grid or allocation row's
 * error is kept under `<field>--<row>`.
 */
export type FieldValues = Readonly<Record<string, AnswerValue | undefined>>;
export type FieldErrors = Readonly<Record<string, string>>;

export interface PageFields {
  readonly fieldOf: ReadonlyMap<string, string>;
  readonly questionOf: ReadonlyMap<string, Question>;
}

export function pageFields(section: Section): PageFields {
  const fieldOf = new Map<string, string>();
  const questionOf = new Map<string, Question>();
  section.questions.forEach((question, i) => {
    fieldOf.set(question.id, `q${i}`);
    questionOf.set(`q${i}`, question);
  });
  return { fieldOf, questionOf };
}

export function fieldValues(fields: PageFields, answers: Answers): FieldValues {
  const values: Record<string, AnswerValue | undefined> = {};
  for (const [id, field] of fields.fieldOf) values[field] = answers[id];
  return values;
}

export const rowField = (field: string, row: string) => `${field}--${row}`;

/**
 * The form's errors from the engine: before the person has tried to go on,
 * only what no answer may hold (a value the engine rejects, VA11); after, all
 * of the page's rules (`validateSection`). Messages are the person's words.
 */
export function pageErrors(
  spec: Parameters<typeof validateSection>[0],
  answers: Answers,
  section: Section,
  fields: PageFields,
  hasTriedToGoOn: boolean,
  message: (issue: AnswerIssue, question: Question) => string,
): FieldErrors {
  const issues = hasTriedToGoOn
    ? validateSection(spec, answers, section.id)
    : valueIssues(spec, answers, section.id);
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = fields.fieldOf.get(issue.question);
    const question = field === undefined ? undefined : fields.questionOf.get(field);
    if (field === undefined || !question) continue;
    const key = issue.row === undefined ? field : rowField(field, issue.row);
    const text = message(issue, question);
    errors[key] = errors[key] ? `${errors[key]} ${text}` : text;
  }
  return errors;
}
