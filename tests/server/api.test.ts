import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { openServerDatabase } from '../../src/server/db/database.ts';
import { createServerStore, type ServerStore } from '../../src/server/db/serverStore.ts';
import { registryOf } from '../../src/server/questionnaireRegistry.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';

const spec = inlineSpec(
  [
    {
      id: 's',
      title: t('S'),
      questions: [
        { id: 'gate', type: 'single', scale: 'JN', text: t('Gate') },
        likert('follow', { visibleIf: { equals: 'gate', value: 'ja' } }),
        {
          id: 'partnere',
          type: 'multiple',
          text: t('P'),
          options: [
            { id: 'a', text: t('A') },
            { id: 'nei', exclusive: true, text: t('Nei') },
          ],
        },
        {
          id: 'fordeling',
          type: 'allocation',
          text: t('F'),
          rows: [
            { id: 'x', text: t('X') },
            { id: 'y', text: t('Y') },
          ],
        },
      ],
    },
  ],
  { id: 'test-survey' },
);
const ADMIN = 'admin-token-for-tests-0123456789';

let app: FastifyInstance;
let store: ServerStore;
let clock = 1_000_000;

async function start(
  options: {
    rateLimitPerMinute?: number;
    bodyLimitBytes?: number;
    adminToken?: string | undefined;
  } = {},
) {
  const file = join(mkdtempSync(join(tmpdir(), 'barometer-api-')), 'api.sqlite');
  store = createServerStore(await openServerDatabase({ kind: 'sqlite', file }));
  app = await buildServer({
    store,
    registry: registryOf([spec]),
    adminToken: 'adminToken' in options ? options.adminToken : ADMIN,
    now: () => clock,
    ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
  });
}

afterEach(async () => {
  await app.close();
  await store.close();
});

/** An invitation as the survey owner makes it: returns the response id and the token from the link. */
async function invite(extra: Record<string, unknown> = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/admin/invitations',
    headers: { authorization: `Bearer ${ADMIN}` },
    payload: { questionnaireId: 'test-survey', count: 1, ...extra },
  });
  expect(res.statusCode).toBe(201);
  const [invitation] = res.json<{
    invitations: { id: string; responseId: string; link: string }[];
  }>().invitations;
  if (!invitation) throw new Error('no invitation');
  return { ...invitation, token: invitation.link.split('/i/')[1] ?? '' };
}

const body = (overrides: Record<string, unknown> = {}) => ({
  questionnaireId: 'test-survey',
  questionnaireVersion: 1,
  status: 'draft',
  version: 1,
  answers: { gate: 'ja', follow: 'helt_enig' },
  answeredAt: { gate: 1, follow: 2 },
  ...overrides,
});

const put = (id: string, token: string, payload: unknown) =>
  app.inject({
    method: 'PUT',
    url: `/api/responses/${id}`,
    headers: { authorization: `Bearer ${token}` },
    payload: payload as Record<string, unknown>,
  });

describe('saving responses', () => {
  beforeEach(() => start());

  it('SY1/SY6: a new response is stored and acknowledged with our JSON ack', async () => {
    const { responseId, token } = await invite();
    const res = await put(responseId, token, body());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ack: 'barometer.response',
      id: responseId,
      version: 1,
      status: 'draft',
      outcome: 'stored',
      storedAt: clock,
    });
  });

  it('SY2: a replay answers like the first time and stores nothing new', async () => {
    const { responseId, token } = await invite();
    await put(responseId, token, body());
    clock += 1000;
    const replay = await put(responseId, token, body());
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ outcome: 'replay', version: 1, storedAt: clock - 1000 });
  });

  it('SY3: an older version is ignored and answered with the current version', async () => {
    const { responseId, token } = await invite();
    await put(responseId, token, body({ version: 5 }));
    const stale = await put(
      responseId,
      token,
      body({ version: 4, answers: { gate: 'nei' }, answeredAt: {} }),
    );
    expect(stale.statusCode).toBe(200);
    expect(stale.json()).toMatchObject({ outcome: 'stale', version: 5 });
    const copy = await app.inject({
      method: 'GET',
      url: `/api/responses/${responseId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(copy.json()).toMatchObject({ version: 5, answers: { gate: 'ja', follow: 'helt_enig' } });
  });

  it('SY4: the same version with different content is a 409', async () => {
    const { responseId, token } = await invite();
    await put(responseId, token, body());
    const conflict = await put(responseId, token, body({ answers: { gate: 'nei' } }));
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toEqual({ error: 'conflict', currentVersion: 1, status: 'draft' });
  });

  it('SY5: a write after submission is refused until the owner reopens the response', async () => {
    const { responseId, token } = await invite();
    const complete = {
      gate: 'ja',
      follow: 'helt_enig',
      partnere: ['a'],
      fordeling: { x: 70, y: 30 },
    };
    expect(
      (await put(responseId, token, body({ status: 'submitted', version: 2, answers: complete })))
        .statusCode,
    ).toBe(200);
    const late = await put(responseId, token, body({ version: 3 }));
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: 'submitted', currentVersion: 2 });
    const reopen = await app.inject({
      method: 'POST',
      url: `/api/admin/responses/${responseId}/reopen`,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(reopen.statusCode).toBe(204);
    expect((await put(responseId, token, body({ version: 3 }))).statusCode).toBe(200);
  });

  it('the server copy goes to a second device with the same link', async () => {
    const { responseId, token } = await invite();
    const empty = await app.inject({
      method: 'GET',
      url: `/api/responses/${responseId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(empty.statusCode).toBe(204);
    await put(responseId, token, body());
    const copy = await app.inject({
      method: 'GET',
      url: `/api/responses/${responseId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(copy.json()).toMatchObject({
      ack: 'barometer.response',
      version: 1,
      answers: { gate: 'ja', follow: 'helt_enig' },
      answeredAt: { gate: 1, follow: 2 },
    });
  });
});

describe('malformed submissions get a 400 with field-level reasons and write nothing', () => {
  beforeEach(() => start());

  it.each([
    [
      'an unknown question',
      { answers: { nope: 'x' } },
      [{ path: '/answers/nope', reason: 'unknown_question' }],
    ],
    ['a wrong type', { answers: { gate: 1 } }, [{ path: '/answers/gate', reason: 'wrong_type' }]],
    [
      'an option not in the list',
      { answers: { gate: 'kanskje' } },
      [{ path: '/answers/gate', reason: 'unknown_option', option: 'kanskje' }],
    ],
    [
      'an answer to a hidden question',
      { answers: { gate: 'nei', follow: 'helt_enig' } },
      [{ path: '/answers/follow', reason: 'hidden' }],
    ],
    [
      'an exclusive option with another',
      { answers: { partnere: ['a', 'nei'] } },
      [{ path: '/answers/partnere', reason: 'exclusive', option: 'nei' }],
    ],
    [
      'a broken sum on submission',
      {
        status: 'submitted',
        answers: { gate: 'nei', partnere: ['a'], fordeling: { x: 70, y: 20 } },
      },
      [{ path: '/answers/fordeling', reason: 'allocation_sum', params: { sum: 90, total: 100 } }],
    ],
  ])('%s', async (_name, overrides, fields) => {
    const { responseId, token } = await invite();
    const res = await put(responseId, token, body(overrides));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid_answers', fields });
    expect(await store.getResponse(responseId)).toBeUndefined();
  });

  it('no type coercion and no silently dropped fields in the body', async () => {
    const { responseId, token } = await invite();
    const res = await put(responseId, token, { ...body({ version: '2' }), extra: true });
    expect(res.statusCode).toBe(400);
    const { fields } = res.json<{ fields: { path: string; reason: string }[] }>();
    expect(fields).toContainEqual({ path: '/version', reason: expect.stringContaining('number') });
    expect(fields).toContainEqual({ path: '/', reason: 'unknown field(s): extra' });
  });

  it('a __proto__ key is rejected', async () => {
    const { responseId, token } = await invite();
    const res = await app.inject({
      method: 'PUT',
      url: `/api/responses/${responseId}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload:
        '{"questionnaireId":"test-survey","questionnaireVersion":1,"status":"draft","version":1,"answeredAt":{},"answers":{"__proto__":{"polluted":true}}}',
    });
    expect(res.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await store.getResponse(responseId)).toBeUndefined();
  });
});

describe('limits', () => {
  it('413 for a body over the limit', async () => {
    await start({ bodyLimitBytes: 2048 });
    const { responseId, token } = await invite();
    const res = await put(
      responseId,
      token,
      body({ answers: { gate: 'ja', follow: 'x'.repeat(5000) } }),
    );
    expect(res.statusCode).toBe(413);
  });

  it("the app's own files are not rate limited", async () => {
    await start({ rateLimitPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await app.inject({ method: 'GET', url: '/not-an-api/x.js' })).statusCode);
    expect(statuses).toEqual([404, 404, 404, 404]);
  });
});

describe('who may write what', () => {
  beforeEach(() => start());

  it('SY7: unknown, revoked and expired tokens, and a token for another response, get the same 404', async () => {
    const mine = await invite();
    const other = await invite();
    const expiring = await invite({ expiresInDays: 1 });
    const revoked = await invite();
    await app.inject({
      method: 'DELETE',
      url: `/api/admin/invitations/${revoked.id}`,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    clock += 2 * 86_400_000;

    const attempts = [
      await put(mine.responseId, 'A'.repeat(43), body()),
      await put(revoked.responseId, revoked.token, body()),
      await put(expiring.responseId, expiring.token, body()),
      await put(other.responseId, mine.token, body()),
      await app.inject({
        method: 'GET',
        url: `/api/responses/${other.responseId}`,
        headers: { authorization: `Bearer ${mine.token}` },
      }),
      await app.inject({
        method: 'PUT',
        url: `/api/responses/${mine.responseId}`,
        payload: body(),
      }),
    ];
    for (const res of attempts) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe('{"error":"not_found"}');
    }
    expect(await store.getResponse(other.responseId)).toBeUndefined();
    expect((await put(mine.responseId, mine.token, body())).statusCode).toBe(200);
  });

  it('SY8: an invitation link is claimed for its response; a revoked one is not', async () => {
    const invitation = await invite();
    const claim = await app.inject({
      method: 'POST',
      url: '/api/invitations/claim',
      payload: { token: invitation.token },
    });
    expect(claim.json()).toEqual({
      responseId: invitation.responseId,
      questionnaireId: 'test-survey',
      questionnaireVersion: 1,
    });
    await app.inject({
      method: 'DELETE',
      url: `/api/admin/invitations/${invitation.id}`,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    const again = await app.inject({
      method: 'POST',
      url: '/api/invitations/claim',
      payload: { token: invitation.token },
    });
    expect(again.statusCode).toBe(404);
    expect(again.body).toBe('{"error":"not_found"}');
  });

  it('SY9: in open-link mode a device gets a token for the response id it made, once', async () => {
    const responseId = randomUUID();
    const opened = await app.inject({
      method: 'POST',
      url: '/api/questionnaires/test-survey/responses',
      payload: { responseId },
    });
    expect(opened.statusCode).toBe(201);
    const { token } = opened.json<{ token: string }>();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await put(responseId, token, body())).statusCode).toBe(200);
    const twice = await app.inject({
      method: 'POST',
      url: '/api/questionnaires/test-survey/responses',
      payload: { responseId },
    });
    expect(twice.statusCode).toBe(409);
  });

  it('admin routes need the admin token: 401 without or wrong, 403 when admin is not configured', async () => {
    const none = await app.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      payload: { questionnaireId: 'test-survey' },
    });
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      headers: { authorization: 'Bearer wrong-token-0123456789' },
      payload: { questionnaireId: 'test-survey' },
    });
    expect([none.statusCode, wrong.statusCode]).toEqual([401, 401]);
    await app.close();
    await store.close();
    await start({ adminToken: undefined });
    const disabled = await app.inject({
      method: 'GET',
      url: '/api/admin/questionnaires/test-survey/status',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(disabled.statusCode).toBe(403);
  });

  it('tokens are stored only as hashes', async () => {
    const { token, id } = await invite();
    const row = await store.findCredential(token);
    expect(row).toBeUndefined();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('every answer carries security headers and a CSP without unsafe-inline', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/admin/questionnaires/test-survey/status',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(res.json()).toMatchObject({ invited: 0, started: 0, completed: 0 });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});
