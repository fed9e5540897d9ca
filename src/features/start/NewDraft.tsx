import { useCallback, useEffect, useRef, useState } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import { localize } from '../../engine/index.ts';
import { catalogEntries, latestVersions } from '../../platform/catalog.ts';
import { navigate } from '../../platform/router.ts';
import { Alert } from '../../components/Alert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { openDraftsOf, takeOnPurpose, takeStartedDraft } from '../../session/startDraft.ts';
import { classifyStorageError, type DraftRecord } from '../../storage/lazy.ts';
import { ExistingDraftChoice } from './ExistingDraftChoice.tsx';

/**
 * `/ny/<questionnaire>`: creates a draft with a fresh UUID on this device and
 * opens it; with a draft of it already open here, asks first.
 */
export function NewDraft({ questionnaireId }: { questionnaireId: string }) {
  const { t } = useUiText();
  const { language } = useFormatters();
  const [problem, setProblem] = useState<string | null>(null);
  const [openDrafts, setOpenDrafts] = useState<readonly DraftRecord[]>([]);
  const hasStarted = useRef(false);
  const begin = useCallback(() => {
    setOpenDrafts([]);
    takeStartedDraft(questionnaireId, Date.now())
      .then(async ({ draft, stored, page }) => {
        // Here the person waits anyway, so a draft that cannot be stored is said before any answer.
        await stored;
        navigate({ name: 'answer', draftId: draft.id, sectionId: page }, { replace: true });
      })
      .catch((error: unknown) => {
        const kind = classifyStorageError(error);
        setProblem(kind === 'quota' ? t('save.quota') : t('start.cannotStart'));
      });
  }, [questionnaireId, t]);
  useEffect(() => {
    // One draft per visit, even when React runs the effect twice in development.
    if (hasStarted.current) return;
    hasStarted.current = true;
    if (takeOnPurpose(questionnaireId)) {
      begin();
      return;
    }
    void openDraftsOf(questionnaireId).then((open) => {
      if (open.length > 0) setOpenDrafts(open);
      else begin();
    });
  }, [questionnaireId, begin]);
  if (problem) {
    return (
      <Alert tone="danger" live="assertive">
        <p className="ds-paragraph">{problem}</p>
      </Alert>
    );
  }
  if (openDrafts.length === 0) return <Loading />;
  const entry = latestVersions(catalogEntries()).find((e) => e.id === questionnaireId);
  return (
    <div className="page">
      <h1 className="ds-heading" data-size="md">
        {entry ? localize(entry.title, language, {}) : questionnaireId}
      </h1>
      <ExistingDraftChoice
        questionnaireId={questionnaireId}
        openDrafts={openDrafts}
        onBeginAnother={begin}
      />
    </div>
  );
}
