import { parseArgs } from 'node:util';
import { serverConfig } from '../server/config.ts';
import { databaseConfig, openServerDatabase } from '../server/db/database.ts';
import { createServerStore } from '../server/db/serverStore.ts';
import { createPublications } from '../server/publications.ts';
import { loadRegistry } from '../server/questionnaireRegistry.ts';

/**
 * `npm run publication -- --questionnaire <id> [--preview] [--admit-open yes|no] [--close-round | --reopen-round]`:
 * the survey owner's publication controls for scripts, on the server's
 * database with the server's settings (k, settling time). Without
 * `--preview` it publishes when the rules allow it; exit code 0 when
 * published (or only previewed), 3 when nothing may be published yet.
 */
const USAGE =
  'usage: npm run publication -- --questionnaire <id> [--preview] [--admit-open yes|no] [--close-round | --reopen-round]';

const { values } = parseArgs({
  options: {
    questionnaire: { type: 'string' },
    preview: { type: 'boolean' },
    'admit-open': { type: 'string' },
    'close-round': { type: 'boolean' },
    'reopen-round': { type: 'boolean' },
  },
});

async function main(): Promise<number> {
  const id = values.questionnaire;
  const admitOpen = values['admit-open'];
  if (!id || (admitOpen !== undefined && admitOpen !== 'yes' && admitOpen !== 'no')) {
    console.error(USAGE);
    return 2;
  }
  const config = serverConfig(process.env);
  const registry = await loadRegistry();
  if (!registry.latest(id)?.indicators?.length) {
    console.error(`no questionnaire "${id}" with indicators (known: ${registry.ids().join(', ')})`);
    return 1;
  }
  const store = createServerStore(await openServerDatabase(databaseConfig(process.env)));
  try {
    const now = Date.now();
    if (admitOpen !== undefined)
      await store.changeSettings(id, { admitOpenLink: admitOpen === 'yes' }, now);
    if (values['close-round']) await store.changeSettings(id, { closedAt: now }, now);
    if (values['reopen-round']) await store.changeSettings(id, { closedAt: null }, now);
    const publications = createPublications(store, registry, {
      k: config.benchmarkMinGroup,
      settledAfterMs: config.settledAfterMs,
      now: Date.now,
    });
    if (values.preview) {
      const preview = await publications.preview(id);
      console.log(JSON.stringify(preview, null, 2));
      return 0;
    }
    const outcome = await publications.publish(id);
    if (outcome?.kind === 'published') {
      const { number, respondents } = outcome.document;
      console.log(`${id}: publication ${number} with ${respondents} respondents`);
      return 0;
    }
    if (outcome?.kind === 'not_publishable' && !outcome.plan.isPublishable) {
      const { reason, changed } = outcome.plan;
      console.log(
        `${id}: nothing published (${reason}; ${changed} changed, k = ${config.benchmarkMinGroup})`,
      );
      return 3;
    }
    console.log(`${id}: another server published at the same moment; run again`);
    return 3;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
