/**
 * Restores a backup made by `backup.ts` into the database the configuration
 * names (SQLite: replaces the file; PostgreSQL: pg_restore into its schema).
 *
 * The file is checked against its manifest (size, SHA-256; SQLite also
 * `PRAGMA integrity_check`) before the target is touched, and a refusal says
 * why. A target holding data is replaced only when forced.
 */
import SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import pg from 'pg';
import { digest, syncDirectory, syncFile } from './backupFiles.ts';
import {
  checkDigest,
  checkSize,
  COUNTED_TABLES,
  countedIn,
  describeRows,
  readManifest,
  tablesNotAsCounted,
  type BackupKind,
  type BackupManifest,
  type CountedTable,
  type RowCounts,
} from './backupManifest.ts';
import {
  postgresTablesWithRows,
  readSqliteFacts,
  sqliteTablesWithRows,
  targetSchema,
} from './databaseContents.ts';
import { openServerDatabase, type DatabaseConfig } from './database.ts';
import { MIGRATION_NAMES } from './migrations.ts';
import { refuse, type Outcome } from './outcome.ts';
import { runPostgresTool } from './postgresTools.ts';
import type { DatabaseSchema } from './schema.ts';

export interface Restored {
  readonly manifest: BackupManifest;
  /** Rows found after the restored database was opened and migrated. */
  readonly rows: RowCounts;
  /** The latest migration after opening (the backup's, or newer ones applied on top). */
  readonly migration: string;
}

export async function restoreDatabase(
  config: DatabaseConfig,
  from: string,
  options: { readonly force: boolean },
): Promise<Outcome<Restored>> {
  const read = await readManifest(from);
  if (!read.ok) return read;
  const manifest = read.value;
  if (manifest.kind !== config.kind)
    return refuse(
      `${from} is a ${label(manifest.kind)} backup, but the server is configured for ${label(config.kind)} (${config.kind === 'sqlite' ? 'set DATABASE_URL' : 'unset DATABASE_URL'})`,
    );
  if (!MIGRATION_NAMES.includes(manifest.migration))
    return refuse(
      `${from} was made by a newer Barometer (migration ${manifest.migration}); update this one before restoring`,
    );
  const sized = await checkSize(from, manifest);
  if (!sized.ok) return sized;
  const restored =
    config.kind === 'sqlite'
      ? await restoreSqlite(config.file, from, manifest, options.force)
      : await restorePostgres(config.url, from, manifest, options.force);
  if (!restored.ok) return restored;

  // Proof that the result is usable: the server's own open, which migrates to the latest version.
  const db = await openServerDatabase(config);
  try {
    const rows = Object.fromEntries(
      await Promise.all(COUNTED_TABLES.map(async (t) => [t, await countRows(db, t)] as const)),
    ) as Record<CountedTable, number>;
    if (tablesNotAsCounted(rows, manifest.rows).length > 0)
      return refuse(
        `restored, but the database holds ${describeRows(countedIn(manifest.rows, rows))} where the manifest says ${describeRows(manifest.rows)}`,
      );
    return { ok: true, value: { manifest, rows, migration: MIGRATION_NAMES.at(-1) ?? '' } };
  } finally {
    await db.destroy();
  }
}

async function countRows(db: Kysely<DatabaseSchema>, table: CountedTable): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

const label = (kind: BackupKind) => (kind === 'sqlite' ? 'SQLite' : 'PostgreSQL');

type TargetState =
  | { readonly state: 'missing' | 'empty' }
  | { readonly state: 'in-use' }
  | { readonly state: 'holds-data'; readonly what: string };

/**
 * A server holds its SQLite file open, and in WAL mode every open connection
 * keeps a shared lock on it: an exclusive lock taken without waiting fails
 * while any server (or other tool) has it open.
 */
function inspectSqliteTarget(file: string): TargetState {
  if (!existsSync(file)) return { state: 'missing' };
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { fileMustExist: true, timeout: 0 });
  } catch {
    return { state: 'holds-data', what: 'a file that cannot be opened as a database' };
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      db.exec('begin exclusive');
    } catch (error) {
      if (isSqliteBusy(error)) return { state: 'in-use' };
      return { state: 'holds-data', what: 'a file that is not a readable database' };
    }
    try {
      const held = sqliteTablesWithRows(db);
      return held.length > 0 ? { state: 'holds-data', what: held.join(', ') } : { state: 'empty' };
    } catch {
      return { state: 'holds-data', what: 'a file that is not a readable database' };
    } finally {
      if (db.inTransaction) db.exec('rollback');
    }
  } finally {
    db.close();
  }
}

const isSqliteBusy = (error: unknown) =>
  error instanceof SQLite.SqliteError && error.code.startsWith('SQLITE_BUSY');

const refuseInUse = (file: string) =>
  refuse(
    `${file} is in use (is the server running?): stop the server, then restore; a SQLite restore replaces the file`,
  );

async function restoreSqlite(
  target: string,
  from: string,
  manifest: BackupManifest,
  force: boolean,
): Promise<Outcome<null>> {
  const before = inspectSqliteTarget(target);
  if (before.state === 'in-use') return refuseInUse(target);
  if (before.state === 'holds-data' && !force)
    return refuse(`${target} holds ${before.what}; add --force to replace it with the backup`);

  await mkdir(dirname(target), { recursive: true });
  const staging = `${target}.restoring-${process.pid}`;
  try {
    // Hashed while copied: the bytes checked are the bytes that go into place.
    const copied = await digest(from, staging);
    const matches = checkDigest(from, manifest, copied);
    if (!matches.ok) return matches;
    await syncFile(staging);
    const sound = checkSqliteFile(staging, from, manifest);
    if (!sound.ok) return sound;
    // Checked again just before the swap; the window between is what "stop the server" covers.
    if (inspectSqliteTarget(target).state === 'in-use') return refuseInUse(target);
    // A WAL left beside the old file would be replayed into the new one.
    for (const suffix of ['-wal', '-shm', '-journal'])
      await rm(`${target}${suffix}`, { force: true });
    await rename(staging, target);
    await syncDirectory(dirname(target));
    return { ok: true, value: null };
  } finally {
    await rm(staging, { force: true });
  }
}

/** `PRAGMA integrity_check`, and the manifest's migration and counts, on the copy about to go into place. */
function checkSqliteFile(file: string, from: string, manifest: BackupManifest): Outcome<null> {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return refuse(`${from} cannot be opened as SQLite (${String(error)}); nothing was restored`);
  }
  try {
    const problems = db
      .prepare<[], { integrity_check: string }>('pragma integrity_check(10)')
      .all()
      .map((row) => row.integrity_check)
      .filter((line) => line !== 'ok');
    if (problems.length > 0)
      return refuse(
        `${from} fails SQLite's integrity check: ${problems.join('; ')}; nothing was restored`,
      );
    const facts = readSqliteFacts(db);
    if (!facts.ok) return refuse(`${from}: ${facts.problem}; nothing was restored`);
    if (
      facts.value.migration !== manifest.migration ||
      tablesNotAsCounted(facts.value.rows, manifest.rows).length > 0
    )
      return refuse(
        `${from} holds ${describeRows(countedIn(manifest.rows, facts.value.rows))} at ${facts.value.migration}, but the manifest says ${describeRows(manifest.rows)} at ${manifest.migration}; nothing was restored`,
      );
    return { ok: true, value: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return refuse(`${from} fails SQLite's integrity check: ${reason}; nothing was restored`);
  } finally {
    db.close();
  }
}

async function restorePostgres(
  url: string,
  from: string,
  manifest: BackupManifest,
  force: boolean,
): Promise<Outcome<null>> {
  const matches = checkDigest(from, manifest, await digest(from));
  if (!matches.ok) return matches;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const schema = await targetSchema(client);
    // The dump names its schema; restored elsewhere, the server would not find the tables.
    const dumped = manifest.schema ?? 'public';
    if (schema !== dumped)
      return refuse(
        `${from} holds schema ${dumped}, but DATABASE_URL's schema is ${schema ?? '(none)'}; nothing was restored`,
      );
    const held = await postgresTablesWithRows(client, schema);
    if (held.length > 0 && !force)
      return refuse(
        `the database holds ${held.join(', ')}; add --force to replace it with the backup`,
      );
  } finally {
    await client.end();
  }
  // One transaction: a restore that fails half-way leaves the database as it was.
  return runPostgresTool('pg_restore', url, [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--single-transaction',
    from,
  ]);
}
