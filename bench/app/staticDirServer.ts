import { join } from 'node:path';
import { buildServer } from '../../src/server/app.ts';
import { serverConfig } from '../../src/server/config.ts';
import { localSignal } from '../../src/server/credentialSignal.ts';
import { databaseConfig, openServerDatabase } from '../../src/server/db/database.ts';
import { createServerStore } from '../../src/server/db/serverStore.ts';
import { loadRegistry } from '../../src/server/questionnaireRegistry.ts';
import { REPO_ROOT } from '../bare/questionnaire.ts';

/**
 * Our server as `src/server/start.ts` builds it, but serving the app from
 * `BENCH_STATIC_DIR` instead of `dist/`: the tap profile of `npm run
 * bench:app` runs an unminified build from a temporary folder, and `dist/`
 * stays what the other runs and the end-to-end tests use. SQLite only; no
 * signal handling beyond the default (the bench kills it).
 */
const staticDir = process.env.BENCH_STATIC_DIR;
if (!staticDir) throw new Error('BENCH_STATIC_DIR is not set');
const config = serverConfig(process.env);
const store = createServerStore(await openServerDatabase(databaseConfig(process.env)));
const app = await buildServer({
  ...config,
  store,
  credentialSignal: localSignal(),
  registry: await loadRegistry(join(REPO_ROOT, 'questionnaires')),
  staticDir,
});
await app.listen({ host: config.host, port: config.port });
console.log(`bench server is running at http://${config.host}:${config.port}/ (${staticDir})`);
