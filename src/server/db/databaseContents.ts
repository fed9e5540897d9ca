/**
 * Reads what a database holds — its last migration, row counts, tables with
 * rows, its schema — for backup and restore. Writes nothing.
 */
import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { COUNTED_TABLES, type CountedTable, type RowCounts } from './backupManifest.ts';
import { refuse, type Outcome } from './outcome.ts';

export interface DatabaseFacts {
  readonly migration: string;
  readonly rows: RowCounts;
}

/**
 * The last migration and the row counts; the same query on both databases.
 * A counted table that a later migration makes (collectors, 0005) is not in
 * an older database or backup: it has no rows, so it counts 0.
 */
const factsQuery = (tables: ReadonlySet<string>) =>
  `select (select max(name) from kysely_migration) as migration, ${COUNTED_TABLES.map((t) =>
    tables.has(t) ? `(select count(*) from ${t}) as ${t}` : `0 as ${t}`,
  ).join(', ')}`;

/** A target "holds data" (a restore then needs --force) when any table but the migrator's has a row. */
const isMigratorTable = (table: string) => table.startsWith('kysely_');

export function readSqliteFacts(db: SQLite.Database): Outcome<DatabaseFacts> {
  try {
    const tables = db
      .prepare<[], { name: string }>("select name from sqlite_master where type = 'table'")
      .all()
      .map(({ name }) => name);
    const row = db
      .prepare<[], RowCounts & { migration: string | null }>(factsQuery(new Set(tables)))
      .get();
    if (!row?.migration) return refuse('not a Barometer database (no migration applied)');
    const { migration, ...rows } = row;
    return { ok: true, value: { migration, rows } };
  } catch (error) {
    return refuse(`not a Barometer database (${String(error)})`);
  }
}

/** Tables (but the migrator's) holding at least one row, as "<count> <table>". */
export function sqliteTablesWithRows(db: SQLite.Database): string[] {
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

export async function currentSchema(client: pg.Client): Promise<string | null> {
  return (
    (await client.query<{ name: string | null }>('select current_schema() as name')).rows[0]
      ?.name ?? null
  );
}

/**
 * The schema a restore fills: the current one, or, when it does not exist yet
 * (a fresh database or a dropped schema), the first one named in search_path.
 */
export async function targetSchema(client: pg.Client): Promise<string | null> {
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

/** Read in the client's transaction (a backup's: the dump's snapshot); unqualified names resolve in the connection's schema. */
export async function readPostgresFacts(client: pg.Client): Promise<Outcome<DatabaseFacts>> {
  try {
    const tables = await client.query<{ name: string }>(
      'select tablename as name from pg_tables where schemaname = current_schema()',
    );
    const row = (
      await client.query<{ migration: string | null } & Record<string, string | null>>(
        factsQuery(new Set(tables.rows.map(({ name }) => name))),
      )
    ).rows[0];
    if (!row?.migration) return refuse('not a Barometer database (no migration applied)');
    // count(*) is a bigint, which pg hands over as a string.
    const rows = Object.fromEntries(
      COUNTED_TABLES.map((table) => [table, Number(row[table] ?? 0)]),
    ) as Record<CountedTable, number>;
    return { ok: true, value: { migration: row.migration, rows } };
  } catch (error) {
    return refuse(`not a Barometer database (${String(error)})`);
  }
}

/** Tables of the schema (but the migrator's) holding at least one row, as "<count> <table>". */
export async function postgresTablesWithRows(client: pg.Client, schema: string): Promise<string[]> {
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
