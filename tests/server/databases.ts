import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openServerDatabase, type DatabaseConfig } from '../../src/server/db/database.ts';

/**
 * The two real databases the server runs on: a fresh SQLite file, and the
 * PostgreSQL database of this test run (TEST_DATABASE_URL, or the embedded
 * server tests/support/postgres.ts starts without it). Test files run in
 * parallel workers, so each worker gets a schema of its own, emptied before use.
 */
const BASE_URL = inject('testDatabaseUrl');
const SCHEMA = `test_${process.pid}`;

/** The test database, in this worker's own schema (through the connection's search_path). */
export const POSTGRES_URL = `${BASE_URL}${BASE_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}&application_name=${SCHEMA}`;

/** Ends every connection this worker's servers hold, as a PostgreSQL restart or failover would. */
export async function terminateConnections(): Promise<number> {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
      [SCHEMA],
    );
    return rowCount ?? 0;
  } finally {
    await client.end();
  }
}

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
    const client = new pg.Client({ connectionString: BASE_URL });
    await client.connect();
    try {
      // Schemas of workers that are gone (an earlier run) are removed, so they do not pile up.
      const { rows } = await client.query<{ name: string }>(
        "select nspname as name from pg_namespace where nspname like 'test\\_%'",
      );
      for (const { name } of rows) {
        if (name === SCHEMA || isRunning(Number(name.slice('test_'.length)))) continue;
        await client.query(`drop schema if exists ${name} cascade`);
      }
      await client.query(`drop schema if exists ${SCHEMA} cascade`);
      await client.query(`create schema ${SCHEMA}`);
    } finally {
      await client.end();
    }
  }
  return openServerDatabase(config);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
