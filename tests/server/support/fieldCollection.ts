import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect } from 'vitest';
import { sealExportFile, type ExportFile } from '../../../src/contract/index.ts';
import { buildServer } from '../../../src/server/app.ts';
import type { DatabaseConfig } from '../../../src/server/db/database.ts';
import { createServerStore, type ServerStore } from '../../../src/server/db/serverStore.ts';
import { registryOf } from '../../../src/server/questionnaireRegistry.ts';
import { hashToken, sha256Hex } from '../../../src/server/tokens.ts';
import { inlineSpec, likert, t } from '../../fixtures/inlineSpec.ts';
import { freshDatabase } from '../databases.ts';

/**
 * A server with two questionnaires for the field-collection tests (SYNC.md
 * SY14–SY19), and what the owner, a collector's device and a respondent do
 * with it, as HTTP requests.
 */
const questions = [
  likert('k1'),
  { id: 'merknad', type: 'text', maxLength: 200, text: t('Merknad'), required: false },
];
export const Q = 'field-survey';
export const OTHER_Q = 'other-survey';
export const ADMIN = 'admin-token-for-field-collection-0123';
export const PUBLIC_URL = 'https://barometer.example';

export interface FieldServer {
  readonly app: FastifyInstance;
  readonly store: ServerStore;
  /** The server's clock; tests move it. */
  readonly clock: { now: number };
}

export async function fieldServer(config: DatabaseConfig): Promise<FieldServer> {
  const store = createServerStore(await freshDatabase(config));
  const clock = { now: 1_700_000_000_000 };
  const app = await buildServer({
    store,
    registry: registryOf([
      inlineSpec([{ id: 's', title: t('S'), questions }], { id: Q }),
      inlineSpec([{ id: 's', title: t('S'), questions }], { id: OTHER_Q }),
    ]),
    adminToken: ADMIN,
    publicUrl: PUBLIC_URL,
    now: () => clock.now,
    rateLimitPerMinute: 100_000,
  });
  return { app, store, clock };
}

/** A fresh server for each test of the calling suite, closed after it; the object is refilled each time. */
export function useFieldServer(config: () => DatabaseConfig): FieldServer {
  const server: { -readonly [K in keyof FieldServer]?: FieldServer[K] } = {};
  beforeEach(async () => {
    Object.assign(server, await fieldServer(config()));
  });
  afterEach(async () => {
    await server.app?.close();
    await server.store?.close();
  });
  return server as FieldServer;
}

export const asAdmin = { authorization: `Bearer ${ADMIN}` };
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A collector link as the owner makes it; the token is the last part of the link. */
export async function makeCollector(
  app: FastifyInstance,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; token: string; link: string; expiresAt: number }> {
  const made = await app.inject({
    method: 'POST',
    url: '/api/admin/collectors',
    headers: asAdmin,
    payload: { label: 'Team Nord', questionnaireIds: [Q], ...extra },
  });
  expect(made.statusCode).toBe(201);
  const reply = made.json<{ id: string; link: string; expiresAt: number }>();
  return { ...reply, token: reply.link.split('/c/')[1] ?? '' };
}

export const revokeCollector = (app: FastifyInstance, id: string) =>
  app.inject({ method: 'POST', url: `/api/admin/collectors/${id}/revoke`, headers: asAdmin });

/** A save's body; a collector's device adds the respondent's key hash. */
export const saveBody = (extra: Record<string, unknown> = {}) => ({
  questionnaireId: Q,
  questionnaireVersion: 1,
  status: 'draft',
  version: 1,
  answers: { k1: 'helt_enig' },
  answeredAt: { k1: 1_700_000_000_000 },
  ...extra,
});

export const putResponse = (
  app: FastifyInstance,
  id: string,
  token: string,
  payload: Record<string, unknown>,
) => app.inject({ method: 'PUT', url: `/api/responses/${id}`, headers: bearer(token), payload });

export const getResponse = (app: FastifyInstance, id: string, token: string) =>
  app.inject({ method: 'GET', url: `/api/responses/${id}`, headers: bearer(token) });

export const post = (app: FastifyInstance, url: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url, payload });

/** A token the device makes offline for a respondent's own link, and the hash it sends. */
export function respondentKey(): { token: string; hash: string } {
  const token = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** An export file as a collector device writes it, sealed with its checksum. */
export function exportFileOf(
  collector: { id: string; label?: string },
  responses: Record<string, unknown>[],
): Promise<ExportFile> {
  return sealExportFile(
    {
      format: 'barometer.collector-export',
      formatVersion: 1,
      exportedAt: '2025-03-01T14:05:00+01:00',
      collector: { id: collector.id, label: collector.label ?? 'Team Nord' },
      responses: responses as ExportFile['responses'],
    },
    sha256Hex,
  );
}

export const importFile = (app: FastifyInstance, text: string) =>
  app.inject({
    method: 'POST',
    url: '/api/admin/imports',
    headers: { ...asAdmin, 'content-type': 'application/json' },
    payload: text,
  });

/** Every row of the tables a save writes, to show that a refusal wrote nothing. */
export async function rowsOf(store: ServerStore) {
  return {
    responses: await store.responses(Q),
    other: await store.responses(OTHER_Q),
    collectors: await store.listCollectors(),
  };
}
