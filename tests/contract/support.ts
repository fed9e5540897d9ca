import type { FastifyInstance } from 'fastify';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { expect } from 'vitest';
import type { AnySchema } from 'yup';
import { isMessage } from '../../src/contract/index.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Questionnaire } from '../../src/engine/index.ts';
import { buildServer } from '../../src/server/app.ts';
import { openServerDatabase } from '../../src/server/db/database.ts';
import { createServerStore, type ServerStore } from '../../src/server/db/serverStore.ts';
import { registryOf } from '../../src/server/questionnaireRegistry.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { createDraftStore } from '../../src/storage/drafts.ts';
import { createOutbox } from '../../src/storage/outbox.ts';
import { createSender } from '../../src/sync/sender.ts';

/** Our real server on a fresh SQLite file, reached without a socket through Fastify's `inject`. */
export async function startServer(spec: Questionnaire, adminToken: string, now: () => number) {
  const file = join(mkdtempSync(join(tmpdir(), 'barometer-contract-')), 'c.sqlite');
  const store: ServerStore = createServerStore(await openServerDatabase({ kind: 'sqlite', file }));
  const app: FastifyInstance = await buildServer({
    store,
    registry: registryOf([spec]),
    adminToken,
    now,
    rateLimitPerMinute: 100_000,
  });
  return { app, store };
}

/** A `fetch` over `app.inject`, so the client code under test talks to the real routes. */
export function injectFetch(app: FastifyInstance): typeof fetch {
  return async (input, init) => {
    const url = new URL(
      input instanceof Request ? input.url : String(input),
      'http://barometer.test',
    );
    const reply = await app.inject({
      method: (init?.method ?? 'GET') as 'GET',
      url: url.pathname + url.search,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      ...(typeof init?.body === 'string' ? { payload: init.body } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(reply.headers))
      if (value !== undefined) headers.set(name, String(value));
    // 204 and 304 carry no body; the Response constructor refuses one.
    const hasBody = reply.statusCode !== 204 && reply.statusCode !== 304;
    return new Response(hasBody ? new Uint8Array(reply.rawPayload) : null, {
      status: reply.statusCode,
      headers,
    });
  };
}

/** A device: its own in-memory IndexedDB, its draft store and outbox, and the real sender. */
export function device(spec: Questionnaire, fetchFn: typeof fetch, now: () => number) {
  const db = openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  const drafts = createDraftStore(db, db);
  const outbox = createOutbox(db);
  const sender = createSender({
    drafts,
    outbox,
    loadSpec: () => Promise.resolve(spec),
    fetch: fetchFn,
    baseUrl: 'http://barometer.test',
    now,
    random: () => 0.5,
  });
  return { drafts, outbox, sender };
}

/** A request body tried on a route: `[url, method, the schema the client builds it with, body]`. */
export type BodyCase = readonly [string, 'POST' | 'PUT' | 'PATCH', AnySchema, unknown];

/**
 * Sends each body with the bearer token `tokenFor(url)` and expects the
 * server to answer 400 exactly when the schema refuses it.
 */
export async function expectSchemaAgreesWithServer(
  app: FastifyInstance,
  cases: readonly BodyCase[],
  tokenFor: (url: string) => string,
) {
  const verdicts = [];
  for (const [url, method, schema, payload] of cases) {
    const reply = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokenFor(url)}` },
      payload: payload as object,
    });
    verdicts.push({
      url,
      payload,
      isAcceptedBySchema: isMessage(schema, payload),
      isAcceptedByServer: reply.statusCode !== 400,
    });
  }
  for (const verdict of verdicts)
    expect(verdict.isAcceptedBySchema, JSON.stringify(verdict)).toBe(verdict.isAcceptedByServer);
  // Both verdicts occur, so the agreement above is not trivial.
  expect(new Set(verdicts.map((v) => v.isAcceptedByServer))).toEqual(new Set([true, false]));
}
