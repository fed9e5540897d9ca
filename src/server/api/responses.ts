import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerStore, StoredResponse } from '../db/serverStore.ts';
import { isUsable, type CredentialCache, type TokenAccess } from '../credentialCache.ts';
import type { QuestionnaireRegistry } from '../questionnaireRegistry.ts';
import { writeResponse } from '../responseWrites.ts';
import { bearerToken, hashToken } from '../tokens.ts';
import { ACK, responseBody, UUID } from '../../contract/index.ts';
import { fieldReasons } from './payloads.ts';

/**
 * `PUT /api/responses/:id` saves a whole response (draft or submitted) under
 * its client-made UUID; `GET` returns the server's copy to a second device.
 * Rules SY1–SY7 and SY16 in `src/server/SYNC.md`.
 */
export interface ResponseRoutesOptions {
  readonly store: ServerStore;
  readonly credentials: CredentialCache;
  readonly registry: QuestionnaireRegistry;
  readonly now: () => number;
}

const NOT_FOUND = { error: 'not_found' } as const;

/**
 * SY7, SY16: a credential for this very response, or a collector link. Unknown,
 * revoked and expired tokens and other-response credentials get the same 404;
 * whether a collector may touch this response is the write's (or read's) to say.
 */
async function authorise(
  request: FastifyRequest,
  credentials: CredentialCache,
  responseId: string,
  now: number,
): Promise<TokenAccess | undefined> {
  const token = bearerToken(request.headers.authorization);
  const access = token === undefined ? undefined : await credentials.find(hashToken(token), now);
  if (!access) return undefined;
  if (access.kind === 'collector') return isUsable(access.collector, now) ? access : undefined;
  const { credential } = access;
  return isUsable(credential, now) && credential.responseId === responseId ? access : undefined;
}

export function responseRoutes(app: FastifyInstance, options: ResponseRoutesOptions) {
  const { store, now, credentials } = options;

  app.put<{ Params: { id: string } }>('/api/responses/:id', async (request, reply) => {
    // Answers are personal: no cache anywhere may keep them.
    void reply.header('cache-control', 'no-store');
    const { id } = request.params;
    if (!UUID.test(id)) return reply.code(404).send(NOT_FOUND);
    const access = await authorise(request, credentials, id, now());
    if (!access) return reply.code(404).send(NOT_FOUND);

    let body;
    try {
      body = responseBody.validateSync(request.body, { abortEarly: false, strict: true });
    } catch (error) {
      return reply.code(400).send({ error: 'invalid_body', fields: fieldReasons(error) });
    }
    const result = await writeResponse(options, access, id, body, now());
    if (result.kind === 'invalid')
      return reply.code(400).send({ error: result.error, fields: result.fields });
    // SY16: never say that the response exists, or whose it is.
    if (result.kind === 'refused') return reply.code(404).send(NOT_FOUND);
    const { outcome } = result;
    switch (outcome.kind) {
      case 'stored':
      case 'replay':
      case 'stale':
        return reply.code(200).send(acknowledgement(outcome.response, outcome.kind));
      case 'conflict':
      case 'submitted':
      case 'other_questionnaire':
        return reply.code(409).send({
          error: outcome.kind,
          currentVersion: outcome.response.version,
          status: outcome.response.status,
        });
    }
  });

  app.get<{ Params: { id: string } }>('/api/responses/:id', async (request, reply) => {
    void reply.header('cache-control', 'no-store');
    const { id } = request.params;
    const access = UUID.test(id) ? await authorise(request, credentials, id, now()) : undefined;
    // A collector reads only what it gave; one it has not (yet) given is as unknown as another's.
    const isAllowed =
      access?.kind === 'credential' ||
      (access?.kind === 'collector' && (await store.isCollectedBy(id, access.collector.id)));
    if (!isAllowed) return reply.code(404).send(NOT_FOUND);
    const stored = await store.getResponse(id);
    if (!stored) return reply.code(204).send();
    return reply.code(200).send({
      ack: ACK,
      id: stored.id,
      questionnaireId: stored.questionnaireId,
      questionnaireVersion: stored.questionnaireVersion,
      status: stored.status,
      version: stored.version,
      answers: stored.answers,
      answeredAt: stored.answeredAt,
      updatedAt: stored.updatedAt,
    });
  });
}

function acknowledgement(response: StoredResponse, outcome: 'stored' | 'replay' | 'stale') {
  return {
    ack: ACK,
    id: response.id,
    version: response.version,
    status: response.status,
    outcome,
    storedAt: response.updatedAt,
  };
}
