import type { RosterEntry } from '../../storage/lazy.ts';
import type { WordTools } from './formats.ts';

/**
 * Whether «Glem denne enheten» may remove everything (`forgetDevice`,
 * SYNC.md SY18): only when each collected response is acknowledged by the
 * server or held by a saved export file at the revision on the device (or
 * holds no answer). Otherwise which respondents stand in the way, and why,
 * in words that say what to do.
 */
export type UnsafeReason =
  /** The server refuses it (SY10 or a revoked link): only an export file keeps it. */
  | 'refused'
  /** Changed after the export file that holds it was saved. */
  | 'changedSinceExport'
  /** Completed here, not yet acknowledged by the server. */
  | 'completedNotSent'
  /** Answers the server has not got, in a response not completed yet. */
  | 'notSent';

export interface UnsafeRespondent {
  readonly responseId: string;
  readonly label: string;
  readonly reason: UnsafeReason;
}

export type ForgetCheck =
  | {
      readonly kind: 'allowed';
      readonly responses: number;
      /**
       * Respondents whose answers are gone from the device without a recorded
       * removal: nobody here knows what the server has. Keeping the device
       * cannot bring them back, so they do not stand in the way; the
       * collector is told their names before confirming.
       */
      readonly lost: readonly string[];
    }
  | { readonly kind: 'blocked'; readonly unsafe: readonly UnsafeRespondent[] };

const isLost = (entry: RosterEntry) => !entry.isSafe && !entry.draft;

export function unsafeReason(entry: RosterEntry): UnsafeReason | null {
  if (entry.isSafe || !entry.draft) return null;
  if (entry.delivery.kind === 'attention') return 'refused';
  if (entry.respondent.exportedRevision !== null) return 'changedSinceExport';
  return entry.draft.status === 'submitted' ? 'completedNotSent' : 'notSent';
}

export function forgetCheck(roster: readonly RosterEntry[]): ForgetCheck {
  const unsafe = roster.flatMap((entry) => {
    const reason = unsafeReason(entry);
    return reason
      ? [{ responseId: entry.respondent.responseId, label: entry.respondent.label, reason }]
      : [];
  });
  return unsafe.length > 0
    ? { kind: 'blocked', unsafe }
    : {
        kind: 'allowed',
        responses: roster.length,
        lost: roster.filter(isLost).map((entry) => entry.respondent.label),
      };
}

export function unsafeText({ t }: WordTools, respondent: UnsafeRespondent): string {
  return t('collectorPanels.forget.unsafe', {
    label: respondent.label,
    reason: t(`collectorPanels.forget.reason.${respondent.reason}`),
  });
}
