import {
  Agent,
  createServer,
  request,
  type IncomingMessage,
  type OutgoingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Readable } from 'node:stream';

/**
 * Forwards HTTP from 127.0.0.1 to one local `target` over a simulated bad link, for `npm run
 * bench:field`: latency each way, a throttle on bodies, requests dropped before they reach the
 * target and responses cut after the target has handled them (bench/README.md, "The lossy link").
 *
 * Each request the link affects takes five numbers from `random` when it arrives, whatever the
 * options (drop, cut, where to cut, request and response jitter), so one seed gives one pattern of
 * drops and cuts for requests that arrive in the same order.
 */

export interface LossyProxyOptions {
  /** The server behind the link, `http://host:port` without a path. */
  readonly target: string;
  /** 0, the default: a free port. */
  readonly port?: number;
  /** The proxy listens on loopback only. */
  readonly host?: '127.0.0.1';
  /** One way: added before a request is forwarded and again before its response is returned. */
  readonly latencyMs: number;
  /** Up to this much more, drawn for each direction of each request; the latency never shrinks. */
  readonly jitterMs?: number;
  /** Body bytes per second in each direction, shared by all connections as one link is. */
  readonly bytesPerSecond?: number;
  /** 0–1: the request never reaches the target; the client's socket dies after the latency. */
  readonly dropRequestRate: number;
  /**
   * 0–1: the target handles the request, but the client's socket dies before the status line or
   * part-way through the body, so the client never sees the acknowledgement of a write that landed.
   */
  readonly cutResponseRate: number;
  /** Numbers in [0, 1); `mulberry32(seed)` for reproducible runs. Default `Math.random`. */
  readonly random?: () => number;
  /** Which requests go over the bad link; the others pass straight through. Default: all. */
  readonly shouldAffect?: (req: IncomingMessage) => boolean;
}

export interface LossyProxyStats {
  /** Every request the proxy received. */
  readonly requests: number;
  /** Sent on to the target (a cut response counts here too). */
  readonly forwarded: number;
  readonly droppedRequests: number;
  /** Responses the target gave that the client did not get whole. */
  readonly cutResponses: number;
  /**
   * Forwarded requests the target did not answer (the client got a 502) or whose body it broke
   * off (so did the client's).
   */
  readonly upstreamErrors: number;
  /** Request body bytes written to the target. */
  readonly bytesUp: number;
  /** Response body bytes written to clients. */
  readonly bytesDown: number;
}

export interface LossyProxy {
  readonly url: string;
  readonly port: number;
  stats(): LossyProxyStats;
  /** Stops listening and destroys every socket, idle keep-alive ones and requests in flight too. */
  close(): Promise<void>;
}

export { mulberry32 } from '../../src/cli/seededRandom.ts';

/** What happens to one request, drawn when it arrives. */
interface Fate {
  readonly isAffected: boolean;
  readonly isDropped: boolean;
  /** Set when the response is cut: below 0.5 before the status line, else where in the body. */
  readonly cutPoint: number | undefined;
  readonly upMs: number;
  readonly downMs: number;
}

type Wait = (ms: number) => Promise<void>;
type Carry = (bytes: number) => Promise<void>;

const UNAFFECTED: Fate = {
  isAffected: false,
  isDropped: false,
  cutPoint: undefined,
  upMs: 0,
  downMs: 0,
};
/** Bodies cross the throttle in slices this size, so connections share the link. */
const SLICE_BYTES = 16 * 1024;
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export async function startLossyProxy(options: LossyProxyOptions): Promise<LossyProxy> {
  const target = parseTarget(options.target);
  checkOptions(options);
  const random = options.random ?? Math.random;
  const jitterMs = options.jitterMs ?? 0;
  let isClosed = false;
  const { wait, cancelWaits } = cancellableWaits();
  const { bytesPerSecond } = options;
  const up = bytesPerSecond === undefined ? undefined : throttle(bytesPerSecond, wait);
  const down = bytesPerSecond === undefined ? undefined : throttle(bytesPerSecond, wait);
  const counts = {
    requests: 0,
    forwarded: 0,
    droppedRequests: 0,
    cutResponses: 0,
    upstreamErrors: 0,
    bytesUp: 0,
    bytesDown: 0,
  };
  const agent = new Agent({ keepAlive: true });
  const sockets = new Set<Socket>();

  const drawFate = (): Fate => {
    // Always five draws, in this order (see the top of this file).
    const drop = random();
    const cut = random();
    const cutPoint = random();
    const upJitter = random();
    const downJitter = random();
    const isDropped = drop < options.dropRequestRate;
    return {
      isAffected: true,
      isDropped,
      cutPoint: !isDropped && cut < options.cutResponseRate ? cutPoint : undefined,
      upMs: options.latencyMs + upJitter * jitterMs,
      downMs: options.latencyMs + downJitter * jitterMs,
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, fate: Fate) => {
    const client = req.socket;
    if (fate.isAffected) await wait(fate.upMs);
    if (fate.isDropped) {
      counts.droppedRequests++;
      client.destroy();
      return;
    }
    counts.forwarded++;
    const upstreamRequest = request({
      ...target,
      method: req.method,
      path: req.url,
      headers: endToEnd(req.rawHeaders),
      agent,
    });
    const answered = new Promise<IncomingMessage>((resolve, reject) => {
      upstreamRequest.once('response', resolve);
      upstreamRequest.on('error', reject);
    });
    const uploaded = pump(req, upstreamRequest, fate.isAffected ? up : undefined, (n) => {
      counts.bytesUp += n;
    });
    uploaded.then(
      (outcome) => (outcome === 'done' ? upstreamRequest.end() : upstreamRequest.destroy()),
      () => upstreamRequest.destroy(),
    );

    let upstream: IncomingMessage;
    try {
      upstream = await answered;
    } catch {
      if (client.destroyed || isClosed) return;
      counts.upstreamErrors++;
      if (fate.isAffected) await wait(fate.downMs);
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end('bad gateway\n');
      return;
    }
    if (fate.isAffected) await wait(fate.downMs);
    const cut = () => {
      counts.cutResponses++;
      client.destroy();
    };
    const cutAfter = cutAfterBytes(fate.cutPoint, req, upstream);
    if (cutAfter === 0) {
      upstream.resume();
      cut();
      return;
    }
    res.sendDate = false;
    res.writeHead(
      upstream.statusCode ?? 502,
      upstream.statusMessage,
      endToEnd(upstream.rawHeaders),
    );
    const link = fate.isAffected ? down : undefined;
    const countDown = (n: number) => {
      counts.bytesDown += n;
    };
    let outcome: Awaited<ReturnType<typeof pump>>;
    try {
      outcome = await pump(upstream, res, link, countDown, cutAfter);
    } catch (error) {
      // The target failed part-way through its body: the client's body ends there too.
      if (!isClosed) counts.upstreamErrors++;
      throw error;
    }
    if (outcome === 'closed') return;
    // A body of unknown length is cut after its last byte: the client never sees its end.
    if (fate.cutPoint !== undefined) cut();
    else res.end();
  };

  const server = createServer((req, res) => {
    counts.requests++;
    const fate = (options.shouldAffect?.(req) ?? true) ? drawFate() : UNAFFECTED;
    // Whatever failed (the target mid-body, the client, close()), the client's link is gone.
    handle(req, res, fate).catch(() => req.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    stats: () => ({ ...counts }),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        isClosed = true;
        cancelWaits();
        for (const socket of sockets) socket.destroy();
        agent.destroy();
      });
      return closed;
    },
  };
}

/**
 * How many body bytes the client gets before its socket dies: 0 for a cut before the status line;
 * `Infinity` for a body of unknown length (cut after its last chunk, before its end);
 * `undefined` when the response is not cut. A cut in the body leaves at least one byte out.
 */
function cutAfterBytes(
  cutPoint: number | undefined,
  req: IncomingMessage,
  upstream: IncomingMessage,
): number | undefined {
  if (cutPoint === undefined) return undefined;
  if (cutPoint < 0.5) return 0;
  const hasNoBody =
    req.method === 'HEAD' || upstream.statusCode === 204 || upstream.statusCode === 304;
  const declared = upstream.headers['content-length'];
  const length = hasNoBody ? 0 : declared === undefined ? undefined : Number(declared);
  // HTTP/1.0 has no chunked encoding: its bodies end when the socket does, so a cut would not show.
  if (length === undefined) return req.httpVersionMinor === 0 ? 0 : Infinity;
  if (length < 2) return 0;
  return 1 + Math.floor((cutPoint - 0.5) * 2 * (length - 1));
}

/**
 * Copies a body from `source` to `sink` through the throttle, waiting for each slice to be flushed
 * (so memory stays bounded and a cut lands after the bytes before it). Stops after `cutAfter`
 * bytes and drains the rest: the link's far side is still alive. Rejects when `source` fails.
 */
async function pump(
  source: Readable,
  sink: OutgoingMessage,
  carry: Carry | undefined,
  onBytes: (n: number) => void,
  cutAfter = Infinity,
): Promise<'done' | 'cut' | 'closed'> {
  let sent = 0;
  for await (const chunk of source.iterator({ destroyOnReturn: false })) {
    const bytes = chunk as Buffer;
    for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
      let slice = bytes.subarray(at, at + SLICE_BYTES);
      const isLast = sent + slice.length >= cutAfter;
      if (isLast) slice = slice.subarray(0, cutAfter - sent);
      if (carry) await carry(slice.length);
      if (!(await flushed(sink, slice))) {
        source.resume();
        return 'closed';
      }
      sent += slice.length;
      onBytes(slice.length);
      if (isLast) {
        source.resume();
        return 'cut';
      }
    }
  }
  return 'done';
}

/** Writes a chunk; true once it is flushed, false if the sink closed first. */
function flushed(sink: OutgoingMessage, chunk: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => resolve(false);
    sink.once('close', onClose);
    sink.write(chunk, (error) => {
      sink.off('close', onClose);
      resolve(!error);
    });
  });
}

/** Timers that all reject at once when the proxy closes, so nothing runs on after close(). */
function cancellableWaits(): { wait: Wait; cancelWaits: () => void } {
  const cancels = new Set<() => void>();
  let isCancelled = false;
  const wait: Wait = (ms) =>
    new Promise((resolve, reject) => {
      const cancel = () => {
        clearTimeout(timer);
        reject(new Error('the lossy proxy is closed'));
      };
      const timer = setTimeout(() => {
        cancels.delete(cancel);
        resolve();
      }, ms);
      cancels.add(cancel);
      if (isCancelled) cancel();
    });
  const cancelWaits = () => {
    isCancelled = true;
    for (const cancel of cancels) cancel();
    cancels.clear();
  };
  return { wait, cancelWaits };
}

/** One direction of the link: bytes cross it one after another at `bytesPerSecond`. */
function throttle(bytesPerSecond: number, wait: Wait): Carry {
  let freeAt = 0;
  return (bytes) => {
    const now = performance.now();
    freeAt = Math.max(now, freeAt) + (bytes * 1000) / bytesPerSecond;
    return wait(freeAt - now);
  };
}

/** Raw headers without the hop-by-hop ones, including those the Connection header names. */
function endToEnd(raw: readonly string[]): string[] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] ?? '', raw[i + 1] ?? '']);
  const named = new Set(
    pairs
      .filter(([name]) => name.toLowerCase() === 'connection')
      .flatMap(([, value]) => value.split(',').map((token) => token.trim().toLowerCase())),
  );
  return pairs
    .filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase()) && !named.has(name.toLowerCase()))
    .flat();
}

function parseTarget(target: string): { host: string; port: number } {
  const url = new URL(target);
  if (url.protocol !== 'http:' || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new TypeError(`target must be http://host:port without a path, not ${target}`);
  }
  return { host: url.hostname, port: Number(url.port || 80) };
}

function checkOptions(options: LossyProxyOptions): void {
  const isRate = (rate: number) => rate >= 0 && rate <= 1;
  if (!isRate(options.dropRequestRate) || !isRate(options.cutResponseRate)) {
    throw new RangeError('dropRequestRate and cutResponseRate are between 0 and 1');
  }
  if (!(options.latencyMs >= 0) || !((options.jitterMs ?? 0) >= 0)) {
    throw new RangeError('latencyMs and jitterMs are 0 or more');
  }
  if (options.bytesPerSecond !== undefined && !(options.bytesPerSecond > 0)) {
    throw new RangeError('bytesPerSecond is more than 0');
  }
}
