import type { TFunction } from 'i18next';
import type { IndicatorOutcome } from '../../engine/index.ts';
import type { NextPublication, NotPublishableReason } from './adminApi.ts';
import type { PanelNotice } from './publicationState.ts';

/**
 * The owner's plain-language sentences for publication states, from
 * locales/ (`admin.publication.*`). Plural texts get `count` to choose the
 * form and `n`, the same number through Intl, to show.
 */
export interface TextTools {
  readonly t: TFunction;
  readonly number: (n: number) => string;
}

/** Whether the next publication can appear now, and if not, why. */
export function nextStatusText(
  { t, number }: TextTools,
  next: NextPublication,
  hasCurrent: boolean,
): string {
  if (next.isPublishable) {
    return hasCurrent
      ? t('admin.publication.ready', { count: next.changed, n: number(next.changed) })
      : t('admin.publication.readyFirst', { n: number(next.respondents) });
  }
  switch (next.reason) {
    case 'too_few_changes':
      return t('admin.publication.tooFewChanges', {
        count: next.changed,
        n: number(next.changed),
        k: number(next.k),
      });
    case 'nothing_new':
      return next.changed === 0
        ? t('admin.publication.nothingChanged')
        : t('admin.publication.nothingNew');
    case 'below_k':
    case null:
      return t('admin.publication.belowK', { n: number(next.respondents), k: number(next.k) });
  }
}

/** What the next publication would show for one indicator, as one or more sentences. */
export function outcomeText(
  { t, number }: TextTools,
  outcome: IndicatorOutcome | undefined,
): string {
  if (!outcome) return t('admin.publication.outcome.withheldBelowK');
  switch (outcome.kind) {
    case 'fresh':
      return [
        t('admin.publication.outcome.fresh'),
        outcome.groupsWithheld > 0
          ? t('admin.publication.outcome.groupsWithheld', {
              count: outcome.groupsWithheld,
              n: number(outcome.groupsWithheld),
            })
          : '',
        outcome.itemsWithheld ? t('admin.publication.outcome.itemsWithheld') : '',
      ]
        .filter(Boolean)
        .join(' ');
    case 'kept':
      return outcome.reason === 'unchanged'
        ? t('admin.publication.outcome.keptUnchanged', { from: number(outcome.from) })
        : t('admin.publication.outcome.keptTooFewChanges', { from: number(outcome.from) });
    case 'withheld':
      return outcome.reason === 'below_k'
        ? t('admin.publication.outcome.withheldBelowK')
        : t('admin.publication.outcome.withheldTooFewChanges');
  }
}

/** Why the server refused to publish (409). */
function refusedText(
  { t, number }: TextTools,
  refusal: { reason: NotPublishableReason; changed: number; k: number },
): string {
  switch (refusal.reason) {
    case 'below_k':
      return t('admin.publication.refusedBelowK', { k: number(refusal.k) });
    case 'too_few_changes':
      return t('admin.publication.refusedTooFewChanges', {
        count: refusal.changed,
        n: number(refusal.changed),
        k: number(refusal.k),
      });
    case 'nothing_new':
      return refusal.changed === 0
        ? t('admin.publication.refusedNothingChanged')
        : t('admin.publication.refusedNothingNew');
  }
}

/** The result of the owner's last action. */
export function noticeText(tools: TextTools, notice: PanelNotice): string {
  const { t, number } = tools;
  switch (notice.kind) {
    case 'published':
      return t('admin.publication.published', { number: number(notice.number) });
    case 'not_publishable':
      return refusedText(tools, notice);
    case 'conflict':
      return t('admin.publication.conflict');
    case 'admit_changed':
      return notice.isAdmitted
        ? t('admin.publication.openAdmitted')
        : t('admin.publication.openHeld');
    case 'round_closed':
      return t('admin.publication.roundClosed');
    case 'round_reopened':
      return t('admin.publication.roundReopened');
    case 'action_failed':
      return t('admin.publication.actionFailed');
  }
}
