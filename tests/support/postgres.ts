/**
 * Vitest global setup: the PostgreSQL database the storage contract tests run against.
 *
 * With TEST_DATABASE_URL set (CI: Debian's PostgreSQL, started by .ci/run) that database is used
 * and nothing is started. Without it, one throwaway PostgreSQL is started for the whole
 * `vitest run` (tests/support/embeddedPostgres.ts, in a process of its own) and stopped in
 * teardown. Either way the workers get the URL through `inject('testDatabaseUrl')`
 * (tests/server/databases.ts), and each worker makes its own schema in that database.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test database; each worker adds its own schema (tests/server/databases.ts). */
    testDatabaseUrl: string;
  }
}

type Ready = { url: string; seconds: number };

const SERVER_SCRIPT = fileURLToPath(new URL('./embeddedPostgres.ts', import.meta.url));

export default async function setup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.TEST_DATABASE_URL;
  if (given !== undefined && given !== '') {
    project.provide('testDatabaseUrl', given);
    return;
  }
  const started = await startEmbeddedPostgres(project.config.root);
  project.provide('testDatabaseUrl', started.url);
  return started.stop;
}

async function startEmbeddedPostgres(
  root: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_SCRIPT], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let stdout = '';
  const ready = await new Promise<Ready | undefined>((resolve) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').slice(0, -1).find(isReadyLine);
      if (line !== undefined) resolve(JSON.parse(line) as Ready);
    });
    void exited.then(() => resolve(undefined));
  });
  if (ready === undefined) {
    throw new Error(
      `Could not start the embedded PostgreSQL for the tests (exit ${String(await exited)}): ` +
        `${stderr.trimEnd()}\n` +
        'Set TEST_DATABASE_URL to a PostgreSQL database to use instead (README.md, «The two commands»).',
    );
  }
  console.log(`Embedded PostgreSQL for this run, started in ${ready.seconds.toFixed(1)} s`);
  return {
    url: ready.url,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

function isReadyLine(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && 'url' in value && 'seconds' in value;
  } catch {
    return false;
  }
}
