import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, serverConfig } from '../server/config.ts';
import { databaseConfig, openServerDatabase } from '../server/db/database.ts';
import { createServerStore } from '../server/db/serverStore.ts';
import { issueInvitations } from '../server/invitations.ts';
import { loadRegistry } from '../server/questionnaireRegistry.ts';

/**
 * `npm run invite -- --questionnaire <id> (--count N | --csv names.csv) [--days N]`
 * makes one invitation link per respondent in the server's database and
 * prints them. The tokens are shown only here; the database keeps hashes.
 * A CSV has one label per line (first column), e.g. the agency's name.
 * The links start with the server's own public address, read from the same
 * settings as the server (`PUBLIC_URL`, else `HOST` and `PORT`).
 */
const { values } = parseArgs({
  options: {
    questionnaire: { type: 'string' },
    count: { type: 'string' },
    csv: { type: 'string' },
    days: { type: 'string' },
  },
});

async function main(): Promise<number> {
  if (!values.questionnaire || (!values.count && !values.csv)) {
    console.error(
      'usage: npm run invite -- --questionnaire <id> (--count N | --csv names.csv) [--days N]',
    );
    return 2;
  }
  const registry = await loadRegistry();
  if (!registry.latest(values.questionnaire)) {
    console.error(
      `unknown questionnaire "${values.questionnaire}" (known: ${registry.ids().join(', ')})`,
    );
    return 1;
  }
  const labels: (string | null)[] = values.csv
    ? (await readFile(values.csv, 'utf8'))
        .split(/\r?\n/)
        .map((line) => line.split(/[;,]/)[0]?.trim().replace(/^"|"$/g, '') ?? '')
        .filter((label) => label.length > 0)
    : Array.from({ length: Number(values.count) }, () => null);
  if (
    labels.length === 0 ||
    labels.length > 10_000 ||
    !labels.every((l) => l === null || l.length <= 200)
  ) {
    console.error('give between 1 and 10,000 invitations (labels of at most 200 characters)');
    return 1;
  }
  const days = values.days === undefined ? null : Number(values.days);
  if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= 3650)) {
    console.error('--days must be a whole number from 1 to 3650');
    return 1;
  }
  let publicUrl: string;
  try {
    publicUrl = serverConfig(process.env).publicUrl;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.error(problem);
    return 1;
  }
  const database = databaseConfig(process.env);
  const store = createServerStore(await openServerDatabase(database));
  const now = Date.now();
  const issued = await issueInvitations(
    store,
    {
      questionnaireId: values.questionnaire,
      labels,
      expiresAt: days === null ? null : now + days * 86_400_000,
      publicUrl,
    },
    now,
  );
  await store.close();
  console.log('label;invitation_id;link');
  for (const invitation of issued)
    console.log(`${invitation.label ?? ''};${invitation.id};${invitation.link}`);
  console.error(
    `${issued.length} invitation(s) for ${values.questionnaire}; revoke one with DELETE /api/admin/invitations/<invitation_id>`,
  );
  return 0;
}

process.exitCode = await main();
