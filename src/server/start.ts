import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer } from './app.ts';

/**
 * `npm start`: builds the app if the build is missing or older than its
 * sources, then serves it on 127.0.0.1:8080 (HOST and PORT to change).
 */
const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
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

const built = join(DIST, 'index.html');
const isStale =
  !existsSync(built) || Math.max(...SOURCES.map(newestChange)) > statSync(built).mtimeMs;
if (isStale) {
  console.log('Building the app …');
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const app = buildServer({ staticDir: DIST, logger: false });
await app.listen({ host: HOST, port: PORT });
console.log(`Barometer is running at http://${HOST}:${PORT}/`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void app.close().then(() => process.exit(0)));
}
