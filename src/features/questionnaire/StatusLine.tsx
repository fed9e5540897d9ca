import { memo } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import type { AnsweringSession } from '../../session/answeringSession.ts';
import type { DraftRecord } from '../../storage/lazy.ts';
import { useDeliveryText } from './DeliveryLine.tsx';
import { useSessionStateAfterPaint } from './useSession.ts';

/**
 * The page's one status line, announced politely (WCAG 4.1.3): «Lagrer …»
 * while a write is under way, then where the answers are — on this device
 * (only after IndexedDB committed), backed up on the server (only after its
 * acknowledgement of this very revision). A failed write says what to do and
 * offers the answers as a file.
 */
export const StatusLine = memo(function StatusLine({ session }: { session: AnsweringSession }) {
  const { t } = useUiText();
  const { time } = useFormatters();
  const deliveryText = useDeliveryText();
  // Taken in after the tap's own frame has been painted, so a click paints its choice first. The
  // line lags the data by that one frame and never runs ahead of it: «Lagret kl. 14:03» stays
  // true of the save at 14:03 until «Lagrer …» replaces it, and `data-saved-at` says which save.
  // Part by part: a commit of this page's own answer (the draft's revision) moves none of them.
  const save = useSessionStateAfterPaint(session, (s) => s.save);
  const delivery = useSessionStateAfterPaint(session, (s) => s.delivery);
  const updatedAt = useSessionStateAfterPaint(session, (s) =>
    s.save.kind === 'saved' ? null : (s.draft?.updatedAt ?? null),
  );
  if (save.kind === 'error') {
    const message =
      save.problem === 'quota'
        ? t('save.quota')
        : save.problem === 'submitted'
          ? t('save.submitted')
          : t('save.unavailable');
    return (
      <Alert tone="danger" live="assertive" data-testid="save-error">
        <p className="ds-paragraph">{message}</p>
        <Button variant="secondary" onClick={() => downloadDraft(session.getSnapshot().draft)}>
          {t('save.download')}
        </Button>
      </Alert>
    );
  }
  const text =
    save.kind === 'pending'
      ? t('save.pending')
      : save.kind === 'restored'
        ? t('save.restored', { time: time(save.at) })
        : deliveryText(delivery, save.kind === 'saved' ? save.at : updatedAt);
  return (
    <p
      className="save-status"
      role="status"
      data-state={save.kind}
      data-delivery={delivery.kind}
      data-saved-at={save.kind === 'saved' ? save.at : undefined}
      data-testid="save-status"
    >
      {text}
    </p>
  );
});

/** Offers the draft as a JSON file, the last resort when the device cannot store it. */
export function downloadDraft(draft: DraftRecord | undefined) {
  if (!draft) return;
  const blob = new Blob([JSON.stringify(draft, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `barometer-${draft.questionnaireId}-${draft.id}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
