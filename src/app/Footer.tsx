import { useUiText } from '../i18n/uiText.tsx';
import { OwnerContacts } from '../features/start/OwnerContacts.tsx';
import './footer.css';

/** Who runs the surveys and how to reach them, and the privacy statement, on every screen (`config/site.json`). */
export function Footer() {
  const { t } = useUiText();
  return (
    <footer className="app-footer" data-testid="site-footer">
      <p className="ds-paragraph" data-size="sm">
        {t('site.footerContact')}
      </p>
      <OwnerContacts className="app-footer-owners" />
      <a className="ds-link" href="/personvern" data-testid="footer-privacy">
        {t('site.footerPrivacy')}
      </a>
    </footer>
  );
}
