import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cachedCredentials } from './credentialCache.ts';
import { localSignal, type CredentialSignal } from './credentialSignal.ts';
import { benchmarkRoutes } from './api/benchmarks.ts';
import { createPublications } from './publications.ts';
import { startPublishSchedule } from './publishSchedule.ts';
import type { ServerStore } from './db/serverStore.ts';
import { accessRoutes } from './api/access.ts';
import { responseRoutes } from './api/responses.ts';
import type { QuestionnaireRegistry } from './questionnaireRegistry.ts';
import { questionnairePreloads } from './questionnairePreloads.ts';
import { healthRoutes } from './api/health.ts';
import { httpBasics, loggerOptions } from './http.ts';

export interface ServerOptions {
  readonly store: ServerStore;
  readonly registry: QuestionnaireRegistry;
  /** Folder of the built app; omit to serve the API only. */
  readonly staticDir?: string;
  readonly adminToken?: string | undefined;
  readonly openQuestionnaires?: readonly string[] | '*';
  readonly publicUrl?: string;
  /** API requests per minute per token. */
  readonly rateLimitPerMinute?: number;
  /** API requests per minute per address, whatever tokens it sends. */
  readonly addressLimitPerMinute?: number;
  /** Failed credentials per address per minute before it is refused (429) for a while. */
  readonly failuresPerMinute?: number;
  readonly bodyLimitBytes?: number;
  /** Fastify/pino level; 'silent' (the default here) logs nothing. */
  readonly logLevel?: string;
  /** How revocations reach other server processes (PostgreSQL: LISTEN/NOTIFY); none by default. */
  readonly credentialSignal?: CredentialSignal;
  /** Where logs go (tests); standard output by default. */
  readonly logStream?: NodeJS.WritableStream;
  readonly now?: () => number;
  /** k: no figure and no difference between publications rests on fewer respondents (≥ 5). */
  readonly benchmarkMinGroup?: number;
  /** A partial response counts in a publication once left alone this long (PB1). */
  readonly settledAfterMs?: number;
  /** Daily publication time `HH:MM`, or 'off' (publications only on the owner's action). */
  readonly publishAt?: string;
}

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
    logger: loggerOptions(options.logLevel ?? 'silent', options.logStream),
    // Our own line per request (http.ts) replaces Fastify's two, which log the raw URL.
    logController: new LogController({ disableRequestLogging: true }),
  });
  await httpBasics(app, {
    rateLimitPerMinute: options.rateLimitPerMinute ?? 600,
    addressLimitPerMinute: options.addressLimitPerMinute ?? 6_000,
    failuresPerMinute: options.failuresPerMinute ?? 30,
    now,
  });
  healthRoutes(app, options.store);

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
  app.addHook('onClose', async () => {
    schedule.stop();
    await options.credentialSignal?.close();
  });
  const deps = {
    store: options.store,
    registry: options.registry,
    now,
    credentials: cachedCredentials(options.store, options.credentialSignal ?? localSignal()),
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
    // bin/precompress.js writes .br and .gz beside each text file at build time.
    preCompressed: true,
    setHeaders(reply, path) {
      const isHashed = path.startsWith(join(root, 'assets'));
      reply.header('cache-control', isHashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const preloadFor = questionnairePreloads(root);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const wantsPage = request.method === 'GET' && !path.startsWith('/api/') && !/\.\w+$/.test(path);
    if (wantsPage) {
      const preload = preloadFor(path);
      if (preload) void reply.header('link', preload);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ error: 'not_found' });
  });
}
