import { useEffect } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { navigate } from '../../platform/router.ts';
import { Alert } from '../../components/Alert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { pageToShow } from '../../session/pageToShow.ts';
import { PageForm } from './PageForm.tsx';
import { useLatestVersion } from './useLatestVersion.ts';
import { useQuestionnaire } from './useQuestionnaire.ts';
import { useSession, useSessionState } from './useSession.ts';

/** Opens the draft's answering session, its questionnaire and the page to show, then renders that page. */
export function AnswerScreen({
  draftId,
  sectionId,
}: {
  draftId: string;
  sectionId: string | null;
}) {
  const { t } = useUiText();
  const session = useSession(draftId);
  const phase = useSessionState(session, (s) => s.phase);
  // Only what decides the page is read here, so an answer re-renders the page, not this screen.
  const questionnaireId = useSessionState(session, (s) => s.draft?.questionnaireId);
  const version = useSessionState(session, (s) => s.draft?.questionnaireVersion);
  const status = useSessionState(session, (s) => s.draft?.status);
  useLatestVersion(draftId, questionnaireId, version, status === 'draft');
  const spec = useQuestionnaire(questionnaireId, version);
  const page = useSessionState(session, (s) =>
    s.draft && spec.status === 'ready' ? pageToShow(spec.value, s.draft, sectionId) : undefined,
  );

  useEffect(() => {
    if (status === 'submitted') navigate({ name: 'receipt', draftId }, { replace: true });
    else if (status && page && page !== sectionId) {
      navigate({ name: 'answer', draftId, sectionId: page }, { replace: true });
    }
  }, [status, draftId, page, sectionId]);

  if (phase === 'missing') {
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
  const section =
    spec.status === 'ready' ? spec.value.sections.find((s) => s.id === page) : undefined;
  // A page other than the one asked for (hidden now, or none named) renders at once; the effect
  // above puts its name in the address.
  if (!status || spec.status === 'loading' || !section) return <Loading />;
  return (
    <PageForm
      key={`${draftId}:${section.id}`}
      spec={spec.value}
      session={session}
      section={section}
    />
  );
}
