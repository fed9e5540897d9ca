import { useEffect, useRef, useState } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { navigate } from '../../platform/router.ts';
import { Alert } from '../../components/Alert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { classifyStorageError } from '../../storage/lazy.ts';
import { takeStartedDraft } from '../../session/startDraft.ts';

/** `/ny/<questionnaire>`: creates a draft with a fresh UUID on this device and opens it. */
export function NewDraft({ questionnaireId }: { questionnaireId: string }) {
  const { t } = useUiText();
  const [problem, setProblem] = useState<string | null>(null);
  const hasStarted = useRef(false);
  useEffect(() => {
    // One draft per visit, even when React runs the effect twice in development.
    if (hasStarted.current) return;
    hasStarted.current = true;
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
  return problem ? (
    <Alert tone="danger" live="assertive">
      <p className="ds-paragraph">{problem}</p>
    </Alert>
  ) : (
    <Loading />
  );
}
