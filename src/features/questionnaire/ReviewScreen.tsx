import { useEffect, useState } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { compile, localize, validateResponse, type Questionnaire } from '../../engine/index.ts';
import { navigate, pathOf } from '../../platform/router.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { classifyStorageError, type DraftRecord, type StorageProblem } from '../../storage/lazy.ts';
import type { AnsweringSession } from '../../session/answeringSession.ts';
import { AnswerSummary } from './AnswerSummary.tsx';
import { answerSummary } from './answerSummary.ts';
import { questionDomId } from './domIds.ts';
import { returnToReviewAfterEdit, reviewReached } from './reviewReturn.ts';
import { useIssueText } from './useIssueText.ts';
import { useQuestionnaire } from './useQuestionnaire.ts';
import { useSession, useSessionState } from './useSession.ts';
import { useFormatters } from '../../i18n/useFormatters.ts';
import { useDocumentTitle } from '../../i18n/useDocumentTitle.ts';

/**
 * Before submitting: what is still missing, with links to it, then every
 * visible question with its answer, page by page, each with «Endre», which
 * opens the question and comes back here.
 */
export function ReviewScreen({ draftId }: { draftId: string }) {
  const session = useSession(draftId);
  const phase = useSessionState(session, (s) => s.phase);
  const draft = useSessionState(session, (s) => s.draft);
  const spec = useQuestionnaire(draft?.questionnaireId, draft?.questionnaireVersion);
  if (phase === 'missing') {
    navigate({ name: 'answer', draftId, sectionId: null }, { replace: true });
    return null;
  }
  if (!draft || spec.status !== 'ready') return <Loading />;
  return <Review draft={draft} spec={spec.value} session={session} />;
}

function Review({
  draft,
  spec,
  session,
}: {
  draft: DraftRecord;
  spec: Questionnaire;
  session: AnsweringSession;
}) {
  const { t } = useUiText();
  const { language, exact } = useFormatters();
  const issueText = useIssueText();
  const [problem, setProblem] = useState<StorageProblem | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const issues = validateResponse(spec, draft.answers);
  const { entries } = compile(spec);
  const text = (x: { nb: string; nn: string }) => localize(x, language, spec);
  useDocumentTitle(t('title.review'), text(spec.title));
  const summary = answerSummary(spec, draft.answers, {
    language,
    number: exact,
    percent: (n) => t('review.percent', { value: exact(n) }),
  });
  useEffect(() => reviewReached(draft.id), [draft.id]);
  const edit = (sectionId: string, questionId: string) => {
    returnToReviewAfterEdit(draft.id);
    navigate({ name: 'answer', draftId: draft.id, sectionId }, { hash: questionDomId(questionId) });
  };

  const submit = async () => {
    setSubmitting(true);
    try {
      await session.submit();
      navigate({ name: 'receipt', draftId: draft.id });
    } catch (error) {
      setProblem(classifyStorageError(error));
      setSubmitting(false);
    }
  };

  return (
    <div className="page">
      <p className="questionnaire-title">{text(spec.title)}</p>
      <h1 className="ds-heading" data-size="md" tabIndex={-1}>
        {t('review.heading')}
      </h1>
      {issues.length === 0 ? (
        <p className="ds-paragraph">{t('review.complete')}</p>
      ) : (
        <>
          <p className="ds-paragraph">{t('review.missing', { count: issues.length })}</p>
          <ul className="ds-list review-issues">
            {issues.map((issue) => {
              const entry = entries.get(issue.question);
              if (!entry) return null;
              const row =
                entry.question.type === 'grid'
                  ? entry.question.rows.find((r) => r.id === issue.row)
                  : undefined;
              const href = `${pathOf({ name: 'answer', draftId: draft.id, sectionId: entry.section.id })}#${questionDomId(issue.question, row?.id)}`;
              return (
                <li key={`${issue.question}:${issue.row ?? ''}`}>
                  <a
                    className="ds-link"
                    href={href}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(
                        { name: 'answer', draftId: draft.id, sectionId: entry.section.id },
                        { hash: questionDomId(issue.question, row?.id) },
                      );
                    }}
                  >
                    {text(entry.question.text)}
                    {row ? ` – ${text(row.text)}` : ''}
                  </a>{' '}
                  <span className="issue-reason">({issueText(issue, entry.question)})</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <AnswerSummary
        pages={summary}
        editHref={(sectionId, questionId) =>
          `${pathOf({ name: 'answer', draftId: draft.id, sectionId })}#${questionDomId(questionId)}`
        }
        onEdit={edit}
      />
      {problem ? (
        <Alert tone="danger" live="assertive">
          <p className="ds-paragraph">
            {problem === 'quota' ? t('save.quota') : t('save.unavailable')}
          </p>
        </Alert>
      ) : null}
      <div className="page-actions action-bar" data-testid="action-bar">
        <Button
          variant="secondary"
          onClick={() => navigate({ name: 'answer', draftId: draft.id, sectionId: draft.page })}
        >
          {t('page.back')}
        </Button>
        <Button onClick={() => void submit()} disabled={issues.length > 0 || isSubmitting}>
          {t('review.submit')}
        </Button>
      </div>
    </div>
  );
}
