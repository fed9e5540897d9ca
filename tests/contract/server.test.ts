import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acknowledgement,
  claimBody,
  claimReply,
  errorReply,
  invalidReply,
  invitationBody,
  isMessage,
  notPublishableReply,
  notPublishedReply,
  openResponseBody,
  openResponseReply,
  publicationOverviewReply,
  refusal,
  responseBody,
  responseCopy,
  responseCounts,
  settingsBody,
  settingsReply,
} from '../../src/contract/index.ts';
import { parsePublicationDocument } from '../../src/engine/index.ts';
import type { ServerStore } from '../../src/server/db/serverStore.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';
import {
  device,
  expectSchemaAgreesWithServer,
  injectFetch,
  startServer,
  type BodyCase,
} from './support.ts';

/**
 * The contract (`src/contract/`) against our real server: the request
 * schemas take what the client's sender builds and refuse what the server
 * refuses, and every reply the server sends is an instance of the schema the
 * client reads it with. Either side drifting from the other fails here.
 */

const optional = { required: false };
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
        {
          id: 'partnere',
          type: 'multiple',
          text: t('P'),
          options: [
            { id: 'a', text: t('A') },
            { id: 'b', text: t('B') },
          ],
          ...optional,
        },
        {
          id: 'grad',
          type: 'grid',
          scale: 'G4',
          text: t('G'),
          rows: [
            { id: 'r1', text: t('R1') },
            { id: 'r2', text: t('R2') },
          ],
          ...optional,
        },
        {
          id: 'fordeling',
          type: 'allocation',
          text: t('F'),
          rows: [
            { id: 'x', text: t('X') },
            { id: 'y', text: t('Y') },
          ],
          ...optional,
        },
        { id: 'antall', type: 'number', integer: true, text: t('N'), ...optional },
        { id: 'forslag', type: 'text', maxLength: 200, text: t('T'), ...optional },
      ],
    },
  ],
  {
    id: 'contract-survey',
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
const Q = 'contract-survey';
const ADMIN = 'admin-token-for-contract-tests';
const EVERY_SHAPE = {
  ansatte: 'lt10',
  k1: 'helt_enig',
  k2: 'vet_ikke',
  partnere: ['a', 'b'],
  grad: { r1: 'hoy_grad', r2: 'liten_grad' },
  fordeling: { x: 60, y: 40 },
  antall: 12,
  forslag: 'Fleire hender, færre skjema',
};

let app: FastifyInstance;
let store: ServerStore;
const clock = 1_700_000_000_000;

beforeEach(async () => {
  ({ app, store } = await startServer(spec, ADMIN, () => clock));
});

afterEach(async () => {
  await app.close();
  await store.close();
});

const admin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${ADMIN}` },
    ...(payload ? { payload } : {}),
  });

/** A response id with its token, through the open link (SY9). */
async function openResponse() {
  const responseId = crypto.randomUUID();
  const reply = await app.inject({
    method: 'POST',
    url: `/api/questionnaires/${Q}/responses`,
    payload: { responseId },
  });
  return { responseId, token: reply.json<{ token: string }>().token, reply };
}

const put = (responseId: string, token: string, payload: unknown) =>
  app.inject({
    method: 'PUT',
    url: `/api/responses/${responseId}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });

const body = (extra: Record<string, unknown> = {}) => ({
  questionnaireId: Q,
  questionnaireVersion: 1,
  status: 'draft',
  version: 1,
  answers: { k1: 'helt_enig' },
  answeredAt: { k1: clock },
  ...extra,
});

describe('the PUT body: one schema for what the sender builds and what the server takes', () => {
  it('the body the sender builds from a draft with every kind of answer is a responseBody, and the server stores it', async () => {
    const sent: unknown[] = [];
    const serverFetch = injectFetch(app);
    const phone = device(
      spec,
      (input, init) => {
        if (init?.method === 'PUT' && typeof init.body === 'string')
          sent.push(JSON.parse(init.body));
        return serverFetch(input, init);
      },
      () => clock,
    );
    const id = crypto.randomUUID();
    await phone.drafts.create({ id: Q, version: 1 }, id, clock);
    await phone.drafts.saveAnswers(id, EVERY_SHAPE, clock);
    await phone.sender.flush();

    expect(sent).toHaveLength(1);
    expect(isMessage(responseBody, sent[0])).toBe(true);
    expect(sent[0]).toMatchObject({ answers: EVERY_SHAPE });
    const row = await phone.outbox.get(id);
    expect(row?.sentRevision).toBe(row?.queuedRevision);
    expect((await store.getResponse(id))?.answers).toEqual(EVERY_SHAPE);
  });

  it('every body the server refuses as invalid_body, the schema refuses too; the one it takes, the schema takes', async () => {
    const { responseId, token } = await openResponse();
    const refused: [string, unknown][] = [
      ['a version as text', body({ version: '1' })],
      ['version 0', body({ version: 0 })],
      ['a fractional version', body({ version: 1.5 })],
      ['a version past a PostgreSQL integer', body({ version: 2 ** 31 })],
      ['an unknown status', body({ status: 'done' })],
      ['answers as an array', body({ answers: ['helt_enig'] })],
      ['answers as null', body({ answers: null })],
      ['a time as text', body({ answeredAt: { k1: '2024-05-01' } })],
      ['a negative time', body({ answeredAt: { k1: -1 } })],
      ['an unknown field', body({ extra: true })],
      ['a questionnaire id with a space', body({ questionnaireId: 'contract survey' })],
      ['a questionnaire version as text', body({ questionnaireVersion: '1' })],
      ['no answers', { ...body(), answers: undefined }],
      ['an array for a body', [body()]],
    ];
    for (const [name, payload] of refused) {
      expect(isMessage(responseBody, payload), name).toBe(false);
      const reply = await put(responseId, token, payload);
      expect([reply.statusCode, reply.json<{ error: string }>().error], name).toEqual([
        400,
        'invalid_body',
      ]);
    }
    expect(isMessage(responseBody, body())).toBe(true);
    expect((await put(responseId, token, body())).statusCode).toBe(200);
  });

  it('claim, open-link, invitation and settings bodies: refused by the schema exactly when the server answers 400', async () => {
    const cases: BodyCase[] = [
      ['/api/invitations/claim', 'POST', claimBody, { token: 'a'.repeat(43) }],
      ['/api/invitations/claim', 'POST', claimBody, { token: 43 }],
      ['/api/invitations/claim', 'POST', claimBody, { token: 'a'.repeat(201) }],
      ['/api/invitations/claim', 'POST', claimBody, { token: 'a'.repeat(43), extra: 1 }],
      [`/api/questionnaires/${Q}/responses`, 'POST', openResponseBody, { responseId: 'abc' }],
      [
        `/api/questionnaires/${Q}/responses`,
        'POST',
        openResponseBody,
        { responseId: crypto.randomUUID() },
      ],
      ['/api/admin/invitations', 'POST', invitationBody, { questionnaireId: Q, count: 2 }],
      ['/api/admin/invitations', 'POST', invitationBody, { questionnaireId: Q, count: '2' }],
      [
        '/api/admin/invitations',
        'POST',
        invitationBody,
        { questionnaireId: Q, labels: ['a\u0000'] },
      ],
      ['/api/admin/invitations', 'POST', invitationBody, { questionnaireId: Q, expiresInDays: 0 }],
      [`/api/admin/questionnaires/${Q}/settings`, 'PATCH', settingsBody, { isClosed: true }],
      [`/api/admin/questionnaires/${Q}/settings`, 'PATCH', settingsBody, { isClosed: 'yes' }],
      [`/api/admin/questionnaires/${Q}/settings`, 'PATCH', settingsBody, { closedAt: 1 }],
    ];
    await expectSchemaAgreesWithServer(app, cases, () => ADMIN);
  });
});

describe('every reply the server sends fits the schema the client reads it with', () => {
  it('acknowledgements (stored, replay, stale), refusals (conflict, submitted) and the copy', async () => {
    const { responseId, token, reply: opened } = await openResponse();
    expect(opened.statusCode).toBe(201);
    expect(isMessage(openResponseReply, opened.json())).toBe(true);

    const stored = await put(responseId, token, body({ version: 2 }));
    const replay = await put(responseId, token, body({ version: 2 }));
    const stale = await put(responseId, token, body({ version: 1 }));
    for (const [reply, outcome] of [
      [stored, 'stored'],
      [replay, 'replay'],
      [stale, 'stale'],
    ] as const) {
      expect(reply.statusCode).toBe(200);
      expect(isMessage(acknowledgement, reply.json()), outcome).toBe(true);
      expect(reply.json()).toMatchObject({ outcome, id: responseId, version: 2 });
    }

    const conflict = await put(
      responseId,
      token,
      body({ version: 2, answers: { k1: 'vet_ikke' } }),
    );
    expect(conflict.statusCode).toBe(409);
    expect(isMessage(refusal, conflict.json())).toBe(true);

    const invalid = await put(responseId, token, body({ version: 3, answers: { k1: 'kanskje' } }));
    expect(invalid.json()).toMatchObject({ error: 'invalid_answers' });
    expect(isMessage(invalidReply, invalid.json())).toBe(true);

    await put(responseId, token, body({ version: 3, status: 'submitted', answers: EVERY_SHAPE }));
    const submitted = await put(responseId, token, body({ version: 4 }));
    expect(submitted.json()).toMatchObject({ error: 'submitted' });
    expect(isMessage(refusal, submitted.json())).toBe(true);

    const copy = await app.inject({
      method: 'GET',
      url: `/api/responses/${responseId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(isMessage(responseCopy, copy.json())).toBe(true);
    expect(copy.json()).toMatchObject({ answers: EVERY_SHAPE, status: 'submitted', version: 3 });

    const again = await app.inject({
      method: 'POST',
      url: `/api/questionnaires/${Q}/responses`,
      payload: { responseId },
    });
    expect([again.statusCode, isMessage(errorReply, again.json())]).toEqual([409, true]);
  });

  it('an invitation claim, and the 404 for an unknown token', async () => {
    const made = await admin('POST', '/api/admin/invitations', { questionnaireId: Q, count: 1 });
    const link = made.json<{ invitations: { link: string }[] }>().invitations[0]?.link ?? '';
    const claim = await app.inject({
      method: 'POST',
      url: '/api/invitations/claim',
      payload: { token: link.split('/i/')[1] },
    });
    expect(claim.statusCode).toBe(200);
    expect(isMessage(claimReply, claim.json())).toBe(true);

    const unknown = await app.inject({
      method: 'POST',
      url: '/api/invitations/claim',
      payload: { token: 'x'.repeat(43) },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: 'not_found' });
    expect(isMessage(errorReply, unknown.json())).toBe(true);
  });

  it('the admin replies: counts, settings, the overview before and after a publication, and the refusal to publish', async () => {
    const counts = await admin('GET', `/api/admin/questionnaires/${Q}/status`);
    expect(isMessage(responseCounts, counts.json())).toBe(true);

    const settings = await admin('PATCH', `/api/admin/questionnaires/${Q}/settings`, {
      isClosed: false,
      admitOpenLink: true,
    });
    expect(isMessage(settingsReply, settings.json())).toBe(true);

    const before = await admin('GET', `/api/admin/questionnaires/${Q}/publication`);
    expect(before.json()).toMatchObject({ current: null, next: { isPublishable: false } });
    expect(isMessage(publicationOverviewReply, before.json())).toBe(true);

    const refused = await admin('POST', `/api/admin/questionnaires/${Q}/publications`);
    expect(refused.statusCode).toBe(409);
    expect(isMessage(notPublishableReply, refused.json())).toBe(true);

    const benchmarks = () => app.inject({ method: 'GET', url: `/api/benchmarks/${Q}` });
    const notYet = await benchmarks();
    expect(notYet.statusCode).toBe(404);
    expect(isMessage(notPublishedReply, notYet.json())).toBe(true);

    for (let i = 0; i < 5; i++) {
      const { responseId, token } = await openResponse();
      const answers = {
        ansatte: 'stor',
        k1: 'helt_enig',
        k2: i === 0 ? 'helt_uenig' : 'helt_enig',
      };
      await put(responseId, token, body({ status: 'submitted', answers, answeredAt: {} }));
    }
    const published = await admin('POST', `/api/admin/questionnaires/${Q}/publications`);
    expect(published.statusCode).toBe(201);
    expect(parsePublicationDocument(published.json())).toBeDefined();

    const after = await admin('GET', `/api/admin/questionnaires/${Q}/publication`);
    expect(after.json()).toMatchObject({ current: { number: 1 } });
    expect(isMessage(publicationOverviewReply, after.json())).toBe(true);
    expect(parsePublicationDocument((await benchmarks()).json())).toMatchObject({ number: 1 });
  });

  it('the refusals of the admin key are our error replies', async () => {
    const wrong = await app.inject({
      method: 'GET',
      url: `/api/admin/questionnaires/${Q}/status`,
      headers: { authorization: 'Bearer not-the-admin-key-at-all' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(isMessage(errorReply, wrong.json())).toBe(true);
  });
});
