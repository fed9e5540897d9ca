import { useUiText } from '../../i18n/uiText.tsx';

/** Progress over the questions visible now; hidden ones are not counted. */
export function ProgressBar({
  page,
  pages,
  answered,
  total,
}: {
  page: number;
  pages: number;
  answered: number;
  total: number;
}) {
  const { t } = useUiText();
  const label = t('progress.answered', { answered, total });
  return (
    <div className="progress">
      <p className="progress-text">
        {t('progress.page', { page, pages })} · {label}
      </p>
      <progress max={Math.max(total, 1)} value={answered} aria-label={label} />
    </div>
  );
}
