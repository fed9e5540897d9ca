import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerStore } from '../db/serverStore.ts';
import { exportFile } from '../exportFiles.ts';
import { openResponse } from '../invitations.ts';
import { isUsable, type CredentialCache } from '../credentialCache.ts';
import type { QuestionnaireRegistry } from '../questionnaireRegistry.ts';
import { bearerToken, hashToken, isSameSecret } from '../tokens.ts';
import type { Publications } from '../publications.ts';
import {
  EXPORT_FLAVOURS,
  EXPORT_FORMATS,
  EXPORT_TABLES,
  claimBody,
  exportFileName,
  openResponseBody,
} from '../../contract/index.ts';
import { parseBody } from './payloads.ts';
import { collectorAdminRoutes, collectorRoutes } from './collectors.ts';
import { invitationAdminRoutes } from './invitations.ts';
import { publicationAdminRoutes } from './publicationAdmin.ts';

export interface AccessRoutesOptions {
  readonly store: ServerStore;
  readonly credentials: CredentialCache;
  readonly registry: QuestionnaireRegistry;
  readonly now: () => number;
  /** Admin routes are off without it. */
  readonly adminToken: string | undefined;
  /** Questionnaire ids anyone may answer (one response per device), or '*' for all. */
  readonly openQuestionnaires: readonly string[] | '*';
  readonly publicUrl: string;
  readonly publications: Publications;
  readonly k: number;
  readonly nextScheduledAt: () => number | null;
}

const NOT_FOUND = { error: 'not_found' } as const;

export function accessRoutes(app: FastifyInstance, options: AccessRoutesOptions) {
  const { store, registry, now } = options;

  /**
   * SY8: the device that opens an invitation link exchanges the token for its response; the URL
   * is then cleared. SY17: a respondent's own link from a collector works the same way.
   */
  app.post('/api/invitations/claim', async (request, reply) => {
    const body = parseBody(claimBody, request.body, reply);
    if (!body) return reply;
    const credential = await store.findCredential(hashToken(body.token));
    const isClaimable =
      (credential?.kind === 'invitation' || credential?.kind === 'respondent') &&
      isUsable(credential, now());
    const spec = credential && registry.latest(credential.questionnaireId);
    if (!isClaimable || !spec) return reply.code(404).send(NOT_FOUND);
    const stored = await store.getResponse(credential.responseId);
    // SY17: a respondent's own link opens only a response its collector has delivered.
    if (credential.kind === 'respondent' && !stored) return reply.code(404).send(NOT_FOUND);
    await store.markCredentialUsed(credential.id, now());
    return reply.send({
      responseId: credential.responseId,
      questionnaireId: credential.questionnaireId,
      questionnaireVersion: stored?.questionnaireVersion ?? spec.version,
    });
  });

  /** SY9: open-link mode; the device made the response id, the server gives it a token for that response. */
  app.post<{ Params: { questionnaireId: string } }>(
    '/api/questionnaires/:questionnaireId/responses',
    async (request, reply) => {
      const { questionnaireId } = request.params;
      const isOpen =
        options.openQuestionnaires === '*' || options.openQuestionnaires.includes(questionnaireId);
      if (!isOpen || !registry.latest(questionnaireId)) return reply.code(404).send(NOT_FOUND);
      const body = parseBody(openResponseBody, request.body, reply);
      if (!body) return reply;
      if (await store.hasCredentialFor(body.responseId))
        return reply.code(409).send({ error: 'exists' });
      try {
        const token = await openResponse(store, questionnaireId, body.responseId, now());
        return await reply.code(201).send({ token });
      } catch (error) {
        // Only a claim of the same id that won a moment ago is final; anything else is the database's (503).
        if (await store.hasCredentialFor(body.responseId))
          return reply.code(409).send({ error: 'exists' });
        throw error;
      }
    },
  );

  const requireAdmin = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!options.adminToken) return reply.code(403).send({ error: 'admin_disabled' });
    const token = bearerToken(request.headers.authorization);
    if (!token || !isSameSecret(token, options.adminToken))
      return reply.code(401).send({ error: 'unauthorised' });
    return undefined;
  };

  void app.register((admin, _, done) => {
    admin.addHook('onRequest', requireAdmin);

    /** Access (GDPR art. 15): one response as stored, for the owner to hand to the respondent. */
    admin.get<{ Params: { id: string } }>('/api/admin/responses/:id', async (request, reply) => {
      const stored = await store.getResponse(request.params.id);
      void reply.header('cache-control', 'no-store');
      return stored ? reply.send(stored) : reply.code(404).send(NOT_FOUND);
    });

    /** Erasure (GDPR art. 17): the response and its credentials go; the id is kept to erase it again after a restore. */
    admin.delete<{ Params: { id: string } }>('/api/admin/responses/:id', async (request, reply) => {
      const erased = await store.eraseResponse(request.params.id, now());
      await options.credentials.changed();
      return erased ? reply.code(204).send() : reply.code(404).send(NOT_FOUND);
    });

    admin.post<{ Params: { id: string } }>(
      '/api/admin/responses/:id/reopen',
      async (request, reply) => {
        const reopened = await store.reopenResponse(request.params.id, now());
        return reopened ? reply.code(204).send() : reply.code(404).send(NOT_FOUND);
      },
    );

    /** EX1–EX5: `?flavour=excel|analyse&table=svar|kodebok|fordeling`; without them the Norwegian-Excel answers. */
    admin.get<{
      Params: { id: string; format: string };
      Querystring: { flavour?: unknown; table?: unknown };
    }>('/api/admin/questionnaires/:id/export.:format', async (request, reply) => {
      const spec = registry.latest(request.params.id);
      const { format } = request.params;
      const { flavour = 'excel', table = 'svar' } = request.query;
      const choice = {
        format: EXPORT_FORMATS.find((f) => f === format),
        flavour: EXPORT_FLAVOURS.find((f) => f === flavour),
        table: EXPORT_TABLES.find((t) => t === table),
      };
      if (!spec || !choice.format || !choice.flavour || !choice.table)
        return reply.code(404).send(NOT_FOUND);
      const known = { format: choice.format, flavour: choice.flavour, table: choice.table };
      const file = await exportFile(spec, await store.responses(spec.id), known);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${exportFileName(spec.id, known)}"`)
        .type(file.contentType)
        .send(file.body);
    });

    admin.get<{ Params: { id: string } }>(
      '/api/admin/questionnaires/:id/status',
      async (request, reply) => {
        if (!registry.latest(request.params.id)) return reply.code(404).send(NOT_FOUND);
        const { id } = request.params;
        return reply.send({ ...(await store.counts(id)), ...(await store.provenanceCounts(id)) });
      },
    );
    invitationAdminRoutes(admin, options);
    publicationAdminRoutes(admin, options);
    collectorAdminRoutes(admin, options);
    done();
  });
  collectorRoutes(app, options);
}
