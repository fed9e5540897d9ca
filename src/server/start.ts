import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer } from './app.ts';
import { serverConfig } from './config.ts';
import { databaseConfig, openServerDatabase } from './db/database.ts';
import { createServerStore } from './db/serverStore.ts';
import { loadRegistry } from './questionnaireRegistry.ts';

/**
 * `npm start`: builds the app if the build is missing or older than its
 * sources, opens (and migrates) the database, then serves app and API on
 * 127.0.0.1:8080. Configuration: README, "Configuration".
 */
const DIST = 'dist';
const SOURCES = [
  'src',
  'public',
  'locales',
  'questionnaires',
  'index.html',
  'vite.config.ts',
  'package-lock.json',
];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestChange(join(path, name))),
    stat.mtimeMs,
  );
}

const config = (() => {
  try {
    return serverConfig(process.env);
  } catch (error) {
    console.error(
      `Barometer cannot start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
})();
const built = join(DIST, 'index.html');
const isStale =
  !existsSync(built) || Math.max(...SOURCES.map(newestChange)) > statSync(built).mtimeMs;
if (isStale) {
  console.log('Building the app …');
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const database = databaseConfig(process.env);
const store = createServerStore(await openServerDatabase(database));
const app = await buildServer({
  ...config,
  store,
  registry: await loadRegistry(),
  staticDir: DIST,
});
await app.listen({ host: config.host, port: config.port });
console.log(
  `Barometer is running at http://${config.host}:${config.port}/ (database: ${database.kind === 'sqlite' ? database.file : 'PostgreSQL'})`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void app
      .close()
      .then(() => store.close())
      .then(() => process.exit(0));
  });
}
