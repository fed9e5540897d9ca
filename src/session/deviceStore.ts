import type { AnswerChanges, DraftRecord, DraftStore } from '../storage/lazy.ts';
import type { SessionStore, StoredState } from './answeringSession.ts';

/** What the session's store is made of: the draft store, a live view of one draft, the answer writer. */
export interface DeviceStorage {
  readonly drafts: DraftStore;
  readonly watchDraft: (draftId: string, listener: (stored: StoredState) => void) => () => void;
  /** Writes answers off the page's main thread (the answer worker), falling back to the page. */
  readonly saveAnswers: (draftId: string, changes: AnswerChanges, now: number) => Promise<void>;
  /** Asks the browser to keep this site's storage; answered once, asked after saves. */
  readonly requestPersistence?: () => Promise<unknown>;
}

/**
 * The session's store on this device's IndexedDB. `load` gives the storage
 * once the database code is loaded: on the way to the first question it is
 * not, and nothing here waits for it until the first answer or watch.
 */
export function createDeviceStore(load: () => Promise<DeviceStorage>): SessionStore {
  /** The storage once loaded: an answer then goes to the worker in the tap's own handler. */
  let loaded: DeviceStorage | undefined;
  const storage = async () => (loaded ??= await load());
  return {
    watch(draftId, listener) {
      let stop: (() => void) | undefined;
      let isStopped = false;
      void storage().then((device) => {
        if (!isStopped) stop = device.watchDraft(draftId, listener);
      });
      return () => {
        isStopped = true;
        stop?.();
      };
    },
    async saveAnswers(draftId, changes, now, { leaving }) {
      // No await before the request leaves when the storage is loaded: the worker starts writing
      // while the page renders the answer, not after.
      const device = loaded ?? (await storage());
      // Leaving: a request the page itself issues is on its way before the page goes; a worker's may not be.
      if (leaving) await device.drafts.saveAnswers(draftId, changes, now);
      else await device.saveAnswers(draftId, changes, now);
      void device.requestPersistence?.().catch(() => undefined);
    },
    async restore(draft: DraftRecord) {
      await (await storage()).drafts.restore(draft);
    },
    async setPage(draftId, page, now) {
      await (await storage()).drafts.setPage(draftId, page, now);
    },
    async submit(draftId, now) {
      return (await storage()).drafts.submit(draftId, now);
    },
  };
}
