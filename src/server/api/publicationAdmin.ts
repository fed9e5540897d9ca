import type { FastifyInstance } from 'fastify';
import type { ServerStore } from '../db/serverStore.ts';
import type { Publications } from '../publications.ts';
import type { QuestionnaireRegistry } from '../questionnaireRegistry.ts';
import { settingsBody } from '../../contract/index.ts';
import { fieldReasons } from './payloads.ts';

/**
 * The survey owner's publication routes (behind the admin token): what the
 * next publication would show, publishing it, and admitting open-link
 * responses or closing the round.
 */
export interface PublicationAdminOptions {
  readonly store: ServerStore;
  readonly registry: QuestionnaireRegistry;
  readonly publications: Publications;
  readonly k: number;
  readonly now: () => number;
  /** When the schedule next tries to publish; null when it is off. */
  readonly nextScheduledAt: () => number | null;
}

const NOT_FOUND = { error: 'not_found' } as const;

export function publicationAdminRoutes(admin: FastifyInstance, options: PublicationAdminOptions) {
  const { store, registry, publications, k, now } = options;
  type ById = { Params: { id: string } };

  admin.get<ById>('/api/admin/questionnaires/:id/publication', async (request, reply) => {
    const { id } = request.params;
    const preview = await publications.preview(id);
    if (!preview) return reply.code(404).send(NOT_FOUND);
    const current = await store.latestPublication(id);
    const { plan } = preview;
    return reply.header('cache-control', 'no-store').send({
      current: current ? (JSON.parse(current.document) as unknown) : null,
      next: {
        isPublishable: plan.isPublishable,
        ...(plan.isPublishable ? {} : { reason: plan.reason }),
        changed: plan.changed,
        respondents: plan.isPublishable ? plan.figures.respondents : plan.respondents,
        k,
        outcomes: plan.outcomes,
      },
      settings: {
        admitOpenLink: preview.settings.admitOpenLink,
        closedAt: preview.settings.closedAt,
      },
      responses: preview.responses,
      schedule: { nextAt: options.nextScheduledAt() },
    });
  });

  admin.post<ById>('/api/admin/questionnaires/:id/publications', async (request, reply) => {
    const outcome = await publications.publish(request.params.id);
    if (!outcome) return reply.code(404).send(NOT_FOUND);
    switch (outcome.kind) {
      case 'published':
        return reply.code(201).type('application/json; charset=utf-8').send(outcome.body);
      case 'not_publishable': {
        const { plan } = outcome;
        return reply.code(409).send({
          error: 'not_publishable',
          reason: plan.isPublishable ? 'nothing_new' : plan.reason,
          changed: plan.changed,
          k,
        });
      }
      case 'raced':
        // Another process stored this number a moment ago; asking again compares against it.
        return reply.code(503).header('retry-after', '1').send({ error: 'publishing_elsewhere' });
    }
  });

  admin.patch<ById>('/api/admin/questionnaires/:id/settings', async (request, reply) => {
    const { id } = request.params;
    if (!registry.latest(id)) return reply.code(404).send(NOT_FOUND);
    let body;
    try {
      body = settingsBody.validateSync(request.body, { abortEarly: false, strict: true });
    } catch (error) {
      return reply.code(400).send({ error: 'invalid_body', fields: fieldReasons(error) });
    }
    const current = await store.settings(id);
    const settings = await store.changeSettings(
      id,
      {
        ...(body.admitOpenLink === undefined ? {} : { admitOpenLink: body.admitOpenLink }),
        ...(body.isClosed === undefined
          ? {}
          : { closedAt: body.isClosed ? (current.closedAt ?? now()) : null }),
      },
      now(),
    );
    return reply.send({ admitOpenLink: settings.admitOpenLink, closedAt: settings.closedAt });
  });
}
