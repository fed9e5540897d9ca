/// <reference lib="webworker" />
import { handleSaveRequest, type SaveRequest } from './answerChannel.ts';
import { createDraftStore } from './drafts.ts';

/**
 * The dedicated worker that writes answers. Its own connection to the same
 * database runs the same read-modify-write transaction as the page would;
 * here the transaction's callbacks never wait for the page to finish
 * rendering the answer just given. Other tabs and the page's live queries
 * hear of each commit through Dexie's storage-mutated broadcast.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const store = createDraftStore();
// Opened now, so the first answer does not wait for the connection.
store.db.open().catch(() => undefined);

scope.onmessage = async (event: MessageEvent<SaveRequest>) => {
  scope.postMessage(await handleSaveRequest(store, event.data));
};
