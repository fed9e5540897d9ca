import { sql } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openServerDatabase, type DatabaseConfig } from '../../src/server/db/database.ts';

/**
 * The two real databases the server runs on: a fresh SQLite file, and the
 * PostgreSQL server CI starts (TEST_DATABASE_URL), emptied before use.
 */
export const POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://barometer:barometer@127.0.0.1:5432/barometer_test';

export const DATABASES: { name: string; config: () => DatabaseConfig }[] = [
  {
    name: 'SQLite',
    config: () => ({
      kind: 'sqlite',
      file: join(mkdtempSync(join(tmpdir(), 'barometer-db-')), 'test.sqlite'),
    }),
  },
  { name: 'PostgreSQL', config: () => ({ kind: 'postgres', url: POSTGRES_URL }) },
];

export async function freshDatabase(config: DatabaseConfig) {
  if (config.kind === 'postgres') {
    const db = await openServerDatabase(config);
    await sql`drop table if exists responses, credentials, questionnaire_settings, publications, publication_members, kysely_migration, kysely_migration_lock`.execute(
      db,
    );
    await db.destroy();
  }
  return openServerDatabase(config);
}
