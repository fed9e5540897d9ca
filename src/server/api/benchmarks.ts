import type { FastifyInstance } from 'fastify';
import type { Publications } from '../publications.ts';

/**
 * `GET /api/benchmarks/<questionnaire>`: the latest publication of the
 * national and peer-group figures, public, aggregate only (PB9). Read from
 * the database each time, so every server process serves the same one;
 * clients revalidate (`no-cache`) and get a 304 while nothing was published.
 */
export function benchmarkRoutes(app: FastifyInstance, publications: Publications) {
  app.get<{ Params: { questionnaireId: string } }>(
    '/api/benchmarks/:questionnaireId',
    async (request, reply) => {
      const found = await publications.current(request.params.questionnaireId);
      if (!found) return reply.code(404).send({ error: 'not_found' });
      void reply.header('cache-control', 'no-cache');
      // k lets the app say how many answers a first publication needs.
      if (found === 'not_published')
        return reply.code(404).send({ error: 'not_published', k: publications.k });
      void reply.header('etag', found.etag);
      if (request.headers['if-none-match'] === found.etag) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(found.body);
    },
  );
}
