import { Button } from '../../components/Button.tsx';
import { useUiText } from '../../i18n/uiText.tsx';
import { navigate } from '../../platform/router.ts';
import './handBackAction.css';

/**
 * «Ferdig – gi enheten tilbake» under each of the respondent's own screens on
 * a collector's device: it asks for the roster, which the gate answers with
 * the PIN prompt, so the respondent hands the device back without leaving
 * anything open.
 */
export function HandBackAction() {
  const { t } = useUiText();
  return (
    <section className="hand-back-action" aria-labelledby="hand-back-action-text">
      <p className="ds-paragraph" id="hand-back-action-text">
        {t('collector.handBack.actionLead')}
      </p>
      <Button
        variant="secondary"
        data-testid="hand-back"
        onClick={() => navigate({ name: 'roster' })}
      >
        {t('collector.handBack.action')}
      </Button>
    </section>
  );
}
