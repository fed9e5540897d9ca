import { createDraftStore, type DraftStore } from './drafts.ts';

export * from './drafts.ts';
export type * from './schema.ts';
export { useLiveQuery } from 'dexie-react-hooks';
export { requestPersistence, readStorageHealth, type StorageHealth } from './storageHealth.ts';

let store: DraftStore | undefined;

/** The app's one draft store, opened on first use. */
export function draftStore(): DraftStore {
  store ??= createDraftStore();
  return store;
}
