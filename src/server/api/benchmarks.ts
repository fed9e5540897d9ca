import type { FastifyInstance } from 'fastify';
import type { BenchmarkService } from '../benchmarks.ts';

/** `GET /api/benchmarks/<questionnaire>`: the national average, public, cacheable, aggregate only (BM1–BM3). */
export function benchmarkRoutes(app: FastifyInstance, benchmarks: BenchmarkService) {
  app.get<{ Params: { questionnaireId: string } }>(
    '/api/benchmarks/:questionnaireId',
    async (request, reply) => {
      const found = await benchmarks.get(request.params.questionnaireId);
      if (!found) return reply.code(404).send({ error: 'not_found' });
      void reply
        .header('etag', found.etag)
        .header('cache-control', 'public, max-age=60, stale-while-revalidate=600');
      if (request.headers['if-none-match'] === found.etag) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(found.body);
    },
  );
}
