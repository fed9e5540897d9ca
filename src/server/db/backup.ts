import SQLite from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  createReadStream,
  createWriteStream,
  existsSync,
  readdirSync,
} from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, delimiter, dirname, join } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import type { Kysely } from 'kysely';
import * as yup from 'yup';
import { openServerDatabase, type DatabaseConfig } from './database.ts';
import { MIGRATION_NAMES } from './migrations.ts';
import type { DatabaseSchema } from './schema.ts';

/**
 * Writes backups of the server's database to a file plus a sidecar manifest
 * `<file>.json`, and restores them into the database the environment names.
 * SQLite: `VACUUM INTO`, one read transaction, so a consistent snapshot taken
 * while the server keeps writing (copying the file misses what is still in the
 * WAL). PostgreSQL: `pg_dump -Fc` inside a snapshot exported from a
 * repeatable-read transaction that also counts the rows for the manifest.
 * A restore checks the file against the manifest (size, SHA-256; SQLite also
 * `PRAGMA integrity_check`) before it touches the target, and refuses loudly.
 */

export type BackupKind = DatabaseConfig['kind'];

export interface RowCounts {
  readonly responses: number;
  readonly credentials: number;
  readonly publications: number;
}

/** The sidecar `<backup>.json`. Do not change a field without raising `formatVersion`. */
export interface BackupManifest {
  readonly format: 'barometer-backup';
  readonly formatVersion: 1;
  readonly kind: BackupKind;
  /** The backup file's name (without folder: the two files move together). */
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  /** The last migration applied in the backed-up database. */
  readonly migration: string;
  /** ISO 8601, when the snapshot was taken. */
  readonly takenAt: string;
  readonly rows: RowCounts;
  /** PostgreSQL: the one schema dumped; null when the whole database was (schema `public`). */
  readonly schema: string | null;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | Refusal;
export interface Refusal {
  readonly ok: false;
  readonly problem: string;
}

const refuse = (problem: string): Refusal => ({ ok: false, problem });

export const manifestFileOf = (backupFile: string) => `${backupFile}.json`;

const COUNTED_TABLES = ['responses', 'credentials', 'publications'] as const;
/** A target "holds data" (a restore then needs --force) when any table but the migrator's has a row. */
const isMigratorTable = (table: string) => table.startsWith('kysely_');

// ---------------------------------------------------------------- backup

export async function backupDatabase(
  config: DatabaseConfig,
  out: string,
  now: () => Date = () => new Date(),
): Promise<Outcome<BackupManifest>> {
  const manifestFile = manifestFileOf(out);
  for (const file of [out, manifestFile])
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
      formatVersion: 1,
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
    await writeDurably(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    return { ok: true, value: manifest };
  } finally {
    await rm(partial, { force: true });
  }
}

interface Snapshot {
  readonly migration: string;
  readonly rows: RowCounts;
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
    return Promise.resolve(readSqliteFacts(copy));
  } finally {
    copy.close();
  }
}

/** The last migration and the row counts; the same query on both databases. */
const FACTS_QUERY = `select (select max(name) from kysely_migration) as migration, ${COUNTED_TABLES.map(
  (t) => `(select count(*) from ${t}) as ${t}`,
).join(', ')}`;

function readSqliteFacts(db: SQLite.Database): Outcome<Snapshot> {
  try {
    const row = db.prepare<[], RowCounts & { migration: string | null }>(FACTS_QUERY).get();
    if (!row?.migration) return refuse('not a Barometer database (no migration applied)');
    const { migration, ...rows } = row;
    return { ok: true, value: { migration, rows, schema: null } };
  } catch (error) {
    return refuse(`not a Barometer database (${String(error)})`);
  }
}

/** Tables (but the migrator's) holding at least one row, as "<count> <table>". */
function sqliteTablesWithRows(db: SQLite.Database): string[] {
  return db
    .prepare<[], { name: string }>(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name",
    )
    .all()
    .filter(({ name }) => !isMigratorTable(name))
    .map(({ name }) => ({
      name,
      n: db.prepare<[], { n: number }>(`select count(*) as n from "${name}"`).get()?.n ?? 0,
    }))
    .filter(({ n }) => n > 0)
    .map(({ name, n }) => `${n} ${name}`);
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

async function currentSchema(client: pg.Client): Promise<string | null> {
  return (
    (await client.query<{ name: string | null }>('select current_schema() as name')).rows[0]
      ?.name ?? null
  );
}

/**
 * The schema a restore fills: the current one, or, when it does not exist yet
 * (a fresh database or a dropped schema), the first one named in search_path.
 */
async function targetSchema(client: pg.Client): Promise<string | null> {
  const current = await currentSchema(client);
  if (current) return current;
  const row = (
    await client.query<{ path: string; user: string }>(
      'select current_setting($1) as path, current_user as user',
      ['search_path'],
    )
  ).rows[0];
  const first = row?.path.split(',')[0]?.trim();
  if (!first) return null;
  if (first === '"$user"' || first === '$user') return row?.user ?? null;
  return first.startsWith('"') ? first.slice(1, -1).replaceAll('""', '"') : first.toLowerCase();
}

/** Read in the dump's snapshot; unqualified names resolve in the connection's schema. */
async function readPostgresFacts(client: pg.Client): Promise<Outcome<Omit<Snapshot, 'schema'>>> {
  try {
    const row = (
      await client.query<{ migration: string | null } & Record<string, string | null>>(FACTS_QUERY)
    ).rows[0];
    if (!row?.migration) return refuse('not a Barometer database (no migration applied)');
    const count = (table: string) => Number(row[table] ?? 0);
    return {
      ok: true,
      value: {
        migration: row.migration,
        rows: {
          responses: count('responses'),
          credentials: count('credentials'),
          publications: count('publications'),
        },
      },
    };
  } catch (error) {
    return refuse(`not a Barometer database (${String(error)})`);
  }
}

/** Tables of the schema (but the migrator's) holding at least one row, as "<count> <table>". */
async function postgresTablesWithRows(client: pg.Client, schema: string): Promise<string[]> {
  const tables = await client.query<{ name: string }>(
    'select tablename as name from pg_tables where schemaname = $1 order by tablename',
    [schema],
  );
  const held: string[] = [];
  for (const { name } of tables.rows.filter((t) => !isMigratorTable(t.name))) {
    const qualified = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(name)}`;
    const n = (await client.query<{ n: number }>(`select count(*)::int as n from ${qualified}`))
      .rows[0]?.n;
    if (n) held.push(`${n} ${name}`);
  }
  return held;
}

// ---------------------------------------------------------------- manifest and checks

const manifestSchema = yup
  .object({
    format: yup.string().oneOf(['barometer-backup']).required(),
    formatVersion: yup.number().oneOf([1]).required(),
    kind: yup.string().oneOf(['sqlite', 'postgres']).required(),
    file: yup.string().required(),
    bytes: yup.number().integer().min(0).required(),
    sha256: yup
      .string()
      .matches(/^[0-9a-f]{64}$/)
      .required(),
    migration: yup.string().required(),
    takenAt: yup.string().required(),
    rows: yup
      .object({
        responses: yup.number().integer().min(0).required(),
        credentials: yup.number().integer().min(0).required(),
        publications: yup.number().integer().min(0).required(),
      })
      .noUnknown()
      .required(),
    schema: yup.string().nullable().defined(),
  })
  .noUnknown()
  .strict();

/** Reads and checks `<backup>.json`; the reasons name the manifest and what is wrong in it. */
export async function readManifest(backupFile: string): Promise<Outcome<BackupManifest>> {
  const file = manifestFileOf(backupFile);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return refuse(
      `no manifest at ${file}: a backup is restored only together with the manifest written beside it`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse(`${file} is not JSON (damaged or truncated manifest)`);
  }
  try {
    const manifest = await manifestSchema.validate(json, { abortEarly: false });
    return { ok: true, value: manifest as BackupManifest };
  } catch (error) {
    const reasons = error instanceof yup.ValidationError ? error.errors.join('; ') : String(error);
    return refuse(`${file} is not a Barometer backup manifest: ${reasons}`);
  }
}

async function checkSize(file: string, manifest: BackupManifest): Promise<Outcome<null>> {
  let bytes: number;
  try {
    bytes = (await stat(file)).size;
  } catch {
    return refuse(`no backup file at ${file}`);
  }
  if (bytes < manifest.bytes)
    return refuse(
      `${file} is truncated: ${bytes} bytes, but the manifest says ${manifest.bytes}; nothing was restored`,
    );
  if (bytes !== manifest.bytes)
    return refuse(
      `${file} has ${bytes} bytes, but the manifest says ${manifest.bytes}; nothing was restored`,
    );
  return { ok: true, value: null };
}

function checkDigest(
  file: string,
  manifest: BackupManifest,
  found: { bytes: number; sha256: string },
): Outcome<BackupManifest> {
  if (found.bytes !== manifest.bytes || found.sha256 !== manifest.sha256)
    return refuse(
      `${file} does not match its manifest (SHA-256 ${found.sha256}, expected ${manifest.sha256}): the file was altered or damaged; nothing was restored`,
    );
  return { ok: true, value: manifest };
}

// ---------------------------------------------------------------- restore

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
    const rows = {
      responses: await countRows(db, 'responses'),
      credentials: await countRows(db, 'credentials'),
      publications: await countRows(db, 'publications'),
    };
    if (COUNTED_TABLES.some((t) => rows[t] !== manifest.rows[t]))
      return refuse(
        `restored, but the database holds ${describeRows(rows)} where the manifest says ${describeRows(manifest.rows)}`,
      );
    return { ok: true, value: { manifest, rows, migration: MIGRATION_NAMES.at(-1) ?? '' } };
  } finally {
    await db.destroy();
  }
}

async function countRows(
  db: Kysely<DatabaseSchema>,
  table: (typeof COUNTED_TABLES)[number],
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export const describeRows = (rows: RowCounts) =>
  `${rows.responses} responses, ${rows.credentials} credentials, ${rows.publications} publications`;

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

const inUse = (file: string) =>
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
  if (before.state === 'in-use') return inUse(target);
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
    if (inspectSqliteTarget(target).state === 'in-use') return inUse(target);
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
      COUNTED_TABLES.some((t) => facts.value.rows[t] !== manifest.rows[t])
    )
      return refuse(
        `${from} holds ${describeRows(facts.value.rows)} at ${facts.value.migration}, but the manifest says ${describeRows(manifest.rows)} at ${manifest.migration}; nothing was restored`,
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

// ---------------------------------------------------------------- files and tools

/** Size and SHA-256 of a file, copied to `copyTo` on the way when given. */
async function digest(file: string, copyTo?: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const sink = copyTo
    ? createWriteStream(copyTo, { flags: 'wx' })
    : new Writable({ write: (_chunk, _encoding, done) => done() });
  await pipeline(createReadStream(file), tap, sink);
  return { bytes, sha256: hash.digest('hex') };
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Written to a temporary name, flushed, then renamed: never a half-written file under the real name. */
async function writeDurably(file: string, text: string): Promise<void> {
  const partial = `${file}.partial-${process.pid}`;
  await writeFile(partial, text);
  await syncFile(partial);
  await rename(partial, file);
  await syncDirectory(dirname(file));
}

/**
 * pg_dump / pg_restore from PATH, else the newest Debian install
 * (/usr/lib/postgresql/<major>/bin). The password goes in PGPASSWORD, not
 * on the command line where `ps` would show it.
 */
async function runPostgresTool(
  tool: 'pg_dump' | 'pg_restore',
  url: string,
  args: readonly string[],
): Promise<Outcome<null>> {
  const command = findTool(tool);
  if (!command)
    return refuse(
      `${tool} not found: install the PostgreSQL client tools (apt-get install postgresql-client), the server's major version or newer`,
    );
  const connection = new URL(url);
  const password = decodeURIComponent(connection.password);
  connection.password = '';
  const env = password ? { ...process.env, PGPASSWORD: password } : process.env;
  const child = spawn(command, [...args, `--dbname=${connection.href}`], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code === 0) return { ok: true, value: null };
  const detail = stderr.trim() || `exit code ${String(code)}`;
  return refuse(
    tool === 'pg_restore'
      ? `pg_restore failed, nothing was changed (one transaction): ${detail}`
      : `pg_dump failed: ${detail}`,
  );
}

function findTool(tool: string): string | undefined {
  const debian = '/usr/lib/postgresql';
  const majors = existsSync(debian)
    ? readdirSync(debian)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const folders = [
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean),
    ...majors.map((major) => join(debian, major, 'bin')),
  ];
  return folders
    .map((folder) => join(folder, tool))
    .find((candidate) => {
      try {
        accessSync(candidate, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}
