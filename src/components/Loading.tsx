import { useUiText } from '../i18n/uiText.tsx';

export function Loading() {
  const { t } = useUiText();
  return (
    <p className="loading" role="status">
      <span className="ds-spinner" aria-hidden="true" /> {t('common.loading')}
    </p>
  );
}
