import { useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { useUiText } from '../../i18n/uiText.tsx';
import type { IssuedLink } from './adminApi.ts';
import { linksCsv } from './invitationForm.ts';

/**
 * Links just made or re-sent, with their tokens: shown this once, to copy one
 * by one or download as a CSV for Norwegian Excel. Nothing here is kept; the
 * server has only the tokens' hashes.
 */
export function NewLinks({
  questionnaireId,
  links,
  nameOf,
}: {
  questionnaireId: string;
  links: readonly IssuedLink[];
  nameOf: (link: IssuedLink, index: number) => string;
}) {
  const { t } = useUiText();
  const [copied, setCopied] = useState<{ id: string; ok: boolean } | null>(null);

  const copy = async (link: IssuedLink) => {
    try {
      await navigator.clipboard.writeText(link.link);
      setCopied({ id: link.id, ok: true });
    } catch {
      setCopied({ id: link.id, ok: false });
    }
  };

  const download = () => {
    const csv = linksCsv(
      links,
      { label: t('admin.invitations.csvLabel'), link: t('admin.invitations.csvLink') },
      nameOf,
    );
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = `invitasjoner-${questionnaireId}.csv`;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="admin-new-links" data-testid="invitation-new-links">
      <p className="ds-paragraph">{t('admin.invitations.shownOnce')}</p>
      <ul className="admin-link-list">
        {links.map((link, index) => {
          const name = nameOf(link, index);
          return (
            <li key={link.id} data-invitation={link.id}>
              <span className="admin-outcome-name">{name}</span>
              <code className="admin-link" data-testid="invitation-link">
                {link.link}
              </code>
              <Button
                variant="tertiary"
                aria-label={t('admin.invitations.copyNamed', { name })}
                onClick={() => void copy(link)}
              >
                {t('admin.invitations.copy')}
              </Button>
            </li>
          );
        })}
      </ul>
      <Button variant="secondary" onClick={download} data-testid="invitation-csv">
        {t('admin.invitations.downloadCsv')}
      </Button>
      <p className="ds-paragraph" role="status">
        {copied
          ? copied.ok
            ? t('admin.invitations.copied')
            : t('admin.invitations.copyFailed')
          : null}
      </p>
    </div>
  );
}
