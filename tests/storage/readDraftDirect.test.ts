import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createDraftStore } from '../../src/storage/drafts.ts';
import { readDraftDirect } from '../../src/storage/lazy.ts';
import { DATABASE_NAME } from '../../src/storage/records.ts';
import { testDatabase } from './testDatabases.ts';

const questionnaire = { id: 'stat-2021-operativ', version: 1 };

describe("a deep link's direct draft read", () => {
  it('reads the draft Dexie stored, answers included', async () => {
    const store = createDraftStore(testDatabase());
    await store.create(questionnaire, 'd1', 1000);
    const saved = await store.saveAnswers('d1', { 'op.a': 'ja' }, 2000);
    expect(await readDraftDirect('d1')).toEqual(saved);
    expect(await readDraftDirect('unknown')).toBeUndefined();
  });

  it('finds nothing on a device without the database, and does not create it', async () => {
    expect(await readDraftDirect('d1')).toBeUndefined();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(DATABASE_NAME);
    // Dexie then creates it with the schema, as on any first visit.
    const store = createDraftStore(testDatabase());
    await store.create(questionnaire, 'd2', 1000);
    expect((await readDraftDirect('d2'))?.id).toBe('d2');
  });
});
