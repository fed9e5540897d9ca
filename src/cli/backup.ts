import { parseArgs } from 'node:util';
import { backupDatabase } from '../server/db/backup.ts';
import { describeRows, manifestFileOf } from '../server/db/backupManifest.ts';
import { databaseConfig } from '../server/db/database.ts';

/**
 * `npm run backup -- --out <file>` writes a consistent backup of the
 * server's database (same environment as the server: SQLITE_FILE or
 * DATABASE_URL) to <file> and its manifest to <file>.json. Safe while the
 * server runs. Exits 1 when no backup was written.
 */
const { values } = parseArgs({ options: { out: { type: 'string' } } });

async function main(): Promise<number> {
  if (!values.out) {
    console.error('usage: npm run backup -- --out <file>');
    return 2;
  }
  const config = databaseConfig(process.env);
  const started = performance.now();
  const result = await backupDatabase(config, values.out);
  if (!result.ok) {
    console.error(`backup refused: ${result.problem}`);
    return 1;
  }
  const manifest = result.value;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `backup of the ${config.kind === 'sqlite' ? `SQLite database ${config.file}` : `PostgreSQL database${manifest.schema ? ` (schema ${manifest.schema})` : ''}`} written to ${values.out} in ${seconds} s`,
  );
  console.log(
    `  ${manifest.bytes} bytes, SHA-256 ${manifest.sha256}, at migration ${manifest.migration}; ${describeRows(manifest.rows)}`,
  );
  console.log(`  manifest ${manifestFileOf(values.out)}: keep the two files together`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
