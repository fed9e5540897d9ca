import type { DraftStore } from './drafts.ts';
import { createAnswerChannel, type AnswerChannel } from './answerChannel.ts';
import { DATABASE_NAME } from './records.ts';
import type { DraftRecord } from './schema.ts';
import type * as Storage from './index.ts';

/**
 * The storage the first screen may touch without loading the database code:
 * Dexie and everything built on it (`index.ts`) load on first use, which on
 * the answering route is after the first paint. Records and their rules are
 * in `records.ts`, also free of Dexie.
 */
export type StorageModule = typeof Storage;

let loading: Promise<StorageModule> | undefined;

export function loadStorage(): Promise<StorageModule> {
  loading ??= import('./index.ts');
  return loading;
}

/** The app's one draft store, once the database code has loaded. */
export async function drafts(): Promise<DraftStore> {
  return (await loadStorage()).draftStore();
}

export async function outbox() {
  return (await loadStorage()).outboxStore();
}

let answers: AnswerChannel | undefined;

/** Where answers are written as they are given: a worker when the browser can run one. */
export function answerChannel(): AnswerChannel {
  answers ??= createAnswerChannel(
    drafts,
    typeof Worker === 'undefined'
      ? null
      : () =>
          new Worker(new URL('./answerWorker.ts', import.meta.url), {
            type: 'module',
            name: 'answers',
          }),
  );
  return answers;
}

/**
 * One draft read straight from IndexedDB, for a deep link's first screen.
 * Never creates the database: on a device without it there is no draft, and
 * creating it is Dexie's job (with the schema).
 */
export function readDraftDirect(draftId: string): Promise<DraftRecord | undefined> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(DATABASE_NAME);
    } catch {
      resolve(undefined);
      return;
    }
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(undefined);
    request.onblocked = () => resolve(undefined);
    request.onsuccess = () => {
      const connection = request.result;
      const done = (draft: DraftRecord | undefined) => {
        connection.close();
        resolve(draft);
      };
      try {
        const read = connection
          .transaction('drafts', 'readonly')
          .objectStore('drafts')
          .get(draftId) as IDBRequest<DraftRecord | undefined>;
        read.onsuccess = () => done(read.result);
        read.onerror = () => done(undefined);
      } catch {
        done(undefined);
      }
    };
  });
}

export { requestPersistence, readStorageHealth, type StorageHealth } from './storageHealth.ts';
export * from './records.ts';
export type * from './schema.ts';
export type { DraftStore } from './drafts.ts';
