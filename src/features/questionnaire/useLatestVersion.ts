import { useEffect } from 'react';
import { catalogEntries, latestVersions, loadQuestionnaire } from '../../platform/catalog.ts';
import { carryOverAnswers } from '../../engine/index.ts';
import { drafts } from '../../storage/lazy.ts';

/**
 * An open draft begun on an older questionnaire version moves to the newest
 * one, keeping every answer that still fits (engine rule VE1); the page then
 * says what changed.
 */
export function useLatestVersion(
  id: string,
  questionnaireId: string | undefined,
  version: number | undefined,
  isOpen: boolean,
) {
  useEffect(() => {
    if (!questionnaireId || version === undefined || !isOpen) return;
    void (async () => {
      const latest = latestVersions(catalogEntries()).find((e) => e.id === questionnaireId);
      if (!latest || latest.version <= version) return;
      const [from, to] = await Promise.all([
        loadQuestionnaire(questionnaireId, version),
        loadQuestionnaire(questionnaireId, latest.version),
      ]);
      const store = await drafts();
      const current = await store.get(id);
      if (!current || current.questionnaireVersion !== version) return;
      const carried = carryOverAnswers(from, to, current.answers);
      await store.moveToVersion(id, latest.version, carried, Date.now());
    })().catch(() => undefined); // offline without the newer spec: keep answering the pinned version
  }, [id, questionnaireId, version, isOpen]);
}
