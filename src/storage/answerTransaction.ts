import { Dexie, RangeSet } from 'dexie';
import type { BarometerDatabase } from './database.ts';
import {
  applyAnswerChanges,
  DATABASE_NAME,
  queuedRow,
  writableDraft,
  type AnswerChanges,
} from './records.ts';
import type { DraftRecord, OutboxRecord } from './schema.ts';

/**
 * `DraftStore.saveAnswers` as one transaction on a bare IndexedDB connection,
 * for the answer worker: the same read-modify-write of the draft and its
 * outbox row (so two tabs never overwrite each other's answers), without the
 * promise zones and middleware Dexie runs per request, which cost the worker
 * several milliseconds a write. Live queries in every tab are told through
 * Dexie's own storage-mutated event, as for a write made through Dexie.
 */
export function saveAnswersOn(
  connection: IDBDatabase,
  draftId: string,
  changes: AnswerChanges,
  now: number,
): Promise<DraftRecord> {
  return new Promise((resolve, reject) => {
    let failure: Error | null = null;
    let written: {
      before: DraftRecord;
      after: DraftRecord;
      queued: OutboxRecord | undefined;
    } | null = null;
    const tx = connection.transaction(['drafts', 'outbox'], 'readwrite', { durability: 'default' });
    const fail = (error: unknown) => {
      failure ??= error instanceof Error ? error : new Error(String(error));
      tx.abort();
    };
    const drafts = tx.objectStore('drafts');
    const outbox = tx.objectStore('outbox');
    // Both reads at once; a transaction answers its requests in order, so the draft is there first.
    const readDraft = drafts.get(draftId) as IDBRequest<DraftRecord | undefined>;
    const readQueued = outbox.get(draftId) as IDBRequest<OutboxRecord | undefined>;
    readQueued.onsuccess = () => {
      try {
        const before = writableDraft(draftId, readDraft.result);
        const after = applyAnswerChanges(before, changes, now);
        drafts.put(after);
        outbox.put(queuedRow(after, readQueued.result));
        written = { before, after, queued: readQueued.result };
      } catch (error) {
        fail(error);
      }
    };
    tx.oncomplete = () => {
      if (written) {
        announce(written.before, written.after, written.queued);
        resolve(written.after);
      } else {
        reject(new Error('answer transaction committed without a write'));
      }
    };
    tx.onabort = () => reject(failure ?? tx.error ?? new Error('answer transaction aborted'));
  });
}

/** The parts Dexie's observability middleware would report for this write (`ObservabilitySet`). */
function announce(before: DraftRecord, after: DraftRecord, queued: OutboxRecord | undefined) {
  const part = (table: string, index = '') => `idb://${DATABASE_NAME}/${table}/${index}`;
  const changed = (a: number | undefined, b: number) =>
    a === undefined ? new RangeSet().addKey(b) : new RangeSet().addKeys([a, b]);
  Dexie.on.storagemutated.fire({
    [part('drafts')]: new RangeSet(after.id),
    [part('drafts', 'updatedAt')]: changed(before.updatedAt, after.updatedAt),
    [part('outbox')]: new RangeSet(after.id),
    [part('outbox', 'nextAttemptAt')]: changed(queued?.nextAttemptAt, 0),
  });
}

/**
 * The worker's writer: `saveAnswersOn` over a connection Dexie opens (so the
 * schema is created or upgraded as everywhere else). Another tab deleting or
 * upgrading the database closes the connection; the write then opens a new
 * one and is made once more.
 */
export function createAnswerTransactions(db: BarometerDatabase) {
  const connection = async () => {
    if (!db.isOpen()) await db.open();
    return db.backendDB();
  };
  return async (draftId: string, changes: AnswerChanges, now: number): Promise<DraftRecord> => {
    try {
      return await saveAnswersOn(await connection(), draftId, changes, now);
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'InvalidStateError')) throw error;
      db.close({ disableAutoOpen: false });
      return saveAnswersOn(await connection(), draftId, changes, now);
    }
  };
}
