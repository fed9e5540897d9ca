import { firstScreenPainted, inOwnTask } from '../platform/firstPaint.ts';
import { storageAfterPaint } from '../platform/storageAfterPaint.ts';
import { answerChannel, type DraftRecord } from '../storage/lazy.ts';
import { requestSync } from '../sync/requestSync.ts';
import {
  createAnsweringSession,
  type AnsweringSession,
  type SessionSignals,
} from './answeringSession.ts';
import { createDeviceStore, type DeviceStorage } from './deviceStore.ts';

/**
 * The app's answering sessions, one per draft this page has open, wired to
 * the browser: IndexedDB (loaded after the first paint), the answer worker,
 * the sender, and the page's lifecycle events.
 */
const sessions = new Map<string, AnsweringSession>();

let loadingStorage: Promise<DeviceStorage> | undefined;

const deviceStorage = (): Promise<DeviceStorage> =>
  (loadingStorage ??= storageAfterPaint().then((storage) => ({
    drafts: storage.draftStore(),
    watchDraft: (draftId, listener) =>
      storage.watchDraft(storage.draftStore().db, draftId, listener),
    saveAnswers: (draftId, changes, now) => answerChannel().saveAnswers(draftId, changes, now),
    requestPersistence: storage.requestPersistence,
  })));

const store = createDeviceStore(deviceStorage);

const signals: SessionSignals = {
  onLeaving(listener) {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') listener();
    };
    window.addEventListener('pagehide', listener);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', listener);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  },
  onResume(listener) {
    const onVisibility = () => {
      if (document.visibilityState === 'visible') listener();
    };
    window.addEventListener('online', listener);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('online', listener);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  },
};

const pull = (draftId: string) =>
  import('../sync/startSync.ts').then((sync) => sync.pullNow(draftId));

/**
 * The session of `draftId`, opened on first use. `seed` is what is known
 * before storage answers: a draft just begun (and its write), or one read
 * early for a deep link.
 */
export function openSession(
  draftId: string,
  seed: { initial?: DraftRecord; created?: Promise<unknown> } = {},
): AnsweringSession {
  let session = sessions.get(draftId);
  if (!session) {
    // One draft is answered at a time on a page: a collector going through many keeps no old ones open.
    for (const [id, other] of sessions) {
      other.close();
      sessions.delete(id);
    }
    session = createAnsweringSession({
      draftId,
      store,
      sync: { request: requestSync, pull },
      signals,
      clock: () => Date.now(),
      ...seed,
    });
    sessions.set(draftId, session);
    // The worker starts once the page is on screen, ready before the first answer.
    void firstScreenPainted.then(inOwnTask).then(() => answerChannel().warm());
  }
  return session;
}
