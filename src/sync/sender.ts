import { sendableAnswers, type Questionnaire } from '../engine/index.ts';
import type { DraftStore, Outbox } from '../storage/index.ts';
import { getResponse, openResponse, putResponse } from './client.ts';

/**
 * Drains the outbox: for every response with an unacknowledged revision,
 * sends the draft as it is now (whole: the visible answers a draft may hold,
 * VA10), and counts it delivered only on our acknowledgement. Retries with
 * exponential back-off; a refusal retrying is not expected to fix is shown
 * and offered again only hourly (SYNC.md SY6).
 */
export interface SenderDeps {
  readonly drafts: DraftStore;
  readonly outbox: Outbox;
  readonly loadSpec: (id: string, version: number) => Promise<Questionnaire>;
  readonly fetch: typeof fetch;
  readonly baseUrl: string;
  readonly now: () => number;
  readonly random: () => number;
}

const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;
/** How often a response the server refused is offered again (SY6). */
export const PROBLEM_RETRY_MS = 60 * 60_000;

/** Exponential back-off with jitter: 2 s, 4 s, 8 s … up to 5 minutes. */
export function retryDelay(attempts: number, random: number): number {
  const exact = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempts);
  return Math.round(exact * (0.5 + random / 2));
}

export function createSender(deps: SenderDeps) {
  const { drafts, outbox } = deps;

  async function credentialFor(
    responseId: string,
    questionnaireId: string,
  ): Promise<{ token: string } | { problem: 'retry' | 'refused' }> {
    const stored = await outbox.credential(responseId);
    if (stored) return { token: stored.token };
    const opened = await openResponse(deps.fetch, deps.baseUrl, questionnaireId, responseId);
    if (opened.kind !== 'token') return { problem: opened.kind };
    await outbox.saveCredential({ responseId, token: opened.token, kind: 'open' });
    return { token: opened.token };
  }

  /** MG1: pulls the server's copy and merges it; the merge queues a new revision. */
  async function pullAndMerge(responseId: string, token: string): Promise<boolean> {
    const copy = await getResponse(deps.fetch, deps.baseUrl, responseId, token);
    if (copy === 'failed' || copy === null) return false;
    await outbox.applyServerCopy(responseId, copy, deps.now());
    return true;
  }

  /** Opening a draft, returning to it, coming back online: take what another device sent meanwhile. */
  async function pull(responseId: string): Promise<void> {
    const stored = await outbox.credential(responseId);
    // Without a credential this device never reached the server, so there is no copy to take.
    if (stored) await pullAndMerge(responseId, stored.token);
  }

  async function sendOne(responseId: string): Promise<void> {
    const draft = await drafts.get(responseId);
    if (!draft || draft.revision === 0) return;
    const retryLater = (attempts: number) =>
      outbox.markRetry(responseId, deps.now() + retryDelay(attempts, deps.random()));
    const problem = (code: string) =>
      outbox.markProblem(responseId, code, deps.now() + PROBLEM_RETRY_MS);
    const row = await outbox.get(responseId);
    const attempts = row?.attempts ?? 0;

    const credential = await credentialFor(responseId, draft.questionnaireId);
    if ('problem' in credential) {
      return credential.problem === 'refused' ? problem('no_access') : retryLater(attempts);
    }
    const { token } = credential;

    const spec = await deps.loadSpec(draft.questionnaireId, draft.questionnaireVersion);
    // VA10: a value the server would refuse («12,5» for whole percent) stays on the device, at its question.
    const answers = sendableAnswers(spec, draft.answers);
    const answeredAt = Object.fromEntries(
      Object.entries(draft.answeredAt).filter(([id]) => Object.hasOwn(answers, id)),
    );
    const result = await putResponse(deps.fetch, deps.baseUrl, responseId, token, {
      questionnaireId: draft.questionnaireId,
      questionnaireVersion: draft.questionnaireVersion,
      status: draft.status,
      version: draft.revision,
      answers,
      answeredAt,
    });
    switch (result.kind) {
      case 'ack':
        if (result.outcome === 'stale' && result.version > draft.revision) {
          // Another device got further: take its answers where they are newer, then send the merge.
          if (!(await pullAndMerge(responseId, token))) return retryLater(attempts);
          return;
        }
        return outbox.markSent(responseId, draft.revision, deps.now());
      case 'conflict':
      case 'submitted':
        if (!(await pullAndMerge(responseId, token))) return retryLater(attempts);
        return;
      case 'problem':
        return problem(result.code);
      case 'retry':
        return retryLater(attempts);
    }
  }

  let running: Promise<void> | undefined;

  /** One pass over what is due; concurrent calls share the pass in progress. */
  function flush(): Promise<void> {
    running ??= (async () => {
      try {
        for (let pass = 0; pass < 3; pass++) {
          const due = await outbox.due(deps.now());
          if (due.length === 0) break;
          for (const row of due) await sendOne(row.responseId);
        }
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return { flush, pullAndMerge, pull };
}

export type Sender = ReturnType<typeof createSender>;
