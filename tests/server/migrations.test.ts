import { describe, expect, it } from 'vitest';
import { openServerDatabase } from '../../src/server/db/database.ts';
import { createServerStore } from '../../src/server/db/serverStore.ts';
import { databaseAt } from './databaseAt.ts';
import { DATABASES } from './databases.ts';

const credential = (id: string, kind: string) => ({
  id,
  token_hash: `hash-${id}`,
  kind,
  questionnaire_id: 'q',
  response_id: `r-${id}`,
  label: null,
  created_at: 1,
  expires_at: null,
  revoked_at: null,
  first_used_at: null,
});

const response = (id: string) => ({
  id: `r-${id}`,
  questionnaire_id: 'q',
  questionnaire_version: 1,
  status: 'submitted',
  version: 1,
  answers: '{}',
  answered_at: '{}',
  content_hash: 'h',
  credential_id: id,
  created_at: 1,
  updated_at: 1,
  submitted_at: 1,
  summary: '{"indicators":{},"items":{},"groups":{}}',
});

/** Migrations are forward-only: each is run on frozen data written by the version before it. */
for (const database of DATABASES) {
  describe(`migrations on ${database.name}`, () => {
    it('0003: responses get their provenance from 0002 data (invitation, open link, demo flag)', async () => {
      const config = database.config();
      const old = await databaseAt(config, '0002_response_summaries');
      await old
        .insertInto('credentials')
        .values([
          credential('inv', 'invitation'),
          credential('open', 'open'),
          credential('demo', 'invitation'),
        ])
        .execute();
      await old
        .insertInto('responses')
        .values([
          { ...response('inv'), demo: 0 },
          { ...response('open'), demo: 0 },
          { ...response('demo'), demo: 1 },
        ])
        .execute();
      await old.destroy();

      const db = await openServerDatabase(config);
      const rows = await db
        .selectFrom('responses')
        .select(['id', 'provenance'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { id: 'r-demo', provenance: 'simulated' },
        { id: 'r-inv', provenance: 'invited' },
        { id: 'r-open', provenance: 'open' },
      ]);
      expect(await db.selectFrom('publications').selectAll().execute()).toEqual([]);
      await db.destroy();
    });

    it('0005: a 0004 database with responses, credentials and an erasure gains collectors; what it held is unchanged and belongs to no collector', async () => {
      const config = database.config();
      const old = await databaseAt(config, '0004_erasures');
      await old
        .insertInto('credentials')
        .values([credential('inv', 'invitation'), credential('open', 'open')])
        .execute();
      await old
        .insertInto('responses')
        .values([
          { ...response('inv'), provenance: 'invited' },
          { ...response('open'), provenance: 'open' },
        ])
        .execute();
      await old.insertInto('erasures').values({ response_id: 'r-gone', erased_at: 2 }).execute();
      await old.destroy();

      const store = createServerStore(await openServerDatabase(config));
      try {
        expect(await store.findCredential('hash-inv')).toMatchObject({
          kind: 'invitation',
          responseId: 'r-inv',
          collectorId: null,
        });
        expect(await store.getResponse('r-open')).toMatchObject({ status: 'submitted' });
        expect(await store.erasedIds()).toEqual(['r-gone']);
        expect(await store.listCollectors()).toEqual([]);

        // The new table works beside the old rows: a collector may not take over an invited response.
        await store.createCollector(
          {
            id: '00000000-0000-4000-8000-000000000001',
            tokenHash: 'collector-hash',
            label: 'Team Nord',
            questionnaireIds: ['q'],
            expiresAt: 10,
          },
          1,
        );
        const write = (id: string) => ({
          response: {
            id,
            questionnaireId: 'q',
            questionnaireVersion: 1,
            status: 'draft' as const,
            version: 2,
            answers: {},
            answeredAt: {},
            contentHash: 'h2',
            summary: { indicators: {}, items: {}, groups: {} },
          },
          collectorId: '00000000-0000-4000-8000-000000000001',
          newCredential: { id: `c-${id}`, tokenHash: `key-${id}` },
        });
        expect(await store.saveCollectorResponse(write('r-inv'), 3)).toEqual({ kind: 'not_yours' });
        expect(await store.saveCollectorResponse(write('r-gone'), 3)).toEqual({ kind: 'erased' });
        expect(await store.saveCollectorResponse(write('r-new'), 3)).toMatchObject({
          kind: 'stored',
          isNew: true,
        });
        expect(await store.listCollectors()).toMatchObject([
          { label: 'Team Nord', questionnaireIds: ['q'], responses: 1, submitted: 0 },
        ]);
      } finally {
        await store.close();
      }
    });
  });
}
