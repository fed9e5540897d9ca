import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { createRequire } from 'node:module';
import { afterEach, vi } from 'vitest';
import type * as AnswerChannel from '../../src/storage/answerChannel.ts';
import type * as Drafts from '../../src/storage/drafts.ts';

/**
 * The answer worker's code as it runs in a context of its own: the draft
 * store and the request handler over a second copy of Dexie. Instances of one
 * Dexie copy hear each other's commits inside the process, so with one copy a
 * test could not tell whether a worker's write reaches the page. Between two
 * copies the only link is the one Dexie makes between tabs and workers, a
 * BroadcastChannel (`x-storagemutated-1`), which Node has as browsers do.
 * Both copies use the one fake IndexedDB of the process: the worker and the
 * page share the origin's database.
 *
 * Call it after the test file's own imports (top-level `await` in its body):
 * it resets Vitest's module registry, and a page module imported after that
 * would be a second instance, with error classes of its own.
 */
export async function loadWorkerContext() {
  const require = createRequire(import.meta.url);
  const dexiePath = require.resolve('dexie');
  const pageCopy = require.cache[dexiePath];
  Reflect.deleteProperty(require.cache, dexiePath);
  const WorkerDexie = require(dexiePath) as typeof Dexie;
  if (pageCopy) require.cache[dexiePath] = pageCopy;
  else Reflect.deleteProperty(require.cache, dexiePath);
  if (WorkerDexie === Dexie) throw new Error('the worker context got the page’s copy of Dexie');

  vi.resetModules();
  vi.doMock('dexie', () => ({ Dexie: WorkerDexie, default: WorkerDexie }));
  const drafts: typeof Drafts = await import('../../src/storage/drafts.ts');
  const channel: typeof AnswerChannel = await import('../../src/storage/answerChannel.ts');
  vi.doUnmock('dexie');

  return {
    WorkerDexie,
    /** What `answerWorker.ts` holds: its draft store, on its own connection. */
    workerDraftStore: () => {
      const store = drafts.createDraftStore();
      opened.push(store.db);
      return store;
    },
    /** One request as the worker answers it, given the store it writes with. */
    handleSaveRequest: channel.handleSaveRequest,
  };
}

const opened: Dexie[] = [];

// Before testDatabases.ts deletes the database (after-hooks run last registered first).
afterEach(() => {
  opened.splice(0).forEach((db) => db.close());
});
