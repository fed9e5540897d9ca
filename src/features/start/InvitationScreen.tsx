import { useEffect, useRef, useState } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { navigate } from '../../platform/router.ts';
import { Alert } from '../../components/Alert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { draftStore, outboxStore } from '../../storage/index.ts';
import { claimInvitation } from '../../sync/client.ts';

type State = 'working' | 'invalid' | 'offline';

/**
 * `/i/<token>`: binds this device to the invited response. The token leaves
 * the address bar at once and is kept only in IndexedDB; a copy already on
 * the server (from another device) is merged in answer by answer.
 */
export function InvitationScreen({ token }: { token: string | null }) {
  const { t } = useUiText();
  const [state, setState] = useState<State>('working');
  const claimed = useRef(false);
  useEffect(() => {
    if (token) window.history.replaceState(null, '', '/i');
    if (claimed.current || !token) {
      if (!token && !claimed.current) setState('invalid');
      return;
    }
    claimed.current = true;
    void (async () => {
      const claim = await claimInvitation(token);
      if (claim.kind !== 'claimed') {
        setState(claim.kind === 'invalid' ? 'invalid' : 'offline');
        return;
      }
      const now = Date.now();
      await outboxStore().saveCredential({
        responseId: claim.responseId,
        token,
        kind: 'invitation',
      });
      if (!(await draftStore().get(claim.responseId))) {
        await draftStore().create(
          { id: claim.questionnaireId, version: claim.questionnaireVersion },
          claim.responseId,
          now,
        );
      }
      // Opening the draft pulls the server's copy, and the page names what came from elsewhere.
      navigate({ name: 'answer', draftId: claim.responseId, sectionId: null }, { replace: true });
    })();
  }, [token]);

  if (state === 'working') return <Loading />;
  return (
    <Alert tone={state === 'invalid' ? 'warning' : 'danger'} live="assertive">
      <p className="ds-paragraph">
        {state === 'invalid' ? t('invitation.invalid') : t('invitation.offline')}
      </p>
      <a className="ds-link" href="/">
        {t('nav.toStart')}
      </a>
    </Alert>
  );
}
