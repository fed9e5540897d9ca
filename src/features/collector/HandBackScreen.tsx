import { useEffect, useRef, useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { useUiText } from '../../i18n/uiText.tsx';
import { useDocumentTitle } from '../../i18n/useDocumentTitle.ts';
import { navigate } from '../../platform/router.ts';
import { collector } from '../../storage/lazy.ts';
import { holderChanged } from './deviceHolder.ts';
import { waitParts } from './gate.ts';
import { tryTakeBack, waitInForce, type TakeBackDeps } from './takeBack.ts';
import { Field } from './CollectorForm.tsx';
import { useHeadingFocus } from './useHeadingFocus.ts';
import './collector.css';

type Message =
  | { readonly kind: 'wrong'; readonly count: number; readonly nextTryAt: number }
  | { readonly kind: 'wait'; readonly count: number; readonly nextTryAt: number }
  | { readonly kind: 'empty' | 'failed' | 'ready' };

const deps = async (): Promise<TakeBackDeps> => ({
  store: await collector(),
  crypto,
  now: () => Date.now(),
});

/**
 * What every address but the respondent's own shows while a respondent has
 * the device: «Gi enheten tilbake til den som samler inn». The collector's
 * PIN takes it back and opens the roster; the respondent can go back to their
 * answers. After five wrong PINs in a row each try waits longer, and the
 * screen says how long (the count is kept in IndexedDB, so a reload does not
 * reset it).
 */
export function HandBackScreen({ responseId }: { responseId: string }) {
  const { t } = useUiText();
  useDocumentTitle(t('title.handBack'));
  const [pin, setPin] = useState('');
  const [isChecking, setChecking] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  // Each message is a new alert, so the same words said twice are announced twice.
  const [messageKey, setMessageKey] = useState(0);
  const heading = useHeadingFocus(null);
  const field = useRef<HTMLInputElement>(null);
  const waitUntil = message?.kind === 'wrong' || message?.kind === 'wait' ? message.nextTryAt : 0;
  const isWaiting = waitUntil > Date.now();

  const say = (next: Message) => {
    setMessage(next);
    setMessageKey((n) => n + 1);
  };

  useEffect(() => {
    // After a reload the wait in force is said before anyone types.
    void deps()
      .then(waitInForce)
      .then((wait) => {
        if (wait) say({ kind: 'wait', ...wait });
      });
  }, []);

  useEffect(() => {
    if (!isWaiting) return;
    const timer = setTimeout(() => say({ kind: 'ready' }), waitUntil - Date.now());
    return () => clearTimeout(timer);
  }, [isWaiting, waitUntil]);

  const submit = async () => {
    if (pin === '') {
      say({ kind: 'empty' });
      field.current?.focus();
      return;
    }
    setChecking(true);
    try {
      const outcome = await tryTakeBack(await deps(), pin);
      if (outcome.kind === 'taken') {
        holderChanged(await (await collector()).getEnrolment());
        navigate({ name: 'roster' });
        return;
      }
      say(outcome);
    } catch {
      say({ kind: 'failed' });
    } finally {
      setChecking(false);
      setPin('');
    }
  };

  const wait = message && 'nextTryAt' in message ? waitParts(message.nextTryAt - Date.now()) : null;
  const waitText = wait
    ? t(wait.unit === 'seconds' ? 'collector.handBack.seconds' : 'collector.handBack.minutes', {
        count: wait.count,
      })
    : '';
  const messageText =
    message === null
      ? null
      : message.kind === 'wrong'
        ? message.nextTryAt > 0
          ? t('collector.handBack.wrongWait', { count: message.count, wait: waitText })
          : t('collector.handBack.wrong')
        : message.kind === 'wait'
          ? t('collector.handBack.wait', { count: message.count, wait: waitText })
          : t(`collector.handBack.${message.kind}`);

  return (
    <div className="page">
      <h1 className="ds-heading" data-size="md" tabIndex={-1} ref={heading}>
        {t('collector.handBack.heading')}
      </h1>
      <p className="ds-paragraph">{t('collector.handBack.lead')}</p>
      <form
        className="collector-hand-back"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (isWaiting) say(message ?? { kind: 'ready' });
          else if (!isChecking) void submit();
        }}
      >
        <Field
          id="hand-back-pin"
          label={t('collector.handBack.pin')}
          error={message?.kind === 'ready' ? undefined : (messageText ?? undefined)}
          errorKey={messageKey}
          inputRef={field}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          onChange={(event) => setPin(event.target.value)}
        />
        <p className="ds-paragraph" role="status">
          {message?.kind === 'ready' ? messageText : null}
        </p>
        <Button type="submit" aria-disabled={isChecking || isWaiting || undefined}>
          {isChecking ? t('collector.handBack.checking') : t('collector.handBack.submit')}
        </Button>
      </form>
      <Button
        variant="tertiary"
        onClick={() => navigate({ name: 'answer', draftId: responseId, sectionId: null })}
      >
        {t('collector.handBack.back')}
      </Button>
    </div>
  );
}
