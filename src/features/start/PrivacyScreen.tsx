import privacy from 'virtual:site-privacy';
import { useUiText } from '../../i18n/uiText.tsx';
import { useDocumentTitle } from '../../i18n/useDocumentTitle.ts';
import { useFormatters } from '../../i18n/useFormatters.ts';
import type { PrivacyStatement } from '../../platform/site.ts';
import { OwnerContacts } from './OwnerContacts.tsx';
import '@digdir/designsystemet-css/tag.css';
import './site.css';

/** Checked at build (`src/build/siteConfig.ts`); in this screen's chunk only, which is precached. */
const STATEMENT = privacy as PrivacyStatement;

/** «Personvern»: what Barometer stores, why, for how long, and the respondent's rights. */
export function PrivacyScreen() {
  const { t, language } = useUiText();
  const { date } = useFormatters();
  useDocumentTitle(t('privacy.heading'));
  const [year, month, day] = STATEMENT.updated.split('-').map(Number);
  // Noon UTC is the same calendar day in every time zone a reader may be in.
  const updated = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, 12);
  const hasExamples = STATEMENT.sections.some((s) => s.isExample);
  return (
    <div className="page privacy-page" data-testid="privacy">
      <h1 className="ds-heading" data-size="lg">
        {t('privacy.heading')}
      </h1>
      <p className="ds-paragraph">{t('privacy.lead')}</p>
      <p className="ds-paragraph privacy-updated">
        {t('privacy.updated', { date: date(updated) })}
      </p>
      {hasExamples ? (
        <p className="ds-paragraph example-note" data-testid="example-note">
          {t('privacy.exampleNote')}
        </p>
      ) : null}
      {STATEMENT.sections.map((section) => (
        <section
          key={section.id}
          aria-labelledby={`privacy-${section.id}`}
          data-example={section.isExample ? 'true' : undefined}
        >
          <h2 className="ds-heading" data-size="sm" id={`privacy-${section.id}`}>
            {section.heading[language]}
            {section.isExample ? (
              <span className="ds-tag example-tag" data-color="warning">
                {t('privacy.exampleTag')}
              </span>
            ) : null}
          </h2>
          {section.paragraphs.map((paragraph, i) => (
            <p className="ds-paragraph" key={i}>
              {paragraph[language]}
            </p>
          ))}
        </section>
      ))}
      <section aria-labelledby="privacy-contact">
        <h2 className="ds-heading" data-size="sm" id="privacy-contact">
          {t('privacy.contactHeading')}
        </h2>
        <OwnerContacts className="ds-list" />
      </section>
      <a className="ds-link" href="/">
        {t('nav.toStart')}
      </a>
    </div>
  );
}
