import 'fake-indexeddb/auto';
import { Dexie, liveQuery, type ObservabilitySet } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testDatabase } from './testDatabases.ts';
import { loadWorkerContext } from './workerContext.ts';
import { DATABASE_NAME } from '../../src/storage/database.ts';
import { createDraftStore } from '../../src/storage/drafts.ts';
import type { DraftRecord } from '../../src/storage/schema.ts';

/**
 * The answer worker (`src/storage/answerWorker.ts`) writes with the page's
 * own `DraftStore.saveAnswers` on a Dexie connection in its own context;
 * here that context is a second copy of Dexie (`workerContext.ts`).
 */
const { handleSaveRequest, WorkerDexie, workerDraftStore } = await loadWorkerContext();
const questionnaire = { id: 'stat-2021-operativ', version: 1 };

async function pageWithDraft(draftId = 'd1') {
  const page = createDraftStore(testDatabase(), testDatabase());
  await page.create(questionnaire, draftId, 1000);
  return page;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the answer worker', () => {
  it('runs in a context of its own here: its Dexie is not the page’s', () => {
    expect(WorkerDexie).not.toBe(Dexie);
    expect(workerDraftStore().db).toBeInstanceOf(WorkerDexie);
  });

  it('stores the answers, their change times and the revision, and queues the outbox row', async () => {
    const page = await pageWithDraft();
    const reply = await handleSaveRequest(workerDraftStore(), {
      id: 7,
      draftId: 'd1',
      changes: { 'op.a': 'ja', 'op.b': ['x', 'y'] },
      now: 2000,
    });
    expect(reply).toEqual({ id: 7, ok: true });
    const stored = await page.get('d1');
    expect(stored?.answers).toEqual({ 'op.a': 'ja', 'op.b': ['x', 'y'] });
    expect(stored?.answeredAt).toEqual({ 'op.a': 2000, 'op.b': 2000 });
    expect(stored?.revision).toBe(1);
    expect(await page.db.outbox.get('d1')).toMatchObject({ queuedRevision: 1, nextAttemptAt: 0 });
  });

  it('a commit in the worker reaches a live query in the page', async () => {
    const page = await pageWithDraft();
    const seen: (DraftRecord | undefined)[] = [];
    const subscription = liveQuery(() => page.get('d1')).subscribe({
      next: (draft) => seen.push(draft),
    });
    try {
      await vi.waitFor(() => expect(seen).toHaveLength(1));
      expect(seen[0]?.answers).toEqual({});

      await workerDraftStore().saveAnswers('d1', { 'op.a': 'ja' }, 2000);

      await vi.waitFor(() => expect(seen.at(-1)?.answers).toEqual({ 'op.a': 'ja' }));
    } finally {
      subscription.unsubscribe();
    }
  });

  it('tells the page which draft and outbox row changed, in Dexie’s own words', async () => {
    await pageWithDraft();
    const heard: ObservabilitySet[] = [];
    const listener = (parts: ObservabilitySet) => heard.push(parts);
    Dexie.on('storagemutated', listener);
    try {
      await workerDraftStore().saveAnswers('d1', { 'op.a': 'ja' }, 2000);
      await vi.waitFor(() =>
        expect(heard.some((parts) => `idb://${DATABASE_NAME}/outbox/` in parts)).toBe(true),
      );
    } finally {
      Dexie.on('storagemutated').unsubscribe(listener);
    }
    const parts = heard.find((p) => `idb://${DATABASE_NAME}/drafts/` in p);
    expect(parts?.[`idb://${DATABASE_NAME}/drafts/`]).toMatchObject({ from: 'd1', to: 'd1' });
  });

  it('two writers on one draft, the worker and another tab, never lose each other’s answers', async () => {
    const page = await pageWithDraft();
    const worker = workerDraftStore();
    const otherTab = createDraftStore(testDatabase());
    const questions = Array.from({ length: 10 }, (_, i) => i);
    await Promise.all(
      questions.flatMap((i) => [
        handleSaveRequest(worker, {
          id: i,
          draftId: 'd1',
          changes: { [`op.w${i}`]: 'ja' },
          now: 2000 + i,
        }),
        otherTab.saveAnswers('d1', { [`op.t${i}`]: 'nei' }, 2000 + i),
      ]),
    );
    const stored = await page.get('d1');
    expect(stored?.answers).toEqual(
      Object.fromEntries(
        questions.flatMap((i) => [
          [`op.w${i}`, 'ja'],
          [`op.t${i}`, 'nei'],
        ]),
      ),
    );
    expect(stored?.revision).toBe(20);
    expect((await page.db.outbox.get('d1'))?.queuedRevision).toBe(20);
  });

  it('replies «missing» for a draft that is gone and «submitted» for one sent in, writing nothing', async () => {
    const page = await pageWithDraft();
    await page.submit('d1', 1500);
    const worker = workerDraftStore();
    const gone = await handleSaveRequest(worker, {
      id: 1,
      draftId: 'gone',
      changes: { 'op.a': 'ja' },
      now: 2000,
    });
    const submitted = await handleSaveRequest(worker, {
      id: 2,
      draftId: 'd1',
      changes: { 'op.a': 'ja' },
      now: 2000,
    });
    expect(gone).toMatchObject({ id: 1, ok: false, problem: 'missing' });
    expect(submitted).toMatchObject({ id: 2, ok: false, problem: 'submitted' });
    expect((await page.get('d1'))?.answers).toEqual({});
    expect(await page.get('gone')).toBeUndefined();
  });

  it('replies «quota» when the disk is full, and the draft keeps what it had', async () => {
    const page = await pageWithDraft();
    const worker = workerDraftStore();
    await worker.saveAnswers('d1', { 'op.a': 'ja' }, 2000);
    // What a full disk does to IndexedDB writes (as tests/e2e/support/fullStorage.ts).
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const reply = await handleSaveRequest(worker, {
      id: 3,
      draftId: 'd1',
      changes: { 'op.b': 'nei' },
      now: 3000,
    });
    put.mockRestore();
    expect(reply).toMatchObject({ id: 3, ok: false, problem: 'quota' });
    expect(reply.ok ? '' : reply.message).toContain('QuotaExceededError');
    expect((await page.get('d1'))?.answers).toEqual({ 'op.a': 'ja' });
  });

  it('writes on a new connection when the old one was closed under it', async () => {
    const page = await pageWithDraft();
    const worker = workerDraftStore();
    await worker.saveAnswers('d1', { 'op.a': 'ja' }, 2000);
    // What the browser does to a connection it has to drop; Dexie reopens and says so.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    worker.db.backendDB().close();
    await worker.saveAnswers('d1', { 'op.b': 'nei' }, 3000);
    expect((await page.get('d1'))?.answers).toEqual({ 'op.a': 'ja', 'op.b': 'nei' });
  });

  it('reopens after another tab deleted the database, and replies that the draft is gone', async () => {
    await pageWithDraft();
    const worker = workerDraftStore();
    await worker.saveAnswers('d1', { 'op.a': 'ja' }, 2000);
    // Dexie closes a connection another tab wants to delete or upgrade, and warns.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await Dexie.delete(DATABASE_NAME);
    const reply = await handleSaveRequest(worker, {
      id: 4,
      draftId: 'd1',
      changes: { 'op.b': 'nei' },
      now: 3000,
    });
    expect(reply).toMatchObject({ id: 4, ok: false, problem: 'missing' });
    expect(worker.db.isOpen()).toBe(true);
  });
});
