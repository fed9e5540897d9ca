import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkSubmission, summarizeRespondent, type SubmissionIssue } from '../../engine/index.ts';
import type { Credential, ServerStore, StoredResponse } from '../db/serverStore.ts';
import type { CredentialCache } from '../credentialCache.ts';
import type { QuestionnaireRegistry } from '../questionnaireRegistry.ts';
import { bearerToken, contentHash, hashToken } from '../tokens.ts';
import { ACK, responseBody, UUID } from '../../contract/index.ts';
import { fieldReasons } from './payloads.ts';

/**
 * `PUT /api/responses/:id` saves a whole response (draft or submitted) under
 * its client-made UUID; `GET` returns the server's copy to a second device.
 * Rules SY1–SY7 in `src/server/SYNC.md`.
 */
export interface ResponseRoutesOptions {
  readonly store: ServerStore;
  readonly credentials: CredentialCache;
  readonly registry: QuestionnaireRegistry;
  readonly now: () => number;
}

/** The acknowledgement a client needs before it may count a save as delivered (SY6). */

const NOT_FOUND = { error: 'not_found' } as const;

/** SY7: unknown, revoked, expired and other-response tokens get the same 404. */
export async function authorise(
  request: FastifyRequest,
  credentials: CredentialCache,
  responseId: string,
  now: number,
): Promise<Credential | undefined> {
  const token = bearerToken(request.headers.authorization);
  if (!token) return undefined;
  const credential = await credentials.find(hashToken(token), now);
  if (!credential || credential.revokedAt !== null) return undefined;
  if (credential.expiresAt !== null && credential.expiresAt <= now) return undefined;
  if (credential.responseId !== responseId) return undefined;
  return credential;
}

export function responseRoutes(app: FastifyInstance, options: ResponseRoutesOptions) {
  const { store, registry, now, credentials } = options;

  app.put<{ Params: { id: string } }>('/api/responses/:id', async (request, reply) => {
    // Answers are personal: no cache anywhere may keep them.
    void reply.header('cache-control', 'no-store');
    const { id } = request.params;
    if (!UUID.test(id)) return reply.code(404).send(NOT_FOUND);
    const credential = await authorise(request, credentials, id, now());
    if (!credential) return reply.code(404).send(NOT_FOUND);

    let body;
    try {
      body = responseBody.validateSync(request.body, { abortEarly: false, strict: true });
    } catch (error) {
      return reply.code(400).send({ error: 'invalid_body', fields: fieldReasons(error) });
    }
    if (body.questionnaireId !== credential.questionnaireId) {
      return reply.code(400).send({
        error: 'invalid_body',
        fields: [{ path: '/questionnaireId', reason: 'not the questionnaire of this response' }],
      });
    }
    const spec = registry.get(body.questionnaireId, body.questionnaireVersion);
    if (!spec) {
      return reply.code(400).send({
        error: 'invalid_body',
        fields: [{ path: '/questionnaireVersion', reason: 'unknown questionnaire version' }],
      });
    }
    const checked = checkSubmission(spec, body.answers, body.status);
    if (!checked.ok)
      return reply
        .code(400)
        .send({ error: 'invalid_answers', fields: checked.errors.map(answerField) });

    const answers = checked.value;
    const summary = summarizeRespondent(spec, answers);
    const answeredAt = Object.fromEntries(
      Object.entries(body.answeredAt).filter(([question]) => Object.hasOwn(answers, question)),
    ) as Record<string, number>;
    const outcome = await store.saveResponse(
      {
        id,
        questionnaireId: body.questionnaireId,
        questionnaireVersion: body.questionnaireVersion,
        status: body.status,
        version: body.version,
        answers,
        answeredAt,
        contentHash: contentHash({
          q: body.questionnaireId,
          v: body.questionnaireVersion,
          s: body.status,
          a: answers,
        }),
        credentialId: credential.id,
        summary,
        provenance: credential.kind === 'open' ? 'open' : 'invited',
      },
      now(),
    );
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
    if (!UUID.test(id) || !(await authorise(request, credentials, id, now())))
      return reply.code(404).send(NOT_FOUND);
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

function answerField(issue: SubmissionIssue) {
  const path = ['', 'answers', issue.question, ...(issue.row === undefined ? [] : [issue.row])]
    .map(escapePointer)
    .join('/');
  return {
    path,
    reason: issue.code,
    ...('option' in issue ? { option: issue.option } : {}),
    ...('params' in issue ? { params: issue.params } : {}),
  };
}

/** JSON Pointer escaping (RFC 6901). */
function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
