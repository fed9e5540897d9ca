import { memo } from 'react';
import { compile, localize } from '../../engine/index.ts';
import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import { navigate, pathOf } from '../../platform/router.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { questionDomId } from './domIds.ts';
import { useSessionState, type PagePartProps } from './useSession.ts';

/**
 * Answers another tab or device changed while this page was open (MG1),
 * named and linked, so nothing changes under the person unnoticed.
 */
export const ChangedNotice = memo(function ChangedNotice({
  session,
  spec,
  sectionId,
}: PagePartProps) {
  const { t } = useUiText();
  const { language } = useFormatters();
  const changed = useSessionState(session, (s) => s.changedElsewhere);
  const draftId = useSessionState(session, (s) => s.draft?.id);
  if (changed.length === 0 || !draftId) return null;
  const { entries } = compile(spec);
  const text = (x: { nb: string; nn: string }) => localize(x, language, spec);
  const known = changed.flatMap((id) => {
    const entry = entries.get(id);
    return entry ? [entry] : [];
  });
  return (
    <Alert tone="info" live="polite" data-testid="merge-notice">
      <p className="ds-paragraph">{t('sync.changed', { count: known.length })}</p>
      <ul className="ds-list">
        {known.map(({ question, section }) => {
          const hash = questionDomId(question.id);
          const route = { name: 'answer', draftId, sectionId: section.id } as const;
          const isHere = section.id === sectionId;
          return (
            <li key={question.id}>
              <a
                className="ds-link"
                href={`${pathOf(route)}#${hash}`}
                onClick={(event) => {
                  event.preventDefault();
                  const target = isHere ? document.getElementById(hash) : null;
                  if (target) {
                    target.scrollIntoView({ block: 'center' });
                    target.focus();
                  } else {
                    void session.moveTo(section.id).then(() => navigate(route, { hash }));
                  }
                }}
              >
                {isHere
                  ? text(question.text)
                  : t('sync.changedOtherPage', {
                      question: text(question.text),
                      page: text(section.title),
                    })}
              </a>
            </li>
          );
        })}
      </ul>
      <Button variant="secondary" onClick={() => session.acknowledgeChanges()}>
        {t('sync.changedOk')}
      </Button>
    </Alert>
  );
});
