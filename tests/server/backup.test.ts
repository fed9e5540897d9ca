import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/server/db/backup.ts';
import type { BackupManifest } from '../../src/server/db/backupManifest.ts';
import { openServerDatabase, type DatabaseConfig } from '../../src/server/db/database.ts';
import { MIGRATION_NAMES } from '../../src/server/db/migrations.ts';
import { restoreDatabase } from '../../src/server/db/restore.ts';
import type { DatabaseSchema } from '../../src/server/db/schema.ts';
import {
  createServerStore,
  type ResponseWrite,
  type ServerStore,
} from '../../src/server/db/serverStore.ts';
import { findTool } from '../../src/server/db/postgresTools.ts';
import { databaseAt } from './databaseAt.ts';
import { DATABASES, freshDatabase } from './databases.ts';

/** The CLIs as `npm run backup` / `npm run restore` start them, against the given database. */
function environment(config: DatabaseConfig): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.SQLITE_FILE;
  return config.kind === 'sqlite'
    ? { ...env, SQLITE_FILE: config.file }
    : { ...env, DATABASE_URL: config.url };
}
const command = (cli: 'backup' | 'restore', args: readonly string[]) => [
  '--import',
  'tsx',
  `src/cli/${cli}.ts`,
  ...args,
];

function run(cli: 'backup' | 'restore', args: readonly string[], config: DatabaseConfig) {
  const result = spawnSync(process.execPath, command(cli, args), {
    encoding: 'utf8',
    env: environment(config),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like `run`, but leaves this process's event loop free (the saves go on meanwhile). */
function runInBackground(
  cli: 'backup' | 'restore',
  args: readonly string[],
  config: DatabaseConfig,
) {
  const child = spawn(process.execPath, command(cli, args), { env: environment(config) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (status) => resolve({ status, stdout, stderr })),
  );
}

const folder = () => mkdtempSync(join(tmpdir(), 'barometer-backup-'));

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const response = (n: number, version: number, status: 'draft' | 'submitted' = 'draft') =>
  ({
    id: id(n),
    questionnaireId: 'stat-2021-operativ',
    questionnaireVersion: 1,
    status,
    version,
    answers: {
      'op.bakgrunn.ansatte': '10_49',
      'op.tekst': `svar ${n}, versjon ${version} – «æøå»`,
    },
    answeredAt: { 'op.bakgrunn.ansatte': 1000 + n, 'op.tekst': 2000 + version },
    contentHash: `h${n}.${version}`,
    credentialId: `c${n}`,
    summary: { indicators: { kultur: n % 100 }, items: {}, groups: { size: 'ja' } },
    provenance: n % 5 === 0 ? 'open' : 'invited',
  }) satisfies ResponseWrite;

/**
 * A target with nothing in it: a new SQLite file, or this worker's PostgreSQL
 * schema dropped and migrated afresh (a schema dump restores into the schema it names).
 */
async function emptyTarget(source: DatabaseConfig, config: () => DatabaseConfig) {
  if (source.kind === 'sqlite') return config();
  await (await freshDatabase(source)).destroy();
  return source;
}

async function rowsOf(config: DatabaseConfig) {
  const db = await openServerDatabase(config);
  try {
    return await readRows(db);
  } finally {
    await db.destroy();
  }
}

const readRows = async (db: Kysely<DatabaseSchema>) => ({
  responses: await db.selectFrom('responses').selectAll().orderBy('id').execute(),
  credentials: await db.selectFrom('credentials').selectAll().orderBy('id').execute(),
  publications: await db
    .selectFrom('publications')
    .selectAll()
    .orderBy('questionnaire_id')
    .orderBy('number')
    .execute(),
  collectors: await db.selectFrom('collectors').selectAll().orderBy('id').execute(),
});

async function seed(store: ServerStore, db: Kysely<DatabaseSchema>, count: number) {
  for (let n = 0; n < count; n += 1)
    await store.saveResponse(response(n, 1 + (n % 3), n % 2 ? 'submitted' : 'draft'), 5000 + n);
  await store.createCredential(
    {
      id: 'c0',
      tokenHash: 'hash-of-token-0',
      kind: 'invitation',
      questionnaireId: 'stat-2021-operativ',
      responseId: id(0),
      label: 'Etat A',
      expiresAt: null,
    },
    5000,
  );
  await db
    .insertInto('publications')
    .values({
      questionnaire_id: 'stat-2021-operativ',
      number: 1,
      published_at: 6000,
      document: '{"figures":[]}',
    })
    .execute();
  await store.createCollector(
    {
      id: id(9999),
      tokenHash: 'hash-of-collector-token',
      label: 'Team Nord',
      questionnaireIds: ['stat-2021-operativ'],
      expiresAt: 90_000,
    },
    5000,
  );
}

/**
 * Saves response after response (new ones, then newer versions of them) and
 * keeps the highest version acknowledged per id.
 */
function keepSaving(store: ServerStore, ids: number) {
  const acknowledged = new Map<string, number>();
  let saves = 0;
  const control = { isStopped: false };
  const loop = (async () => {
    for (let i = 0; !control.isStopped; i += 1) {
      const n = 1000 + (i % ids);
      const version = 1 + Math.floor(i / ids);
      const outcome = await store.saveResponse(response(n, version), 10_000 + i);
      if (outcome.kind !== 'stored') throw new Error(`save ${i} was ${outcome.kind}`);
      acknowledged.set(id(n), version);
      saves += 1;
      // better-sqlite3 answers synchronously: without this, the child's exit is never heard.
      await nextTurn();
    }
  })();
  return {
    acknowledged,
    saves: () => saves,
    /** Resolves once `count` saves were acknowledged; rejects if a save failed. */
    until: async (count: number) => {
      while (saves < count) await Promise.race([loop, nextTurn()]);
    },
    stop: async () => {
      control.isStopped = true;
      await loop;
    },
  };
}

// PostgreSQL backups run Debian's pg_dump and pg_restore; a machine without them says so, visibly.
const hasPostgresTools = findTool('pg_dump') !== undefined && findTool('pg_restore') !== undefined;
if (!hasPostgresTools) {
  describe('backup and restore on PostgreSQL', () => {
    it.todo(
      'needs pg_dump and pg_restore (Debian: postgresql-client), not installed on this machine',
    );
  });
}

describe.each(DATABASES.filter((d) => d.name !== 'PostgreSQL' || hasPostgresTools))(
  'backup and restore on $name',
  ({ config }) => {
    it('a backup taken while saves keep arriving holds every save acknowledged before it began', async () => {
      const source = config();
      const db = await freshDatabase(source);
      // Every save stays in the WAL until the backup is taken, where copying the file misses it (issue 13).
      if (source.kind === 'sqlite') await sql`pragma wal_autocheckpoint = 0`.execute(db);
      const store = createServerStore(db);
      await seed(store, db, 300);
      const saving = keepSaving(store, 300);
      await saving.until(500);

      const ledger = new Map(saving.acknowledged);
      const savesBefore = saving.saves();
      const out = join(folder(), 'during-saves.backup');
      const backup = await runInBackground('backup', ['--out', out], source);
      const savesDuring = saving.saves() - savesBefore;
      await saving.stop();
      await store.close();
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);
      expect(savesDuring).toBeGreaterThan(0);

      const target = await emptyTarget(source, config);
      const restored = await restoreDatabase(target, out, { force: false });
      expect(restored).toMatchObject({ ok: true });
      const versions = new Map((await rowsOf(target)).responses.map((r) => [r.id, r.version]));
      const lost = [...ledger].filter(([key, version]) => (versions.get(key) ?? 0) < version);
      expect(lost).toEqual([]);
      expect(versions.size).toBe(600);
    }, 120_000);

    it('restored into an empty database, the backup gives back the same rows; a database holding data is replaced only with --force', async () => {
      const source = config();
      const db = await freshDatabase(source);
      const store = createServerStore(db);
      await seed(store, db, 40);
      const before = await readRows(db);
      await store.close();
      const out = join(folder(), 'rows.backup');
      const backup = run('backup', ['--out', out], source);
      expect(backup.stderr).toBe('');
      expect(backup.stdout).toContain('40 responses, 1 credentials, 1 publications, 1 collectors');
      const manifest = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as BackupManifest;
      expect(manifest).toMatchObject({
        formatVersion: 2,
        kind: source.kind,
        migration: MIGRATION_NAMES.at(-1),
        rows: { responses: 40, credentials: 1, publications: 1, collectors: 1 },
      });

      const target = await emptyTarget(source, config);
      const restored = run('restore', ['--from', out], target);
      expect(restored.stderr).toBe('');
      expect(restored.status).toBe(0);
      expect(restored.stdout).toContain(
        '40 responses, 1 credentials, 1 publications, 1 collectors, as in the manifest',
      );
      expect(await rowsOf(target)).toEqual(before);

      const again = run('restore', ['--from', out], target);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(
        /holds 1 collectors, 1 credentials, 1 publications, 40 responses.*add --force/,
      );
      const forced = run('restore', ['--from', out, '--force'], target);
      expect(forced.status).toBe(0);
      expect(await rowsOf(target)).toEqual(before);
    }, 60_000);

    it('a response erased after the backup was taken stays erased when that backup is restored', async () => {
      const source = config();
      const db = await freshDatabase(source);
      const store = createServerStore(db);
      await store.saveResponse(response(1, 1), 10_000);
      await store.saveResponse(response(2, 1), 10_000);
      const out = join(folder(), 'erasure.backup');
      expect(run('backup', ['--out', out], source).status).toBe(0);
      expect(await store.eraseResponse(id(1), 20_000)).toBe(true);
      await store.close();

      const restored = run('restore', ['--from', out, '--force'], source);
      expect(restored.status).toBe(0);
      expect(restored.stdout).toContain(
        '1 response(s) erased after the backup was taken were erased again (1 in the erasure log)',
      );
      const after = createServerStore(await openServerDatabase(source));
      expect(await after.getResponse(id(1))).toBeUndefined();
      expect(await after.getResponse(id(2))).toBeDefined();
      expect(await after.erasedIds()).toEqual([id(1)]);
      await after.close();
    }, 60_000);

    it('a truncated backup, one with a byte changed and one without its manifest are refused, and the database is left as it was', async () => {
      const source = config();
      const db = await freshDatabase(source);
      const store = createServerStore(db);
      await seed(store, db, 20);
      const before = await readRows(db);
      const out = join(folder(), 'good.backup');
      expect(await backupDatabase(source, out)).toMatchObject({ ok: true });
      await store.close();
      const bytes = readFileSync(out);

      const truncated = join(folder(), 'truncated.backup');
      writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
      copyFileSync(`${out}.json`, `${truncated}.json`);
      const changed = join(folder(), 'changed.backup');
      const altered = Buffer.from(bytes);
      const middle = Math.floor(altered.length / 2);
      altered.writeUInt8(altered.readUInt8(middle) ^ 0x01, middle);
      writeFileSync(changed, altered);
      copyFileSync(`${out}.json`, `${changed}.json`);
      const alone = join(folder(), 'alone.backup');
      copyFileSync(out, alone);

      const refusedTruncated = run('restore', ['--from', truncated, '--force'], source);
      expect(refusedTruncated.status).toBe(1);
      expect(refusedTruncated.stderr).toContain(
        `restore refused: ${truncated} is truncated: ${Math.floor(bytes.length / 2)} bytes, but the manifest says ${bytes.length}; nothing was restored`,
      );
      const refusedChanged = run('restore', ['--from', changed, '--force'], source);
      expect(refusedChanged.status).toBe(1);
      expect(refusedChanged.stderr).toMatch(
        /restore refused: .*changed\.backup does not match its manifest \(SHA-256 [0-9a-f]{64}, expected [0-9a-f]{64}\): the file was altered or damaged; nothing was restored/,
      );
      const refusedAlone = run('restore', ['--from', alone, '--force'], source);
      expect(refusedAlone.status).toBe(1);
      expect(refusedAlone.stderr).toContain(`no manifest at ${alone}.json`);
      expect(await rowsOf(source)).toEqual(before);
    }, 60_000);

    it('the manifest counts collector links, and a backup holding other than that count is refused', async () => {
      const source = config();
      const db = await freshDatabase(source);
      const store = createServerStore(db);
      await seed(store, db, 10);
      await store.createCollector(
        {
          id: id(9998),
          tokenHash: 'hash-of-second-collector-token',
          label: 'Team Sør',
          questionnaireIds: ['stat-2021-operativ'],
          expiresAt: 90_000,
        },
        5000,
      );
      await store.close();
      const out = join(folder(), 'collectors.backup');
      const backup = run('backup', ['--out', out], source);
      expect(backup.status).toBe(0);
      expect(backup.stdout).toContain('10 responses, 1 credentials, 1 publications, 2 collectors');
      const manifest = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as BackupManifest;
      expect(manifest.rows).toEqual({
        responses: 10,
        credentials: 1,
        publications: 1,
        collectors: 2,
      });

      // The backup file is as the digest says; only its collector count is off.
      writeFileSync(
        `${out}.json`,
        JSON.stringify({ ...manifest, rows: { ...manifest.rows, collectors: 3 } }),
      );
      const target = await emptyTarget(source, config);
      const refused = run('restore', ['--from', out], target);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(
        'holds 10 responses, 1 credentials, 1 publications, 2 collectors',
      );
      expect(refused.stderr).toContain(
        'the manifest says 10 responses, 1 credentials, 1 publications, 3 collectors',
      );
      if (target.kind === 'sqlite') expect(existsSync(target.file)).toBe(false);
    }, 60_000);

    it('a backup whose manifest is format 1 (no collector count) still restores, checking the counts it has', async () => {
      const source = config();
      const db = await freshDatabase(source);
      const store = createServerStore(db);
      await seed(store, db, 5);
      const before = await readRows(db);
      await store.close();
      const out = join(folder(), 'format-1.backup');
      expect(run('backup', ['--out', out], source).status).toBe(0);
      const { collectors, ...rows } = (
        JSON.parse(readFileSync(`${out}.json`, 'utf8')) as BackupManifest
      ).rows;
      expect(collectors).toBe(1);
      const manifest = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as BackupManifest;
      writeFileSync(`${out}.json`, JSON.stringify({ ...manifest, formatVersion: 1, rows }));

      const target = await emptyTarget(source, config);
      const restored = run('restore', ['--from', out], target);
      expect(restored.stderr).toBe('');
      expect(restored.status).toBe(0);
      expect(restored.stdout).toContain(
        '5 responses, 1 credentials, 1 publications, as in the manifest',
      );
      expect(restored.stdout).toContain(
        '1 collectors, not checked: the manifest (format 1) does not count them',
      );
      expect(await rowsOf(target)).toEqual(before);

      // Format 1 with a count it never had, or format 2 without one, is no manifest of ours.
      writeFileSync(
        `${out}.json`,
        JSON.stringify({ ...manifest, formatVersion: 1, rows: { ...rows, collectors: 1 } }),
      );
      expect(await restoreDatabase(target, out, { force: true })).toEqual({
        ok: false,
        problem: expect.stringContaining('rows.collectors is not part of format 1') as string,
      });
      writeFileSync(`${out}.json`, JSON.stringify({ ...manifest, rows }));
      expect(await restoreDatabase(target, out, { force: true })).toEqual({
        ok: false,
        problem: expect.stringContaining('rows.collectors is a required field') as string,
      });
    }, 60_000);

    it('a database from before collector links (migration 0004) is backed up with 0 collectors and restored to the latest migration', async () => {
      const source = config();
      const old = await databaseAt(source, '0004_erasures');
      await old
        .insertInto('credentials')
        .values({
          id: 'c-old',
          token_hash: 'hash-c-old',
          kind: 'invitation',
          questionnaire_id: 'stat-2021-operativ',
          response_id: id(1),
          label: null,
          created_at: 1,
          expires_at: null,
          revoked_at: null,
          first_used_at: null,
        })
        .execute();
      await old.destroy();
      const out = join(folder(), 'before-collectors.backup');
      const backup = run('backup', ['--out', out], source);
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);
      expect(JSON.parse(readFileSync(`${out}.json`, 'utf8'))).toMatchObject({
        migration: '0004_erasures',
        rows: { responses: 0, credentials: 1, publications: 0, collectors: 0 },
      });

      // Into a database with no tables at all: the backup brings its own, at 0004.
      const target = source.kind === 'sqlite' ? config() : source;
      if (target.kind === 'postgres') await (await databaseAt(target, null)).destroy();
      const restored = run('restore', ['--from', out], target);
      expect(restored.stderr).toBe('');
      expect(restored.status).toBe(0);
      expect(restored.stdout).toContain(
        `0 responses, 1 credentials, 0 publications, 0 collectors, as in the manifest; migrated to ${MIGRATION_NAMES.at(-1)}`,
      );
      expect((await rowsOf(target)).credentials.map((c) => c.collector_id)).toEqual([null]);
    }, 60_000);
  },
);

describe('SQLite backup and restore', () => {
  const sqlite = () => DATABASES.find((d) => d.name === 'SQLite')!.config();

  it('restore refuses a database file that a running server holds open', async () => {
    const live = sqlite();
    const db = await freshDatabase(live);
    const store = createServerStore(db);
    await seed(store, db, 5);
    const out = join(folder(), 'live.backup');
    expect(await backupDatabase(live, out)).toMatchObject({ ok: true });

    const refused = run('restore', ['--from', out, '--force'], live);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('is in use (is the server running?): stop the server');
    await store.close();
    expect(run('restore', ['--from', out, '--force'], live).status).toBe(0);
  }, 60_000);

  it('a damaged database whose manifest was rewritten to match is refused by the integrity check', async () => {
    const live = sqlite();
    const db = await freshDatabase(live);
    const store = createServerStore(db);
    await seed(store, db, 200);
    await store.close();
    const out = join(folder(), 'damaged.backup');
    expect(await backupDatabase(live, out)).toMatchObject({ ok: true });
    // The header of page 2 (pages are 4 KiB) overwritten: that b-tree page is no longer valid.
    const bytes = readFileSync(out);
    bytes.fill(0xee, 4096, 4096 + 64);
    writeFileSync(out, bytes);
    const manifest = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as BackupManifest;
    const rewritten = { ...manifest, sha256: createHash('sha256').update(bytes).digest('hex') };
    writeFileSync(`${out}.json`, JSON.stringify(rewritten));

    const target = sqlite();
    const refused = run('restore', ['--from', out], target);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /restore refused: .*damaged\.backup fails SQLite's integrity check: .*; nothing was restored/,
    );
    expect(target.kind === 'sqlite' && existsSync(target.file)).toBe(false);
  }, 60_000);

  it('a backup never overwrites an existing file', async () => {
    const live = sqlite();
    await (await freshDatabase(live)).destroy();
    const out = join(folder(), 'taken.backup');
    writeFileSync(out, 'an older backup');
    const refused = run('backup', ['--out', out], live);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${out} already exists; a backup never overwrites a file`);
    expect(readFileSync(out, 'utf8')).toBe('an older backup');
  }, 60_000);
});
