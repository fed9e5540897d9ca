import { Alert } from '../../components/Alert.tsx';
import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import type { PublicationState } from './followPublication.ts';

/**
 * Names what the averages on the screen are: which publication, how many
 * it rests on and from when; or says plainly that there is none (yet).
 */
export function PublicationNote({ state }: { state: PublicationState }) {
  const { t } = useUiText();
  const { date, dateTime, number } = useFormatters();
  switch (state.status) {
    case 'loading':
      return null;
    case 'fetching':
      return (
        <Alert tone="info" data-testid="publication" data-state="fetching">
          <p className="ds-paragraph">{t('results.fetching')}</p>
        </Alert>
      );
    case 'unavailable':
      return (
        <Alert tone="info" data-testid="publication" data-state="unavailable">
          <p className="ds-paragraph">{t('results.unavailable')}</p>
        </Alert>
      );
    case 'notPublished':
      return (
        <Alert tone="info" data-testid="publication" data-state="not-published">
          <p className="ds-paragraph">
            {state.k === null
              ? t('results.notPublished')
              : t('results.notPublishedK', { k: number(state.k) })}
          </p>
        </Alert>
      );
    case 'published': {
      const { publication, savedAt } = state;
      const named = {
        count: publication.respondents,
        respondents: number(publication.respondents),
        date: date(publication.publishedAt),
      };
      return (
        <section
          className="publication"
          data-testid="publication"
          data-state={savedAt === null ? 'published' : 'saved-copy'}
          data-number={publication.number}
          aria-labelledby="publication-heading"
        >
          <h2 className="ds-heading" data-size="xs" id="publication-heading">
            {publication.isSimulated
              ? t('results.simulated', named)
              : t('results.published', named)}
          </h2>
          {publication.isSimulated ? (
            <Alert tone="warning" data-testid="simulated-notice">
              <p className="ds-paragraph">{t('results.simulatedNote')}</p>
            </Alert>
          ) : null}
          {savedAt !== null ? (
            <p className="ds-paragraph" data-testid="saved-copy">
              {t('results.savedCopy', { time: dateTime(savedAt) })}
            </p>
          ) : null}
        </section>
      );
    }
  }
}
