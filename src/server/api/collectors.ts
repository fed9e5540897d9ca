import type { FastifyInstance } from 'fastify';
import { enrolBody, UUID } from '../../contract/index.ts';
import { importExportFile } from '../collectorImport.ts';
import { issueCollector, readCollectorRequest } from '../collectors.ts';
import { isUsable, type CredentialCache } from '../credentialCache.ts';
import type { ServerStore } from '../db/serverStore.ts';
import type { QuestionnaireRegistry } from '../questionnaireRegistry.ts';
import { hashToken } from '../tokens.ts';
import { parseBody } from './payloads.ts';

/**
 * Field collection (SYNC.md SY14–SY19): a collector device's enrolment, and
 * the survey owner's collector links and imports (behind the admin token).
 * The collector's saves are ordinary `PUT /api/responses/<id>` (responses.ts).
 */
export interface CollectorRoutesOptions {
  readonly store: ServerStore;
  readonly registry: QuestionnaireRegistry;
  readonly credentials: CredentialCache;
  readonly now: () => number;
  readonly publicUrl: string;
}

/** An export file of 10,000 responses fits; every other route keeps the server's limit. */
const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;

const NOT_FOUND = { error: 'not_found' } as const;

/** SY15: the device that opens a collector link learns whom it collects for; the link's token stays its key. */
export function collectorRoutes(app: FastifyInstance, options: CollectorRoutesOptions) {
  const { store, now } = options;
  app.post('/api/collectors/enrol', async (request, reply) => {
    const body = parseBody(enrolBody, request.body, reply);
    if (!body) return reply;
    // Looked up afresh, like a claim: a link revoked a moment ago must not enrol a device.
    const collector = await store.findCollector(hashToken(body.token));
    if (!collector || !isUsable(collector, now())) return reply.code(404).send(NOT_FOUND);
    await store.markCollectorUsed(collector.id, now());
    return reply.header('cache-control', 'no-store').send({
      collectorId: collector.id,
      label: collector.label,
      questionnaireIds: collector.questionnaireIds,
      expiresAt: collector.expiresAt,
    });
  });
}

export function collectorAdminRoutes(admin: FastifyInstance, options: CollectorRoutesOptions) {
  const { store, registry, now } = options;

  admin.post('/api/admin/collectors', async (request, reply) => {
    const read = readCollectorRequest(registry, request.body);
    if (!read.ok) return reply.code(400).send({ error: 'invalid_body', fields: read.fields });
    const body = read.value;
    const issued = await issueCollector(store, { ...body, publicUrl: options.publicUrl }, now());
    return reply.code(201).header('cache-control', 'no-store').send(issued);
  });

  admin.get('/api/admin/collectors', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ collectors: await store.listCollectors() }),
  );

  /** SY14: at once in this process, announced to the others (SY7). */
  admin.post<{ Params: { id: string } }>(
    '/api/admin/collectors/:id/revoke',
    async (request, reply) => {
      const { id } = request.params;
      const isKnown = UUID.test(id) && (await store.revokeCollector(id, now()));
      if (!isKnown) return reply.code(404).send(NOT_FOUND);
      await options.credentials.changed();
      return reply.code(204).send();
    },
  );

  // The export file is read as text, so that a truncated or damaged one is refused with its reason (SY19).
  void admin.register((imports, _, done) => {
    imports.removeContentTypeParser('application/json');
    imports.addContentTypeParser(
      'application/json',
      { parseAs: 'string' },
      (_request, body, parsed) => parsed(null, body),
    );
    imports.post('/api/admin/imports', { bodyLimit: IMPORT_BODY_LIMIT }, async (request, reply) => {
      const text = typeof request.body === 'string' ? request.body : '';
      const imported = await importExportFile(options, text, now());
      return imported.ok
        ? reply.header('cache-control', 'no-store').send(imported.reply)
        : reply.code(400).send(imported.refusal);
    });
    done();
  });
}
