/**
 * What `/svar/<id>/kvittering` can truthfully show for what the device holds:
 * a receipt only for submitted answers; for a draft never submitted, that it
 * is not submitted (with a way back to it); for an id not on this device, that
 * it is not here. Waiting is only for storage or the questionnaire file still
 * on their way, never for something that will not come.
 */
export type ReceiptView = 'waiting' | 'missing' | 'notSubmitted' | 'specFailed' | 'receipt';

export function receiptView(state: {
  /** The answering session's phase (`src/session/answeringSession.ts`). */
  readonly phase: 'opening' | 'open' | 'missing';
  /** The draft's status, once storage answered. */
  readonly status: 'draft' | 'submitted' | undefined;
  /** The questionnaire version the draft is pinned to. */
  readonly spec: 'loading' | 'ready' | 'failed';
}): ReceiptView {
  if (state.phase === 'missing') return 'missing';
  if (state.status === undefined) return 'waiting';
  // Said before the questionnaire is in: nothing of it is shown, so it need not wait for it.
  if (state.status === 'draft') return 'notSubmitted';
  if (state.spec === 'failed') return 'specFailed';
  return state.spec === 'ready' ? 'receipt' : 'waiting';
}
