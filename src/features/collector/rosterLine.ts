import { hasValue, type Answers, type Questionnaire } from '../../engine/index.ts';
import type { RosterEntry } from '../../storage/lazy.ts';
import { visibilityOf } from '../../session/visibilityOf.ts';
import { attentionReason, type AttentionReason } from '../../sync/batchSync.ts';

/**
 * One line of the collector's roster as the screen says it: where the
 * response stands, in words that cannot be read as more than it is («sendt
 * inn» only once the server acknowledged the submission, SY6), and whether the
 * device can be handed back to its respondent. Pure, so tested in Node.
 */
export type RosterState =
  | 'device'
  | 'backedUp'
  | 'submitting'
  | 'submitted'
  /** Submitted, acknowledged, and its answers left this device. */
  | 'removed'
  /** Its answers are gone from this device without a recorded removal. */
  | 'lost'
  | 'attention';

export interface RosterLine {
  readonly state: RosterState;
  /** When it was backed up or submitted (acknowledged), for those states. */
  readonly at: number | null;
  /** Why the server does not take it, for `attention`. */
  readonly attention: AttentionReason | null;
  /** Not submitted and its answers are here: «Fortsett» hands the device back to its respondent. */
  readonly canContinue: boolean;
}

export function rosterLine(entry: RosterEntry): RosterLine {
  const { delivery } = entry;
  const canContinue = entry.draft?.status === 'draft';
  const line = (state: RosterState, at: number | null = null): RosterLine => ({
    state,
    at,
    attention: delivery.kind === 'attention' ? attentionReason(delivery.problem) : null,
    canContinue,
  });
  if (entry.respondent.removed) return line('removed', entry.respondent.removed.acknowledgedAt);
  switch (delivery.kind) {
    case 'backedUp':
    case 'submitted':
      return line(delivery.kind, delivery.at);
    default:
      return line(delivery.kind);
  }
}

/**
 * Answered questions among those the answers make visible (hidden ones are
 * neither asked nor counted), as the respondent's own progress bar counts them.
 */
export function progressOf(
  spec: Questionnaire,
  answers: Answers,
): { readonly answered: number; readonly total: number } {
  const visibility = visibilityOf(spec, answers);
  const answered = [...visibility.questions].filter((id) => hasValue(visibility.answers[id]));
  return { answered: answered.length, total: visibility.questions.size };
}
