import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { expect } from 'vitest';
import type { DatabaseConfig } from '../../src/server/db/database.ts';
import { migrationProvider } from '../../src/server/db/migrations.ts';
import { freshDatabase } from './databases.ts';

/**
 * An empty database at `migration`, as a server of that release left it (null: no tables at
 * all), opened untyped: the upgrade and backup tests write its tables as the old release did.
 */
export async function databaseAt(config: DatabaseConfig, migration: string | null) {
  await (await freshDatabase(config)).destroy();
  const old = new Kysely<Record<string, Record<string, unknown>>>({
    dialect:
      config.kind === 'sqlite'
        ? new SqliteDialect({ database: new SQLite(config.file) })
        : new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 1 }) }),
  });
  for (const table of [
    'erasures',
    'publication_members',
    'publications',
    'questionnaire_settings',
    'responses',
    'credentials',
    'collectors',
    'kysely_migration',
    'kysely_migration_lock',
  ])
    await sql`drop table if exists ${sql.table(table)}`.execute(old);
  if (migration === null) return old;
  const schema =
    config.kind === 'postgres'
      ? (await sql<{ name: string }>`select current_schema() as name`.execute(old)).rows[0]?.name
      : undefined;
  const migrated = await new Migrator({
    db: old,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  }).migrateTo(migration);
  expect(migrated.error).toBeUndefined();
  return old;
}
