/// <reference lib="webworker" />
import { handleSaveRequest, type SaveRequest } from './answerChannel.ts';
import { createAnswerTransactions } from './answerTransaction.ts';
import { openDatabase } from './database.ts';

/**
 * The dedicated worker that writes answers (ARCHITECTURE.md, "Answers are
 * written off the main thread"). Its transactions' callbacks never wait for
 * the page to finish rendering the answer just given.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const db = openDatabase();
const saveAnswers = createAnswerTransactions(db);
// Opened now, so the first answer does not wait for the connection.
db.open().catch(() => undefined);

scope.onmessage = async (event: MessageEvent<SaveRequest>) => {
  scope.postMessage(await handleSaveRequest(saveAnswers, event.data));
};
