import type { FastifyInstance } from 'fastify';
import { INVITATION_LIST_LIMIT, UUID, invitationBody } from '../../contract/index.ts';
import type { CredentialCache } from '../credentialCache.ts';
import type { ServerStore } from '../db/serverStore.ts';
import { invitationState, issueInvitations, reissueInvitation } from '../invitations.ts';
import type { QuestionnaireRegistry } from '../questionnaireRegistry.ts';
import { parseBody } from './payloads.ts';

/**
 * The survey owner's invitation links, behind the admin token: make them,
 * list what each has led to, re-send one (a new link, the old one dead) and
 * revoke one. A token leaves the server only in the reply that made it;
 * the list carries neither tokens nor their hashes.
 */
export interface InvitationRoutesOptions {
  readonly store: ServerStore;
  readonly registry: QuestionnaireRegistry;
  readonly credentials: CredentialCache;
  readonly now: () => number;
  readonly publicUrl: string;
}

const NOT_FOUND = { error: 'not_found' } as const;

export function invitationAdminRoutes(admin: FastifyInstance, options: InvitationRoutesOptions) {
  const { store, registry, now } = options;

  admin.post('/api/admin/invitations', async (request, reply) => {
    const body = parseBody(invitationBody, request.body, reply);
    if (!body) return reply;
    if (!registry.latest(body.questionnaireId)) {
      return reply.code(400).send({
        error: 'invalid_body',
        fields: [{ path: '/questionnaireId', reason: 'unknown questionnaire' }],
      });
    }
    const labels = body.labels ?? Array.from({ length: body.count ?? 1 }, () => null);
    const expiresAt =
      body.expiresInDays === undefined ? null : now() + body.expiresInDays * 86_400_000;
    const invitations = await issueInvitations(
      store,
      { questionnaireId: body.questionnaireId, labels, expiresAt, publicUrl: options.publicUrl },
      now(),
    );
    return reply.code(201).header('cache-control', 'no-store').send({ invitations });
  });

  admin.get<{ Params: { id: string } }>(
    '/api/admin/questionnaires/:id/invitations',
    async (request, reply) => {
      if (!registry.latest(request.params.id)) return reply.code(404).send(NOT_FOUND);
      const { rows, total } = await store.listInvitations(request.params.id, INVITATION_LIST_LIMIT);
      const at = now();
      return reply.header('cache-control', 'no-store').send({
        invitations: rows.map((row) => ({
          id: row.id,
          label: row.label,
          createdAt: row.createdAt,
          expiresAt: row.expiresAt,
          state: invitationState(row, at),
        })),
        total,
      });
    },
  );

  /** A new link for the same response; the old one stops working at once, here and in other processes (SY7). */
  admin.post<{ Params: { id: string } }>(
    '/api/admin/invitations/:id/resend',
    async (request, reply) => {
      const { id } = request.params;
      if (!UUID.test(id)) return reply.code(404).send(NOT_FOUND);
      const outcome = await reissueInvitation(store, id, options.publicUrl, now());
      if (outcome.kind === 'not_found') return reply.code(404).send(NOT_FOUND);
      if (outcome.kind !== 'issued') return reply.code(409).send({ error: outcome.kind });
      await options.credentials.changed();
      return reply.header('cache-control', 'no-store').send(outcome.invitation);
    },
  );

  admin.delete<{ Params: { id: string } }>('/api/admin/invitations/:id', async (request, reply) => {
    const revoked = await store.revokeCredential(request.params.id, now());
    await options.credentials.changed();
    return revoked ? reply.code(204).send() : reply.code(404).send(NOT_FOUND);
  });
}
