import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublicationDocument, Questionnaire } from '../../src/engine/index.ts';
import { buildServer } from '../../src/server/app.ts';
import { createServerStore, type ServerStore } from '../../src/server/db/serverStore.ts';
import { registryOf } from '../../src/server/questionnaireRegistry.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';
import { DATABASES, freshDatabase } from './databases.ts';

/**
 * Two versions of one questionnaire on one server, as after a wording-only
 * version 2 (questionnaires/README.md: ids kept, so answers stay comparable):
 * each answer is checked against the version it names, a response stored on
 * version 1 keeps it, new invitations start on the newest version, and the
 * national figure and the export pool every version of the id.
 */
const Q = 'two-versions';
const ADMIN = 'admin-token-for-version-tests';

function version(n: number): Questionnaire {
  return inlineSpec(
    [
      {
        id: 's',
        title: t('S'),
        questions: [
          {
            id: 'kanal',
            type: 'multiple',
            text: t('Kanal'),
            options: [
              { id: 'nett', text: t('Nett') },
              { id: 'annet', text: t(n === 1 ? 'Annet, vennligst spesifiser:' : 'Annet') },
            ],
          },
          {
            id: 'kanal_tekst',
            type: 'text',
            text: t(n === 1 ? 'Annen kanal, vennligst spesifiser:' : 'Hvilken annen kanal?'),
            maxLength: 200,
            specifies: { question: 'kanal', option: 'annet' },
          },
          likert('k1'),
        ],
      },
    ],
    {
      id: Q,
      version: n,
      indicators: [
        {
          id: 'kultur',
          name: t('Kultur'),
          description: t('K'),
          items: [{ rule: 'scale', question: 'k1' }],
        },
      ],
    },
  );
}

let running: { app: FastifyInstance; store: ServerStore }[] = [];

afterEach(async () => {
  for (const { app, store } of running) {
    await app.close();
    await store.close();
  }
  running = [];
});

async function server(config: Parameters<typeof freshDatabase>[0]) {
  const store = createServerStore(await freshDatabase(config));
  const app = await buildServer({
    store,
    registry: registryOf([version(2), version(1)]),
    adminToken: ADMIN,
    now: () => 1_700_000_000_000,
    rateLimitPerMinute: 100_000,
  });
  running.push({ app, store });
  return app;
}

const asAdmin = { authorization: `Bearer ${ADMIN}` };

async function invitation(app: FastifyInstance) {
  const made = await app.inject({
    method: 'POST',
    url: '/api/admin/invitations',
    headers: asAdmin,
    payload: { questionnaireId: Q, count: 1 },
  });
  const [invited] = made.json<{ invitations: { responseId: string; link: string }[] }>()
    .invitations;
  if (!invited) throw new Error('no invitation');
  return { id: invited.responseId, token: invited.link.split('/i/')[1] ?? '' };
}

const claim = (app: FastifyInstance, token: string) =>
  app.inject({ method: 'POST', url: '/api/invitations/claim', payload: { token } });

function put(
  app: FastifyInstance,
  respondent: { id: string; token: string },
  questionnaireVersion: number,
  answers: Record<string, unknown>,
  version = 1,
) {
  return app.inject({
    method: 'PUT',
    url: `/api/responses/${respondent.id}`,
    headers: { authorization: `Bearer ${respondent.token}` },
    payload: {
      questionnaireId: Q,
      questionnaireVersion,
      status: 'submitted',
      version,
      answers,
      answeredAt: {},
    },
  });
}

for (const database of DATABASES) {
  describe(`two versions of one questionnaire on ${database.name}`, () => {
    it('a new invitation opens on the newest version; a response stored on version 1 reopens on version 1', async () => {
      const app = await server(database.config());
      const fresh = await invitation(app);
      expect((await claim(app, fresh.token)).json()).toMatchObject({ questionnaireVersion: 2 });

      const older = await invitation(app);
      // A device that began before version 2 was published saves on version 1.
      expect((await put(app, older, 1, { kanal: ['nett'], k1: 'helt_enig' })).statusCode).toBe(200);
      expect((await claim(app, older.token)).json()).toMatchObject({ questionnaireVersion: 1 });
    });

    it('answers are checked against the version they name, and a version the server does not have is refused', async () => {
      const app = await server(database.config());
      const respondent = await invitation(app);
      const missingText = await put(app, respondent, 1, { kanal: ['annet'], k1: 'helt_enig' });
      expect(missingText.statusCode).toBe(400);
      expect(missingText.json()).toMatchObject({
        error: 'invalid_answers',
        fields: [{ path: '/answers/kanal_tekst', reason: 'required' }],
      });
      const unknown = await put(app, respondent, 3, { kanal: ['nett'], k1: 'helt_enig' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json()).toMatchObject({
        error: 'invalid_body',
        fields: [{ path: '/questionnaireVersion', reason: 'unknown questionnaire version' }],
      });
      const answers = { kanal: ['annet'], kanal_tekst: 'Podkast', k1: 'helt_enig' };
      expect((await put(app, respondent, 1, answers)).statusCode).toBe(200);
    });

    it('the national figure pools responses on version 1 and version 2', async () => {
      const app = await server(database.config());
      for (const [n, k1] of [
        [1, 'helt_enig'],
        [1, 'helt_enig'],
        [1, 'helt_enig'],
        [2, 'helt_uenig'],
        [2, 'helt_uenig'],
      ] as const) {
        const saved = await put(app, await invitation(app), n, { kanal: ['nett'], k1 });
        expect(saved.statusCode).toBe(200);
      }
      const published = await app.inject({
        method: 'POST',
        url: `/api/admin/questionnaires/${Q}/publications`,
        headers: asAdmin,
      });
      expect(published.statusCode).toBe(201);
      const document = published.json<PublicationDocument>();
      expect(document.respondents).toBe(5);
      // Three at 100 and two at 0: both versions count.
      expect(document.indicators.kultur?.national).toEqual({ mean: 60, n: 5 });
    });

    it('the export holds the responses of both versions in one table, each with its version', async () => {
      const app = await server(database.config());
      await put(app, await invitation(app), 1, {
        kanal: ['annet'],
        kanal_tekst: 'Podkast',
        k1: 'helt_enig',
      });
      await put(app, await invitation(app), 2, {
        kanal: ['annet'],
        kanal_tekst: 'Radio',
        k1: 'helt_uenig',
      });
      const csv = await app.inject({
        method: 'GET',
        url: `/api/admin/questionnaires/${Q}/export.csv?flavour=analyse`,
        headers: asAdmin,
      });
      expect(csv.statusCode).toBe(200);
      const rows = parse<Record<string, string>>(csv.body, {
        bom: true,
        delimiter: ',',
        columns: true,
      });
      expect(rows.map((row) => [row.skjemaversjon, row.kanal_tekst])).toEqual([
        ['1', 'Podkast'],
        ['2', 'Radio'],
      ]);
    });
  });
}
