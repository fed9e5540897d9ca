import type { Sha256Hex } from '../contract/index.ts';
import type { Questionnaire } from '../engine/index.ts';
import type { CredentialRecord, DraftRecord, DraftStore, Outbox } from '../storage/index.ts';
import { getResponse, openResponse, putResponse, type ResponsePayload } from './client.ts';
import { responseBodyOf, webSha256Hex } from './responseBody.ts';

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
  /** SHA-256 in hex for a collected response's respondent key (SY16); Web Crypto when left out. */
  readonly sha256Hex?: Sha256Hex;
  /**
   * Told of each response whose revision `flush` got acknowledged, once the outbox row says so:
   * the page lets a collected submission's answers leave the device here (`startSync.ts`), as a
   * batch does after its own sends. A failure here is not the send's: the next batch retries it.
   */
  readonly afterAcknowledged?: (responseId: string) => Promise<unknown>;
}

/**
 * What one send came to. The outbox row already records it; this is for a
 * caller that watches one send after another (`batchSync.ts`).
 */
export type SendOutcome =
  | { readonly kind: 'acknowledged' }
  /** The server held other content: it was merged in (MG1), and the merge is queued as a new revision. */
  | { readonly kind: 'merged' }
  /** Still queued, to be retried: the client's reason (an error name, `no_ack`, `http_503` …). */
  | { readonly kind: 'queued'; readonly reason: string }
  /** A refusal retrying is not expected to fix (SY6), with the server's code. */
  | { readonly kind: 'attention'; readonly problem: string }
  /** No draft with an answer to send. */
  | { readonly kind: 'nothing' };

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
  const sha256Hex = deps.sha256Hex ?? webSha256Hex;

  async function credentialFor(
    responseId: string,
    questionnaireId: string,
  ): Promise<CredentialRecord | { problem: 'retry' | 'refused' }> {
    const stored = await outbox.credential(responseId);
    if (stored) return stored;
    const opened = await openResponse(deps.fetch, deps.baseUrl, questionnaireId, responseId);
    if (opened.kind !== 'token') return { problem: opened.kind };
    const credential = { responseId, token: opened.token, kind: 'open' } as const;
    await outbox.saveCredential(credential);
    return credential;
  }

  /** The PUT body for the draft as it is now; a collected response's carries its respondent's key hash (SY16). */
  async function bodyFor(
    draft: DraftRecord,
    kind: CredentialRecord['kind'] | undefined,
  ): Promise<ResponsePayload> {
    const spec = await deps.loadSpec(draft.questionnaireId, draft.questionnaireVersion);
    const respondentToken =
      kind === 'collector' ? await outbox.respondentToken(draft.id) : undefined;
    // Without its token (never expected: both are written in one transaction) the save still goes;
    // the server then makes a key nobody holds, and only the respondent's own link is lost.
    const keyHash = respondentToken === undefined ? undefined : await sha256Hex(respondentToken);
    return responseBodyOf(spec, draft, keyHash);
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

  /** Sends one response's draft as it is now, whatever its schedule, and records what came of it. */
  async function sendOne(responseId: string): Promise<SendOutcome> {
    const draft = await drafts.get(responseId);
    if (!draft || draft.revision === 0) return { kind: 'nothing' };
    const row = await outbox.get(responseId);
    const attempts = row?.attempts ?? 0;
    const retryLater = async (reason: string): Promise<SendOutcome> => {
      await outbox.markRetry(responseId, deps.now() + retryDelay(attempts, deps.random()));
      return { kind: 'queued', reason };
    };
    const problem = async (code: string): Promise<SendOutcome> => {
      await outbox.markProblem(responseId, code, deps.now() + PROBLEM_RETRY_MS);
      return { kind: 'attention', problem: code };
    };
    const merge = async (token: string): Promise<SendOutcome> =>
      (await pullAndMerge(responseId, token)) ? { kind: 'merged' } : retryLater('pull_failed');

    const credential = await credentialFor(responseId, draft.questionnaireId);
    if ('problem' in credential) {
      return credential.problem === 'refused' ? problem('no_access') : retryLater('no_credential');
    }
    const { token } = credential;
    const body = await bodyFor(draft, credential.kind);
    const result = await putResponse(deps.fetch, deps.baseUrl, responseId, token, body);
    switch (result.kind) {
      case 'ack':
        // Another device got further: take its answers where they are newer, then send the merge.
        if (result.outcome === 'stale' && result.version > draft.revision) return merge(token);
        await outbox.markSent(responseId, draft.revision, deps.now());
        return { kind: 'acknowledged' };
      case 'conflict':
      case 'submitted':
        return merge(token);
      case 'problem':
        return problem(result.code);
      case 'retry':
        return retryLater(result.reason);
    }
  }

  /** The body a send would carry now, or undefined when there is nothing to send (for measuring). */
  async function bodyOf(responseId: string): Promise<ResponsePayload | undefined> {
    const draft = await drafts.get(responseId);
    if (!draft || draft.revision === 0) return undefined;
    return bodyFor(draft, (await outbox.credential(responseId))?.kind);
  }

  let running: Promise<void> | undefined;

  /** One pass over what is due; concurrent calls share the pass in progress. */
  function flush(): Promise<void> {
    running ??= (async () => {
      try {
        for (let pass = 0; pass < 3; pass++) {
          const due = await outbox.due(deps.now());
          if (due.length === 0) break;
          for (const row of due) {
            const outcome = await sendOne(row.responseId);
            if (outcome.kind === 'acknowledged' && deps.afterAcknowledged)
              await deps.afterAcknowledged(row.responseId).catch(() => undefined);
          }
        }
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return { flush, pullAndMerge, pull, sendOne, bodyOf };
}

export type Sender = ReturnType<typeof createSender>;
