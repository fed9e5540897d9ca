import { receiptView } from '../questionnaire/receiptView.ts';

/**
 * What `/svar/<id>/resultat` can truthfully show for what the device holds.
 * The profile is shown on the receipt's terms (`receiptView`): only for
 * submitted answers (the start page and the receipt link here only after
 * «Send inn»); for a draft never submitted, that the profile comes once the
 * answers are sent in, with a way back to them; for an id not on this device,
 * that it is not here. A questionnaire without
 * indicators has no profile to show, and says so instead of an empty chart.
 * Waiting is only for storage or the questionnaire file still on their way,
 * never for something that will not come.
 */
export type ResultsView =
  'waiting' | 'missing' | 'notSubmitted' | 'specFailed' | 'noProfile' | 'results';

export function resultsView(state: {
  /** The answering session's phase (`src/session/answeringSession.ts`). */
  readonly phase: 'opening' | 'open' | 'missing';
  /** The draft's status, once storage answered. */
  readonly status: 'draft' | 'submitted' | undefined;
  /** The questionnaire version the draft is pinned to: its indicator count once it is in. */
  readonly spec: 'loading' | 'failed' | { readonly indicatorCount: number };
}): ResultsView {
  const { spec } = state;
  const common = receiptView({
    phase: state.phase,
    status: state.status,
    spec: typeof spec === 'string' ? spec : 'ready',
  });
  if (common !== 'receipt') return common;
  if (typeof spec === 'string') return 'waiting';
  return spec.indicatorCount > 0 ? 'results' : 'noProfile';
}
