import { useMemo } from 'react';
import { localize } from '../../engine/index.ts';
import { useUiText } from '../../i18n/uiText.tsx';
import { catalogEntries, latestVersions } from '../../platform/catalog.ts';

/** A questionnaire's title in the language shown, from this build's catalog; its id when the build lacks it. */
export function useQuestionnaireTitle(): (questionnaireId: string) => string {
  const { language } = useUiText();
  return useMemo(() => {
    const titles = new Map(
      latestVersions(catalogEntries()).map((e) => [e.id, localize(e.title, language, {})]),
    );
    return (id: string) => titles.get(id) ?? id;
  }, [language]);
}
