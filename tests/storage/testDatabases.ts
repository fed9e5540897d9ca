import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach } from 'vitest';
import { DATABASE_NAME, openDatabase } from '../../src/storage/database.ts';

const opened: Dexie[] = [];

/** A connection to the shared test database, as one tab or worker holds it; closed after each test. */
export function testDatabase() {
  const db = openDatabase();
  opened.push(db);
  return db;
}

afterEach(async () => {
  opened.splice(0).forEach((db) => db.close());
  await Dexie.delete(DATABASE_NAME);
});
