import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import {
  announceCredentialChange,
  postgresSignal,
  type CredentialSignal,
} from '../../src/server/credentialSignal.ts';
import { openServerDatabase } from '../../src/server/db/database.ts';
import { createServerStore, type ServerStore } from '../../src/server/db/serverStore.ts';
import { registryOf } from '../../src/server/questionnaireRegistry.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';
import { freshDatabase, POSTGRES_URL } from './databases.ts';

/**
 * Access and erasure at a respondent's request, and revocation reaching
 * every server process within a second (SY7), tried with two servers over
 * one PostgreSQL that share nothing but the database.
 */
const spec = inlineSpec([{ id: 's', title: t('S'), questions: [likert('k1')] }], {
  id: 'erase-survey',
});
const ADMIN = 'admin-token-for-erasure-tests-0123456789';
let clock = 1_700_000_000_000;
const running: { app: FastifyInstance; store: ServerStore }[] = [];

async function server(isFresh: boolean, credentialSignal?: CredentialSignal) {
  const config = { kind: 'postgres' as const, url: POSTGRES_URL };
  const store = createServerStore(
    isFresh ? await freshDatabase(config) : await openServerDatabase(config),
  );
  const app = await buildServer({
    store,
    registry: registryOf([spec]),
    adminToken: ADMIN,
    now: () => clock,
    ...(credentialSignal ? { credentialSignal } : {}),
  });
  running.push({ app, store });
  return app;
}

afterEach(async () => {
  for (const { app, store } of running.splice(0)) {
    await app.close();
    await store.close();
  }
});

const asAdmin = { authorization: `Bearer ${ADMIN}` };

async function invited(app: FastifyInstance) {
  const made = await app.inject({
    method: 'POST',
    url: '/api/admin/invitations',
    headers: asAdmin,
    payload: { questionnaireId: 'erase-survey', count: 1 },
  });
  const [invitation] = made.json<{
    invitations: { id: string; responseId: string; link: string }[];
  }>().invitations;
  if (!invitation) throw new Error('no invitation');
  return { ...invitation, token: invitation.link.split('/i/')[1] ?? '' };
}

const save = (app: FastifyInstance, id: string, token: string, version: number) =>
  app.inject({
    method: 'PUT',
    url: `/api/responses/${id}`,
    headers: { authorization: `Bearer ${token}` },
    payload: {
      questionnaireId: 'erase-survey',
      questionnaireVersion: 1,
      status: 'draft',
      version,
      answers: { k1: 'helt_enig' },
      answeredAt: {},
    },
  });

/** Two servers over one PostgreSQL, each with a live LISTEN/NOTIFY signal; close the signals after. */
async function twoLiveServers() {
  const signals = [
    postgresSignal(POSTGRES_URL, () => undefined),
    postgresSignal(POSTGRES_URL, () => undefined),
  ];
  const a = await server(true, signals[0]);
  const b = await server(false, signals[1]);
  for (let i = 0; i < 100 && !signals.every((s) => s.isLive()); i++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return { a, b, signals };
}

/** Saves newer and newer versions for up to a second until one is not a 200; that status. */
async function statusOnceRefused(
  app: FastifyInstance,
  id: string,
  token: string,
  fromVersion: number,
): Promise<number> {
  let status = 200;
  for (let i = 0; i < 50 && status === 200; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    status = (await save(app, id, token, fromVersion + i)).statusCode;
  }
  return status;
}

describe('access, erasure and revocation', () => {
  it('the owner reads one response, erases it, and neither its token nor another process brings it back', async () => {
    const a = await server(true);
    const b = await server(false);
    const { responseId, token } = await invited(a);
    expect((await save(b, responseId, token, 1)).statusCode).toBe(200);

    const access = await a.inject({
      method: 'GET',
      url: `/api/admin/responses/${responseId}`,
      headers: asAdmin,
    });
    expect(access.json()).toMatchObject({ id: responseId, answers: { k1: 'helt_enig' } });
    expect(access.headers['cache-control']).toBe('no-store');

    const erased = await a.inject({
      method: 'DELETE',
      url: `/api/admin/responses/${responseId}`,
      headers: asAdmin,
    });
    expect(erased.statusCode).toBe(204);
    // The erasing process refuses the token at once; the other within a second.
    expect((await save(a, responseId, token, 2)).statusCode).toBe(404);
    clock += 1_001;
    expect((await save(b, responseId, token, 3)).statusCode).toBe(404);
    expect(
      (
        await a.inject({
          method: 'GET',
          url: `/api/admin/responses/${responseId}`,
          headers: asAdmin,
        })
      ).statusCode,
    ).toBe(404);
    expect(await running[0]?.store.erasedIds()).toEqual([responseId]);
    // Erasing again finds nothing.
    expect(
      (
        await a.inject({
          method: 'DELETE',
          url: `/api/admin/responses/${responseId}`,
          headers: asAdmin,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('SY7: with the PostgreSQL signal, a revocation reaches the other process at once, not after its cache expires', async () => {
    const { a, b, signals } = await twoLiveServers();
    try {
      const { id, responseId, token } = await invited(a);
      expect((await save(b, responseId, token, 1)).statusCode).toBe(200);
      expect((await save(b, responseId, token, 2)).statusCode).toBe(200);
      expect(
        (
          await a.inject({
            method: 'DELETE',
            url: `/api/admin/invitations/${id}`,
            headers: asAdmin,
          })
        ).statusCode,
      ).toBe(204);
      // The clock does not move: only the notification can make b forget the credential.
      expect(await statusOnceRefused(b, responseId, token, 3)).toBe(404);
    } finally {
      for (const signal of signals) await signal.close();
    }
  });

  it('SY7, SY14: with the PostgreSQL signal, a collector revoked by the owner on one process, or by `npm run collector -- --revoke` beside them, stops at once on the other', async () => {
    const { a, b, signals } = await twoLiveServers();
    try {
      const collector = async () => {
        const made = await a.inject({
          method: 'POST',
          url: '/api/admin/collectors',
          headers: asAdmin,
          payload: { label: 'Team Nord', questionnaireIds: ['erase-survey'] },
        });
        const { id, link } = made.json<{ id: string; link: string }>();
        const token = link.split('/c/')[1] ?? '';
        const responseId = crypto.randomUUID();
        expect((await save(b, responseId, token, 1)).statusCode).toBe(200);
        return { id, token, responseId };
      };
      // The clock does not move: only the notification can make b forget the collector.
      const isRefusedOnB = async (responseId: string, token: string) =>
        (await statusOnceRefused(b, responseId, token, 2)) === 404;

      const byOwner = await collector();
      const revoked = await a.inject({
        method: 'POST',
        url: `/api/admin/collectors/${byOwner.id}/revoke`,
        headers: asAdmin,
      });
      expect(revoked.statusCode).toBe(204);
      expect((await save(a, byOwner.responseId, byOwner.token, 2)).statusCode).toBe(404);
      expect(await isRefusedOnB(byOwner.responseId, byOwner.token)).toBe(true);

      const byTool = await collector();
      expect(await running[0]?.store.revokeCollector(byTool.id, clock)).toBe(true);
      await announceCredentialChange(POSTGRES_URL);
      expect(await isRefusedOnB(byTool.responseId, byTool.token)).toBe(true);
    } finally {
      for (const signal of signals) await signal.close();
    }
  });

  it('SY7: a revoked invitation stops working on another process within a second', async () => {
    const a = await server(true);
    const b = await server(false);
    const { id, responseId, token } = await invited(a);
    expect((await save(b, responseId, token, 1)).statusCode).toBe(200);
    expect(
      (await a.inject({ method: 'DELETE', url: `/api/admin/invitations/${id}`, headers: asAdmin }))
        .statusCode,
    ).toBe(204);
    expect((await save(a, responseId, token, 2)).statusCode).toBe(404);
    clock += 1_001;
    expect((await save(b, responseId, token, 3)).statusCode).toBe(404);
  });
});
