import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchCatalog, latestVersions, loadQuestionnaire } from '../../app/catalog.ts';
import { navigate } from '../../app/router.ts';
import { Alert } from '../../components/Alert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { classifyStorageError, draftStore } from '../../storage/index.ts';

/** `/ny/<questionnaire>`: creates a draft with a fresh UUID on this device and opens it. */
export function NewDraft({ questionnaireId }: { questionnaireId: string }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const hasStarted = useRef(false);
  useEffect(() => {
    // One draft per visit, even when React runs the effect twice in development.
    if (hasStarted.current) return;
    hasStarted.current = true;
    void (async () => {
      try {
        const entry = latestVersions(await fetchCatalog()).find((e) => e.id === questionnaireId);
        if (!entry) throw new Error('unknown questionnaire');
        // The questionnaire loads while the draft is written; the first page needs both.
        void loadQuestionnaire(entry.id, entry.version).catch(() => undefined);
        const draft = await draftStore().create(entry, crypto.randomUUID(), Date.now());
        navigate({ name: 'answer', draftId: draft.id, sectionId: null }, { replace: true });
      } catch (error) {
        const kind = classifyStorageError(error);
        setProblem(kind === 'quota' ? t('save.quota') : t('start.cannotStart'));
      }
    })();
  }, [questionnaireId, t]);
  return problem ? (
    <Alert tone="danger" live="assertive">
      <p className="ds-paragraph">{problem}</p>
    </Alert>
  ) : (
    <Loading />
  );
}
