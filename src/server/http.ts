import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { isStorageUnavailable } from './storageErrors.ts';
import { bearerToken, hashToken } from './tokens.ts';

/**
 * What every request goes through, whatever its route: logging without
 * secrets, security headers, a JSON parser that refuses absurd nesting, the
 * error mapping (SY11), and rate limits per address, stricter for failed
 * credentials.
 */

/** Logger settings for Fastify: one line per request, by route pattern, never by raw URL. */
export function loggerOptions(
  level: string,
  stream: NodeJS.WritableStream | undefined,
): Exclude<FastifyServerOptions['logger'], undefined> {
  if (level === 'silent') return false;
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    serializers: {
      // Only the route pattern and the method: tokens live in paths (/i/<token>) and headers.
      req: (req: FastifyRequest) => ({ method: req.method, route: routeOf(req) }),
    },
  };
}

/** The route pattern (`/api/responses/:id`), or for the app's pages and files only the first path segment. */
export function routeOf(request: FastifyRequest): string {
  const pattern = request.routeOptions.url;
  if (pattern !== undefined && pattern !== '*' && pattern !== '/*') return pattern;
  const first =
    request.url
      .split(/[?#]/)[0]
      ?.split('/')
      .find((s) => s !== '') ?? '';
  return /^(assets|svar|ny|admin)$/.test(first) ? `/${first}/…` : first === '' ? '/' : '/…';
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

const PERMISSIONS =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()';

/** Deeper than any body of ours: a questionnaire answer is at most three levels. */
export const MAX_JSON_DEPTH = 32;

/** Whether JSON text nests deeper than `limit`, found in one pass without parsing. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  return scanJson(text, limit) === 'too_deep';
}

/**
 * One pass over JSON text without parsing it: 'too_deep' as soon as it
 * nests deeper than `limit`; 'unclosed' when it ends inside a string or an
 * object or array (a truncated file); else 'closed'.
 */
export function scanJson(text: string, limit: number): 'too_deep' | 'unclosed' | 'closed' {
  let depth = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isInString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) isInString = false;
    } else if (c === 34) isInString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return 'too_deep';
    } else if (c === 125 || c === 93) depth--;
  }
  return isInString || depth > 0 ? 'unclosed' : 'closed';
}

export interface HttpOptions {
  /** API requests per minute per token. */
  readonly rateLimitPerMinute: number;
  /** API requests per minute per address, whatever tokens it sends (an office shares one). */
  readonly addressLimitPerMinute: number;
  /** Failed credentials (401, and 404 on token routes) per address per minute before 429. */
  readonly failuresPerMinute: number;
  readonly now: () => number;
}

export async function httpBasics(app: FastifyInstance, options: HttpOptions) {
  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const fields = {
      route: routeOf(request),
      method: request.method,
      status,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (status >= 500) request.log.error(fields, 'request failed');
    else request.log.info(fields, 'request');
    done();
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('content-security-policy', CSP);
    reply.header('permissions-policy', PERMISSIONS);
    if (request.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      done(Object.assign(new Error('nested too deeply'), { statusCode: 400, code: 'too_deep' }));
      return;
    }
    // The default parser reports through `done`; its return value carries nothing.
    void defaultJson(request, text, done);
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

  const failures = slidingCounter(options.failuresPerMinute, options.now);
  const perToken = slidingCounter(options.rateLimitPerMinute, options.now);
  await app.register(fastifyRateLimit, {
    max: options.addressLimitPerMinute,
    timeWindow: 60_000,
    hook: 'onRequest',
    // The app's own files are not limited: a whole office behind one address must be able to load it.
    allowList: (request) => !request.url.startsWith('/api/'),
    // By address, whatever token is sent: rotating tokens must not buy new allowances.
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'rate_limited',
      retryAfterMs: context.ttl,
    }),
  });
  // Guessing tokens: an address whose credentials failed too often is refused for a while;
  // and one token may not use up its office's allowance.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const token = bearerToken(request.headers.authorization);
    const isOver =
      failures.isOver(request.ip) || (token !== undefined && perToken.add(hashToken(token)));
    if (!isOver) return;
    await reply
      .code(429)
      .header('retry-after', '60')
      .send({ error: 'rate_limited', retryAfterMs: 60_000 });
  });
  app.addHook('onResponse', (request, reply, done) => {
    if (isFailedCredential(request, reply)) failures.add(request.ip);
    done();
  });
}

const TOKEN_ROUTES = new Set([
  '/api/responses/:id',
  '/api/invitations/claim',
  '/api/collectors/enrol',
]);

function isFailedCredential(request: FastifyRequest, reply: FastifyReply): boolean {
  const status = reply.statusCode;
  if (status === 401) return true;
  return status === 404 && TOKEN_ROUTES.has(request.routeOptions.url ?? '');
}

/** Events per key in a sliding minute; `add` says whether the key is now over its limit. */
function slidingCounter(limit: number, now: () => number) {
  const byKey = new Map<string, number[]>();
  const recent = (key: string) => (byKey.get(key) ?? []).filter((at) => now() - at < 60_000);
  return {
    add(key: string): boolean {
      const times = recent(key);
      times.push(now());
      if (byKey.size > 100_000) byKey.clear();
      byKey.set(key, times);
      return times.length > limit;
    },
    isOver(key: string): boolean {
      const times = recent(key);
      if (times.length === 0) byKey.delete(key);
      return times.length >= limit;
    },
  };
}
