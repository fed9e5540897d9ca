import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { backupDatabase } from '../src/server/db/backup.ts';
import { openServerDatabase, type DatabaseConfig } from '../src/server/db/database.ts';
import { restoreDatabase } from '../src/server/db/restore.ts';
import type { DatabaseSchema } from '../src/server/db/schema.ts';

/**
 * `npm run bench:backup`: time of `backupDatabase` and `restoreDatabase`
 * (the code behind `npm run backup` / `npm run restore`, without the CLI's
 * start-up) over BENCH_STORED (default 100,000) responses, each with its
 * invitation credential, on SQLite and on PostgreSQL (TEST_DATABASE_URL, in a
 * schema of its own, `bench_backup`, dropped afterwards; SKIP_POSTGRES=1 skips it).
 * Answers are shaped like stat-2021-operativ's: every question answered.
 */
const STORED = Number(process.env.BENCH_STORED ?? 100_000);
const BASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://barometer:barometer@127.0.0.1:5432/barometer_test';
const SCHEMA = 'bench_backup';

interface Question {
  id: string;
  type: string;
  rows?: { id: string }[];
  options?: { id: string }[];
}
const spec = JSON.parse(readFileSync('questionnaires/stat-2021-operativ.v1.json', 'utf8')) as {
  id: string;
  sections: { questions: Question[] }[];
};
const questions = spec.sections.flatMap((s) => s.questions);

function answersOf(n: number) {
  const answers: Record<string, unknown> = {};
  const answeredAt: Record<string, number> = {};
  for (const [i, q] of questions.entries()) {
    const option = q.options?.[n % (q.options.length || 1)]?.id ?? 'ja';
    answers[q.id] =
      q.type === 'grid'
        ? Object.fromEntries((q.rows ?? []).map((r) => [r.id, option]))
        : q.type === 'multiple'
          ? (q.options ?? []).slice(0, 2).map((o) => o.id)
          : q.type === 'text'
            ? `Fritekst ${n}: tjenestedesign og samarbeid med kommunene`
            : option;
    answeredAt[q.id] = 1_700_000_000_000 + n * 1000 + i;
  }
  return { answers, answeredAt };
}

async function seed(db: Kysely<DatabaseSchema>) {
  const now = Date.now();
  for (let start = 0; start < STORED; start += 500) {
    const batch = Array.from({ length: Math.min(500, STORED - start) }, (_, j) => {
      const n = start + j;
      return { n, id: randomUUID(), credential: randomUUID(), ...answersOf(n) };
    });
    await db
      .insertInto('credentials')
      .values(
        batch.map((r) => ({
          id: r.credential,
          token_hash: randomUUID().replaceAll('-', '').repeat(2),
          kind: 'invitation' as const,
          questionnaire_id: spec.id,
          response_id: r.id,
          label: `Virksomhet ${r.n}`,
          created_at: now,
          expires_at: null,
          revoked_at: null,
          first_used_at: now,
        })),
      )
      .execute();
    await db
      .insertInto('responses')
      .values(
        batch.map((r) => ({
          id: r.id,
          questionnaire_id: spec.id,
          questionnaire_version: 1,
          status: 'submitted' as const,
          version: 12,
          answers: JSON.stringify(r.answers),
          answered_at: JSON.stringify(r.answeredAt),
          content_hash: randomUUID().replaceAll('-', '').repeat(2),
          credential_id: r.credential,
          created_at: now,
          updated_at: now,
          submitted_at: now,
          summary: JSON.stringify({
            indicators: { kultur: 61.1, ledelse: 55.6, samarbeid: 72.2, kompetanse: 50 },
            items: { 'op.kultur.a': 66.7, 'op.kultur.b': 55.6 },
            groups: { size: r.n % 3 === 0 ? '10_49' : '50_99', sector: 'stat' },
          }),
          provenance: 'invited' as const,
        })),
      )
      .execute();
  }
}

async function resetSchema() {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  await client.query(`drop schema if exists ${SCHEMA} cascade`);
  await client.query(`create schema ${SCHEMA}`);
  await client.end();
}

async function dropSchema() {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  await client.query(`drop schema if exists ${SCHEMA} cascade`);
  await client.end();
}

// Databases and backups of about 1 GiB in all: removed at the end.
const folder = mkdtempSync(join(tmpdir(), 'barometer-bench-backup-'));
const seconds = (since: number) => (performance.now() - since) / 1000;

async function measure(
  label: string,
  source: DatabaseConfig,
  target: () => Promise<DatabaseConfig>,
) {
  const db = await openServerDatabase(source);
  let started = performance.now();
  await seed(db);
  const seedS = seconds(started);
  await db.destroy();

  const out = join(folder, `${label}.backup`);
  started = performance.now();
  const backup = await backupDatabase(source, out);
  const backupS = seconds(started);
  if (!backup.ok) throw new Error(backup.problem);

  const into = await target();
  started = performance.now();
  const restored = await restoreDatabase(into, out, { force: false });
  const restoreS = seconds(started);
  if (!restored.ok) throw new Error(restored.problem);

  const bytes = statSync(out).size;
  const sourceBytes = source.kind === 'sqlite' ? statSync(source.file).size : null;
  console.log(`\n${label}: ${STORED.toLocaleString('en')} responses and credentials`);
  console.log(
    `  seeded      ${seedS.toFixed(1)} s${sourceBytes ? `, database file ${mb(sourceBytes)}` : ''}`,
  );
  console.log(
    `  backup      ${backupS.toFixed(2)} s, ${mb(bytes)} (${(bytes / STORED).toFixed(0)} bytes a response)`,
  );
  console.log(`  restore     ${restoreS.toFixed(2)} s (checks, restore, open and migrate, count)`);
  return { label, responses: STORED, backupS: round(backupS), restoreS: round(restoreS), bytes };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const round = (value: number) => Math.round(value * 100) / 100;

const results: Awaited<ReturnType<typeof measure>>[] = [];
try {
  results.push(
    await measure('SQLite', { kind: 'sqlite', file: join(folder, 'source.sqlite') }, () =>
      Promise.resolve({ kind: 'sqlite', file: join(folder, 'restored.sqlite') }),
    ),
  );
  if (process.env.SKIP_POSTGRES !== '1') {
    const url = `${BASE_URL}${BASE_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}`;
    await resetSchema();
    try {
      results.push(
        await measure('PostgreSQL', { kind: 'postgres', url }, async () => {
          await resetSchema();
          return { kind: 'postgres', url };
        }),
      );
    } finally {
      await dropSchema();
    }
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
console.log(JSON.stringify({ bench: 'backup', results }));
