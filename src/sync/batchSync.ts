// Sends every queued response collected on this device at once, when the collector asks, through the sender's own send.
import type { CollectorStore } from '../storage/index.ts';
import { bodyBytes } from './responseBody.ts';
import type { Sender, SendOutcome } from './sender.ts';

/**
 * "Send everything now" for a collector's device (SYNC.md SY14–SY19): every
 * collected response the server has not acknowledged at its revision goes,
 * whatever its back-off schedule (one that needs attention too: the
 * collector asked, so SY6's hourly schedule does not hold it back), one at a
 * time through `Sender.sendOne` (so SY1–SY6 hold as for any save), and a
 * submitted one's answers leave the device once acknowledged (unless the
 * collector keeps read-only copies).
 *
 * One at a time: a weak link shares its bandwidth anyway, progress names one
 * response, and the batch stops at the first sign that the link or the server
 * is down instead of timing out on every response. A try that gets no reply
 * is tried again after a pause; if the server had stored it, the same version
 * with the same content is answered as a replay (SY2), so a lost reply is
 * neither stranded nor doubled.
 */
export interface BatchProgress {
  readonly done: number;
  readonly total: number;
  /** Bodies of the responses handled so far, in UTF-8 bytes, against all of them. */
  readonly bytesSent: number;
  readonly bytesTotal: number;
  /** The response being sent; null before the first and once finished. */
  readonly current: string | null;
}

/** Why the server refused a response, for the screen to put in words. */
export type AttentionReason =
  /** The collector link was revoked or has expired, or does not cover this response (SY16's 404). */
  | 'access'
  /** The server refused the answers or the body (SY10): the questionnaire version, a value. */
  | 'invalid'
  | 'other';

export type BatchResult = { readonly responseId: string } & (
  | { readonly kind: 'acknowledged'; readonly isRemoved: boolean }
  | {
      readonly kind: 'queued';
      /** `changing`: another device kept changing it while this one merged; it goes with the next send. */
      readonly reason: 'offline' | 'unavailable' | 'changing';
      /** False when the batch stopped before trying it. */
      readonly isTried: boolean;
    }
  | {
      readonly kind: 'attention';
      readonly reason: AttentionReason;
      /** The server's code (`not_found`, `invalid_answers`, …). */
      readonly problem: string;
    }
  /** No longer on the device with anything to send. */
  | { readonly kind: 'gone' }
);

export interface BatchReport {
  readonly results: readonly BatchResult[];
  /** Submissions acknowledged earlier whose answers left the device with this batch. */
  readonly removedEarlier: readonly string[];
}

export interface BatchDeps {
  readonly sender: Pick<Sender, 'sendOne' | 'bodyOf'>;
  readonly collector: Pick<
    CollectorStore,
    'unacknowledged' | 'removeAcknowledged' | 'removeAllAcknowledged'
  >;
  readonly now: () => number;
  readonly onProgress?: (progress: BatchProgress) => void;
  /** The pause between tries of one response: a timer in the app, none in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Sends of one response before it is left queued; a merge counts as one. */
const TRIES = 3;
const PAUSE_MS = 1_000;
/** A 429 (SY10's per-token limit per minute) is waited out this often, this long, without using a try. */
const RATE_WAITS = 6;
const RATE_PAUSE_MS = 10_000;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A failed try's cause: the client names a thrown fetch by its error name and
 * a server's reply by its status (`http_503`); a page that is not our
 * acknowledgement (`no_ack`, a captive portal's) means the device is not really online.
 */
const queuedCause = (reason: string): 'offline' | 'unavailable' =>
  reason.startsWith('http_') || reason === 'pull_failed' ? 'unavailable' : 'offline';

export function attentionReason(problem: string): AttentionReason {
  if (problem === 'not_found' || problem === 'no_access') return 'access';
  if (problem === 'invalid_body' || problem === 'invalid_answers') return 'invalid';
  return 'other';
}

/**
 * The background sender's `afterAcknowledged` (`startSync.ts`): a collected submission's answers
 * leave the device once the server acknowledged them, as after a batch's send (unless the collector
 * keeps read-only copies; `removeAcknowledged` checks both).
 */
export const removeCollectedWhenAcknowledged =
  (collector: Pick<CollectorStore, 'respondent' | 'removeAcknowledged'>, now: () => number) =>
  async (responseId: string): Promise<void> => {
    // A read first: on a respondent's own device every send ends here, and the removal's transaction writes.
    if (await collector.respondent(responseId))
      await collector.removeAcknowledged(responseId, now());
  };

export async function batchSync(deps: BatchDeps): Promise<BatchReport> {
  const sleep = deps.sleep ?? wait;
  const ids = (await deps.collector.unacknowledged()).map((e) => e.respondent.responseId);
  const sizes = await Promise.all(
    ids.map(async (id) => {
      const body = await deps.sender.bodyOf(id);
      return body ? bodyBytes(body) : 0;
    }),
  );
  let progress: BatchProgress = {
    done: 0,
    total: ids.length,
    bytesSent: 0,
    bytesTotal: sizes.reduce((a, b) => a + b, 0),
    current: null,
  };
  const report = (change: Partial<BatchProgress>) => {
    progress = { ...progress, ...change };
    deps.onProgress?.(progress);
  };

  async function send(responseId: string): Promise<BatchResult> {
    let last: SendOutcome = { kind: 'nothing' };
    let tried = 0;
    let waited = 0;
    while (tried < TRIES) {
      last = await deps.sender.sendOne(responseId);
      if (last.kind === 'queued' && last.reason === 'http_429' && waited < RATE_WAITS) {
        // SY10's per-token limit: a long batch waits for the minute to pass instead of stopping.
        waited += 1;
        await sleep(RATE_PAUSE_MS);
        continue;
      }
      tried += 1;
      if (last.kind !== 'merged' && last.kind !== 'queued') break;
      if (last.kind === 'queued' && tried < TRIES) await sleep(PAUSE_MS * tried);
    }
    switch (last.kind) {
      case 'acknowledged': {
        const removal = await deps.collector.removeAcknowledged(responseId, deps.now());
        return { responseId, kind: 'acknowledged', isRemoved: removal.kind === 'removed' };
      }
      case 'attention':
        return {
          responseId,
          kind: 'attention',
          reason: attentionReason(last.problem),
          problem: last.problem,
        };
      case 'queued':
        return { responseId, kind: 'queued', reason: queuedCause(last.reason), isTried: true };
      case 'merged':
        return { responseId, kind: 'queued', reason: 'changing', isTried: true };
      case 'nothing':
        return { responseId, kind: 'gone' };
    }
  }

  report({});
  const results: BatchResult[] = [];
  let stoppedBy: 'offline' | 'unavailable' | null = null;
  for (const [i, responseId] of ids.entries()) {
    if (stoppedBy) {
      results.push({ responseId, kind: 'queued', reason: stoppedBy, isTried: false });
      continue;
    }
    report({ current: responseId });
    const result = await send(responseId);
    results.push(result);
    if (result.kind === 'queued' && result.reason !== 'changing') stoppedBy = result.reason;
    report({ done: progress.done + 1, bytesSent: progress.bytesSent + (sizes[i] ?? 0) });
  }
  // Acknowledged by the background sender, or while read-only copies were kept: their answers go now.
  const removedEarlier = await deps.collector.removeAllAcknowledged(deps.now());
  report({ current: null });
  return { results, removedEarlier };
}
