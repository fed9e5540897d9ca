import { parseArgs } from 'node:util';
import { countedIn, describeRows } from '../server/db/backupManifest.ts';
import { databaseConfig, openServerDatabase } from '../server/db/database.ts';
import { eraseAgain, readErasedIds } from '../server/db/erasureLog.ts';
import { restoreDatabase } from '../server/db/restore.ts';
import { createServerStore } from '../server/db/serverStore.ts';

/**
 * `npm run restore -- --from <file> [--force]` puts a backup made by
 * `npm run backup` back into the server's database (SQLITE_FILE or
 * DATABASE_URL). Stop the server first. Checks the file against its
 * manifest (<file>.json) before touching anything, refuses to replace a
 * database that holds data unless --force is given, and exits 1 on any refusal.
 */
const { values } = parseArgs({
  options: { from: { type: 'string' }, force: { type: 'boolean', default: false } },
});

async function main(): Promise<number> {
  if (!values.from) {
    console.error('usage: npm run restore -- --from <file> [--force]   (stop the server first)');
    return 2;
  }
  const config = databaseConfig(process.env);
  const started = performance.now();
  // Erasures made after the backup was taken must not come back with it.
  const erased = await readErasedIds(config);
  const result = await restoreDatabase(config, values.from, { force: values.force });
  if (!result.ok) {
    console.error(`restore refused: ${result.problem}`);
    return 1;
  }
  const store = createServerStore(await openServerDatabase(config));
  const erasedAgain = await eraseAgain(store, erased.ok ? erased.ids : [], Date.now()).finally(() =>
    store.close(),
  );
  const { manifest, rows, migration } = result.value;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `restored ${values.from} (taken ${manifest.takenAt}) into ${config.kind === 'sqlite' ? config.file : `PostgreSQL${manifest.schema ? ` schema ${manifest.schema}` : ''}`} in ${seconds} s`,
  );
  console.log(
    `  ${describeRows(countedIn(manifest.rows, rows))}, as in the manifest; migrated to ${migration}`,
  );
  if (manifest.rows.collectors === undefined)
    console.log(
      `  ${rows.collectors} collectors, not checked: the manifest (format ${manifest.formatVersion}) does not count them`,
    );
  if (erased.ok)
    console.log(
      `  ${erasedAgain} response(s) erased after the backup was taken were erased again (${erased.ids.length} in the erasure log)`,
    );
  else
    console.error(
      `  the erasure log of the replaced database could not be read (${erased.problem}): responses erased after ${manifest.takenAt} may be back; erase them again with npm run response -- erase <id>`,
    );
  console.log('  the server can be started');
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
