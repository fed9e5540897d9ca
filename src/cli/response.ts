import { parseArgs } from 'node:util';
import { databaseConfig, openServerDatabase } from '../server/db/database.ts';
import { createServerStore } from '../server/db/serverStore.ts';
import { announceCredentialChange } from '../server/credentialSignal.ts';

/**
 * `npm run response -- show <response-id>` prints one response as stored
 * (a respondent's request for access); `npm run response -- erase
 * <response-id>` erases it and its credentials (a request for erasure),
 * logging the id so that `npm run restore` erases it again. Running
 * servers forget its credentials at once over PostgreSQL (LISTEN/NOTIFY),
 * within a second over SQLite.
 */
const USAGE = 'usage: npm run response -- (show | erase) <response-id>';

const { positionals } = parseArgs({ allowPositionals: true, options: {} });

async function main(): Promise<number> {
  const [command, id] = positionals;
  if ((command !== 'show' && command !== 'erase') || !id) {
    console.error(USAGE);
    return 2;
  }
  const database = databaseConfig(process.env);
  const store = createServerStore(await openServerDatabase(database));
  try {
    if (command === 'show') {
      const stored = await store.getResponse(id);
      if (!stored) {
        console.error(`no response ${id}`);
        return 1;
      }
      console.log(JSON.stringify(stored, null, 2));
      return 0;
    }
    const erased = await store.eraseResponse(id, Date.now());
    // Running servers over PostgreSQL forget its credentials at once; over SQLite within a second (SY7).
    if (database.kind === 'postgres') await announceCredentialChange(database.url);
    console.log(
      erased ? `erased response ${id}` : `nothing stored for ${id}; its id is logged as erased`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
