import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { DATABASE_NAME, openDatabase } from '../../src/storage/database.ts';
import { createPreferenceStore } from '../../src/storage/preferences.ts';
import frozenV3 from './fixtures/v3-device.json';
import { testDatabase } from './testDatabases.ts';

/**
 * The device's settings (`src/storage/preferences.ts`, Dexie version 5): the
 * UI language chosen in the header, the copy of it that a killed browser
 * cannot lose (the e2e test is tests/e2e/languageChoice.spec.ts).
 */

/** A store as one tab holds it: reads and strict writes on connections of its own. */
function tab() {
  const db = testDatabase();
  const strict = testDatabase();
  return createPreferenceStore(db, () => strict);
}

describe('version 5: preferences', () => {
  it('upgrades a database written by version 4: what it held is kept, and no language is stored', async () => {
    // Frozen copy of the version 1–4 declarations, as shipped.
    const v4 = new Dexie(DATABASE_NAME);
    v4.version(1).stores({ drafts: 'id, questionnaireId, updatedAt, status' });
    v4.version(2).stores({ outbox: 'responseId, nextAttemptAt', credentials: 'responseId' });
    v4.version(3).stores({ benchmarks: 'questionnaireId' });
    v4.version(4).stores({ collector: 'collectorId', respondents: 'responseId, createdAt' });
    for (const table of ['drafts', 'outbox', 'credentials', 'benchmarks'] as const)
      await v4.table(table).bulkPut(frozenV3[table]);
    v4.close();

    const db = testDatabase();
    expect(await db.drafts.toArray()).toEqual(frozenV3.drafts);
    expect(await db.outbox.toArray()).toEqual(frozenV3.outbox);
    expect(await db.credentials.toArray()).toEqual(frozenV3.credentials);
    expect(await db.benchmarks.toArray()).toEqual(frozenV3.benchmarks);
    expect(db.verno).toBe(5);
    expect(await createPreferenceStore(db, () => db).language()).toBeUndefined();
  });
});

describe('the language chosen on this device', () => {
  it('is read back, by another tab too, and the last choice is the one kept', async () => {
    const [a, b] = [tab(), tab()];
    expect(await a.language()).toBeUndefined();
    await a.setLanguage('nn', 1000);
    expect(await b.language()).toBe('nn');
    await b.setLanguage('nb', 2000);
    expect(await a.language()).toBe('nb');
  });

  it('is written through the strict connection and stored with when it was chosen', async () => {
    const db = testDatabase();
    const strict = openDatabase({ durability: 'strict' });
    let strictUses = 0;
    const store = createPreferenceStore(db, () => {
      strictUses += 1;
      return strict;
    });
    try {
      await store.setLanguage('nn', 1234);
      expect(strictUses).toBe(1);
      expect(await db.preferences.toArray()).toEqual([
        { key: 'language', value: 'nn', chosenAt: 1234 },
      ]);
    } finally {
      strict.close();
    }
  });

  it.each([['en'], [''], [42], [null], [{ language: 'nn' }]])(
    'a stored value that is not nb or nn (%j) counts as no choice',
    async (value) => {
      const db = testDatabase();
      await db.preferences.put({ key: 'language', value, chosenAt: 1 });
      expect(await createPreferenceStore(db, () => db).language()).toBeUndefined();
    },
  );
});
