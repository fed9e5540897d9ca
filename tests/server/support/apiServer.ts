import { buildServer } from '../../../src/server/app.ts';
import { databaseConfig, openServerDatabase } from '../../../src/server/db/database.ts';
import { createServerStore } from '../../../src/server/db/serverStore.ts';
import { loadRegistry } from '../../../src/server/questionnaireRegistry.ts';

/**
 * The sync server's API in a process of its own, on the database named by
 * DATABASE_URL or SQLITE_FILE, for tests that need two real server
 * processes over one database. Prints `ready <url>`; stops on SIGTERM.
 */
const store = createServerStore(await openServerDatabase(databaseConfig(process.env)));
const app = await buildServer({
  store,
  registry: await loadRegistry(),
  adminToken: process.env.ADMIN_TOKEN,
  rateLimitPerMinute: 100_000,
});
const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`ready ${address}`);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => store.close())
    .then(() => process.exit(0));
});
