import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Questionnaire } from '../src/engine/index.ts';
import type { DatabaseConfig } from '../src/server/db/database.ts';
import { loadRegistry } from '../src/server/questionnaireRegistry.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/support/browser.ts';
import { build } from './app/servers.ts';
import { REPO_ROOT } from './bare/questionnaire.ts';
import { mulberry32 } from './field/lossyProxy.ts';
import { isPassed, printJson, printRun } from './field/report.ts';
import { planRespondents } from './field/respondents.ts';
import { runField, type FieldRun } from './field/run.ts';

/**
 * `npm run bench:field` (issue 15): a collector's tablet queues `BENCH_FIELD_RESPONSES`
 * responses in Debian's Chromium, in real IndexedDB with the app's own storage and sync code, and
 * sends them through a slow link that drops requests and cuts responses after the server stored
 * the write, pressing «Send alle» until nothing is queued. Then the server's ledger, read from its
 * database, must hold every response exactly once as the device last had it, and the device must
 * have let go of exactly the submissions the server acknowledged. Exits 1 on any discrepancy.
 * Method, defaults and settings: bench/README.md.
 */
const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number`);
  return value;
};

const settings = {
  responses: env('BENCH_FIELD_RESPONSES', 500),
  questionnaires: (process.env.BENCH_FIELD_QUESTIONNAIRES ?? 'stat-2021-operativ,ks-2020-kommune')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean),
  completeShare: env('BENCH_FIELD_COMPLETE', 0.7),
  seed: env('BENCH_FIELD_SEED', 15),
  latencyMs: env('BENCH_FIELD_LATENCY_MS', 40),
  jitterMs: env('BENCH_FIELD_JITTER_MS', 80),
  bytesPerSecond: env('BENCH_FIELD_BYTES_PER_SECOND', 125_000),
  dropRequestRate: env('BENCH_FIELD_DROP', 0.03),
  cutResponseRate: env('BENCH_FIELD_CUT', 0.03),
  maxPresses: env('BENCH_FIELD_MAX_PRESSES', 20),
  cpuRate: env('BENCH_FIELD_CPU_RATE', 1),
};
/** PostgreSQL as well as SQLite when set; the bench works in a schema of its own there. */
const POSTGRES_URL = process.env.BENCH_DATABASE_URL;
const SCHEMA = 'bench_field';

async function onPostgres<T>(url: string, use: (database: DatabaseConfig) => Promise<T>) {
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await admin(`drop schema if exists ${SCHEMA} cascade`);
  await admin(`create schema ${SCHEMA}`);
  try {
    const inSchema = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}`;
    return await use({ kind: 'postgres', url: inSchema });
  } finally {
    await admin(`drop schema if exists ${SCHEMA} cascade`);
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  const folder = mkdtempSync(join(tmpdir(), 'barometer-bench-field-'));
  try {
    const pageDir = join(folder, 'page');
    build(['--config', 'bench/field/page/vite.config.ts'], 'bench:field page', {
      BENCH_FIELD_OUT_DIR: pageDir,
    });
    const registry = await loadRegistry(join(REPO_ROOT, 'questionnaires'));
    const specs = settings.questionnaires.map((id): Questionnaire => {
      const spec = registry.latest(id);
      if (!spec) throw new Error(`BENCH_FIELD_QUESTIONNAIRES: no questionnaire ${id}`);
      return spec;
    });
    const respondents = planRespondents(
      specs,
      settings.responses,
      settings.completeShare,
      mulberry32(settings.seed),
    );
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const s = settings;
      console.log(
        `\nChromium ${browser.version()}, CPU ×${s.cpuRate}; ${s.responses} responses to ` +
          `${specs.map((q) => `${q.id} v${q.version}`).join(' and ')}, ${s.completeShare * 100} % complete; ` +
          `link ${s.latencyMs}–${s.latencyMs + s.jitterMs} ms each way, ` +
          `${((s.bytesPerSecond * 8) / 1e6).toFixed(2)} Mbit/s each way, ` +
          `${s.dropRequestRate * 100} % requests dropped, ${s.cutResponseRate * 100} % responses cut; ` +
          `seed ${s.seed}; at most ${s.maxPresses} presses`,
      );
      const run = (database: DatabaseConfig) =>
        runField(browser, {
          database,
          pageDir,
          registry,
          questionnaireIds: settings.questionnaires,
          respondents,
          link: {
            latencyMs: s.latencyMs,
            jitterMs: s.jitterMs,
            bytesPerSecond: s.bytesPerSecond,
            dropRequestRate: s.dropRequestRate,
            cutResponseRate: s.cutResponseRate,
            // The same drops and cuts for requests arriving in the same order, run after run.
            random: mulberry32(s.seed + 1),
          },
          maxPresses: s.maxPresses,
          cpuRate: s.cpuRate,
          log: (text) => console.log(`  ${text}`),
        });
      const runs: FieldRun[] = [];
      console.log('\nSQLite (synchronous FULL)');
      runs.push(await run({ kind: 'sqlite', file: join(folder, 'field.sqlite') }));
      printRun(runs.at(-1)!);
      if (POSTGRES_URL) {
        console.log('\nPostgreSQL');
        runs.push(await onPostgres(POSTGRES_URL, run));
        printRun(runs.at(-1)!);
      }
      console.log(`\n(bench time ${((performance.now() - started) / 1000).toFixed(0)} s)`);
      printJson(runs, settings, performance.now() - started);
      return runs.every(isPassed) ? 0 : 1;
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error);
  return 1;
});
