import { useEffect, useState } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { Alert } from '../../components/Alert.tsx';
import { readStorageHealth, type StorageHealth } from '../../storage/index.ts';

/** Says when this device may delete saved answers, and what to do about it. */
export function StorageNotice() {
  const { t } = useUiText();
  const [health, setHealth] = useState<StorageHealth | null>(null);
  useEffect(() => {
    void readStorageHealth().then(setHealth);
  }, []);
  if (!health) return null;
  if (health.isEvictableSafari) {
    return (
      <Alert tone="warning" data-testid="storage-notice">
        <p className="ds-paragraph">{t('storage.iosHomeScreen')}</p>
      </Alert>
    );
  }
  if (health.isPersisted === false) {
    return (
      <Alert tone="info" data-testid="storage-notice">
        <p className="ds-paragraph">{t('storage.notPersistent')}</p>
      </Alert>
    );
  }
  return null;
}
