import type { FastifyInstance } from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer, type ServerOptions } from '../../src/server/app.ts';
import { openServerDatabase } from '../../src/server/db/database.ts';
import { createServerStore, type ServerStore } from '../../src/server/db/serverStore.ts';
import { nestsDeeperThan } from '../../src/server/http.ts';
import { registryOf } from '../../src/server/questionnaireRegistry.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';

/**
 * The server as an outsider meets it: guessing tokens from one address,
 * absurd bodies, and logs that must never carry a token.
 */
const spec = inlineSpec([{ id: 's', title: t('S'), questions: [likert('k1')] }], {
  id: 'limit-survey',
});
const ADMIN = 'admin-token-for-limit-tests-0123456789';

let app: FastifyInstance;
let store: ServerStore;

async function start(options: Partial<ServerOptions> = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'barometer-limits-')), 'l.sqlite');
  store = createServerStore(await openServerDatabase({ kind: 'sqlite', file }));
  app = await buildServer({ store, registry: registryOf([spec]), adminToken: ADMIN, ...options });
}

afterEach(async () => {
  await app.close();
  await store.close();
});

const guess = () => randomBytes(32).toString('base64url');

describe('limits', () => {
  it('2,000 guesses from one address with rotating tokens are mostly refused with 429 (admin and invitation)', async () => {
    await start();
    const statuses = { admin: new Map<number, number>(), claim: new Map<number, number>() };
    for (let i = 0; i < 1_000; i++) {
      const admin = await app.inject({
        method: 'GET',
        url: '/api/admin/questionnaires/limit-survey/status',
        headers: { authorization: `Bearer ${guess()}` },
      });
      statuses.admin.set(admin.statusCode, (statuses.admin.get(admin.statusCode) ?? 0) + 1);
      const claim = await app.inject({
        method: 'POST',
        url: '/api/invitations/claim',
        payload: { token: guess() },
      });
      statuses.claim.set(claim.statusCode, (statuses.claim.get(claim.statusCode) ?? 0) + 1);
    }
    // 30 failed credentials a minute per address, whichever route they were tried on.
    expect(statuses.admin.get(429) ?? 0).toBeGreaterThan(950);
    expect(statuses.claim.get(429) ?? 0).toBeGreaterThan(950);
    expect((statuses.admin.get(401) ?? 0) + (statuses.claim.get(404) ?? 0)).toBeLessThanOrEqual(30);
  });

  it('guessing collector links at /api/collectors/enrol counts as failed credentials, like claims', async () => {
    await start();
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push(
        (
          await app.inject({
            method: 'POST',
            url: '/api/collectors/enrol',
            payload: { token: guess() },
          })
        ).statusCode,
      );
    expect(statuses.filter((s) => s === 404)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual(Array.from({ length: 10 }, () => 429));
  });

  it('one token may not use up its address: per-token 429, other tokens still served', async () => {
    await start({ rateLimitPerMinute: 3 });
    const put = (token: string) =>
      app.inject({
        method: 'PUT',
        url: `/api/responses/${randomUUID()}`,
        headers: { authorization: `Bearer ${token}` },
        payload: {},
      });
    const busy = guess();
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await put(busy)).statusCode);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect((await put(guess())).statusCode).toBe(404);
  });

  it("the app's own files are not limited per address", async () => {
    await start({ addressLimitPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await app.inject({ method: 'GET', url: '/not-an-api/x.js' })).statusCode);
    expect(statuses).toEqual([404, 404, 404, 404]);
  });

  it('a 200 KB body of nested brackets is a 400, not a 500', async () => {
    await start();
    const body = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await app.inject({
      method: 'POST',
      url: '/api/invitations/claim',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'too_deep' });
    expect(nestsDeeperThan('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":{"b":[1]}}', 2)).toBe(true);
  });
});

describe('hardening', () => {
  it('a NUL in an invitation label is a 400 (PostgreSQL could not store it); answers are never cached', async () => {
    await start();
    const made = await app.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      headers: { authorization: `Bearer ${ADMIN}` },
      payload: { questionnaireId: 'limit-survey', labels: ['Etat\u0000A'] },
    });
    expect(made.statusCode).toBe(400);
    expect(made.json()).toMatchObject({
      fields: [{ path: '/labels/0', reason: 'must not contain control characters' }],
    });
    const read = await app.inject({ method: 'GET', url: `/api/responses/${randomUUID()}` });
    expect(read.headers['cache-control']).toBe('no-store');
    expect(read.headers['permissions-policy']).toContain('camera=()');
  });
});

describe('logs', () => {
  it('one line per request by route pattern; no token under any spelling of a route, in a path, a header or a body', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    await start({ logLevel: 'info', logStream: stream });
    const token = guess();
    for (const url of [
      `/i/${token}`,
      `//i/${token}`,
      `/I/${token}`,
      `/%69/${token}`,
      `/i/${token}?x=1`,
      `/c/${token}`,
    ])
      await app.inject({ method: 'GET', url });
    await app.inject({
      method: 'PUT',
      url: `/api/responses/${randomUUID()}`,
      headers: { authorization: `Bearer ${token}` },
      payload: {},
    });
    await app.inject({ method: 'POST', url: '/api/invitations/claim', payload: { token } });
    await app.inject({ method: 'POST', url: '/api/collectors/enrol', payload: { token } });
    await app.inject({
      method: 'GET',
      url: '/api/admin/questionnaires/limit-survey/status',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    const text = lines.join('\n');
    expect(text).not.toContain(token);
    expect(text).not.toContain(ADMIN);
    const requests = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(10);
    expect(requests.map((r) => r.route)).toContain('/api/responses/:id');
    for (const r of requests) {
      expect(typeof r.reqId).toBe('string');
      expect(typeof r.ms).toBe('number');
      expect(typeof r.status).toBe('number');
    }
  });
});
