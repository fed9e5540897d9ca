import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ServerOptions {
  /** Folder of the built app (`vite build` output). */
  readonly staticDir: string;
  readonly logger?: boolean;
}

/**
 * One process serves the built PWA and (later) the API. Navigations to app
 * routes get `index.html`; hashed assets are cached for a year, the service
 * worker and the shell never.
 */
export function buildServer(options: ServerOptions): FastifyInstance {
  const root = resolve(options.staticDir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`no built app in ${root}: run "npm run build" first`);
  }
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1_000_000 });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
    );
  });
  void app.register(fastifyStatic, {
    root,
    wildcard: false,
    setHeaders(res, path) {
      if (path.includes(`${root}/assets/`))
        res.header('cache-control', 'public, max-age=31536000, immutable');
      else res.header('cache-control', 'no-cache');
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !/\.\w+$/.test(request.url.split('?')[0] ?? '');
    if (wantsPage) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply.code(404).send({ error: 'not_found' });
  });
  return app;
}
