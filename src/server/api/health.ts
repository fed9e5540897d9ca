import type { FastifyInstance } from 'fastify';
import type { ServerStore } from '../db/serverStore.ts';

/**
 * `GET /healthz`: the process answers. `GET /readyz`: the database answers
 * and its migrations are the ones this code expects; a supervisor or load
 * balancer sends traffic only while it is 200.
 */
export function healthRoutes(app: FastifyInstance, store: ServerStore) {
  app.get('/healthz', (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );
  app.get('/readyz', async (request, reply) => {
    void reply.header('cache-control', 'no-store');
    try {
      const problem = await store.readiness();
      if (problem === undefined) return await reply.send({ status: 'ready' });
      return await reply.code(503).send({ status: 'not_ready', reason: problem });
    } catch (error) {
      request.log.warn({ err: error }, 'not ready');
      return reply.code(503).send({ status: 'not_ready', reason: 'database_unreachable' });
    }
  });
}
