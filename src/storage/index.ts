import { createDraftStore, type DraftStore } from './drafts.ts';
import { createOutbox, type Outbox } from './outbox.ts';
import { createBenchmarkCache } from './benchmarks.ts';
import { createCollectorStore, type CollectorStore } from './collector.ts';
import { openDatabase, type BarometerDatabase } from './database.ts';
import { createPreferenceStore, type PreferenceStore } from './preferences.ts';

export * from './drafts.ts';
export { createOutbox, type Outbox, type ServerCopy } from './outbox.ts';
export type * from './schema.ts';
export { useLiveQuery } from 'dexie-react-hooks';
export { liveQuery } from 'dexie';
export { watchDraft } from './watchDraft.ts';
export {
  createCollectorStore,
  type CollectorStore,
  type EnrolOutcome,
  type ExportedRevision,
  type ForgetOutcome,
  type NewEnrolment,
  type NewRespondent,
} from './collector.ts';
export * from './collected.ts';
export { requestPersistence, readStorageHealth, type StorageHealth } from './storageHealth.ts';
export { createPreferenceStore, type PreferenceStore } from './preferences.ts';

let store: DraftStore | undefined;

/** The app's one draft store, opened on first use. */
export function draftStore(): DraftStore {
  store ??= createDraftStore();
  return store;
}

let outbox: Outbox | undefined;

/** The outbox over the same database connection as the drafts. */
export function outboxStore(): Outbox {
  outbox ??= createOutbox(draftStore().db);
  return outbox;
}

let benchmarks: ReturnType<typeof createBenchmarkCache> | undefined;

export function benchmarkCache() {
  benchmarks ??= createBenchmarkCache(draftStore().db);
  return benchmarks;
}

let collector: CollectorStore | undefined;

/** A collector device's enrolment and roster, over the same connection as the drafts. */
export function collectorStore(): CollectorStore {
  collector ??= createCollectorStore(draftStore().db);
  return collector;
}

let preferences: PreferenceStore | undefined;
let strict: BarometerDatabase | undefined;

/** The device's settings; reads share the drafts' connection, a choice is written on a strict one made then. */
export function preferenceStore(): PreferenceStore {
  preferences ??= createPreferenceStore(
    draftStore().db,
    () => (strict ??= openDatabase({ durability: 'strict' })),
  );
  return preferences;
}
