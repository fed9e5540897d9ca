import { parseArgs } from 'node:util';
import { issueCollector, readCollectorRequest } from '../server/collectors.ts';
import { serverConfig } from '../server/config.ts';
import { announceCredentialChange } from '../server/credentialSignal.ts';
import { databaseConfig, openServerDatabase } from '../server/db/database.ts';
import { createServerStore, type ServerStore } from '../server/db/serverStore.ts';
import { loadRegistry } from '../server/questionnaireRegistry.ts';

/**
 * `npm run collector -- --label <text> --questionnaire <id> [--questionnaire <id>…] [--days N]`
 * makes a collector link for field collection (SYNC.md SY14) in the server's
 * database and prints it: the token is shown only here, the database keeps
 * its hash. `--list` prints every collector with its responses (never a
 * token); `--revoke <id>` revokes one, at once on a running server.
 */
const USAGE = [
  'usage: npm run collector -- --label <text> --questionnaire <id> [--questionnaire <id>…] [--days N]',
  '       npm run collector -- --list',
  '       npm run collector -- --revoke <collector-id>',
].join('\n');

const { values } = parseArgs({
  options: {
    label: { type: 'string' },
    questionnaire: { type: 'string', multiple: true },
    days: { type: 'string' },
    list: { type: 'boolean' },
    revoke: { type: 'string' },
  },
});

const time = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

async function issue(store: ServerStore): Promise<number> {
  const read = readCollectorRequest(await loadRegistry(), {
    label: values.label,
    questionnaireIds: values.questionnaire ?? [],
    ...(values.days === undefined ? {} : { expiresInDays: Number(values.days) }),
  });
  if (!read.ok) {
    for (const { path, reason } of read.fields) console.error(`${path}: ${reason}`);
    return 1;
  }
  const issued = await issueCollector(
    store,
    { ...read.value, publicUrl: serverConfig(process.env).publicUrl },
    Date.now(),
  );
  console.log(issued.link);
  console.error(
    `collector ${issued.id} «${issued.label}» for ${issued.questionnaireIds.join(', ')} until ${time(issued.expiresAt)}; the link is shown only now. Revoke it with npm run collector -- --revoke ${issued.id}`,
  );
  return 0;
}

async function list(store: ServerStore): Promise<number> {
  console.log(
    'collector_id;label;questionnaires;expires_at;revoked_at;first_used_at;responses;submitted',
  );
  for (const c of await store.listCollectors())
    console.log(
      [
        c.id,
        c.label,
        c.questionnaireIds.join(','),
        time(c.expiresAt),
        time(c.revokedAt),
        time(c.firstUsedAt),
        c.responses,
        c.submitted,
      ].join(';'),
    );
  return 0;
}

async function revoke(store: ServerStore, id: string): Promise<number> {
  if (!(await store.revokeCollector(id, Date.now()))) {
    console.error(`no collector ${id}`);
    return 1;
  }
  // Running servers over PostgreSQL forget the link at once; over SQLite within a second (SY7).
  const database = databaseConfig(process.env);
  if (database.kind === 'postgres') await announceCredentialChange(database.url);
  console.log(`revoked collector ${id}`);
  return 0;
}

async function main(): Promise<number> {
  const modes = [values.list, values.revoke !== undefined, values.label !== undefined];
  if (modes.filter(Boolean).length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const store = createServerStore(await openServerDatabase(databaseConfig(process.env)));
  try {
    if (values.list) return await list(store);
    if (values.revoke !== undefined) return await revoke(store, values.revoke);
    return await issue(store);
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
