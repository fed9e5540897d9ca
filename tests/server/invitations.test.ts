import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { summarizeRespondent } from '../../src/engine/index.ts';
import { buildServer } from '../../src/server/app.ts';
import type { DatabaseConfig } from '../../src/server/db/database.ts';
import { createServerStore, DEMO_LABEL } from '../../src/server/db/serverStore.ts';
import { registryOf } from '../../src/server/questionnaireRegistry.ts';
import { hashToken } from '../../src/server/tokens.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';
import { DATABASES, POSTGRES_URL, freshDatabase } from './databases.ts';
import {
  asAdmin,
  bearer,
  makeCollector,
  post,
  PUBLIC_URL,
  putResponse,
  Q,
  respondentKey,
  saveBody,
  useFieldServer,
} from './support/fieldCollection.ts';

/**
 * The owner's invitations over HTTP on both databases (issue 16.5): made,
 * listed with what each led to (never a token or its hash), re-sent (the old
 * link dies, as an outsider holding it finds), revoked; the response counts
 * apart by provenance; and a database that cannot answer is a 503.
 */
const DAY = 86_400_000;

interface Listed {
  id: string;
  label: string | null;
  createdAt: number;
  expiresAt: number | null;
  state: string;
}

describe.each(DATABASES)('invitations on $name', ({ config }) => {
  const server = useFieldServer(config);

  const create = async (payload: Record<string, unknown>) => {
    const made = await server.app.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      headers: asAdmin,
      payload: { questionnaireId: Q, ...payload },
    });
    expect(made.statusCode).toBe(201);
    return made
      .json<{ invitations: { id: string; label: string | null; link: string }[] }>()
      .invitations.map((i) => ({ ...i, token: i.link.split('/i/')[1] ?? '' }));
  };
  const listReply = () =>
    server.app.inject({
      method: 'GET',
      url: `/api/admin/questionnaires/${Q}/invitations`,
      headers: asAdmin,
    });
  const list = async () => (await listReply()).json<{ invitations: Listed[]; total: number }>();
  const states = async () =>
    (await list()).invitations
      .map((i) => [i.label ?? '', i.state])
      .sort(([a = ''], [b = '']) => a.localeCompare(b));
  const claim = (token: string) => post(server.app, '/api/invitations/claim', { token });
  const resend = (id: string) =>
    server.app.inject({
      method: 'POST',
      url: `/api/admin/invitations/${id}/resend`,
      headers: asAdmin,
    });
  const revoke = (id: string) =>
    server.app.inject({ method: 'DELETE', url: `/api/admin/invitations/${id}`, headers: asAdmin });
  const status = async () =>
    (
      await server.app.inject({
        method: 'GET',
        url: `/api/admin/questionnaires/${Q}/status`,
        headers: asAdmin,
      })
    ).json<Record<string, unknown>>();

  it('the owner makes labelled links with an expiry; the list shows each without its token or hash, oldest first', async () => {
    const made = await create({ labels: ['Etat A', 'Etat B', 'Etat C'], expiresInDays: 14 });
    expect(made.map((m) => m.label)).toEqual(['Etat A', 'Etat B', 'Etat C']);
    for (const m of made) expect(m.link).toMatch(new RegExp(`^${PUBLIC_URL}/i/[A-Za-z0-9_-]{43}$`));

    const reply = await listReply();
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    const body = reply.json<{ invitations: Listed[]; total: number }>();
    expect(body.total).toBe(3);
    expect(body.invitations).toEqual(
      made.map((m) => ({
        id: m.id,
        label: m.label,
        createdAt: server.clock.now,
        expiresAt: server.clock.now + 14 * DAY,
        state: 'not_opened',
      })),
    );
    for (const { token } of made) {
      expect(reply.body).not.toContain(token);
      expect(reply.body).not.toContain(hashToken(token));
    }
  });

  it('each state comes from the credential and its response: not opened, opened, started, submitted, revoked, expired', async () => {
    const [fresh, opened, started, submitted, revoked, another] = await create({
      labels: ['fresh', 'opened', 'started', 'submitted', 'revoked', 'another'],
    });
    if (!fresh || !opened || !started || !submitted || !revoked || !another)
      throw new Error('six invitations');
    expect((await claim(opened.token)).statusCode).toBe(200);
    for (const [invitation, extra] of [
      [started, {}],
      [submitted, { status: 'submitted' }],
    ] as const) {
      const { responseId } = (await claim(invitation.token)).json<{ responseId: string }>();
      const saved = await putResponse(server.app, responseId, invitation.token, saveBody(extra));
      expect(saved.statusCode).toBe(200);
    }
    expect((await revoke(revoked.id)).statusCode).toBe(204);
    // One with a short expiry, then the clock passes it.
    const [short] = await create({ labels: ['short'], expiresInDays: 1 });
    server.clock.now += 2 * DAY;
    expect(await states()).toEqual([
      ['another', 'not_opened'],
      ['fresh', 'not_opened'],
      ['opened', 'opened'],
      ['revoked', 'revoked'],
      ['short', 'expired'],
      ['started', 'started'],
      ['submitted', 'submitted'],
    ]);
    expect(short).toBeDefined();
  });

  it('re-send gives the same response a new link; the old link opens nothing and cannot save, as an outsider holding it finds', async () => {
    const [invitation] = await create({ labels: ['Etat A'] });
    if (!invitation) throw new Error('one invitation');
    const first = (await claim(invitation.token)).json<{ responseId: string }>();
    expect(
      (await putResponse(server.app, first.responseId, invitation.token, saveBody())).statusCode,
    ).toBe(200);

    const reply = await resend(invitation.id);
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    const renewed = reply.json<{ id: string; label: string; link: string }>();
    expect(renewed).toEqual({
      id: invitation.id,
      label: 'Etat A',
      link: expect.stringMatching(new RegExp(`^${PUBLIC_URL}/i/[A-Za-z0-9_-]{43}$`)),
    });
    const newToken = renewed.link.split('/i/')[1] ?? '';
    expect(newToken).not.toBe(invitation.token);

    // The old link: refused like any unknown token, and its saves too.
    expect((await claim(invitation.token)).statusCode).toBe(404);
    const oldSave = await putResponse(
      server.app,
      first.responseId,
      invitation.token,
      saveBody({ version: 2 }),
    );
    expect(oldSave.statusCode).toBe(404);
    // The new link opens the same response, which keeps its answers and goes on.
    const second = await claim(newToken);
    expect(second.statusCode).toBe(200);
    expect(second.json<{ responseId: string }>().responseId).toBe(first.responseId);
    expect(
      (await putResponse(server.app, first.responseId, newToken, saveBody({ version: 2 })))
        .statusCode,
    ).toBe(200);
    // Still one invitation, now started; the new link is not in the list either.
    const listed = await listReply();
    expect(listed.json<{ invitations: Listed[] }>().invitations).toEqual([
      expect.objectContaining({ id: invitation.id, state: 'started' }),
    ]);
    expect(listed.body).not.toContain(newToken);
    expect(listed.body).not.toContain(hashToken(newToken));
  });

  it('a revoked or expired invitation gets no new link (409); an unknown or malformed id is a 404; revoking an unknown id is a 404', async () => {
    const [revoked, expired] = await create({ labels: ['r', 'e'], expiresInDays: 1 });
    if (!revoked || !expired) throw new Error('two invitations');
    expect((await revoke(revoked.id)).statusCode).toBe(204);
    expect((await resend(revoked.id)).json()).toEqual({ error: 'revoked' });
    expect((await resend(revoked.id)).statusCode).toBe(409);
    server.clock.now += 2 * DAY;
    const late = await resend(expired.id);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toEqual({ error: 'expired' });

    for (const id of [randomUUID(), 'not-an-id']) {
      expect((await resend(id)).statusCode).toBe(404);
      const unknown = await revoke(id);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toEqual({ error: 'not_found' });
    }
    expect(
      (
        await server.app.inject({
          method: 'GET',
          url: '/api/admin/questionnaires/nope/invitations',
          headers: asAdmin,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('listing, re-sending and revoking need the admin key', async () => {
    const [invitation] = await create({ count: 1 });
    if (!invitation) throw new Error('one invitation');
    const wrong = bearer('not-the-admin-token-0123456789abcdef');
    for (const [method, url] of [
      ['GET', `/api/admin/questionnaires/${Q}/invitations`],
      ['POST', `/api/admin/invitations/${invitation.id}/resend`],
      ['DELETE', `/api/admin/invitations/${invitation.id}`],
    ] as const) {
      expect((await server.app.inject({ method, url, headers: wrong })).statusCode).toBe(401);
    }
    expect((await claim(invitation.token)).statusCode).toBe(200);
  });

  it('the status counts invitations, open-link, collector and simulated responses apart; the rate is over invitations not revoked', async () => {
    const made = await create({ count: 4 });
    for (const [i, invitation] of made.slice(0, 2).entries()) {
      const { responseId } = (await claim(invitation.token)).json<{ responseId: string }>();
      await putResponse(
        server.app,
        responseId,
        invitation.token,
        saveBody(i === 0 ? { status: 'submitted' } : {}),
      );
    }
    expect((await revoke(made[3]?.id ?? '')).statusCode).toBe(204);

    // One open-link response, submitted.
    const openId = randomUUID();
    const opened = await post(server.app, `/api/questionnaires/${Q}/responses`, {
      responseId: openId,
    });
    const openToken = opened.json<{ token: string }>().token;
    await putResponse(server.app, openId, openToken, saveBody({ status: 'submitted' }));
    // Two collector responses, one submitted.
    const collector = await makeCollector(server.app);
    await putResponse(server.app, randomUUID(), collector.token, saveBody());
    await putResponse(
      server.app,
      randomUUID(),
      collector.token,
      saveBody({ status: 'submitted', respondentKeyHash: respondentKey().hash }),
    );
    // A simulated response as seed:demo stores it: an invitation credential and provenance simulated.
    const demo = { response: randomUUID(), credential: randomUUID() };
    await server.store.createCredential(
      {
        id: demo.credential,
        tokenHash: hashToken(randomUUID()),
        kind: 'invitation',
        questionnaireId: Q,
        responseId: demo.response,
        label: DEMO_LABEL,
        expiresAt: null,
      },
      server.clock.now,
    );
    const answers = { k1: 'helt_enig' };
    const demoSpec = inlineSpec([{ id: 's', title: t('S'), questions: [likert('k1')] }], { id: Q });
    await server.store.saveResponse(
      {
        id: demo.response,
        questionnaireId: Q,
        questionnaireVersion: 1,
        status: 'submitted',
        version: 1,
        answers,
        answeredAt: {},
        contentHash: 'demo',
        credentialId: demo.credential,
        summary: summarizeRespondent(demoSpec, answers),
        provenance: 'simulated',
      },
      server.clock.now,
    );
    // Not an invitation anyone sent: not listed either.
    expect((await list()).invitations.map((i) => i.label)).not.toContain(DEMO_LABEL);

    const counts = await status();
    expect(counts).toMatchObject({
      invitations: { issued: 3, revoked: 1, started: 2, completed: 1 },
      open: { started: 1, completed: 1 },
      collector: { started: 2, completed: 1 },
      simulated: { started: 1, completed: 1 },
    });
  });
});

/** The test database's URL with a statement timeout, so a locked table fails fast (SQLSTATE 57014). */
function withStatementTimeout(url: string): string {
  return url.replace(/options=([^&]*)/, (_, options: string) => {
    const given = decodeURIComponent(options);
    return `options=${encodeURIComponent(`${given} -c statement_timeout=300`)}`;
  });
}

describe('invitations when the database cannot answer', () => {
  const spec = inlineSpec([{ id: 's', title: t('S'), questions: [likert('k1')] }], { id: Q });
  const admin = 'admin-token-for-invitation-faults-0123';
  const serverOn = async (config: DatabaseConfig) => {
    const db = await freshDatabase(config);
    const store = createServerStore(db);
    const app = await buildServer({ store, registry: registryOf([spec]), adminToken: admin });
    return { db, store, app };
  };
  const call = (
    app: Awaited<ReturnType<typeof serverOn>>['app'],
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: Record<string, unknown>,
  ) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${admin}` },
      ...(payload ? { payload } : {}),
    });
  const routes = (id: string) =>
    [
      ['POST', '/api/admin/invitations', { questionnaireId: Q, count: 1 }],
      ['POST', `/api/admin/invitations/${id}/resend`, undefined],
      ['DELETE', `/api/admin/invitations/${id}`, undefined],
    ] as const;

  it('SY11 on SQLite: making, re-sending and revoking while the database refuses writes are 503, and work afterwards', async () => {
    const config = DATABASES[0]?.config() as DatabaseConfig;
    const { db, store, app } = await serverOn(config);
    try {
      const made = await call(app, 'POST', '/api/admin/invitations', {
        questionnaireId: Q,
        count: 1,
      });
      const id = made.json<{ invitations: { id: string }[] }>().invitations[0]?.id ?? '';
      await sql`pragma query_only = 1`.execute(db);
      for (const [method, url, payload] of routes(id)) {
        const refused = await call(app, method, url, payload);
        expect(refused.statusCode, `${method} ${url}`).toBe(503);
        expect(refused.json()).toEqual({ error: 'unavailable' });
      }
      await sql`pragma query_only = 0`.execute(db);
      expect((await call(app, 'POST', `/api/admin/invitations/${id}/resend`)).statusCode).toBe(200);
      expect((await call(app, 'DELETE', `/api/admin/invitations/${id}`)).statusCode).toBe(204);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('SY11 on PostgreSQL: the list, making, re-sending and revoking while the table is locked are 503, and work afterwards', async () => {
    const { store, app } = await serverOn({
      kind: 'postgres',
      url: withStatementTimeout(POSTGRES_URL),
    });
    const locker = new pg.Client({ connectionString: POSTGRES_URL });
    await locker.connect();
    try {
      const made = await call(app, 'POST', '/api/admin/invitations', {
        questionnaireId: Q,
        count: 1,
      });
      const id = made.json<{ invitations: { id: string }[] }>().invitations[0]?.id ?? '';
      await locker.query('begin');
      await locker.query('lock table credentials in access exclusive mode');
      const all = [
        ['GET', `/api/admin/questionnaires/${Q}/invitations`, undefined],
        ...routes(id),
      ] as const;
      for (const [method, url, payload] of all) {
        const refused = await call(app, method, url, payload);
        expect(refused.statusCode, `${method} ${url}`).toBe(503);
        expect(refused.headers['retry-after']).toBe('5');
      }
      await locker.query('rollback');
      expect(
        (await call(app, 'GET', `/api/admin/questionnaires/${Q}/invitations`)).statusCode,
      ).toBe(200);
      expect((await call(app, 'POST', `/api/admin/invitations/${id}/resend`)).statusCode).toBe(200);
    } finally {
      await locker.end();
      await app.close();
      await store.close();
    }
  });
});
