import { Dexie, type EntityTable } from 'dexie';
import type { DraftRecord } from './schema.ts';

/**
 * The IndexedDB database `barometer` on this device. This folder is the only
 * place that imports Dexie. Versions are forward-only; each upgrade is tested
 * on a frozen copy of the data the previous version wrote.
 */
export const DATABASE_NAME = 'barometer';

export type BarometerDatabase = Dexie & { drafts: EntityTable<DraftRecord, 'id'> };

export function openDatabase(options: { durability?: 'strict' | 'default' } = {}) {
  const db = new Dexie(DATABASE_NAME, {
    chromeTransactionDurability: options.durability === 'strict' ? 'strict' : 'default',
  }) as BarometerDatabase;
  db.version(1).stores({ drafts: 'id, questionnaireId, updatedAt, status' });
  return db;
}
