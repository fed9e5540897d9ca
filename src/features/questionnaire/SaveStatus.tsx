import { useUiText } from '../../i18n/uiText.tsx';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import type { DraftRecord } from '../../storage/lazy.ts';
import { useSaveState, type SaveStateStore } from './useAnswerWriter.ts';
import { useFormatters } from '../../i18n/useFormatters.ts';

/**
 * The save state, announced politely (WCAG 4.1.3). "Saved" is only shown
 * after IndexedDB committed; a failure says what to do and offers the
 * answers as a file.
 */
export function SaveStatus({
  store,
  snapshot,
}: {
  store: SaveStateStore;
  snapshot: () => DraftRecord | undefined;
}) {
  const { t } = useUiText();
  const state = useSaveState(store);
  const { time } = useFormatters();
  if (state.kind === 'error') {
    const message =
      state.problem === 'quota'
        ? t('save.quota')
        : state.problem === 'submitted'
          ? t('save.submitted')
          : t('save.unavailable');
    return (
      <Alert tone="danger" live="assertive" data-testid="save-error">
        <p className="ds-paragraph">{message}</p>
        <Button variant="secondary" onClick={() => downloadDraft(snapshot())}>
          {t('save.download')}
        </Button>
      </Alert>
    );
  }
  const text =
    state.kind === 'saved'
      ? t('save.saved', { time: time(state.at) })
      : state.kind === 'restored'
        ? t('save.restored', { time: time(state.at) })
        : state.kind === 'pending'
          ? t('save.pending')
          : '';
  return (
    <p className="save-status" role="status" data-state={state.kind} data-testid="save-status">
      {text}
    </p>
  );
}

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
