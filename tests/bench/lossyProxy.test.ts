import { randomBytes } from 'node:crypto';
import {
  Agent,
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  mulberry32,
  startLossyProxy,
  type LossyProxy,
  type LossyProxyOptions,
} from '../../bench/field/lossyProxy.ts';

/**
 * The lossy link of `npm run bench:field` (bench/field/lossyProxy.ts), over real sockets on
 * 127.0.0.1 with a small upstream that records what reached it. Times are asserted from below
 * only: a busy machine makes everything slower, never faster.
 */

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** What the client saw: a whole response, one cut in its body, or none at all. */
type Outcome =
  | { kind: 'complete'; status: number; headers: IncomingHttpHeaders; body: Buffer }
  | { kind: 'truncated'; status: number; received: number }
  | { kind: 'no-response'; error: Error };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * `/api/echo` answers the body reversed, `/api/bytes?n=N` N bytes with a Content-Length,
 * `/api/chunked` two chunks without one, `/api/empty` 204; anything else a small JSON reply.
 */
async function startUpstream(): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://upstream');
      received.push({ method: req.method ?? '', url: url.pathname, headers: req.headers, body });
      if (url.pathname === '/api/echo') {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-upstream': 'echo' });
        res.end(Buffer.from(body).reverse());
      } else if (url.pathname === '/api/bytes') {
        const bytes = pattern(Number(url.searchParams.get('n')));
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': bytes.length,
        });
        res.end(bytes);
      } else if (url.pathname === '/api/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first part, ');
        res.end('second part');
      } else if (url.pathname === '/api/empty') {
        res.writeHead(204).end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, bytes: body.length }));
      }
    });
  });
  const url = await listen(server);
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  });
  return { url, received };
}

function listen(server: ReturnType<typeof createServer>): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

/** A proxy closed after the test (close() may be called again: it is idempotent). */
async function proxyTo(
  target: string,
  options: Partial<Omit<LossyProxyOptions, 'target'>> = {},
): Promise<LossyProxy> {
  const proxy = await startLossyProxy({
    target,
    latencyMs: 0,
    dropRequestRate: 0,
    cutResponseRate: 0,
    ...options,
  });
  cleanups.push(() => proxy.close());
  return proxy;
}

function exchange(
  base: string,
  path: string,
  options: { method?: string; body?: Buffer; headers?: OutgoingHttpHeaders; agent?: Agent } = {},
): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(
      new URL(path, base),
      {
        method: options.method ?? 'POST',
        headers: options.headers ?? {},
        agent: options.agent ?? false,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        const status = res.statusCode ?? 0;
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({ kind: 'complete', status, headers: res.headers, body: Buffer.concat(chunks) });
        });
        res.on('error', () => {
          resolve({ kind: 'truncated', status, received: Buffer.concat(chunks).length });
        });
      },
    );
    req.on('error', (error) => resolve({ kind: 'no-response', error }));
    req.end(options.body);
  });
}

const pattern = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => i % 251));

describe('the lossy proxy of bench:field', () => {
  it('with no loss, passes bodies of 1 MB both ways byte for byte, with their headers', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.url);
    const body = randomBytes(1024 * 1024);

    const outcome = await exchange(proxy.url, '/api/echo', {
      body,
      headers: { 'x-client': 'a', connection: 'close, x-hop', 'x-hop': 'not forwarded' },
    });

    expect(outcome.kind).toBe('complete');
    if (outcome.kind !== 'complete') return;
    expect(outcome.status).toBe(200);
    expect(outcome.headers['x-upstream']).toBe('echo');
    expect(outcome.body.equals(Buffer.from(body).reverse())).toBe(true);
    expect(upstream.received).toHaveLength(1);
    const [seen] = upstream.received;
    expect(seen?.body.equals(body)).toBe(true);
    expect(seen?.headers['x-client']).toBe('a');
    expect(seen?.headers['x-hop']).toBeUndefined();
    expect(proxy.stats()).toEqual({
      requests: 1,
      forwarded: 1,
      droppedRequests: 0,
      cutResponses: 0,
      upstreamErrors: 0,
      bytesUp: body.length,
      bytesDown: body.length,
    });
  });

  it('passes a body of unknown length and a response without one', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.url);

    const chunked = await exchange(proxy.url, '/api/chunked', { method: 'GET' });
    const empty = await exchange(proxy.url, '/api/empty', { method: 'DELETE' });

    expect(chunked).toMatchObject({ kind: 'complete', status: 200 });
    if (chunked.kind === 'complete')
      expect(chunked.body.toString()).toBe('first part, second part');
    expect(empty).toMatchObject({ kind: 'complete', status: 204 });
  });

  it('a dropped request never reaches the server, and the client sees its socket fail', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.url, { dropRequestRate: 1, latencyMs: 5 });

    const outcome = await exchange(proxy.url, '/api/answer', { body: Buffer.from('{"a":1}') });

    expect(outcome.kind).toBe('no-response');
    expect(upstream.received).toEqual([]);
    expect(proxy.stats()).toMatchObject({ requests: 1, forwarded: 0, droppedRequests: 1 });
  });

  it('a cut response was handled by the server, but the client gets no acknowledgement', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.url, { cutResponseRate: 1, random: mulberry32(1) });

    const outcomes = [];
    for (let i = 0; i < 10; i++) {
      outcomes.push(await exchange(proxy.url, '/api/answer', { body: Buffer.from(`{"i":${i}}`) }));
    }

    expect(outcomes.filter((outcome) => outcome.kind === 'complete')).toEqual([]);
    expect(upstream.received.map((r) => r.body.toString())).toEqual(
      Array.from({ length: 10 }, (_, i) => `{"i":${i}}`),
    );
    expect(proxy.stats()).toMatchObject({ requests: 10, forwarded: 10, cutResponses: 10 });
  });

  it('a cut before the status line leaves the client with no response at all', async () => {
    const upstream = await startUpstream();
    // Every draw 0.25: not dropped (rate 0), cut (rate 1), at 0.25 — before the status line.
    const proxy = await proxyTo(upstream.url, { cutResponseRate: 1, random: () => 0.25 });

    const outcome = await exchange(proxy.url, '/api/bytes?n=1000');

    expect(outcome.kind).toBe('no-response');
    expect(upstream.received).toHaveLength(1);
  });

  it('a cut in the body gives the client the status and part of the body, then a failed socket', async () => {
    const upstream = await startUpstream();
    // Every draw 0.75: cut half-way through the body.
    const proxy = await proxyTo(upstream.url, { cutResponseRate: 1, random: () => 0.75 });

    const sized = await exchange(proxy.url, '/api/bytes?n=1000');
    const unsized = await exchange(proxy.url, '/api/chunked');
    const empty = await exchange(proxy.url, '/api/empty');

    expect(sized).toMatchObject({ kind: 'truncated', status: 200 });
    if (sized.kind === 'truncated') {
      expect(sized.received).toBeGreaterThan(0);
      expect(sized.received).toBeLessThan(1000);
    }
    expect(unsized).toMatchObject({ kind: 'truncated', status: 200 });
    // A response without a body cannot be cut in it: it is cut before the status line.
    expect(empty.kind).toBe('no-response');
    expect(upstream.received).toHaveLength(3);
    expect(proxy.stats()).toMatchObject({ cutResponses: 3, bytesDown: 500 + 23 });
  });

  it('adds the latency once each way', async () => {
    const upstream = await startUpstream();
    const latencyMs = 40;
    const proxy = await proxyTo(upstream.url, { latencyMs, jitterMs: 10 });

    const started = performance.now();
    const outcome = await exchange(proxy.url, '/api/answer', { body: Buffer.from('{}') });
    const roundTrip = performance.now() - started;

    expect(outcome.kind).toBe('complete');
    expect(roundTrip).toBeGreaterThanOrEqual(2 * latencyMs - 5);
  });

  it('throttles bodies in both directions', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.url, { bytesPerSecond: 1_000_000 });
    const body = randomBytes(100_000);

    const started = performance.now();
    const outcome = await exchange(proxy.url, '/api/echo', { body });
    const roundTrip = performance.now() - started;

    expect(outcome.kind === 'complete' && outcome.body.equals(Buffer.from(body).reverse())).toBe(
      true,
    );
    // 100 kB up, then 100 kB down, at 1 MB/s.
    expect(roundTrip).toBeGreaterThanOrEqual(200 - 5);
  });

  it('one seed gives the same drops twice', async () => {
    const upstream = await startUpstream();
    const pattern = async (seed: number) => {
      const proxy = await proxyTo(upstream.url, { dropRequestRate: 0.5, random: mulberry32(seed) });
      const kinds: string[] = [];
      for (let i = 0; i < 20; i++) kinds.push((await exchange(proxy.url, '/api/answer')).kind);
      return kinds;
    };

    const first = await pattern(42);
    const second = await pattern(42);

    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['complete', 'no-response']));
    expect(upstream.received).toHaveLength(2 * first.filter((k) => k === 'complete').length);
  });

  it('its counts agree with what the server and the client saw', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.url, {
      dropRequestRate: 0.25,
      cutResponseRate: 0.25,
      random: mulberry32(7),
    });
    const body = Buffer.alloc(100, 'x');

    const outcomes: Outcome[] = [];
    for (let i = 0; i < 40; i++) outcomes.push(await exchange(proxy.url, '/api/answer', { body }));

    const stats = proxy.stats();
    const complete = outcomes.filter((outcome) => outcome.kind === 'complete');
    expect(stats.requests).toBe(40);
    expect(stats.forwarded).toBe(upstream.received.length);
    expect(stats.droppedRequests).toBe(40 - stats.forwarded);
    expect(stats.cutResponses).toBe(stats.forwarded - complete.length);
    expect(stats.droppedRequests).toBeGreaterThan(0);
    expect(stats.cutResponses).toBeGreaterThan(0);
    expect(stats.bytesUp).toBe(body.length * stats.forwarded);
    const completeBytes = complete.reduce((sum, outcome) => sum + outcome.body.length, 0);
    expect(stats.bytesDown).toBeGreaterThanOrEqual(completeBytes);
  });

  it('affects only the requests shouldAffect picks', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.url, {
      dropRequestRate: 1,
      shouldAffect: (req) => req.url?.startsWith('/api/') ?? false,
    });

    const page = await exchange(proxy.url, '/index.html', { method: 'GET' });
    const api = await exchange(proxy.url, '/api/answer');

    expect(page).toMatchObject({ kind: 'complete', status: 200 });
    expect(api.kind).toBe('no-response');
    expect(upstream.received.map((r) => r.url)).toEqual(['/index.html']);
  });

  it('answers 502 when the server cannot be reached', async () => {
    const gone = createServer();
    const target = await listen(gone);
    await new Promise((resolve) => gone.close(resolve));
    const proxy = await proxyTo(target);

    const outcome = await exchange(proxy.url, '/api/answer');

    expect(outcome).toMatchObject({ kind: 'complete', status: 502 });
    expect(proxy.stats()).toMatchObject({ forwarded: 1, upstreamErrors: 1 });
  });

  it('close() resolves with an idle keep-alive connection open', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.url);
    const agent = new Agent({ keepAlive: true });
    cleanups.push(() => {
      agent.destroy();
      return Promise.resolve();
    });

    const outcome = await exchange(proxy.url, '/api/answer', { agent });
    expect(outcome.kind).toBe('complete');
    expect(Object.keys(agent.freeSockets)).toHaveLength(1);

    await proxy.close();
  });

  it('close() ends a request still waiting out its latency; the server never sees it', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.url, { latencyMs: 60_000 });

    const pending = exchange(proxy.url, '/api/answer');
    while (proxy.stats().requests === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await proxy.close();

    expect((await pending).kind).toBe('no-response');
    expect(upstream.received).toEqual([]);
  });

  it('refuses rates outside 0–1 and a target with a path', async () => {
    const options = { latencyMs: 0, dropRequestRate: 0, cutResponseRate: 0 };
    await expect(
      startLossyProxy({ ...options, target: 'http://127.0.0.1:1', dropRequestRate: 1.5 }),
    ).rejects.toThrow(RangeError);
    await expect(startLossyProxy({ ...options, target: 'http://127.0.0.1:1/api' })).rejects.toThrow(
      TypeError,
    );
  });
});
