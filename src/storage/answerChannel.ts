import type { DraftStore } from './drafts.ts';
import {
  AnswerWriteError,
  classifyStorageError,
  type AnswerChanges,
  type StorageProblem,
} from './records.ts';

/**
 * Answers written off the page's main thread. On a phone, re-rendering the
 * page after a tap keeps the main thread busy for tens of milliseconds, and
 * a transaction opened there cannot run its next step until that is done;
 * in a worker the answer commits meanwhile. The page keeps the same store
 * for everything else, and falls back to it when no worker can run.
 */
export interface SaveRequest {
  readonly id: number;
  readonly draftId: string;
  readonly changes: AnswerChanges;
  readonly now: number;
}

export type SaveReply =
  | { readonly id: number; readonly ok: true }
  | {
      readonly id: number;
      readonly ok: false;
      readonly problem: StorageProblem;
      readonly message: string;
    };

interface Pending {
  readonly request: SaveRequest;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export interface AnswerChannel {
  /** Starts the worker ahead of the first answer. */
  warm(): void;
  saveAnswers(draftId: string, changes: AnswerChanges, now: number): Promise<void>;
}

export function createAnswerChannel(
  inPage: () => Promise<DraftStore>,
  startWorker: (() => Worker) | null,
): AnswerChannel {
  let worker: Worker | null = null;
  let failed = startWorker === null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const direct = async (request: SaveRequest) => {
    await (await inPage()).saveAnswers(request.draftId, request.changes, request.now);
  };

  /** The worker could not load or crashed: what it was asked to write is written here. */
  const giveUp = () => {
    failed = true;
    worker?.terminate();
    worker = null;
    const stranded = [...pending.values()];
    pending.clear();
    for (const { request, resolve, reject } of stranded) direct(request).then(resolve, reject);
  };

  const connect = (): Worker | null => {
    if (worker || failed || !startWorker) return worker;
    try {
      worker = startWorker();
    } catch {
      failed = true;
      return null;
    }
    worker.onmessage = (event: MessageEvent<SaveReply>) => {
      const reply = event.data;
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (reply.ok) waiting.resolve();
      else waiting.reject(new AnswerWriteError(reply.problem, reply.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      giveUp();
    };
    worker.onmessageerror = giveUp;
    return worker;
  };

  return {
    warm: () => void connect(),
    saveAnswers(draftId, changes, now) {
      const request: SaveRequest = { id: nextId++, draftId, changes, now };
      const target = connect();
      if (!target) return direct(request);
      return new Promise<void>((resolve, reject) => {
        pending.set(request.id, { request, resolve, reject });
        target.postMessage(request);
      });
    },
  };
}

/** The worker's side: one request written, and the reply that says how it went. */
export async function handleSaveRequest(
  store: Pick<DraftStore, 'saveAnswers'>,
  request: SaveRequest,
): Promise<SaveReply> {
  try {
    await store.saveAnswers(request.draftId, request.changes, request.now);
    return { id: request.id, ok: true };
  } catch (error) {
    return {
      id: request.id,
      ok: false,
      problem: classifyStorageError(error),
      message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}
