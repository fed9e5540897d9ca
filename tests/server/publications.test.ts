import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublicationDocument } from '../../src/engine/index.ts';
import { buildServer } from '../../src/server/app.ts';
import { openServerDatabase } from '../../src/server/db/database.ts';
import { createServerStore, type ServerStore } from '../../src/server/db/serverStore.ts';
import { registryOf } from '../../src/server/questionnaireRegistry.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';
import { DATABASES, freshDatabase, POSTGRES_URL } from './databases.ts';

/**
 * PB1–PB9 over HTTP, as an outsider and as a curious respondent would try
 * them: scripted open-link answers, differencing two publications around
 * one save or one changed answer, a partial being typed, and two server
 * processes over one database. Each attack must learn nothing.
 */
const spec = inlineSpec(
  [
    {
      id: 's',
      title: t('S'),
      questions: [
        {
          id: 'ansatte',
          type: 'single',
          text: t('Ansatte'),
          options: [
            { id: 'lt10', text: t('<10') },
            { id: 'stor', text: t('10+') },
          ],
        },
        likert('k1'),
        likert('k2'),
      ],
    },
  ],
  {
    id: 'pub-survey',
    indicators: [
      {
        id: 'kultur',
        name: t('Kultur'),
        description: t('K'),
        items: [
          { rule: 'scale', question: 'k1' },
          { rule: 'scale', question: 'k2' },
        ],
      },
    ],
    benchmarkGroups: [{ id: 'ansatte', question: 'ansatte', name: t('Ansatte') }],
  },
);
const ADMIN = 'admin-token-for-publication-tests';
const Q = 'pub-survey';
const HOUR = 3_600_000;

interface Running {
  app: FastifyInstance;
  store: ServerStore;
}
let running: Running[] = [];
let clock = 1_700_000_000_000;

async function server(config: Parameters<typeof freshDatabase>[0], isFresh = true) {
  const db = isFresh ? await freshDatabase(config) : await openServerDatabase(config);
  const store = createServerStore(db);
  const app = await buildServer({
    store,
    registry: registryOf([spec]),
    adminToken: ADMIN,
    now: () => clock,
    rateLimitPerMinute: 100_000,
    settledAfterMs: 24 * HOUR,
  });
  running.push({ app, store });
  return app;
}

afterEach(async () => {
  for (const { app, store } of running) {
    await app.close();
    await store.close();
  }
  running = [];
});

type Answers = Record<string, string>;
const agreeing = (group = 'stor'): Answers => ({
  ansatte: group,
  k1: 'helt_enig',
  k2: 'helt_enig',
});
const disagreeing = (group = 'stor'): Answers => ({
  ansatte: group,
  k1: 'helt_uenig',
  k2: 'helt_uenig',
});

const admin = (
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: object,
) =>
  app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${ADMIN}` },
    ...(payload ? { payload } : {}),
  });

/** An invited respondent: the owner's invitation, claimed, answered and sent. */
async function invited(app: FastifyInstance, answers: Answers, status = 'submitted') {
  const made = await admin(app, 'POST', '/api/admin/invitations', { questionnaireId: Q, count: 1 });
  const [invitation] = made.json<{ invitations: { responseId: string; link: string }[] }>()
    .invitations;
  if (!invitation) throw new Error('no invitation');
  const token = invitation.link.split('/i/')[1] ?? '';
  const respondent = { id: invitation.responseId, token, version: 0 };
  await save(app, respondent, answers, status);
  return respondent;
}

/** A scripted anonymous respondent through the open link. */
async function openLink(app: FastifyInstance, answers: Answers, status = 'submitted') {
  const id = randomUUID();
  const claimed = await app.inject({
    method: 'POST',
    url: `/api/questionnaires/${Q}/responses`,
    payload: { responseId: id },
  });
  expect(claimed.statusCode).toBe(201);
  const respondent = { id, token: claimed.json<{ token: string }>().token, version: 0 };
  await save(app, respondent, answers, status);
  return respondent;
}

async function save(
  app: FastifyInstance,
  respondent: { id: string; token: string; version: number },
  answers: Answers,
  status: string,
) {
  respondent.version += 1;
  const saved = await app.inject({
    method: 'PUT',
    url: `/api/responses/${respondent.id}`,
    headers: { authorization: `Bearer ${respondent.token}` },
    payload: {
      questionnaireId: Q,
      questionnaireVersion: 1,
      status,
      version: respondent.version,
      answers,
      answeredAt: {},
    },
  });
  expect(saved.statusCode).toBe(200);
}

const publish = (app: FastifyInstance) =>
  admin(app, 'POST', `/api/admin/questionnaires/${Q}/publications`);
const read = (app: FastifyInstance) => app.inject({ method: 'GET', url: `/api/benchmarks/${Q}` });
const published = async (app: FastifyInstance) => (await read(app)).json<PublicationDocument>();

for (const database of DATABASES) {
  describe(`publications on ${database.name}`, () => {
    it('PB9: nothing is published until the owner publishes; below k the owner is told why', async () => {
      const app = await server(database.config());
      expect((await read(app)).json()).toEqual({ error: 'not_published', k: 5 });
      for (let i = 0; i < 4; i++) await invited(app, agreeing());
      const refused = await publish(app);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ error: 'not_publishable', reason: 'below_k', k: 5 });
      await invited(app, disagreeing());
      const made = await publish(app);
      expect(made.statusCode).toBe(201);
      const document = await published(app);
      expect(document).toMatchObject({ number: 1, respondents: 5, isSimulated: false, k: 5 });
      // Four «helt enig» (100) and one «helt uenig» (0): 80, a whole number, n as counted.
      expect(document.indicators.kultur?.national).toEqual({ mean: 80, n: 5 });
      expect((await read(app)).headers['cache-control']).toBe('no-cache');
    });

    it('PB1: scripted open-link answers neither move the figures nor unmask anyone (pushing, k−1 fakes)', async () => {
      const app = await server(database.config());
      for (let i = 0; i < 10; i++) await invited(app, agreeing());
      expect((await publish(app)).statusCode).toBe(201);
      const before = (await read(app)).body;
      // 40 scripted «helt uenig» answers from one address, and then k−1 fakes around one real respondent.
      for (let i = 0; i < 40; i++) await openLink(app, disagreeing());
      for (let i = 0; i < 4; i++) await openLink(app, agreeing());
      await invited(app, disagreeing());
      const refused = await publish(app);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ reason: 'too_few_changes', changed: 1 });
      expect((await read(app)).body).toBe(before);
      const preview = await admin(app, 'GET', `/api/admin/questionnaires/${Q}/publication`);
      expect(preview.json()).toMatchObject({
        responses: { invited: 11, open: 44, counted: 11 },
        settings: { admitOpenLink: false },
      });
    });

    it('PB1: the owner can admit open-link responses; then they count', async () => {
      const app = await server(database.config());
      for (let i = 0; i < 5; i++) await openLink(app, agreeing());
      expect((await publish(app)).json()).toMatchObject({ reason: 'below_k' });
      const admitted = await admin(app, 'PATCH', `/api/admin/questionnaires/${Q}/settings`, {
        admitOpenLink: true,
      });
      expect(admitted.json()).toEqual({ admitOpenLink: true, closedAt: null });
      expect((await publish(app)).statusCode).toBe(201);
      expect((await published(app)).respondents).toBe(5);
    });

    it('PB7: two publications around one save, or one changed answer, never differ', async () => {
      const app = await server(database.config());
      const respondents = [];
      for (let i = 0; i < 10; i++) respondents.push(await invited(app, agreeing(), 'draft'));
      clock += 25 * HOUR;
      expect((await publish(app)).statusCode).toBe(201);
      const first = (await read(app)).body;
      // One new respondent, then one respondent changes an answer on a settled partial.
      await invited(app, disagreeing());
      const changing = respondents[0];
      if (!changing) throw new Error('no respondent');
      await save(app, changing, disagreeing(), 'draft');
      clock += 25 * HOUR;
      const refused = await publish(app);
      expect(refused.json()).toMatchObject({ reason: 'too_few_changes', changed: 2 });
      expect((await read(app)).body).toBe(first);
      // Three more make five changed: now a new publication may appear.
      for (let i = 0; i < 3; i++) await invited(app, disagreeing());
      expect((await publish(app)).statusCode).toBe(201);
      expect(await published(app)).toMatchObject({ number: 2, respondents: 14 });
    });

    it('PB1: a partial being typed does not count until it settles, and keeps its published version meanwhile', async () => {
      const app = await server(database.config());
      const partials = [];
      for (let i = 0; i < 5; i++) partials.push(await invited(app, agreeing(), 'draft'));
      expect((await publish(app)).json()).toMatchObject({ reason: 'below_k' });
      clock += 25 * HOUR;
      expect((await publish(app)).statusCode).toBe(201);
      const first = await published(app);
      expect(first.indicators.kultur?.national).toEqual({ mean: 100, n: 5 });
      // All five start typing again, plus five new submitted: the typed versions do not count yet.
      for (const partial of partials) await save(app, partial, disagreeing(), 'draft');
      for (let i = 0; i < 5; i++) await invited(app, agreeing());
      expect((await publish(app)).statusCode).toBe(201);
      const second = await published(app);
      expect(second.indicators.kultur?.national).toEqual({ mean: 100, n: 10 });
      // Closing the round settles them at once.
      const closed = await admin(app, 'PATCH', `/api/admin/questionnaires/${Q}/settings`, {
        isClosed: true,
      });
      expect(closed.json()).toEqual({ admitOpenLink: false, closedAt: clock });
      expect((await publish(app)).statusCode).toBe(201);
      expect((await published(app)).indicators.kultur?.national).toEqual({ mean: 50, n: 10 });
    });

    it('PB3: national minus the published peer groups never rests on fewer than k', async () => {
      const app = await server(database.config());
      for (let i = 0; i < 7; i++) await invited(app, agreeing('stor'));
      for (let i = 0; i < 2; i++) await invited(app, disagreeing('lt10'));
      expect((await publish(app)).statusCode).toBe(201);
      const kultur = (await published(app)).indicators.kultur;
      // «stor» alone would leave the two in «lt10» readable as national − stor.
      expect(kultur?.national.n).toBe(9);
      expect(kultur?.groups).toEqual({});
    });
  });
}

describe('two server processes over one PostgreSQL', () => {
  it('PB9: serve the same publication at every moment, and a race stores each number once', async () => {
    const config = { kind: 'postgres' as const, url: POSTGRES_URL };
    const a = await server(config);
    const b = await server(config, false);
    for (let i = 0; i < 5; i++) await invited(a, agreeing());
    expect((await publish(a)).statusCode).toBe(201);
    expect((await read(b)).body).toBe((await read(a)).body);
    for (let i = 0; i < 5; i++) await invited(b, disagreeing());
    // Both processes publish at the same moment: one publication 2, never two.
    const results = await Promise.all([publish(a), publish(b), publish(a), publish(b)]);
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => [201, 409, 503].includes(s))).toBe(true);
    const [fromA, fromB] = await Promise.all([read(a), read(b)]);
    expect(fromA.body).toBe(fromB.body);
    expect(fromA.json<PublicationDocument>()).toMatchObject({ number: 2, respondents: 10 });
    // Reads interleaved with a third publication never show two different figures at once.
    for (let i = 0; i < 5; i++) await invited(a, agreeing());
    const reads = await Promise.all([read(a), read(b), publish(b), read(a), read(b)]);
    const after = await Promise.all([read(a), read(b)]);
    expect(after[0].body).toBe(after[1].body);
    expect(after[0].json<PublicationDocument>().number).toBe(3);
    for (const r of reads.filter((r) => r.statusCode === 200))
      expect([2, 3]).toContain(r.json<PublicationDocument>().number);
  });
});

describe('start-up', () => {
  it('refuses k below 5 and a malformed publication time', () => {
    for (const env of [{ BENCHMARK_MIN_GROUP: '3' }, { PUBLISH_AT: '25:00' }]) {
      const started = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/start.ts'], {
        encoding: 'utf8',
        env: { ...process.env, ...env, PORT: '0' },
        timeout: 30_000,
      });
      expect(started.status).toBe(1);
      expect(started.stderr).toMatch(/BENCHMARK_MIN_GROUP must be|PUBLISH_AT must be/);
    }
  }, 60_000);
});
