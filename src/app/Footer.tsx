import { useUiText } from '../i18n/uiText.tsx';
import { siteOwners } from '../platform/site.ts';
import './footer.css';

/** Who runs the surveys and how to reach them, and the privacy statement, on every screen (`config/site.json`). */
export function Footer() {
  const { t, language } = useUiText();
  return (
    <footer className="app-footer" data-testid="site-footer">
      <p className="ds-paragraph" data-size="sm">
        {t('site.footerContact')}
      </p>
      <ul className="app-footer-owners">
        {siteOwners().map((owner) => (
          <li key={owner.id}>
            <a className="ds-link" href={owner.url}>
              {owner.name[language]}
            </a>
            {owner.email ? (
              <>
                {' · '}
                <a className="ds-link" href={`mailto:${owner.email}`}>
                  {t('site.email', { email: owner.email })}
                </a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <a className="ds-link" href="/personvern" data-testid="footer-privacy">
        {t('site.footerPrivacy')}
      </a>
    </footer>
  );
}
