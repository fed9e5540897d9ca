import { useCallback, useMemo, useState } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { useDocumentTitle } from '../../i18n/useDocumentTitle.ts';
import { catalogEntries, latestVersions } from '../../platform/catalog.ts';
import { Button } from '../../components/Button.tsx';
import { createAdminClient, type AdminProblem } from './adminApi.ts';
import { QuestionnaireOverview } from './QuestionnaireOverview.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { SignInForm, type SignInProblem } from './SignInForm.tsx';
import './admin.css';

/**
 * `/admin`: the survey owner's view. The admin token is typed in, checked
 * against the server, and kept for this tab only (sessionStorage), never put
 * in a URL.
 */
const TOKEN_KEY = 'barometer.adminToken';

export function AdminScreen() {
  const { t } = useUiText();
  useDocumentTitle(t('title.admin'));
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [problem, setProblem] = useState<SignInProblem | null>(null);
  const catalog = useMemo(() => latestVersions(catalogEntries()), []);
  const client = useMemo(() => createAdminClient(token), [token]);

  const signOut = useCallback((reason: AdminProblem | null) => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken('');
    setProblem(reason?.kind === 'admin_off' ? 'admin_off' : reason ? 'kept_key' : null);
  }, []);

  if (!token) {
    return (
      <SignInForm
        problem={problem}
        questionnaireId={catalog[0]?.id}
        onSignedIn={(key) => {
          sessionStorage.setItem(TOKEN_KEY, key);
          setProblem(null);
          setToken(key);
        }}
        onProblem={setProblem}
      />
    );
  }
  return (
    <div className="page admin">
      <div className="admin-top">
        <h1 className="ds-heading" data-size="md">
          {t('admin.heading')}
        </h1>
        <Button variant="tertiary" onClick={() => signOut(null)}>
          {t('admin.signOut')}
        </Button>
      </div>
      {catalog.map((entry) => (
        <QuestionnaireOverview
          key={entry.id}
          entry={entry}
          client={client}
          onUnauthorised={signOut}
        />
      ))}
      <ImportPanel client={client} onUnauthorised={signOut} />
    </div>
  );
}
