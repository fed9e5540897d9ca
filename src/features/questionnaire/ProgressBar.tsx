import { memo, useRef } from 'react';
import { hasValue, localize } from '../../engine/index.ts';
import { useUiText } from '../../i18n/uiText.tsx';
import { useDocumentTitle } from '../../i18n/useDocumentTitle.ts';
import { visibilityOf } from '../../session/visibilityOf.ts';
import { useSessionStateAfterPaint, type PagePartProps } from './useSession.ts';

const NO_ANSWERS = {};

/**
 * Where the person is: the page among the pages visible now, and how many of
 * the visible questions are answered (hidden ones are not counted). It takes
 * an answer in after the answer's own frame, so a tap paints its choice first.
 * When an answer on this page adds or removes pages («Side 2 av 10» becoming
 * «Side 2 av 15»), it says so, so the jump is not a surprise.
 */
export const ProgressBar = memo(function ProgressBar({ session, spec, sectionId }: PagePartProps) {
  const { t, language } = useUiText();
  const answers = useSessionStateAfterPaint(session, (s) => s.draft?.answers ?? NO_ANSWERS);
  const visibility = visibilityOf(spec, answers);
  const pages = spec.sections.filter((s) => visibility.sections.has(s.id));
  const page = pages.findIndex((s) => s.id === sectionId) + 1;
  // The page count when this page opened: the component is made anew for each page.
  const pagesAtOpen = useRef(pages.length);
  const change = pages.length - pagesAtOpen.current;
  const total = visibility.questions.size;
  const answered = [...visibility.questions].filter((id) =>
    hasValue(visibility.answers[id]),
  ).length;
  const label = t('progress.answered', { answered, total });
  // The tab's title follows the count shown here, a frame after the tap like the rest of this part.
  useDocumentTitle(
    t('progress.page', { page, pages: pages.length }),
    localize(spec.title, language, spec),
  );
  return (
    <div className="progress">
      <p className="progress-text">
        {t('progress.page', { page, pages: pages.length })} · {label}
      </p>
      <progress max={Math.max(total, 1)} value={answered} aria-label={label} />
      <p className="progress-change" aria-live="polite">
        {change > 0
          ? t('progress.pagesAdded', { count: change })
          : change < 0
            ? t('progress.pagesRemoved', { count: -change })
            : null}
      </p>
    </div>
  );
});
