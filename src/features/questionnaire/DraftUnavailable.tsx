import { Alert } from '../../components/Alert.tsx';
import { useUiText } from '../../i18n/uiText.tsx';

/** A draft's screen that cannot be shown: the draft is not on this device, or its questionnaire did not load. */
export function DraftUnavailable({
  reason,
  testId,
}: {
  readonly reason: 'missing' | 'specFailed';
  readonly testId: string;
}) {
  const { t } = useUiText();
  return (
    <Alert tone={reason === 'missing' ? 'warning' : 'danger'} data-testid={testId}>
      <p className="ds-paragraph">
        {reason === 'missing' ? t('answer.notOnDevice') : t('answer.specFailed')}
      </p>
      <a className="ds-link" href="/">
        {t('nav.toStart')}
      </a>
    </Alert>
  );
}
