import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation();
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
