import { Formik, type FormikProps } from 'formik';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import {
  compile,
  localize,
  withEntry,
  type AnswerValue,
  type Answers,
  type ChoiceOption,
  type Question,
  type Questionnaire,
  type Section,
} from '../../engine/index.ts';
import { afterNextPaint } from '../../platform/firstPaint.ts';
import { currentHash, navigate } from '../../platform/router.ts';
import { Button } from '../../components/Button.tsx';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary.tsx';
import { FormattedText } from '../../components/FormattedText.tsx';
import type { AnsweringSession } from '../../session/answeringSession.ts';
import { visibilityOf } from '../../session/visibilityOf.ts';
import { ChangedNotice } from './ChangedNotice.tsx';
import { questionDomId } from './domIds.ts';
import {
  fieldValues,
  pageErrors,
  pageFields,
  rowField,
  type FieldErrors,
  type FieldValues,
  type PageFields,
} from './pageFields.ts';
import { ProgressBar } from './ProgressBar.tsx';
import { QuestionField } from './QuestionField.tsx';
import { isReturningToReview } from './reviewReturn.ts';
import { StatusLine } from './StatusLine.tsx';
import { useIssueText } from './useIssueText.ts';
import { useSessionState } from './useSession.ts';
import { useFormatters } from '../../i18n/useFormatters.ts';
import './actionBar.css';
import { joinLabel } from './errorLines.ts';

type OnAnswer = (value: AnswerValue | null, options?: { isTyping?: boolean }) => void;

/**
 * One page of the questionnaire as a Formik form: Formik holds the page's
 * field values, which fields were touched, the per-question errors the
 * engine finds (`validateSection`, VA11 before the first «Neste») and the
 * submit. The answering session owns the draft: every answer goes to it
 * first (it writes to the device at once), and answers it merges in from
 * other tabs and devices are put into the form here.
 */
export function PageForm({
  spec,
  session,
  section,
}: {
  spec: Questionnaire;
  session: AnsweringSession;
  section: Section;
}) {
  const issueText = useIssueText();
  const fields = useMemo(() => pageFields(section), [section]);
  const hasTriedToGoOn = useRef(false);
  const [initialValues] = useState(() =>
    fieldValues(fields, session.getSnapshot().draft?.answers ?? {}),
  );
  const check = (values: FieldValues): FieldErrors =>
    pageErrors(
      spec,
      answersWith(session, fields, values),
      section,
      fields,
      hasTriedToGoOn.current,
      issueText,
    );
  /** To the next visible page, or to the review from the last one (or when the person came from it). */
  const leaving = useRef(false);
  const goOn = async () => {
    const answers = session.getSnapshot().draft?.answers ?? {};
    const pages = visiblePages(spec, answers);
    const next = pages[pages.indexOf(section.id) + 1];
    const draftId = session.getSnapshot().draft?.id;
    // A second press while the answers are flushed for the review goes nowhere twice.
    if (!draftId || leaving.current) return;
    if (next && !isReturningToReview(draftId)) {
      // The session writes the answers and the new position in order; the next page need not
      // wait for the device to confirm them (the line there says when it has).
      void session.moveTo(next);
      navigate({ name: 'answer', draftId, sectionId: next });
      return;
    }
    leaving.current = true;
    try {
      await session.flush();
      navigate({ name: 'review', draftId });
    } finally {
      leaving.current = false;
    }
  };
  return (
    <Formik<FieldValues>
      initialValues={initialValues}
      validateOnBlur={false}
      // An answer's errors are set in its own handler (below), in the same render as the answer:
      // Formik's own validation on change would render the page a second time per tap.
      validateOnChange={false}
      validate={check}
      onSubmit={goOn}
    >
      {(formik) => (
        <PageBody
          formik={formik}
          spec={spec}
          session={session}
          section={section}
          fields={fields}
          check={check}
          hasTriedToGoOn={hasTriedToGoOn}
          goOn={goOn}
        />
      )}
    </Formik>
  );
}

/** The draft's answers with the form's values on top: what the page's rules are checked against. */
function answersWith(session: AnsweringSession, fields: PageFields, values: FieldValues): Answers {
  let answers: Answers = session.getSnapshot().draft?.answers ?? {};
  for (const [id, field] of fields.fieldOf) answers = withEntry(answers, id, values[field] ?? null);
  return answers;
}

const NO_OPTIONS: readonly ChoiceOption[] = [];
const CHOICE_TYPES = new Set(['single', 'multiple', 'grid']);

function sameMembers(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a === b || (a.size === b.size && [...a].every((id) => b.has(id)));
}
const NO_ANSWERS: Answers = {};

type Piped = Readonly<Record<string, string>>;

/**
 * The text answers a grid's piped rows show; undefined for questions without
 * such rows. The same object while the texts are the same, so the memoised
 * grid does not re-render for other answers.
 */
function pipedTexts(
  question: Question,
  answers: Answers,
  cache: Map<string, Piped>,
): Piped | undefined {
  if (question.type !== 'grid' || !question.rows.some((r) => r.pipe !== undefined))
    return undefined;
  const texts: Piped = Object.fromEntries(
    question.rows.flatMap((r) => {
      const text = r.pipe === undefined ? undefined : answers[r.pipe];
      return r.pipe !== undefined && typeof text === 'string' ? [[r.pipe, text]] : [];
    }),
  );
  const previous = cache.get(question.id);
  if (previous && JSON.stringify(previous) === JSON.stringify(texts)) return previous;
  cache.set(question.id, texts);
  return texts;
}

function visiblePages(spec: Questionnaire, answers: Answers): string[] {
  return pagesOf(spec, visibilityOf(spec, answers).sections);
}

function pagesOf(spec: Questionnaire, sections: ReadonlySet<string>): string[] {
  return spec.sections.filter((s) => sections.has(s.id)).map((s) => s.id);
}

/** Per grid or allocation question, its rows' messages; stable while the errors are. */
function rowMessagesOf(
  fields: PageFields,
  errors: FieldErrors,
): ReadonlyMap<string, Readonly<Record<string, string>>> {
  const byQuestion = new Map<string, Record<string, string>>();
  for (const [id, field] of fields.fieldOf) {
    const question = fields.questionOf.get(field);
    if (question?.type !== 'grid' && question?.type !== 'allocation') continue;
    for (const row of question.rows) {
      const message = errors[rowField(field, row.id)];
      if (message === undefined) continue;
      byQuestion.set(id, { ...byQuestion.get(id), [row.id]: message });
    }
  }
  return byQuestion;
}

function PageBody({
  formik,
  spec,
  session,
  section,
  fields,
  check,
  hasTriedToGoOn,
  goOn,
}: {
  formik: FormikProps<FieldValues>;
  spec: Questionnaire;
  session: AnsweringSession;
  section: Section;
  fields: PageFields;
  check: (values: FieldValues) => FieldErrors;
  /** Set once the person pressed «Neste»: from then on, every rule of the page is checked. */
  hasTriedToGoOn: { current: boolean };
  goOn: () => Promise<void>;
}) {
  const { t } = useUiText();
  const { language } = useFormatters();
  const heading = useRef<HTMLHeadingElement>(null);
  const piped = useRef(new Map<string, Piped>());
  // Part by part: a write committing changes the draft's revision, not what this page shows.
  const draftId = useSessionState(session, (s) => s.draft?.id);
  const stored = useSessionState(session, (s) => s.draft?.answers);
  const migratedFrom = useSessionState(session, (s) => s.draft?.migratedFrom);
  const fromElsewhere = useSessionState(session, (s) => s.fromElsewhere);
  const answers = stored ?? NO_ANSWERS;
  const { setFieldValue, setErrors } = formik;
  const errors = formik.errors as FieldErrors;
  // The handlers below are made once per question and read the form's latest state here.
  const latest = useRef({ values: formik.values, errors, check });
  latest.current = { values: formik.values, errors, check };

  // Answers merged in from another tab or device go into the form (the session merged them, MG1).
  const seenMerges = useRef(fromElsewhere);
  useEffect(() => {
    if (seenMerges.current === fromElsewhere) return;
    seenMerges.current = fromElsewhere;
    const current = session.getSnapshot().draft?.answers ?? {};
    for (const [id, field] of fields.fieldOf) {
      if (fromElsewhere[id] !== undefined) void setFieldValue(field, current[id]);
    }
  }, [fromElsewhere, fields, session, setFieldValue]);

  // A new page starts at its heading, or at the question a link points to.
  useEffect(() => {
    const hash = currentHash();
    const target = hash ? document.getElementById(hash.slice(1)) : null;
    if (target) {
      target.scrollIntoView({ block: 'center' });
      target.focus();
      return;
    }
    window.scrollTo(0, 0);
    // Focus forces a style and layout pass of the new page; after its first paint both are done.
    return afterNextPaint(() => heading.current?.focus({ preventScroll: true }));
  }, []);

  // One stable handler per question, so a memoised question does not re-render for others' answers.
  const handlers = useRef(new Map<string, OnAnswer>());
  const onAnswer = useCallback(
    (questionId: string): OnAnswer => {
      let handler = handlers.current.get(questionId);
      if (!handler) {
        const field = fields.fieldOf.get(questionId) ?? questionId;
        const isChoice = CHOICE_TYPES.has(fields.questionOf.get(field)?.type ?? '');
        handler = (value, options) => {
          const before = visibilityOf(spec, session.getSnapshot().draft?.answers ?? NO_ANSWERS);
          // Storage first: the session starts the write before React re-renders the page.
          session.answer(questionId, value, options);
          void setFieldValue(field, value ?? undefined, false);
          const { values, errors: shown, check: checkPage } = latest.current;
          // Before the first «Neste» only values the engine rejects are errors (VA11), and a choice
          // is never one: with no error shown and the same questions visible, nothing can change.
          const after = visibilityOf(spec, session.getSnapshot().draft?.answers ?? NO_ANSWERS);
          if (
            isChoice &&
            !hasTriedToGoOn.current &&
            Object.keys(shown).length === 0 &&
            sameMembers(before.questions, after.questions)
          )
            return;
          const next = checkPage({ ...values, [field]: value ?? undefined });
          if (JSON.stringify(next) !== JSON.stringify(shown)) setErrors(next);
        };
        handlers.current.set(questionId, handler);
      }
      return handler;
    },
    [fields, session, setFieldValue, setErrors, spec, hasTriedToGoOn],
  );

  const visibility = visibilityOf(spec, answers);
  const rowMessages = useMemo(() => rowMessagesOf(fields, errors), [fields, errors]);
  if (!draftId) return null;
  const pages = pagesOf(spec, visibility.sections);
  const pageIndex = pages.indexOf(section.id);
  const visible = section.questions.filter((q) => visibility.questions.has(q.id));
  const text = (x: { nb: string; nn: string }) => localize(x, language, spec);

  const goBack = async () => {
    const previous = pages[pageIndex - 1];
    if (!previous) {
      await session.flush();
      navigate({ name: 'start' });
      return;
    }
    void session.moveTo(previous);
    navigate({ name: 'answer', draftId, sectionId: previous });
  };

  return (
    <form
      className="page"
      data-section={section.id}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        hasTriedToGoOn.current = true;
        // A page with nothing to fix goes straight on: Formik's submit renders this page twice
        // more (submitting, then validated) before the next one, a third of a «Neste» at 4×
        // throttling (BENCH_PROFILE_TAP=1). With anything to fix, Formik's submit marks the
        // fields touched, sets the errors and counts the attempt, which shows the summary.
        if (Object.keys(check(formik.values)).length === 0 && !formik.isSubmitting) void goOn();
        else void formik.submitForm();
      }}
    >
      <p className="questionnaire-title">{text(spec.title)}</p>
      <ProgressBar session={session} spec={spec} sectionId={section.id} />
      <h1 className="ds-heading" data-size="md" ref={heading} tabIndex={-1}>
        {text(section.title)}
      </h1>
      {section.intro ? (
        <div className="section-intro">
          <FormattedText text={text(section.intro)} />
        </div>
      ) : null}
      {migratedFrom ? <VersionNotice dropped={migratedFrom.dropped.length} /> : null}
      <ChangedNotice session={session} spec={spec} sectionId={section.id} />
      {formik.submitCount > 0 ? (
        <ErrorSummary
          heading={t('page.errorSummary')}
          focusKey={formik.submitCount}
          items={summaryItems(fields, visible, errors, text)}
        />
      ) : null}
      {visible.map((question) => {
        const field = fields.fieldOf.get(question.id) ?? question.id;
        return (
          <QuestionField
            key={`${question.id}:${fromElsewhere[question.id] ?? 0}`}
            spec={spec}
            question={question}
            options={compile(spec).entries.get(question.id)?.options ?? NO_OPTIONS}
            value={formik.values[field]}
            piped={pipedTexts(question, answers, piped.current)}
            hiddenRows={[...(visibility.hiddenRows.get(question.id) ?? [])].join(',')}
            message={errors[field]}
            rowMessages={rowMessages.get(question.id)}
            language={language}
            onChange={onAnswer(question.id)}
          />
        );
      })}
      <StatusLine session={session} />
      <div className="page-actions action-bar" data-testid="action-bar">
        <Button variant="secondary" onClick={() => void goBack()}>
          {t('page.back')}
        </Button>
        <Button type="submit" disabled={formik.isSubmitting}>
          {isReturningToReview(draftId)
            ? t('page.backToReview')
            : pageIndex === pages.length - 1
              ? t('page.toReview')
              : t('page.next')}
        </Button>
      </div>
    </form>
  );
}

/** The error summary's lines, in page order: the question (and row), then what to fix. */
function summaryItems(
  fields: PageFields,
  visible: readonly Question[],
  errors: FieldErrors,
  text: (x: { nb: string; nn: string }) => string,
): SummaryItem[] {
  return visible.flatMap((question) => {
    const field = fields.fieldOf.get(question.id);
    if (field === undefined) return [];
    const own = errors[field];
    const items: SummaryItem[] =
      own === undefined
        ? []
        : [{ targetId: questionDomId(question.id), text: joinLabel(text(question.text), own) }];
    if (question.type === 'grid' || question.type === 'allocation') {
      for (const row of question.rows) {
        const message = errors[rowField(field, row.id)];
        if (message === undefined) continue;
        items.push({
          targetId: questionDomId(question.id, question.type === 'grid' ? row.id : undefined),
          text: `${text(row.text)} – ${message}`,
        });
      }
    }
    return items;
  });
}

function VersionNotice({ dropped }: { dropped: number }) {
  const { t } = useUiText();
  return (
    <Alert tone="info" data-testid="version-notice">
      <p className="ds-paragraph">
        {dropped === 0
          ? t('version.updatedAllKept')
          : t('version.updatedSomeDropped', { count: dropped })}
      </p>
    </Alert>
  );
}
