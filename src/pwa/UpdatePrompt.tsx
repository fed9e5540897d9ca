import { useRegisterSW } from 'virtual:pwa-register/react';
import { useUiText } from '../i18n/uiText.tsx';
import { Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';

/**
 * A new version is waiting: ask, never reload on our own. Every answer is
 * already in IndexedDB, so updating when the person agrees loses nothing.
 */
export function UpdatePrompt() {
  const { t } = useUiText();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
  return (
    <Alert tone="info" live="polite" data-testid="update-prompt">
      <p className="ds-paragraph">{t('update.available')}</p>
      <div className="page-actions">
        <Button onClick={() => void updateServiceWorker(true)}>{t('update.reload')}</Button>
        <Button variant="tertiary" onClick={() => setNeedRefresh(false)}>
          {t('update.later')}
        </Button>
      </div>
    </Alert>
  );
}
