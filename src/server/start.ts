import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from './app.ts';
import { serverConfig } from './config.ts';
import { localSignal, postgresSignal } from './credentialSignal.ts';
import { databaseConfig, openServerDatabase } from './db/database.ts';
import { createServerStore, type ServerStore } from './db/serverStore.ts';
import { loadRegistry } from './questionnaireRegistry.ts';

/**
 * The server process: checks the configuration, opens (and migrates) the
 * database, then serves app and API on 127.0.0.1:8080 until SIGTERM or
 * SIGINT. Configuration: README, "Configuration".
 *
 * It builds nothing: `npm start` runs `bin/build.js --if-stale` first and
 * then this file compiled (`dist-server/server/start.js`) with node alone,
 * so production needs no dev dependency. Tests run it from source with tsx.
 */

// Two folders up is the project root both from src/server/start.ts and from
// dist-server/server/start.js: the built app and the questionnaires belong to
// the installation, wherever the supervisor starts the process.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** How long open requests may take to finish after a stop signal (Docker kills after 10 s). */
const CLOSE_DEADLINE_MS = 8_000;

function cannotStart(error: unknown): never {
  console.error(
    `Barometer cannot start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}

const config = (() => {
  try {
    return serverConfig(process.env);
  } catch (error) {
    return cannotStart(error);
  }
})();

const database = databaseConfig(process.env);
let store: ServerStore | undefined;
try {
  store = createServerStore(await openServerDatabase(database));
  const credentialSignal =
    database.kind === 'postgres'
      ? postgresSignal(database.url, (message) => console.error(message))
      : localSignal();
  const app = await buildServer({
    ...config,
    store,
    credentialSignal,
    registry: await loadRegistry(join(ROOT, 'questionnaires')),
    staticDir: join(ROOT, 'dist'),
  });
  await app.listen({ host: config.host, port: config.port });
  stopOnSignal(() => app.close(), store);
} catch (error) {
  await store?.close().catch(() => undefined);
  cannotStart(error);
}
console.log(
  `Barometer is running at http://${config.host}:${config.port}/ (database: ${database.kind === 'sqlite' ? `${database.file}, synchronous ${database.synchronous ?? 'FULL'}` : 'PostgreSQL'}; admin: ${config.adminToken ? 'on' : 'off'}; open links: ${config.openQuestionnaires === '*' ? 'all questionnaires' : config.openQuestionnaires.join(', ') || 'none'}; publications: ${config.publishAt === 'off' ? 'on request' : `daily at ${config.publishAt}`}; k = ${config.benchmarkMinGroup})`,
);

/**
 * Stops taking connections, lets open requests finish, then closes the
 * database: exit 0. A close that fails or outlasts the deadline ends the
 * process with 1 instead of leaving it half-stopped. A repeated signal changes
 * nothing: Ctrl-C reaches both npm and this process, and npm forwards it too;
 * systemd signals every process of the unit.
 */
function stopOnSignal(closeServer: () => Promise<unknown>, openStore: ServerStore) {
  let isStopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (isStopping) return;
    isStopping = true;
    setTimeout(() => {
      console.error(`Barometer did not stop within ${CLOSE_DEADLINE_MS / 1000} s`);
      process.exit(1);
    }, CLOSE_DEADLINE_MS).unref();
    closeServer()
      .then(() => openStore.close())
      .then(
        () => {
          console.log(`Barometer stopped (${signal})`);
          process.exit(0);
        },
        (error: unknown) => {
          console.error(`Barometer did not stop cleanly: ${String(error)}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
