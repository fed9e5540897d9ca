/// <reference lib="webworker" />
import { handleSaveRequest, type SaveRequest } from './answerChannel.ts';
import { createDraftStore } from './drafts.ts';

/**
 * The dedicated worker that writes answers into IndexedDB `barometer`
 * (ARCHITECTURE.md, "Answers are written off the main thread"): the page's
 * own `DraftStore.saveAnswers` on a Dexie connection of the worker's, whose
 * transactions never wait for the page to finish rendering the answer just
 * given. Dexie itself tells the page's live queries and other tabs of each
 * commit (its `storagemutated` event crosses contexts on a BroadcastChannel),
 * and reopens the connection when another tab's upgrade or delete closed it.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const drafts = createDraftStore();
// Opened now, so the first answer does not wait for the connection.
drafts.db.open().catch(() => undefined);

scope.onmessage = async (event: MessageEvent<SaveRequest>) => {
  scope.postMessage(await handleSaveRequest(drafts, event.data));
};
