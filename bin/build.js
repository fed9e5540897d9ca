import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompress } from './precompress.js';

/**
 * Builds what `npm start` runs: the app (vite → dist/) and the server
 * (tsc -p tsconfig.server.json → dist-server/, run by node alone).
 *
 *   node bin/build.js                     both, always (`npm run build`)
 *   node bin/build.js --if-stale [part]   each part (app, server) only when its output is missing
 *                                         or older than its sources (`prestart`, `test:e2e`)
 *
 * Plain JavaScript without dependencies: it runs before anything is compiled.
 * With NODE_ENV=production, --if-stale builds nothing: a production server runs
 * what was built and deployed, and is refused when that is missing. Without the
 * dev dependencies (`npm ci --omit=dev`) nothing can be built either.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));

const PARTS = {
  app: {
    // Written by precompress, last: a dist/ that a plain `vite build` left (bench:app builds so)
    // has no compressed copies, and counts as stale.
    output: 'dist/sw.js.br',
    sources: [
      'src',
      'public',
      'locales',
      'questionnaires',
      'config',
      'index.html',
      'vite.config.ts',
      'package-lock.json',
    ],
    // The app imports nothing from the server: a server change does not rebuild it.
    skip: ['src/server'],
    tool: 'vite',
    build: (isQuiet) => {
      const status = run('vite', ['build', ...(isQuiet ? ['--logLevel', 'warn'] : [])]);
      if (status === 0) precompress(join(ROOT, 'dist'));
      return status;
    },
  },
  server: {
    output: 'dist-server/server/start.js',
    // The server's import graph: src/server, the contract and the engine; and the CLIs compiled beside it.
    sources: [
      'src/server',
      'src/contract',
      'src/engine',
      'src/cli',
      'tsconfig.json',
      'tsconfig.server.json',
      'package-lock.json',
    ],
    skip: [],
    tool: 'tsc',
    build: () => {
      // tsc never deletes: an old output of a removed source would stay behind.
      rmSync(join(ROOT, 'dist-server'), { recursive: true, force: true });
      return run('tsc', ['-p', 'tsconfig.server.json']);
    },
  },
};

const toolPath = (tool) => join(ROOT, 'node_modules', '.bin', tool);

function run(tool, args) {
  return spawnSync(toolPath(tool), args, { cwd: ROOT, stdio: 'inherit' }).status ?? 1;
}

/** The latest change time of a file or of anything in a folder, except the paths in `skip`. */
function newestChange(path, skip) {
  if (!existsSync(path) || skip.includes(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestChange(join(path, name), skip)),
    stat.mtimeMs,
  );
}

function newestSource(part) {
  const skip = part.skip.map((path) => join(ROOT, path));
  return Math.max(...part.sources.map((source) => newestChange(join(ROOT, source), skip)));
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

const args = process.argv.slice(2);
const isIfStale = args.includes('--if-stale');
const named = args.filter((arg) => !arg.startsWith('--'));
for (const name of named)
  if (!(name in PARTS)) fail(`bin/build.js: no part "${name}" (app, server)`);
const isProduction = process.env.NODE_ENV === 'production';

for (const [name, part] of Object.entries(PARTS)) {
  if (named.length > 0 && !named.includes(name)) continue;
  const output = join(ROOT, part.output);
  const isBuilt = existsSync(output);
  const canBuild = existsSync(toolPath(part.tool));
  if (isIfStale) {
    if (isProduction || !canBuild) {
      if (!isBuilt)
        fail(
          `Barometer cannot start: the ${name} is not built (${part.output} is missing): run "npm ci && npm run build"`,
        );
      continue;
    }
    const isStale = !isBuilt || newestSource(part) > statSync(output).mtimeMs;
    if (!isStale) continue;
    console.log(`Building the ${name} …`);
  } else if (!canBuild) {
    fail(`Cannot build the ${name}: ${part.tool} is not installed (run "npm ci")`);
  }
  const status = part.build(isIfStale);
  if (status !== 0) process.exit(status);
}
