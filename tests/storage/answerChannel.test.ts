import 'fake-indexeddb/auto';

import { describe, expect, it } from 'vitest';
import { testDatabase } from './testDatabases.ts';
import { loadWorkerContext } from './workerContext.ts';
import {
  createAnswerChannel,
  type SaveReply,
  type SaveRequest,
} from '../../src/storage/answerChannel.ts';
import { classifyStorageError, createDraftStore } from '../../src/storage/drafts.ts';

// The worker's side runs over its own copy of Dexie, as in the browser.
const { handleSaveRequest, workerDraftStore } = await loadWorkerContext();
const questionnaire = { id: 'stat-2021-operativ', version: 1 };
function store() {
  return createDraftStore(testDatabase());
}

/**
 * Stands in for the browser's Worker: runs what `answerWorker.ts` runs, the
 * request handler over its own draft store, and replies asynchronously, as a
 * real worker does.
 */
class WorkerDouble extends EventTarget {
  onmessage: ((event: MessageEvent<SaveReply>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  readonly received: SaveRequest[] = [];
  terminated = false;
  private readonly store = workerDraftStore();
  constructor(private readonly broken = false) {
    super();
  }
  postMessage(request: SaveRequest) {
    this.received.push(request);
    if (this.broken) {
      setTimeout(() => this.onerror?.(new Event('error')), 0);
      return;
    }
    void handleSaveRequest(this.store, request).then((reply) =>
      setTimeout(() => this.onmessage?.(new MessageEvent('message', { data: reply })), 0),
    );
  }
  terminate() {
    this.terminated = true;
  }
}

describe('the answer channel', () => {
  it('writes through the worker, which stores the answers in the shared database', async () => {
    const page = store();
    await page.create(questionnaire, 'd1', 1000);
    const worker = new WorkerDouble();
    const channel = createAnswerChannel(
      () => Promise.resolve(page),
      () => worker,
    );
    await channel.saveAnswers('d1', { 'op.a': 'ja' }, 2000);
    await channel.saveAnswers('d1', { 'op.b': 'nei' }, 3000);
    expect(worker.received.map((r) => r.changes)).toEqual([{ 'op.a': 'ja' }, { 'op.b': 'nei' }]);
    const draft = await page.get('d1');
    expect(draft?.answers).toEqual({ 'op.a': 'ja', 'op.b': 'nei' });
    expect(draft?.revision).toBe(2);
  });

  it("passes on the worker's failure as the problem the person is told", async () => {
    const worker = new WorkerDouble();
    const channel = createAnswerChannel(
      () => Promise.resolve(store()),
      () => worker,
    );
    const failure = await channel
      .saveAnswers('gone', { 'op.a': 'ja' }, 2000)
      .catch((e: unknown) => e);
    expect(classifyStorageError(failure)).toBe('missing');
    expect(String(failure)).toContain('DraftMissingError');
  });

  it('writes in the page when the worker cannot run, the stranded request included', async () => {
    const page = store();
    await page.create(questionnaire, 'd2', 1000);
    const worker = new WorkerDouble(true);
    const channel = createAnswerChannel(
      () => Promise.resolve(page),
      () => worker,
    );
    await channel.saveAnswers('d2', { 'op.a': 'ja' }, 2000);
    await channel.saveAnswers('d2', { 'op.b': 'nei' }, 3000);
    expect(worker.terminated).toBe(true);
    expect(worker.received).toHaveLength(1);
    expect((await page.get('d2'))?.answers).toEqual({ 'op.a': 'ja', 'op.b': 'nei' });
  });

  it('writes in the page where the browser has no workers', async () => {
    const page = store();
    await page.create(questionnaire, 'd3', 1000);
    const channel = createAnswerChannel(() => Promise.resolve(page), null);
    channel.warm();
    await channel.saveAnswers('d3', { 'op.a': 'ja' }, 2000);
    expect((await page.get('d3'))?.answers).toEqual({ 'op.a': 'ja' });
  });
});
