import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cachedCredentials } from './credentialCache.ts';
import { benchmarkRoutes } from './api/benchmarks.ts';
import { createPublications } from './publications.ts';
import { startPublishSchedule } from './publishSchedule.ts';
import type { ServerStore } from './db/serverStore.ts';
import { accessRoutes } from './api/access.ts';
import { responseRoutes } from './api/responses.ts';
import type { QuestionnaireRegistry } from './questionnaireRegistry.ts';
import { isStorageUnavailable } from './storageErrors.ts';
import { bearerToken, hashToken } from './tokens.ts';

export interface ServerOptions {
  readonly store: ServerStore;
  readonly registry: QuestionnaireRegistry;
  /** Folder of the built app; omit to serve the API only. */
  readonly staticDir?: string;
  readonly adminToken?: string | undefined;
  readonly openQuestionnaires?: readonly string[] | '*';
  readonly publicUrl?: string;
  /** Requests per minute per token (or per address without one). */
  readonly rateLimitPerMinute?: number;
  readonly bodyLimitBytes?: number;
  readonly logger?: boolean;
  readonly now?: () => number;
  /** k: no figure and no difference between publications rests on fewer respondents (≥ 5). */
  readonly benchmarkMinGroup?: number;
  /** A partial response counts in a publication once left alone this long (PB1). */
  readonly settledAfterMs?: number;
  /** Daily publication time `HH:MM`, or 'off' (publications only on the owner's action). */
  readonly publishAt?: string;
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * One process serves the built PWA and the sync API. Navigations to app
 * routes get `index.html`; hashed assets are cached for a year, the service
 * worker and the shell never.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const now = options.now ?? Date.now;
  const app = Fastify({
    bodyLimit: options.bodyLimitBytes ?? 512 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    logger: options.logger
      ? {
          redact: ['req.headers.authorization'],
          // An invitation token must not reach a log through the URL of its first use.
          serializers: {
            req: (req: { method: string; url: string }) => ({
              method: req.method,
              url: req.url.replace(/^\/i\/[^/?#]+/, '/i/[token]'),
            }),
          },
        }
      : false,
  });

  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('content-security-policy', CSP);
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    const isClientError =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500;
    if (isClientError)
      return reply.code(error.statusCode ?? 400).send({ error: error.code ?? 'bad_request' });
    // SY11: the database cannot answer now; the client keeps the response and tries again.
    if (isStorageUnavailable(error)) {
      request.log.error({ err: error }, 'storage unavailable');
      return reply.code(503).header('retry-after', '5').send({ error: 'unavailable' });
    }
    request.log.error({ err: error }, 'internal error');
    return reply.code(500).send({ error: 'internal' });
  });

  await app.register(fastifyRateLimit, {
    max: options.rateLimitPerMinute ?? 600,
    timeWindow: 60_000,
    // The app's own files are not limited: a whole office behind one address must be able to load it.
    allowList: (request) => !request.url.startsWith('/api/'),
    keyGenerator: (request) => {
      const token = bearerToken(request.headers.authorization);
      return token ? `t:${hashToken(token)}` : `a:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'rate_limited',
      retryAfterMs: context.ttl,
    }),
  });

  const k = options.benchmarkMinGroup ?? 5;
  if (!Number.isInteger(k) || k < 5)
    throw new Error(`k must be a whole number of at least 5, not ${k}`);
  const publications = createPublications(options.store, options.registry, {
    k,
    settledAfterMs: options.settledAfterMs ?? 7 * 86_400_000,
    now,
  });
  const schedule = startPublishSchedule({
    at: options.publishAt ?? 'off',
    publications,
    registry: options.registry,
    now,
    log: (message, fields) => app.log.info(fields, message),
  });
  app.addHook('onClose', (_instance, done) => {
    schedule.stop();
    done();
  });
  const deps = {
    store: options.store,
    registry: options.registry,
    now,
    credentials: cachedCredentials(options.store),
  };
  responseRoutes(app, deps);
  benchmarkRoutes(app, publications);
  accessRoutes(app, {
    ...deps,
    publications,
    k,
    nextScheduledAt: () => schedule.nextAt(),
    adminToken: options.adminToken,
    openQuestionnaires: options.openQuestionnaires ?? '*',
    publicUrl: options.publicUrl ?? 'http://127.0.0.1:8080',
  });

  if (options.staticDir !== undefined) serveApp(app, options.staticDir);
  else app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not_found' }));
  return app;
}

function serveApp(app: FastifyInstance, staticDir: string) {
  const root = resolve(staticDir);
  if (!existsSync(join(root, 'index.html')))
    throw new Error(`no built app in ${root}: run "npm run build" first`);
  void app.register(fastifyStatic, {
    root,
    wildcard: false,
    setHeaders(reply, path) {
      const isHashed = path.startsWith(join(root, 'assets'));
      reply.header('cache-control', isHashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const wantsPage = request.method === 'GET' && !path.startsWith('/api/') && !/\.\w+$/.test(path);
    if (wantsPage) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply.code(404).send({ error: 'not_found' });
  });
}
