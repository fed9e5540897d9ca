import { Dexie, type EntityTable } from 'dexie';
import { DATABASE_NAME, unsentOutbox } from './records.ts';
import type {
  BenchmarkRecord,
  CollectorRecord,
  CredentialRecord,
  DraftRecord,
  OutboxRecord,
  PreferenceRecord,
  RespondentRecord,
} from './schema.ts';

export { DATABASE_NAME };

/**
 * The IndexedDB database `barometer` on this device. This folder is the only
 * place that imports Dexie. Versions are forward-only; each upgrade is tested
 * on a frozen copy of the data the previous version wrote.
 */
export type BarometerDatabase = Dexie & {
  drafts: EntityTable<DraftRecord, 'id'>;
  outbox: EntityTable<OutboxRecord, 'responseId'>;
  credentials: EntityTable<CredentialRecord, 'responseId'>;
  benchmarks: EntityTable<BenchmarkRecord, 'questionnaireId'>;
  collector: EntityTable<CollectorRecord, 'collectorId'>;
  respondents: EntityTable<RespondentRecord, 'responseId'>;
  preferences: EntityTable<PreferenceRecord, 'key'>;
};

export function openDatabase(
  options: {
    durability?: 'strict' | 'default';
    indexedDB?: IDBFactory;
    IDBKeyRange?: typeof IDBKeyRange;
  } = {},
) {
  const db = new Dexie(DATABASE_NAME, {
    chromeTransactionDurability: options.durability === 'strict' ? 'strict' : 'default',
    // Tests give each simulated device its own IndexedDB.
    ...(options.indexedDB
      ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange }
      : {}),
  }) as BarometerDatabase;
  db.version(1).stores({ drafts: 'id, questionnaireId, updatedAt, status' });
  // 2: sync. Drafts made before it are queued, so nothing stays only on the device.
  db.version(2)
    .stores({ outbox: 'responseId, nextAttemptAt', credentials: 'responseId' })
    .upgrade(async (tx) => {
      const drafts = await tx.table<DraftRecord>('drafts').toArray();
      await tx
        .table<OutboxRecord>('outbox')
        .bulkPut(drafts.map((d) => unsentOutbox(d.id, d.revision)));
    });
  // 3: the last benchmark fetched, for the results screen offline.
  db.version(3).stores({ benchmarks: 'questionnaireId' });
  // 4: field collection (SYNC.md SY14–SY19): the enrolment and one row per collected response.
  // New tables only; a credential's kind 'collector' is a new value, not a new shape.
  db.version(4).stores({ collector: 'collectorId', respondents: 'responseId, createdAt' });
  // 5: the UI language chosen on this device (localStorage, its first-paint mirror, can lose a choice on a crash).
  db.version(5).stores({ preferences: 'key' });
  return db;
}
