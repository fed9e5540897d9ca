import { useUiText } from '../../i18n/uiText.tsx';
import { siteOwners } from '../../platform/site.ts';

/** Who runs the surveys and how to reach them (`config/site.json`): the footer's list and the privacy statement's. */
export function OwnerContacts({ className }: { className: string }) {
  const { t, language } = useUiText();
  return (
    <ul className={className}>
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
  );
}
