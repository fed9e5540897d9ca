import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { migrationProvider } from './migrations.ts';
import type { DatabaseSchema } from './schema.ts';

/**
 * Opens the server's database: PostgreSQL when a `postgres://` URL is given,
 * otherwise an embedded SQLite file (created with its folder on first start).
 * Both are migrated to the latest version before use.
 */
export type DatabaseConfig =
  | {
      readonly kind: 'sqlite';
      readonly file: string;
      /** FULL (default): an acknowledged save survives a power cut; NORMAL: only a process crash. */
      readonly synchronous?: 'FULL' | 'NORMAL';
    }
  | { readonly kind: 'postgres'; readonly url: string };

export function databaseConfig(env: NodeJS.ProcessEnv): DatabaseConfig {
  const url = env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  return {
    kind: 'sqlite',
    file: env.SQLITE_FILE ?? 'data/barometer.sqlite',
    synchronous: env.SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL',
  };
}

// PostgreSQL returns bigint as text; our bigints are millisecond times that fit a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export async function openServerDatabase(
  config: DatabaseConfig,
  onConnectionError: (error: Error) => void = (error) =>
    console.error(`database connection lost: ${error.message}`),
): Promise<Kysely<DatabaseSchema>> {
  const db =
    config.kind === 'postgres'
      ? new Kysely<DatabaseSchema>({
          dialect: new PostgresDialect({ pool: postgresPool(config.url, onConnectionError) }),
        })
      : new Kysely<DatabaseSchema>({
          dialect: new SqliteDialect({
            database: openSqlite(config.file, config.synchronous ?? 'FULL'),
          }),
        });
  // The migrator looks for its own tables in every schema unless told which one: name the
  // connection's, so a database with another Barometer in another schema is not mistaken for ours.
  const migrationTableSchema =
    config.kind === 'postgres'
      ? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name
      : undefined;
  const { error, results } = await new Migrator({
    db,
    provider: migrationProvider,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined || failed) {
    await db.destroy();
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
  return db;
}

/**
 * A client whose server closed it (a restart, a failover,
 * pg_terminate_backend) emits 'error'; unhandled, that would end the
 * process. The pool drops the client and opens a new one on the next
 * query, which fails with a 503 until PostgreSQL is back.
 */
function postgresPool(url: string, onConnectionError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', onConnectionError);
  // A client in use when its connection dies emits 'error' itself, where the pool does not listen:
  // its query fails (503), and the event must not end the process.
  pool.on('connect', (client) => client.on('error', onConnectionError));
  return pool;
}

function openSqlite(file: string, synchronous: 'FULL' | 'NORMAL'): SQLite.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  // WAL lets readers run beside the one writer. FULL syncs the log on every commit, so an
  // acknowledged save survives a power cut too (NORMAL survives only a process crash); the cost
  // is measured by bench:server (README, «Durability»).
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${synchronous}`);
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return withStatementCache(database);
}

/**
 * Kysely prepares every query afresh; better-sqlite3 statements can be
 * reused, and preparing was the largest single cost under load (bench:server).
 */
function withStatementCache(database: SQLite.Database): SQLite.Database {
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, SQLite.Statement>();
  database.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      if (cache.size < 500) cache.set(source, statement);
    }
    return statement;
  }) as SQLite.Database['prepare'];
  return database;
}
