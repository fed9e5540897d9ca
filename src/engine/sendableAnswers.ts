import { isUnfinished } from './checkSubmission.ts';
import { compile, type QuestionEntry } from './compile.ts';
import type { AnswerValue, Answers, Questionnaire } from './types.ts';
import {
  checkRules,
  checkShape,
  validateResponse,
  validateSection,
  type AnswerIssue,
} from './validation.ts';
import { computeVisibility } from './visibility.ts';

/**
 * VA10: the answers a draft sends. The visible answers (SK4) without every
 * value, or grid and allocation row, that `checkSubmission(…, 'draft')`
 * would refuse, so a value the person is still typing («12,5» where whole
 * percent is asked) stays on the device instead of making the server refuse
 * the whole response. Dropping a value can hide questions that read it; they
 * go too, until what is left is its own visible set. Nothing hidden on the
 * device is sent, even where a dropped value would show it.
 */
export function sendableAnswers(spec: Questionnaire, answers: Answers): Answers {
  const { entries } = compile(spec);
  // A draft from IndexedDB is unchecked: wrong shapes (VA1) go before any condition reads them.
  let current = keepAccepted(entries, answers, hasShape);
  // Each further round starts from strictly fewer values, so this ends.
  for (;;) {
    const { answers: visible } = computeVisibility(spec, current);
    const kept = keepAccepted(entries, visible, isAccepted);
    // Visibility reads only visible answers, so a round that drops nothing is a fixed point.
    if (kept === visible) return kept;
    current = kept;
  }
}

/**
 * VA11: the issues the visible answers have now, on one page or (without
 * `sectionId`) everywhere: those no draft may hold (VA9), which answering
 * further cannot resolve. A screen can show them as soon as a value is
 * typed, before any «Neste».
 */
export function valueIssues(
  spec: Questionnaire,
  answers: Answers,
  sectionId?: string,
): AnswerIssue[] {
  const issues =
    sectionId === undefined
      ? validateResponse(spec, answers)
      : validateSection(spec, answers, sectionId);
  return issues.filter((issue) => !isUnfinished(issue.code));
}

type Check = (entry: QuestionEntry, value: unknown) => boolean;

/**
 * The answers to known questions whose values pass `check`, grid and
 * allocation rows one by one; `answers` itself when all of it passes. Values
 * are `unknown` here: a draft's answers have not been checked yet.
 */
function keepAccepted(
  entries: ReadonlyMap<string, QuestionEntry>,
  answers: Readonly<Record<string, unknown>>,
  check: Check,
): Answers {
  const kept: Record<string, unknown> = {};
  let isWhole = true;
  for (const [id, value] of Object.entries(answers)) {
    const entry = entries.get(id);
    const accepted = entry ? acceptedPart(entry, value, check) : undefined;
    if (accepted !== value) isWhole = false;
    if (accepted !== undefined) kept[id] = accepted;
  }
  // Every value kept passed `check`, which includes its shape (VA1).
  return (isWhole ? answers : kept) as Answers;
}

/** The value itself when all of it passes, the passing rows of a grid or allocation, or nothing. */
function acceptedPart(entry: QuestionEntry, value: unknown, check: Check): unknown {
  const { type } = entry.question;
  if (type !== 'grid' && type !== 'allocation') return check(entry, value) ? value : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const cells: [string, unknown][] = Object.entries(value);
  const rows = cells.filter(([row, cell]) => check(entry, { [row]: cell }));
  if (rows.length === cells.length) return value;
  return rows.length > 0 ? Object.fromEntries(rows) : undefined;
}

const hasShape: Check = (entry, value) => checkShape(entry, value) === undefined;

/**
 * Rows are checked one at a time: the rules of a grid or allocation row
 * (VA1, VA5) read only that row, and the sum may be unfinished in a draft.
 * Hidden grid rows are already gone from visible answers, so none are passed.
 */
const isAccepted: Check = (entry, value) =>
  hasShape(entry, value) &&
  checkRules(entry, value as AnswerValue, undefined).every((i) => isUnfinished(i.code));
