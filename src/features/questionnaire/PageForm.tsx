import { Formik, type FormikProps } from 'formik';
import { useEffect, useRef } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import {
  compile,
  computeVisibility,
  hasValue,
  localize,
  validateSection,
  withEntry,
  type AnswerIssue,
  type AnswerValue,
  type Answers,
  type ChoiceOption,
  type Question,
  type Questionnaire,
} from '../../engine/index.ts';
import { afterNextPaint } from '../../platform/firstPaint.ts';
import { navigate } from '../../platform/router.ts';
import { Button } from '../../components/Button.tsx';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { FormattedText } from '../../components/FormattedText.tsx';
import { drafts, type DraftRecord } from '../../storage/lazy.ts';
import { questionDomId } from './domIds.ts';
import { ProgressBar } from './ProgressBar.tsx';
import { QuestionField } from './QuestionField.tsx';
import { MergeNotice } from './MergeNotice.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { SyncBadge } from './SyncBadge.tsx';
import { useAnswerWriter } from './useAnswerWriter.ts';
import { useIssueText } from './useIssueText.ts';
import { useFormatters } from '../../i18n/useFormatters.ts';

type Values = Record<string, AnswerValue>;

/**
 * One page of the questionnaire. Formik holds the page's view of the answers
 * (this is the only module that imports Formik); every change is written
 * through to IndexedDB at once, so Formik is never the only copy.
 */
export function PageForm({
  spec,
  draft,
  sectionId,
}: {
  spec: Questionnaire;
  draft: DraftRecord;
  sectionId: string;
}) {
  const writer = useAnswerWriter(draft);
  return (
    <Formik<Values>
      initialValues={{ ...draft.answers }}
      validateOnChange={false}
      validateOnBlur={false}
      validate={(values) =>
        validateSection(spec, values, sectionId).length > 0 ? { [sectionId]: 'invalid' } : {}
      }
      onSubmit={async (values) => {
        await writer.flush();
        const pages = visiblePages(spec, values);
        const next = pages[pages.indexOf(sectionId) + 1];
        if (next) {
          await drafts()
            .then((store) => store.setPage(draft.id, next, Date.now()))
            .catch(() => undefined);
          navigate({ name: 'answer', draftId: draft.id, sectionId: next });
        } else {
          navigate({ name: 'review', draftId: draft.id });
        }
      }}
    >
      {(formik) => (
        <PageBody formik={formik} spec={spec} draft={draft} sectionId={sectionId} writer={writer} />
      )}
    </Formik>
  );
}

const NO_OPTIONS: readonly ChoiceOption[] = [];
const NO_ISSUES: readonly AnswerIssue[] = [];

function issuesOf(issues: readonly AnswerIssue[], questionId: string): readonly AnswerIssue[] {
  const own = issues.filter((i) => i.question === questionId);
  return own.length === 0 ? NO_ISSUES : own;
}

/** The text answers a grid's piped rows show; undefined for questions without such rows. */
function pipedTexts(question: Question, values: Readonly<Record<string, AnswerValue>>) {
  if (question.type !== 'grid' || !question.rows.some((r) => r.pipe !== undefined))
    return undefined;
  return Object.fromEntries(
    question.rows.flatMap((r) => {
      const text = r.pipe === undefined ? undefined : values[r.pipe];
      return r.pipe !== undefined && typeof text === 'string' ? [[r.pipe, text]] : [];
    }),
  );
}

function visiblePages(spec: Questionnaire, answers: Answers): string[] {
  return pagesOf(spec, computeVisibility(spec, answers).sections);
}

function pagesOf(spec: Questionnaire, sections: ReadonlySet<string>): string[] {
  return spec.sections.filter((s) => sections.has(s.id)).map((s) => s.id);
}

function PageBody({
  formik,
  spec,
  draft,
  sectionId,
  writer,
}: {
  formik: FormikProps<Values>;
  spec: Questionnaire;
  draft: DraftRecord;
  sectionId: string;
  writer: ReturnType<typeof useAnswerWriter>;
}) {
  const { t } = useUiText();
  const { language } = useFormatters();
  const issueText = useIssueText();
  const heading = useRef<HTMLHeadingElement>(null);
  const localChangeAt = useRef(new Map<string, number>());
  const handlers = useRef(
    new Map<string, (value: AnswerValue | null, options?: { isTyping?: boolean }) => void>(),
  );
  const { values, setValues } = formik;

  // Another tab (or device) changed an answer after this tab last touched it: take theirs.
  const valuesRef = useRef(values);
  valuesRef.current = values;
  useEffect(() => {
    const incoming = Object.keys(draft.answeredAt).filter((id) => {
      const at = draft.answeredAt[id] ?? 0;
      const isNewer = at > (localChangeAt.current.get(id) ?? 0);
      return isNewer && JSON.stringify(draft.answers[id]) !== JSON.stringify(valuesRef.current[id]);
    });
    if (incoming.length === 0) return;
    void setValues(
      (previous) =>
        incoming.reduce<Values>(
          (merged, id) => withEntry(merged, id, draft.answers[id] ?? null),
          previous,
        ),
      false,
    );
  }, [draft, setValues]);

  // A new page starts at its heading, or at the question a review link points to.
  useEffect(() => {
    const target = window.location.hash
      ? document.getElementById(window.location.hash.slice(1))
      : null;
    if (target) {
      target.scrollIntoView({ block: 'center' });
      target.focus();
      return;
    }
    window.scrollTo(0, 0);
    // Focus forces a style and layout pass of the new page; after its first paint both are done.
    return afterNextPaint(() => heading.current?.focus({ preventScroll: true }));
  }, []);

  const section = spec.sections.find((s) => s.id === sectionId);
  if (!section) return null;
  const visibility = computeVisibility(spec, values);
  const pages = pagesOf(spec, visibility.sections);
  const pageIndex = pages.indexOf(sectionId);
  const issues = formik.submitCount > 0 ? validateSection(spec, values, sectionId) : [];
  const { entries } = compile(spec);
  const visible = section.questions.filter((q) => visibility.questions.has(q.id));
  const answeredCount = [...visibility.questions].filter((id) =>
    hasValue(visibility.answers[id]),
  ).length;
  const text = (x: { nb: string; nn: string }) => localize(x, language, spec);

  // One stable handler per question, so a memoised question does not re-render for others' answers.
  const change = (questionId: string) => {
    let handler = handlers.current.get(questionId);
    if (!handler) {
      handler = (value: AnswerValue | null, options?: { isTyping?: boolean }) => {
        localChangeAt.current.set(questionId, Date.now());
        // Storage first: the IndexedDB transaction starts before React re-renders the page.
        writer.write(questionId, value, options);
        void setValues((previous) => withEntry(previous, questionId, value), false);
      };
      handlers.current.set(questionId, handler);
    }
    return handler;
  };

  const goBack = async () => {
    await writer.flush();
    const previous = pages[pageIndex - 1];
    if (!previous) {
      navigate({ name: 'start' });
      return;
    }
    await drafts()
      .then((store) => store.setPage(draft.id, previous, Date.now()))
      .catch(() => undefined);
    navigate({ name: 'answer', draftId: draft.id, sectionId: previous });
  };

  return (
    <form
      className="page"
      data-section={sectionId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void formik.submitForm();
      }}
    >
      <p className="questionnaire-title">{text(spec.title)}</p>
      <ProgressBar
        page={pageIndex + 1}
        pages={pages.length}
        answered={answeredCount}
        total={visibility.questions.size}
      />
      <h1 className="ds-heading" data-size="md" ref={heading} tabIndex={-1}>
        {text(section.title)}
      </h1>
      {section.intro ? (
        <div className="section-intro">
          <FormattedText text={text(section.intro)} />
        </div>
      ) : null}
      {draft.migratedFrom ? <VersionNotice dropped={draft.migratedFrom.dropped.length} /> : null}
      <MergeNotice responseId={draft.id} />
      <ErrorSummary
        heading={t('page.errorSummary')}
        items={issues.map((issue) => {
          const entry = entries.get(issue.question);
          const label = entry ? text(entry.question.text) : issue.question;
          const rowLabel =
            entry?.question.type === 'grid' && issue.row
              ? entry.question.rows.find((r) => r.id === issue.row)?.text
              : undefined;
          return {
            targetId: questionDomId(
              issue.question,
              entry?.question.type === 'grid' ? issue.row : undefined,
            ),
            text: `${rowLabel ? `${text(rowLabel)} – ` : `${label}: `}${entry ? issueText(issue, entry.question) : ''}`,
          };
        })}
      />
      {visible.map((question) => (
        <QuestionField
          key={question.id}
          spec={spec}
          question={question}
          options={entries.get(question.id)?.options ?? NO_OPTIONS}
          value={values[question.id]}
          piped={pipedTexts(question, values)}
          hiddenRows={[...(visibility.hiddenRows.get(question.id) ?? [])].join(',')}
          issues={issuesOf(issues, question.id)}
          language={language}
          onChange={change(question.id)}
        />
      ))}
      <SaveStatus store={writer.saveState} snapshot={writer.snapshot} />
      <SyncBadge responseId={draft.id} />
      <div className="page-actions">
        <Button variant="secondary" onClick={() => void goBack()}>
          {t('page.back')}
        </Button>
        <Button type="submit" disabled={formik.isSubmitting}>
          {pageIndex === pages.length - 1 ? t('page.toReview') : t('page.next')}
        </Button>
      </div>
    </form>
  );
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
