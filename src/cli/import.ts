import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { importExportFile } from '../server/collectorImport.ts';
import { databaseConfig, openServerDatabase } from '../server/db/database.ts';
import { createServerStore } from '../server/db/serverStore.ts';
import { loadRegistry } from '../server/questionnaireRegistry.ts';

/**
 * `npm run import -- --file <path>` imports a collector device's export file
 * (SYNC.md SY18–SY19) straight into the server's database, through the same
 * code as `POST /api/admin/imports`; safe while the server runs, and as often
 * as needed (a second import of a file changes nothing). Prints the outcome
 * per response as JSON. Exit 0 when every response was taken, 3 when some
 * were refused (each with its reason), 1 when the file was refused whole and
 * nothing was written.
 */
const { values } = parseArgs({ options: { file: { type: 'string' } } });

async function main(): Promise<number> {
  if (!values.file) {
    console.error('usage: npm run import -- --file <path>');
    return 2;
  }
  let text: string;
  try {
    text = await readFile(values.file, 'utf8');
  } catch (error) {
    console.error(
      `cannot read ${values.file}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  const registry = await loadRegistry();
  const store = createServerStore(await openServerDatabase(databaseConfig(process.env)));
  try {
    const imported = await importExportFile({ store, registry }, text, Date.now());
    if (!imported.ok) {
      const { error, message, fields } = imported.refusal;
      console.error(`${values.file} refused (${error}): ${message}`);
      for (const field of fields ?? []) console.error(`  ${field.path}: ${field.reason}`);
      return 1;
    }
    const { reply } = imported;
    console.log(JSON.stringify(reply, null, 2));
    const { created, updated, replay, stale, refused } = reply.counts;
    console.error(
      `${values.file}: ${created} created, ${updated} updated, ${replay} already there, ${stale} older than the server's copy, ${refused} refused`,
    );
    return refused > 0 ? 3 : 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
