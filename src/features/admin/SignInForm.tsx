import { useEffect, useRef, useState } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { Button } from '../../components/Button.tsx';
import { createAdminClient } from './adminApi.ts';

/** `kept_key`: the key this tab kept was refused later (changed on the server). */
export type SignInProblem = 'missing' | 'wrong_key' | 'kept_key' | 'admin_off' | 'failed';

const PROBLEM_TEXT = {
  missing: 'admin.keyMissing',
  wrong_key: 'admin.wrongKey',
  kept_key: 'admin.keptKeyRefused',
  admin_off: 'admin.adminOff',
  failed: 'admin.signInFailed',
} as const;

/**
 * The admin key form. The key is tried on the server before it is kept, so
 * a wrong key is said here, next to the field, instead of leading to an
 * empty overview. Focus moves to the message, after a try and on arrival
 * because a kept key was refused, so it is read at once; the field names it
 * as its description.
 */
export function SignInForm({
  problem,
  questionnaireId,
  onSignedIn,
  onProblem,
}: {
  /** Why the key was not accepted, also when the server refused a kept key later. */
  problem: SignInProblem | null;
  /** A questionnaire whose counts the key is tried on; without one the key is kept untried. */
  questionnaireId: string | undefined;
  onSignedIn: (key: string) => void;
  onProblem: (problem: SignInProblem) => void;
}) {
  const { t } = useUiText();
  const [key, setKey] = useState('');
  const [isChecking, setChecking] = useState(false);
  const [attempts, setAttempts] = useState(0);
  const message = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (problem) message.current?.focus();
  }, [problem, attempts]);

  const refuse = (reason: SignInProblem) => {
    setAttempts((n) => n + 1);
    onProblem(reason);
  };

  const submit = async () => {
    const typed = key.trim();
    if (!typed) {
      refuse('missing');
      return;
    }
    if (!questionnaireId) {
      onSignedIn(typed);
      return;
    }
    setChecking(true);
    const result = await createAdminClient(typed).status(questionnaireId);
    setChecking(false);
    if (result.ok) onSignedIn(typed);
    else if (result.problem.kind === 'wrong_key' || result.problem.kind === 'admin_off')
      refuse(result.problem.kind);
    else refuse('failed');
  };

  return (
    <form
      className="page"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!isChecking) void submit();
      }}
    >
      <h1 className="ds-heading" data-size="md">
        {t('admin.heading')}
      </h1>
      <div className="ds-field">
        <label className="ds-label" htmlFor="admin-token">
          {t('admin.token')}
        </label>
        <input
          id="admin-token"
          className="ds-input"
          type="password"
          autoComplete="off"
          value={key}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'admin-token-error' : undefined}
          onChange={(event) => setKey(event.target.value)}
        />
        {problem ? (
          <p
            key={attempts}
            ref={message}
            tabIndex={-1}
            className="ds-validation-message"
            data-field="validation"
            id="admin-token-error"
            data-testid="admin-sign-in-error"
          >
            {t(PROBLEM_TEXT[problem])}
          </p>
        ) : null}
      </div>
      <Button type="submit" aria-disabled={isChecking || undefined}>
        {isChecking ? t('admin.checkingKey') : t('admin.signIn')}
      </Button>
    </form>
  );
}
