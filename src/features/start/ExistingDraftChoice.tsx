import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import { navigate } from '../../platform/router.ts';
import { Button } from '../../components/Button.tsx';
import { beginAnotherOnPurpose } from '../../session/startDraft.ts';
import type { DraftRecord } from '../../storage/lazy.ts';

/**
 * «Start» on a questionnaire with a draft of it open on this device: continue
 * that one, or begin another on purpose (a collector answering for many
 * people does the latter). Nothing is made twice by accident.
 */
export function ExistingDraftChoice({
  questionnaireId,
  openDrafts,
  onBeginAnother,
}: {
  questionnaireId: string;
  /** Newest first. */
  openDrafts: readonly DraftRecord[];
  /** Where the choice is made on `/ny/…` itself, that screen begins the draft. */
  onBeginAnother?: () => void;
}) {
  const { t } = useUiText();
  const { dateTime } = useFormatters();
  const latest = openDrafts[0];
  if (!latest) return null;
  const id = `choice-${questionnaireId}`;
  return (
    <div className="start-choice" role="group" aria-labelledby={id}>
      <p className="ds-paragraph" id={id} data-testid="existing-draft">
        {t('start.existingDraft', { count: openDrafts.length, time: dateTime(latest.updatedAt) })}
      </p>
      <div className="page-actions">
        <Button onClick={() => navigate({ name: 'answer', draftId: latest.id, sectionId: null })}>
          {t('start.continueExisting')}
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            if (onBeginAnother) {
              onBeginAnother();
              return;
            }
            beginAnotherOnPurpose(questionnaireId);
            navigate({ name: 'new', questionnaireId });
          }}
        >
          {t('start.beginAnother')}
        </Button>
      </div>
    </div>
  );
}
