import type { DraftStore } from './drafts.ts';
import { createAnswerChannel, type AnswerChannel } from './answerChannel.ts';
import { DATABASE_NAME } from './records.ts';
import { enrolmentOf } from './collected.ts';
import type { CollectorRecord, DraftRecord } from './schema.ts';
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
  // Opened here, once, before any query: each caller then starts on an open database in a task of
  // its own, instead of all of them resuming together in the one event that opened it. Opening
  // (Dexie's schema, the connection) waits for a task of its own too, apart from evaluating the code.
  loading ??= import('./index.ts').then(async (storage) => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await storage
      .draftStore()
      .db.open()
      .catch(() => undefined);
    return storage;
  });
  return loading;
}

/** The app's one draft store, once the database code has loaded. */
export async function drafts(): Promise<DraftStore> {
  return (await loadStorage()).draftStore();
}

export async function outbox() {
  return (await loadStorage()).outboxStore();
}

/** A collector device's enrolment and roster (field collection), once the database code has loaded. */
export async function collector() {
  return (await loadStorage()).collectorStore();
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
 * One read straight from IndexedDB, for the first screen. Never creates the
 * database: on a device without it there is nothing to read, and creating it
 * is Dexie's job (with the schema).
 */
function readDirect<T>(
  table: 'drafts' | 'collector',
  read: (store: IDBObjectStore) => IDBRequest<T>,
  absent: T,
): Promise<T> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(DATABASE_NAME);
    } catch {
      resolve(absent);
      return;
    }
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(absent);
    request.onblocked = () => resolve(absent);
    request.onsuccess = () => {
      const connection = request.result;
      const done = (value: T) => {
        connection.close();
        resolve(value);
      };
      try {
        // A database from before version 4 has no collector table: the transaction throws, nothing is there.
        const reading = read(connection.transaction(table, 'readonly').objectStore(table));
        reading.onsuccess = () => done(reading.result);
        reading.onerror = () => done(absent);
      } catch {
        done(absent);
      }
    };
  });
}

/** A deep link's draft, read with one plain request while the app starts. */
export function readDraftDirect(draftId: string): Promise<DraftRecord | undefined> {
  return readDirect(
    'drafts',
    (drafts) => drafts.get(draftId) as IDBRequest<DraftRecord | undefined>,
    undefined,
  );
}

/** The drafts of a questionnaire still being answered on this device, newest first. */
export async function openDraftsDirect(questionnaireId: string): Promise<DraftRecord[]> {
  const all = await readDirect(
    'drafts',
    (drafts) =>
      drafts.index('questionnaireId').getAll(questionnaireId) as IDBRequest<DraftRecord[]>,
    [],
  );
  return all.filter((d) => d.status === 'draft').sort((a, b) => b.updatedAt - a.updatedAt);
}

/**
 * A collector device's enrolment (who has the device), read with one plain
 * request while the app starts, so the gate knows before the first screen
 * whether a respondent has it; undefined on a device never enrolled.
 */
export async function readEnrolmentDirect(): Promise<CollectorRecord | undefined> {
  const rows = await readDirect(
    'collector',
    (collector) => collector.getAll() as IDBRequest<CollectorRecord[]>,
    [],
  );
  return rows[0] && enrolmentOf(rows[0]);
}

let enrolmentAtStart: Promise<CollectorRecord | undefined> | undefined;

/**
 * The enrolment as the app started: one read shared by the gate (`deviceHolder`) and the first
 * screen. Each plain open of a device's first database is an upgrade that is aborted, and they
 * queue one behind the other: a second read made the gate wait 300 ms on a phone (4× throttled)
 * after the first screen was ready. Later changes reach the gate through its live query.
 */
export function readEnrolmentAtStart(): Promise<CollectorRecord | undefined> {
  enrolmentAtStart ??= readEnrolmentDirect();
  return enrolmentAtStart;
}

export { requestPersistence, readStorageHealth, type StorageHealth } from './storageHealth.ts';
export * from './records.ts';
export * from './collected.ts';
export type * from './schema.ts';
export type { DraftStore } from './drafts.ts';
export type {
  CollectorStore,
  EnrolOutcome,
  ExportedRevision,
  ForgetOutcome,
  NewEnrolment,
  NewRespondent,
} from './collector.ts';
