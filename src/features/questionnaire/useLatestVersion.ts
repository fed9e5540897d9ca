import { useEffect } from 'react';
import { catalogEntries, latestVersions, loadQuestionnaire } from '../../platform/catalog.ts';
import { moveToLatestVersion } from '../../session/moveToLatestVersion.ts';
import { drafts } from '../../storage/lazy.ts';

const latestVersion = (questionnaireId: string) =>
  latestVersions(catalogEntries()).find((e) => e.id === questionnaireId)?.version;

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
    moveToLatestVersion(
      { latestVersion, loadSpec: loadQuestionnaire, store: drafts, now: Date.now },
      { id, questionnaireId, questionnaireVersion: version },
    ).catch(() => undefined); // without the newer spec (never expected: both are precached) keep the pinned version
  }, [id, questionnaireId, version, isOpen]);
}
