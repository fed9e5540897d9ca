import { useEffect, useRef } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { navigate } from '../../platform/router.ts';
import { Alert } from '../../components/Alert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageForm } from './PageForm.tsx';
import { pageToShow } from './pageToShow.ts';
import { useDraft } from './useDraft.ts';
import { useLatestVersion } from './useLatestVersion.ts';
import { useQuestionnaire } from './useQuestionnaire.ts';

/** Resolves the draft, its questionnaire and the page to show, then renders that page. */
export function AnswerScreen({
  draftId,
  sectionId,
}: {
  draftId: string;
  sectionId: string | null;
}) {
  const { t } = useUiText();
  const stored = useDraft(draftId);
  // Once open, a draft that vanishes from storage (the person cleared site data) stays on screen:
  // the writer notices on the next save and writes back what this tab holds.
  const lastSeen = useRef<typeof stored>(undefined);
  if (stored) lastSeen.current = stored;
  const draft = stored === null && lastSeen.current ? lastSeen.current : stored;
  useLatestVersion(draft);
  const spec = useQuestionnaire(draft?.questionnaireId, draft?.questionnaireVersion);
  const page =
    draft && spec.status === 'ready' ? pageToShow(spec.value, draft, sectionId) : undefined;

  useEffect(() => {
    if (draft?.status === 'submitted') navigate({ name: 'receipt', draftId }, { replace: true });
    else if (draft && page && page !== sectionId) {
      navigate({ name: 'answer', draftId, sectionId: page }, { replace: true });
    }
  }, [draft, draftId, page, sectionId]);

  if (draft === null) {
    return (
      <Alert tone="warning">
        <p className="ds-paragraph">{t('answer.notOnDevice')}</p>
        <a className="ds-link" href="/">
          {t('nav.toStart')}
        </a>
      </Alert>
    );
  }
  if (spec.status === 'failed') {
    return (
      <Alert tone="danger">
        <p className="ds-paragraph">{t('answer.specFailed')}</p>
      </Alert>
    );
  }
  // A page other than the one asked for (hidden now, or none named) renders at once; the effect
  // above puts its name in the address.
  if (!draft || spec.status === 'loading' || !page) return <Loading />;
  return <PageForm key={`${draftId}:${page}`} spec={spec.value} draft={draft} sectionId={page} />;
}
