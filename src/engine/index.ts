/**
 * The questionnaire engine: spec parsing, skip logic, validation and
 * scoring. Pure TypeScript shared by the app, the server and the tools; it
 * imports nothing from React, the DOM, Dexie, i18next or Node (lint-enforced).
 * This file is its only public entry.
 */
export type * from './types.ts';
export { LANGUAGES } from './types.ts';
export type { Result } from './result.ts';
export { parseQuestionnaire } from './parseQuestionnaire.ts';
export { readVerifiedQuestionnaire } from './readVerifiedQuestionnaire.ts';
export { formatSpecError, type SpecError, type SpecErrorCode } from './checkSemantics.ts';
export { evaluateCondition } from './conditions.ts';
export { computeVisibility, visibleQuestions, type Visibility } from './visibility.ts';
export {
  validateResponse,
  validateSection,
  type AnswerIssue,
  type IssueCode,
} from './validation.ts';
export { parseAnswers, type CheckedAnswers } from './parseAnswers.ts';
export { checkSubmission, type SubmissionIssue, type SubmissionStatus } from './checkSubmission.ts';
export { sendableAnswers, valueIssues } from './sendableAnswers.ts';
export { hasValue, withEntry } from './answerValues.ts';
export { toggleOption } from './selection.ts';
export { mergeAnswers, type MergedAnswers, type TimedAnswers } from './mergeAnswers.ts';
export { carryOverAnswers, type CarriedAnswers } from './carryOverAnswers.ts';
export {
  indicatorProfile,
  scoreIndicators,
  type IndicatorProfile,
  type IndicatorScore,
  type ItemScore,
} from './scoring.ts';
export { aggregateProfiles, type IndicatorAggregate } from './aggregate.ts';
export { itemKey, summarizeRespondent, type RespondentSummary } from './benchmark.ts';
export { localize } from './texts.ts';
export { estimateMinutes, type MinutesRange } from './estimateMinutes.ts';
export { compile, type CompiledQuestionnaire, type QuestionEntry } from './compile.ts';
export {
  planPublication,
  summaryKey,
  type Contribution,
  type IndicatorOutcome,
  type Members,
  type PublicationDocument,
  type PublicationFigures,
  type PublicationInput,
  type PublicationPlan,
  type PublishedFigure,
  type PublishedIndicator,
} from './publication.ts';
export { parsePublicationDocument } from './parsePublication.ts';
