/**
 * Writes a backup of the server's database to a file, plus its manifest
 * `<file>.json` beside it; never over an existing file.
 *
 * SQLite: `VACUUM INTO`, one read transaction, so a consistent snapshot taken
 * while the server keeps writing (copying the file misses what is still in the
 * WAL). PostgreSQL: `pg_dump -Fc` inside a snapshot exported from a
 * repeatable-read transaction that also counts the rows for the manifest.
 */
import SQLite from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import pg from 'pg';
import { digest, syncFile } from './backupFiles.ts';
import {
  MANIFEST_FORMAT_VERSION,
  manifestFileOf,
  writeManifest,
  type BackupManifest,
} from './backupManifest.ts';
import {
  currentSchema,
  readPostgresFacts,
  readSqliteFacts,
  type DatabaseFacts,
} from './databaseContents.ts';
import type { DatabaseConfig } from './database.ts';
import { refuse, type Outcome } from './outcome.ts';
import { runPostgresTool } from './postgresTools.ts';

export async function backupDatabase(
  config: DatabaseConfig,
  out: string,
  now: () => Date = () => new Date(),
): Promise<Outcome<BackupManifest>> {
  for (const file of [out, manifestFileOf(out)])
    if (existsSync(file)) return refuse(`${file} already exists; a backup never overwrites a file`);
  await mkdir(dirname(out), { recursive: true });
  const partial = `${out}.partial-${process.pid}`;
  try {
    const takenAt = now().toISOString();
    const taken =
      config.kind === 'sqlite'
        ? await snapshotSqlite(config.file, partial)
        : await snapshotPostgres(config.url, partial);
    if (!taken.ok) return taken;
    await syncFile(partial);
    const { bytes, sha256 } = await digest(partial);
    const manifest: BackupManifest = {
      format: 'barometer-backup',
      formatVersion: MANIFEST_FORMAT_VERSION,
      kind: config.kind,
      file: basename(out),
      bytes,
      sha256,
      migration: taken.value.migration,
      takenAt,
      rows: taken.value.rows,
      schema: taken.value.schema,
    };
    await rename(partial, out);
    await writeManifest(out, manifest);
    return { ok: true, value: manifest };
  } finally {
    await rm(partial, { force: true });
  }
}

interface Snapshot extends DatabaseFacts {
  readonly schema: string | null;
}

function snapshotSqlite(file: string, partial: string): Promise<Outcome<Snapshot>> {
  if (!existsSync(file)) return Promise.resolve(refuse(`no SQLite database at ${file}`));
  // A plain connection, not openServerDatabase: a backup must not migrate the live database.
  const source = new SQLite(file, { fileMustExist: true, timeout: 5000 });
  try {
    // One read transaction: in WAL mode the server's writers go on meanwhile.
    source.prepare('VACUUM INTO ?').run(partial);
  } finally {
    source.close();
  }
  // Counted in the copy itself, so the manifest describes exactly these bytes.
  const copy = new SQLite(partial, { readonly: true, fileMustExist: true });
  try {
    const facts = readSqliteFacts(copy);
    return Promise.resolve(
      facts.ok ? { ok: true, value: { ...facts.value, schema: null } } : facts,
    );
  } finally {
    copy.close();
  }
}

async function snapshotPostgres(url: string, partial: string): Promise<Outcome<Snapshot>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The exported snapshot is the one pg_dump reads, so the counts describe the dump exactly.
    await client.query('begin transaction isolation level repeatable read read only');
    const schema = await currentSchema(client);
    if (!schema) return refuse('the connection has no current schema (check search_path)');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id'))
      .rows[0]?.id;
    const facts = await readPostgresFacts(client);
    if (!facts.ok) return facts;
    // The server's tables live in the connection's schema: `public` means the whole database.
    const dumped = await runPostgresTool('pg_dump', url, [
      '--format=custom',
      `--snapshot=${snapshot ?? ''}`,
      `--file=${partial}`,
      ...(schema === 'public' ? [] : [`--schema="${schema.replaceAll('"', '""')}"`]),
    ]);
    if (!dumped.ok) return dumped;
    await client.query('commit');
    return {
      ok: true,
      value: { ...facts.value, schema: schema === 'public' ? null : schema },
    };
  } finally {
    await client.end();
  }
}
