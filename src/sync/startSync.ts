import { loadQuestionnaire } from '../platform/catalog.ts';
import { collectorStore, draftStore, outboxStore } from '../storage/index.ts';
import {
  batchSync,
  removeCollectedWhenAcknowledged,
  type BatchProgress,
  type BatchReport,
} from './batchSync.ts';
import { buildExportFile, type BuiltExport } from './collectorExport.ts';
import { createSender, type Sender } from './sender.ts';

/**
 * Runs the sender in the page: at start, when the network comes back, when
 * the app becomes visible, shortly after each save and on a timer. Tabs take
 * turns through a Web Lock, so one response is never sent by two tabs at once.
 */
const TIMER_MS = 30_000;
const AFTER_SAVE_MS = 800;
const OUTBOX_LOCK = 'barometer-outbox';

const webLocks = () => (navigator as Partial<Pick<Navigator, 'locks'>>).locks;

let sender: Sender | undefined;
let afterSave: ReturnType<typeof setTimeout> | undefined;

function flushNow(): void {
  if (!sender) return;
  const run = sender.flush;
  const locks = webLocks();
  const done = locks
    ? locks.request(OUTBOX_LOCK, { ifAvailable: true }, (lock) => (lock ? run() : undefined))
    : run();
  void Promise.resolve(done).catch(() => undefined);
}

/** Asks for a send soon; called after every saved answer. */
export function requestSync(): void {
  clearTimeout(afterSave);
  afterSave = setTimeout(flushNow, AFTER_SAVE_MS);
}

/** The page's one sender, made on first use. */
function theSender(): Sender {
  sender ??= createSender({
    drafts: draftStore(),
    outbox: outboxStore(),
    loadSpec: loadQuestionnaire,
    fetch: (input, init) => fetch(input, init),
    baseUrl: window.location.origin,
    now: () => Date.now(),
    random: () => Math.random(),
    afterAcknowledged: removeCollectedWhenAcknowledged(collectorStore(), () => Date.now()),
  });
  return sender;
}

let isStarted = false;

/** Starts sending: now, when the network comes back, when the app becomes visible, and on a timer. */
export function startSync(): void {
  if (isStarted) return;
  isStarted = true;
  theSender();
  flushNow();
  window.addEventListener('online', () => {
    void outboxStore().retryNow().then(flushNow, flushNow);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') flushNow();
  });
  setInterval(flushNow, TIMER_MS);
}

/**
 * Pulls the server's copy of one response and merges it (MG1), at once: an
 * opened draft shows what another device answered without waiting for the
 * sender's schedule.
 */
export async function pullNow(responseId: string): Promise<void> {
  await theSender().pull(responseId);
}

/**
 * A collector's "send everything now" (`batchSync.ts`). It waits for the
 * outbox lock, so the background sender of no tab sends at the same time.
 */
export function sendCollectedNow(
  onProgress?: (progress: BatchProgress) => void,
): Promise<BatchReport> {
  const run = () =>
    batchSync({
      sender: theSender(),
      collector: collectorStore(),
      now: () => Date.now(),
      ...(onProgress ? { onProgress } : {}),
    });
  const locks = webLocks();
  return locks ? locks.request(OUTBOX_LOCK, run) : run();
}

/** The export file of every collected response the server has not acknowledged (SY18). */
export function exportCollected(options: { includeLabels?: boolean } = {}): Promise<BuiltExport> {
  return buildExportFile({
    collector: collectorStore(),
    loadSpec: loadQuestionnaire,
    now: () => Date.now(),
    ...options,
  });
}
