import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openServerDatabase } from '../../src/server/db/database.ts';
import { migrationProvider } from '../../src/server/db/migrations.ts';
import { DATABASES, freshDatabase } from './databases.ts';

/** Migrations are forward-only: each is run on frozen data written by the version before it. */
for (const database of DATABASES) {
  describe(`migrations on ${database.name}`, () => {
    it('0003: responses get their provenance from 0002 data (invitation, open link, demo flag)', async () => {
      const config = database.config();
      // An empty database at 0002, as a server of the previous release left it.
      await (await freshDatabase(config)).destroy();
      // The 0002 tables, untyped: this test writes them as the old release did.
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
        'kysely_migration',
        'kysely_migration_lock',
      ])
        await sql`drop table if exists ${sql.table(table)}`.execute(old);
      const schema =
        config.kind === 'postgres'
          ? (await sql<{ name: string }>`select current_schema() as name`.execute(old)).rows[0]
              ?.name
          : undefined;
      const migrated = await new Migrator({
        db: old,
        provider: migrationProvider,
        ...(schema ? { migrationTableSchema: schema } : {}),
      }).migrateTo('0002_response_summaries');
      expect(migrated.error).toBeUndefined();
      const credential = (id: string, kind: string) => ({
        id,
        token_hash: `hash-${id}`,
        kind,
        questionnaire_id: 'q',
        response_id: `r-${id}`,
        label: null,
        created_at: 1,
        expires_at: null,
        revoked_at: null,
        first_used_at: null,
      });
      await old
        .insertInto('credentials')
        .values([
          credential('inv', 'invitation'),
          credential('open', 'open'),
          credential('demo', 'invitation'),
        ])
        .execute();
      const response = (id: string, demo: number) => ({
        id: `r-${id}`,
        questionnaire_id: 'q',
        questionnaire_version: 1,
        status: 'submitted',
        version: 1,
        answers: '{}',
        answered_at: '{}',
        content_hash: 'h',
        credential_id: id,
        created_at: 1,
        updated_at: 1,
        submitted_at: 1,
        summary: '{"indicators":{},"items":{},"groups":{}}',
        demo,
      });
      await old
        .insertInto('responses')
        .values([response('inv', 0), response('open', 0), response('demo', 1)])
        .execute();
      await old.destroy();

      const db = await openServerDatabase(config);
      const rows = await db
        .selectFrom('responses')
        .select(['id', 'provenance'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { id: 'r-demo', provenance: 'simulated' },
        { id: 'r-inv', provenance: 'invited' },
        { id: 'r-open', provenance: 'open' },
      ]);
      expect(await db.selectFrom('publications').selectAll().execute()).toEqual([]);
      await db.destroy();
    });
  });
}
