import type { RosterEntry } from '../../storage/lazy.ts';
import type { BatchProgress, BatchReport, BatchResult } from '../../sync/batchSync.ts';
import { byteRange, formatCount, formatList, type WordTools } from './formats.ts';

/**
 * What «Send alle» says about a batch (`sendCollectedNow`, SYNC.md
 * SY14–SY19): its progress, what became of each respondent's response, and
 * what the collector can do about the rest. «Sendt inn» is said only of a
 * response the server acknowledged as submitted; a draft the server stored is
 * «lagret på serveren», never «sendt inn».
 */

/**
 * What the server did not take as the response stands: `offline`,
 * `unavailable`, `notTried` (the batch stopped, offline or server down, before
 * it tried this one), `changing` (another device changed it meanwhile),
 * `access` (the link is revoked or expired), `invalid` and `refused`.
 */
const NOT_SENT = [
  'offline',
  'unavailable',
  'notTried',
  'changing',
  'access',
  'invalid',
  'refused',
] as const;

/**
 * What became of one response, in the words the collector reads: `submitted`
 * (the server acknowledged the submitted response), `storedDraft` (the server
 * stored it as it stands, not submitted yet), what was not sent, and
 * `nothingToSend`.
 */
export const OUTCOMES = ['submitted', 'storedDraft', ...NOT_SENT, 'nothingToSend'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * The result's outcome, read with the response's roster line after the batch:
 * an acknowledgement is of a submission only if the roster says the submitted
 * revision is acknowledged (a line whose answers left the device says so too).
 */
export function outcomeOf(result: BatchResult, entry: RosterEntry | undefined): Outcome {
  switch (result.kind) {
    case 'acknowledged':
      return entry?.delivery.kind === 'submitted' ? 'submitted' : 'storedDraft';
    case 'queued':
      return result.isTried ? result.reason : 'notTried';
    case 'attention':
      return result.reason === 'other' ? 'refused' : result.reason;
    case 'gone':
      return 'nothingToSend';
  }
}

/** What the collector can do something about, in the order the list shows it. */
export type Attention = 'offline' | 'unavailable' | 'access' | 'invalid' | 'refused' | 'changing';

export const ATTENTION_ORDER: readonly Attention[] = [
  'offline',
  'unavailable',
  'access',
  'invalid',
  'refused',
  'changing',
];

export interface AttentionItem {
  readonly kind: Attention;
  /** The roster labels of the responses it concerns, in the batch's order. */
  readonly labels: readonly string[];
  /** The server's codes, for the survey owner (only for `refused`). */
  readonly problems: readonly string[];
}

export interface RespondentOutcome {
  readonly responseId: string;
  /** The roster label; the response id when the roster no longer has the line. */
  readonly label: string;
  readonly outcome: Outcome;
  /** The answers left the device after the server acknowledged them (SY6). */
  readonly isRemoved: boolean;
}

export interface BatchSummary {
  readonly respondents: readonly RespondentOutcome[];
  readonly attention: readonly AttentionItem[];
  readonly submitted: number;
  readonly storedDraft: number;
  /** Responses the server has not got as they stand: queued, refused or never tried. */
  readonly notSent: number;
  /** Local copies removed after acknowledgement: in this batch, and earlier acknowledgements now. */
  readonly removed: number;
}

/** What the collector can act on for this result; a batch that stopped marks what it left with the cause. */
function attentionOf(result: BatchResult): Attention | null {
  if (result.kind === 'queued') return result.reason;
  if (result.kind === 'attention') return result.reason === 'other' ? 'refused' : result.reason;
  return null;
}

export function summarise(report: BatchReport, roster: readonly RosterEntry[]): BatchSummary {
  const lines = new Map(roster.map((e) => [e.respondent.responseId, e]));
  const groups = new Map<Attention, { labels: string[]; problems: Set<string> }>();
  const respondents = report.results.map((result): RespondentOutcome => {
    const entry = lines.get(result.responseId);
    const label = entry?.respondent.label ?? result.responseId;
    const outcome = outcomeOf(result, entry);
    const kind = attentionOf(result);
    if (kind) {
      const group = groups.get(kind) ?? { labels: [], problems: new Set<string>() };
      group.labels.push(label);
      if (result.kind === 'attention' && kind === 'refused') group.problems.add(result.problem);
      groups.set(kind, group);
    }
    const isRemoved = result.kind === 'acknowledged' && result.isRemoved;
    return { responseId: result.responseId, label, outcome, isRemoved };
  });
  const count = (outcomes: readonly Outcome[]) =>
    respondents.filter((r) => outcomes.includes(r.outcome)).length;
  return {
    respondents,
    attention: ATTENTION_ORDER.flatMap((kind) => {
      const group = groups.get(kind);
      return group ? [{ kind, labels: group.labels, problems: [...group.problems] }] : [];
    }),
    submitted: count(['submitted']),
    storedDraft: count(['storedDraft']),
    notSent: count(NOT_SENT),
    removed: respondents.filter((r) => r.isRemoved).length + report.removedEarlier.length,
  };
}

/**
 * Whether a progress report is worth saying aloud: the first, then about every
 * tenth of the batch, so a screen reader hears a few steps of a long batch
 * rather than every response. The end is said by the summary instead.
 */
export function isAnnounced(lastAnnouncedDone: number | null, progress: BatchProgress): boolean {
  if (lastAnnouncedDone === null) return true;
  if (progress.done >= progress.total) return false;
  const step = Math.max(1, Math.ceil(progress.total / 10));
  return progress.done - lastAnnouncedDone >= step;
}

/** «3 av 7 svar behandlet, 3,2 av 12 kB»: handled, not «sendt», since a refused one counts too. */
export function progressText({ t, language }: WordTools, progress: BatchProgress): string {
  const bytes = byteRange(progress.bytesSent, progress.bytesTotal, language);
  return t('collectorPanels.send.progress', {
    done: formatCount(progress.done, language),
    total: formatCount(progress.total, language),
    sent: bytes.part,
    size: bytes.whole,
  });
}

export function outcomeText({ t }: WordTools, outcome: Outcome): string {
  return t(`collectorPanels.send.outcome.${outcome}`);
}

export function attentionText({ t }: WordTools, item: AttentionItem): string {
  if (item.kind === 'refused')
    return t('collectorPanels.send.attention.refused', { codes: item.problems.join(', ') });
  return t(`collectorPanels.send.attention.${item.kind}`);
}

/** «Gjelder: Kari, Per og Ola». */
export function concernsText({ t, language }: WordTools, item: AttentionItem): string {
  return t('collectorPanels.send.concerns', { labels: formatList(item.labels, language) });
}

/** The batch's result in sentences: what the server confirmed, what is left, what was removed. */
export function summaryText({ t, language }: WordTools, summary: BatchSummary): string {
  const n = (count: number) => ({ n: formatCount(count, language) });
  const removed =
    summary.removed === 0
      ? t('collectorPanels.send.removedNone')
      : t('collectorPanels.send.removed', { count: summary.removed, ...n(summary.removed) });
  // Removals of earlier acknowledgements are said even when this batch had nothing to send.
  if (summary.respondents.length === 0)
    return [t('collectorPanels.send.nothingQueued'), summary.removed > 0 ? removed : '']
      .filter(Boolean)
      .join(' ');
  return [
    summary.submitted > 0 ? t('collectorPanels.send.summarySubmitted', n(summary.submitted)) : '',
    summary.storedDraft > 0
      ? t('collectorPanels.send.summaryStoredDraft', n(summary.storedDraft))
      : '',
    summary.notSent > 0 ? t('collectorPanels.send.summaryNotSent', n(summary.notSent)) : '',
    removed,
  ]
    .filter(Boolean)
    .join(' ');
}
