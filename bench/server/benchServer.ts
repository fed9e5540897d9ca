import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { buildServer } from '../../src/server/app.ts';
import { localSignal, postgresSignal } from '../../src/server/credentialSignal.ts';
import { databaseConfig, openServerDatabase } from '../../src/server/db/database.ts';
import { createServerStore } from '../../src/server/db/serverStore.ts';
import { registryOf } from '../../src/server/questionnaireRegistry.ts';
import { hashToken, newToken } from '../../src/server/tokens.ts';
import { syntheticSpec } from '../syntheticSpec.ts';

/**
 * The server under load, in its own process: a 50-question questionnaire,
 * a fresh database (SQLite file, or PostgreSQL with DATABASE_URL), and
 * `RESPONSES` invitation tokens written to `TOKENS_FILE` for the driver.
 */
const config = databaseConfig(process.env);
const db = await openServerDatabase(config);
if (config.kind === 'postgres') {
  await sql`truncate responses, credentials, publications, publication_members, questionnaire_settings`.execute(
    db,
  );
}
const store = createServerStore(db);
const spec = syntheticSpec(5);
const count = Number(process.env.RESPONSES ?? 4000);
const credentials = Array.from({ length: count }, () => ({
  token: newToken(),
  responseId: randomUUID(),
}));
for (let i = 0; i < credentials.length; i += 1000) {
  await db
    .insertInto('credentials')
    .values(
      credentials.slice(i, i + 1000).map((c) => ({
        id: randomUUID(),
        token_hash: hashToken(c.token),
        kind: 'invitation' as const,
        questionnaire_id: spec.id,
        response_id: c.responseId,
        label: null,
        created_at: Date.now(),
        expires_at: null,
        revoked_at: null,
        first_used_at: null,
      })),
    )
    .execute();
}
writeFileSync(process.env.TOKENS_FILE ?? 'tokens.json', JSON.stringify(credentials));

// For the benchmark endpoint: stored responses with their summaries, inserted directly.
const seeded = Number(process.env.SEED_RESPONSES ?? 0);
for (let i = 0; i < seeded; i += 1000) {
  const rows = Array.from({ length: Math.min(1000, seeded - i) }, (_, j) => {
    const score = ((i + j) % 4) * (100 / 3);
    const group = (i + j) % 3 === 0 ? 'nei' : 'ja';
    return {
      id: randomUUID(),
      questionnaire_id: spec.id,
      questionnaire_version: spec.version,
      status: 'submitted' as const,
      version: 1,
      answers: '{}',
      answered_at: '{}',
      content_hash: 'seeded',
      credential_id: 'seeded',
      created_at: Date.now(),
      updated_at: Date.now(),
      submitted_at: Date.now(),
      summary: JSON.stringify({
        indicators: { i1: score },
        items: { 'p0.q8': score },
        groups: { size: group },
      }),
      provenance: 'invited' as const,
    };
  });
  await db.insertInto('responses').values(rows).execute();
}

const app = await buildServer({
  store,
  registry: registryOf([spec]),
  // One load generator on one address: the limits would measure themselves, not the server.
  rateLimitPerMinute: 1_000_000,
  addressLimitPerMinute: 100_000_000,
  failuresPerMinute: 1_000_000,
  adminToken: process.env.ADMIN_TOKEN,
  // As start.ts does: on PostgreSQL, revocations are announced and credentials cached for longer.
  credentialSignal:
    config.kind === 'postgres' ? postgresSignal(config.url, () => undefined) : localSignal(),
  // Every save counts at once, so the second publication in bench:server has new contributors.
  settledAfterMs: 0,
});
const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
console.log(`ready ${address}`);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => store.close())
    .then(() => process.exit(0));
});
