import 'fake-indexeddb/auto';
import { Dexie, type ObservabilitySet } from 'dexie';
import { describe, expect, it } from 'vitest';
import { testDatabase } from './testDatabases.ts';
import { createAnswerTransactions } from '../../src/storage/answerTransaction.ts';
import { DATABASE_NAME } from '../../src/storage/database.ts';
import {
  createDraftStore,
  DraftMissingError,
  DraftSubmittedError,
} from '../../src/storage/drafts.ts';

const questionnaire = { id: 'stat-2021-operativ', version: 1 };
describe("the answer worker's transaction", () => {
  it('stores what the draft store would: answers, change times, revision, queued outbox row', async () => {
    const page = createDraftStore(testDatabase());
    await page.create(questionnaire, 'd1', 1000);
    await page.create(questionnaire, 'd2', 1000);
    const save = createAnswerTransactions(testDatabase());

    const viaWorker = await save('d1', { 'op.a': 'ja', 'op.b': ['x', 'y'] }, 2000);
    const viaPage = await page.saveAnswers('d2', { 'op.a': 'ja', 'op.b': ['x', 'y'] }, 2000);

    expect({ ...viaWorker, id: 'd2' }).toEqual(viaPage);
    expect(await page.get('d1')).toEqual(viaWorker);
    expect(await page.db.outbox.get('d1')).toEqual({
      ...(await page.db.outbox.get('d2')),
      responseId: 'd1',
    });
    expect((await page.db.outbox.get('d1'))?.queuedRevision).toBe(1);
  });

  it('refuses a draft that is gone or submitted, and writes nothing', async () => {
    const page = createDraftStore(testDatabase());
    await page.create(questionnaire, 'd1', 1000);
    await page.submit('d1', 1500);
    const save = createAnswerTransactions(testDatabase());
    await expect(save('gone', { 'op.a': 'ja' }, 2000)).rejects.toBeInstanceOf(DraftMissingError);
    await expect(save('d1', { 'op.a': 'ja' }, 2000)).rejects.toBeInstanceOf(DraftSubmittedError);
    expect((await page.get('d1'))?.answers).toEqual({});
    expect(await page.get('gone')).toBeUndefined();
  });

  it("tells every tab's live queries which draft and outbox row changed", async () => {
    const page = createDraftStore(testDatabase());
    await page.create(questionnaire, 'd1', 1000);
    const save = createAnswerTransactions(testDatabase());
    const heard: ObservabilitySet[] = [];
    const listener = (parts: ObservabilitySet) => heard.push(parts);
    Dexie.on('storagemutated', listener);
    try {
      await save('d1', { 'op.a': 'ja' }, 2000);
    } finally {
      Dexie.on('storagemutated').unsubscribe(listener);
    }
    const parts = heard.find((p) => `idb://${DATABASE_NAME}/drafts/` in p);
    expect(Object.keys(parts ?? {}).sort()).toEqual([
      `idb://${DATABASE_NAME}/drafts/`,
      `idb://${DATABASE_NAME}/drafts/updatedAt`,
      `idb://${DATABASE_NAME}/outbox/`,
      `idb://${DATABASE_NAME}/outbox/nextAttemptAt`,
    ]);
    expect(parts?.[`idb://${DATABASE_NAME}/drafts/`]).toMatchObject({ from: 'd1', to: 'd1' });
  });

  it('two writers on one draft keep the answers of both', async () => {
    const page = createDraftStore(testDatabase());
    await page.create(questionnaire, 'd1', 1000);
    const tabA = createAnswerTransactions(testDatabase());
    const tabB = createAnswerTransactions(testDatabase());
    await Promise.all([
      tabA('d1', { 'op.a': 'ja' }, 2000),
      tabB('d1', { 'op.b': 'nei' }, 2001),
      page.saveAnswers('d1', { 'op.c': 'vet_ikke' }, 2002),
    ]);
    const stored = await page.get('d1');
    expect(stored?.answers).toEqual({ 'op.a': 'ja', 'op.b': 'nei', 'op.c': 'vet_ikke' });
    expect(stored?.revision).toBe(3);
  });

  it('opens a new connection when the old one was closed under it', async () => {
    const page = createDraftStore(testDatabase());
    await page.create(questionnaire, 'd1', 1000);
    const db = testDatabase();
    const save = createAnswerTransactions(db);
    await save('d1', { 'op.a': 'ja' }, 2000);
    // What another tab's upgrade or delete does to this connection.
    db.backendDB().close();
    await save('d1', { 'op.b': 'nei' }, 3000);
    expect((await page.get('d1'))?.answers).toEqual({ 'op.a': 'ja', 'op.b': 'nei' });
  });
});
