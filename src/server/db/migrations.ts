import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * Forward-only migrations, the same on SQLite and PostgreSQL. Never edit one
 * that has shipped; add the next. Tested on frozen data of each older version
 * (tests/server/migrations.test.ts).
 */
const migrations: Record<string, Migration> = {
  '0001_responses_and_credentials': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('credentials')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('questionnaire_id', 'text', (c) => c.notNull())
        .addColumn('response_id', 'text', (c) => c.notNull().unique())
        .addColumn('label', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .addColumn('first_used_at', 'bigint')
        .execute();
      await db.schema
        .createTable('responses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('questionnaire_id', 'text', (c) => c.notNull())
        .addColumn('questionnaire_version', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('answered_at', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('credential_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('submitted_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('responses_by_questionnaire')
        .on('responses')
        .columns(['questionnaire_id', 'status'])
        .execute();
      await db.schema
        .createIndex('credentials_by_questionnaire')
        .on('credentials')
        .column('questionnaire_id')
        .execute();
    },
  },
  '0002_response_summaries': {
    // Scores and peer groups per response for the benchmark, and a mark on simulated demo data.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('responses').addColumn('summary', 'text').execute();
      await db.schema
        .alterTable('responses')
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '0003_provenance_and_publications': {
    // Who gave each response, the owner's settings, and published figures with their contributors.
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('responses')
        .addColumn('provenance', 'text', (c) => c.notNull().defaultTo('invited'))
        .execute();
      await sql`update responses set provenance = 'open' where credential_id in (select id from credentials where kind = 'open')`.execute(
        db,
      );
      await sql`update responses set provenance = 'simulated' where demo = 1`.execute(db);
      await db.schema.alterTable('responses').dropColumn('demo').execute();
      await db.schema
        .createTable('questionnaire_settings')
        .addColumn('questionnaire_id', 'text', (c) => c.primaryKey())
        .addColumn('admit_open_link', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('admit_simulated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('closed_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('publications')
        .addColumn('questionnaire_id', 'text', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('published_at', 'bigint', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('publications_pk', ['questionnaire_id', 'number'])
        .execute();
      await db.schema
        .createTable('publication_members')
        .addColumn('questionnaire_id', 'text', (c) => c.notNull())
        .addColumn('response_id', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('summary_key', 'text', (c) => c.notNull())
        .addColumn('from_number', 'integer', (c) => c.notNull())
        .addColumn('to_number', 'integer')
        .execute();
      await db.schema
        .createIndex('publication_members_by_questionnaire')
        .on('publication_members')
        .columns(['questionnaire_id', 'to_number'])
        .execute();
    },
  },
  '0004_erasures': {
    // Responses erased at a respondent's request: kept as ids only, so a restore can erase them again.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('erasures')
        .addColumn('response_id', 'text', (c) => c.primaryKey())
        .addColumn('erased_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0005_collectors': {
    // Field collection: collector links, and on each respondent credential the collector that made it.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('collectors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('questionnaire_ids', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('first_used_at', 'bigint')
        .execute();
      await db.schema
        .alterTable('credentials')
        .addColumn('collector_id', 'text', (c) => c.references('collectors.id'))
        .execute();
      await db.schema
        .createIndex('credentials_by_collector')
        .on('credentials')
        .column('collector_id')
        .execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

export const MIGRATION_NAMES = Object.keys(migrations);
