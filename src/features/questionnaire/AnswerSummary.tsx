import { useUiText } from '../../i18n/uiText.tsx';
import type { SummaryLine, SummaryPage, SummaryQuestion } from './answerSummary.ts';

/**
 * The answers page by page (`answerSummary.ts`): on the review with «Endre»
 * beside each question, on the receipt as the person's copy (no `editHref`,
 * so no «Endre»: a submitted response is not changed from its receipt).
 */
export function AnswerSummary({
  pages,
  editHref,
  onEdit,
  headingLevel = 2,
}: {
  pages: readonly SummaryPage[];
  /** Where «Endre» leads; without it no question offers a change. */
  editHref?: (pageId: string, questionId: string) => string;
  onEdit?: (pageId: string, questionId: string) => void;
  /** The level of each page's heading: 3 where the summary sits under a heading of its own. */
  headingLevel?: 2 | 3;
}) {
  const PageHeading = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <div className="answer-summary" data-testid="answer-summary">
      {pages.map((page) => (
        <section key={page.id} className="answer-summary-page" aria-labelledby={`sum-${page.id}`}>
          <PageHeading className="ds-heading" data-size="xs" id={`sum-${page.id}`}>
            {page.title}
          </PageHeading>
          <dl>
            {page.questions.map((question) => (
              <div
                key={question.id}
                className="answer-summary-item"
                data-question={question.id}
                data-answered={question.isAnswered}
              >
                <dt>{question.text}</dt>
                <dd>
                  <Answer question={question} />
                  {editHref ? (
                    <EditLink
                      question={question}
                      href={editHref(page.id, question.id)}
                      onClick={() => onEdit?.(page.id, question.id)}
                    />
                  ) : null}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}

function Answer({ question }: { question: SummaryQuestion }) {
  const { lines } = question;
  const only = lines[0];
  if (lines.length === 1 && only && !only.row) return <LineValue line={only} />;
  return (
    <ul className="answer-summary-lines">
      {lines.map((line, i) => (
        <li key={line.row?.id ?? i}>
          {line.row ? <span className="answer-summary-row">{line.row.text}: </span> : null}
          <LineValue line={line} />
        </li>
      ))}
    </ul>
  );
}

function LineValue({ line }: { line: SummaryLine }) {
  const { t } = useUiText();
  return line.value === null ? (
    <span className="answer-summary-missing">{t('review.unanswered')}</span>
  ) : (
    <span className="answer-summary-value">{line.value}</span>
  );
}

function EditLink({
  question,
  href,
  onClick,
}: {
  question: SummaryQuestion;
  href: string;
  onClick: () => void;
}) {
  const { t } = useUiText();
  return (
    <a
      className="ds-link answer-summary-edit"
      href={href}
      aria-label={t('review.changeQuestion', { question: question.text })}
      onClick={(event) => {
        event.preventDefault();
        onClick();
      }}
    >
      {t('review.change')}
    </a>
  );
}
