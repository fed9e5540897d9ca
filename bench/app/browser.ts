import type { Browser, BrowserContext, Page } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { PROBE, WORKER_PROBE } from './probe.ts';

/** Contexts, pages and the measurements Playwright and CDP make from outside the page. */

export const CPU_RATE = Number(process.env.BENCH_CPU_RATE ?? 4);

export interface FirstQuestion {
  readonly name: string;
  readonly ready: number;
  readonly painted: number;
}
export interface AssetSize {
  readonly url: string;
  readonly kind: 'js' | 'css';
  readonly raw: number;
  readonly gzip: number;
}
export interface Timeline {
  readonly marks: readonly (readonly [string, number])[];
  readonly resources: readonly { path: string; start: number; end: number }[];
}
export interface LoadSample {
  readonly timeline: Timeline;
  readonly firstQuestion: FirstQuestion;
  readonly fcp: number | null;
  readonly early: readonly AssetSize[];
  /** Every JS/CSS response until network idle; null when the load was not left to get there. */
  readonly all: readonly AssetSize[] | null;
}

/** A phone: 390×844 at 3×, touch, nb-NO; `PROBE` (and `extraScripts`) run before every document's own scripts. */
export async function mobileContext(
  browser: Browser,
  extraScripts: readonly string[] = [],
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    serviceWorkers: 'allow',
  });
  await context.addInitScript(PROBE);
  for (const script of extraScripts) await context.addInitScript(script);
  return context;
}

export async function throttledPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('worker', (worker) => void worker.evaluate(WORKER_PROBE).catch(() => undefined));
  const cdp = await context.newCDPSession(page);
  // The session stays open: its emulation settings end with it.
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
  return page;
}

/**
 * CPU time of the page's answer worker, from a CPU profile taken through the
 * page's DevTools session: CDP cannot throttle a worker, so the report adds
 * what its own JavaScript would take on a core `CPU_RATE` times slower.
 */
export async function profileAnswerWorker(
  page: Page,
): Promise<{ start: () => Promise<void>; stop: () => Promise<number | null> }> {
  const cdp = await page.context().newCDPSession(page);
  let sessionId: string | null = null;
  let nextId = 1;
  const replies = new Map<number, (result: unknown) => void>();
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      replies.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId: sessionId!,
        message: JSON.stringify({ id, method, params }),
      });
    });
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (message.id !== undefined) replies.get(message.id)?.(message.result);
  });
  cdp.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type === 'worker' && event.targetInfo.url.includes('answerWorker'))
      sessionId = event.sessionId;
  });
  // A reload ends the worker and starts another.
  cdp.on('Target.detachedFromTarget', (event) => {
    if (event.sessionId === sessionId) sessionId = null;
  });
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: false,
  });
  return {
    // Once the worker has started and opened its connection: only the writes are profiled.
    start: async () => {
      for (let i = 0; i < 100 && !sessionId; i++) await new Promise((r) => setTimeout(r, 100));
      if (!sessionId) return;
      await send('Profiler.enable');
      await send('Profiler.setSamplingInterval', { interval: 250 });
      await send('Profiler.start');
    },
    stop: async () => {
      if (!sessionId) return null;
      const { profile } = (await send('Profiler.stop')) as {
        profile: {
          nodes: { id: number; callFrame: { functionName: string } }[];
          samples: number[];
          timeDeltas: number[];
        };
      };
      const idle = new Set(
        profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id),
      );
      // A sample's time is the delta to the next one.
      let busyMicros = 0;
      profile.samples.forEach((node, i) => {
        if (!idle.has(node)) busyMicros += profile.timeDeltas[i + 1] ?? 0;
      });
      return busyMicros / 1000;
    },
  };
}

/** Bodies of every JS and CSS response of the page, gzipped here (zlib default level 6). */
export function collectAssets(page: Page): () => Promise<AssetSize[]> {
  const bodies = new Map<string, Promise<AssetSize | null>>();
  page.on('response', (response) => {
    const url = response.url();
    const path = new URL(url).pathname;
    const kind = /\.m?js$/.test(path) ? 'js' : path.endsWith('.css') ? 'css' : null;
    if (!kind || bodies.has(url) || response.status() !== 200) return;
    bodies.set(
      url,
      response.body().then(
        (body) => ({ url, kind, raw: body.length, gzip: gzipSync(body).length }),
        () => null,
      ),
    );
  });
  return async () => (await Promise.all(bodies.values())).filter((a) => a !== null);
}

export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, label: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${label}: no result after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function firstQuestion(page: Page): Promise<FirstQuestion> {
  const result = await page.evaluate<FirstQuestion | null>('window.__bench.firstQuestion');
  if (!result) throw new Error(`no question became visible on ${page.url()}`);
  return result;
}

/**
 * One cold first visit: fresh context, empty cache, no service worker yet.
 * With `untilIdle`, the page is then left to load its lazy chunks until the
 * network is idle (+ 500 ms) and `all` lists them; otherwise the context is
 * closed once the first question is painted, and `all` is null.
 */
export async function coldLoad(
  browser: Browser,
  url: string,
  untilIdle: boolean,
): Promise<LoadSample> {
  const context = await mobileContext(browser);
  try {
    const page = await throttledPage(context);
    const assets = collectAssets(page);
    await page.goto(url, { waitUntil: 'commit' });
    const first = await firstQuestion(page);
    const earlyUrls = new Set(
      await page.evaluate<string[]>(`window.__bench.resourcesUntil(${first.ready})`),
    );
    if (untilIdle) {
      await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined);
      await page.waitForTimeout(500);
    } else {
      // The paint entry is queued a little after the frame that drew it.
      await page
        // A function, not an expression: see `waitForSaved` in walk.ts (the app's CSP and `eval`).
        .waitForFunction('() => window.__bench.fcp() !== null', undefined, { timeout: 2000 })
        .catch(() => undefined);
    }
    const all = await assets();
    return {
      firstQuestion: first,
      fcp: await page.evaluate<number | null>('window.__bench.fcp()'),
      timeline: await page.evaluate<Timeline>('window.__bench.timeline()'),
      early: all.filter((a) => earlyUrls.has(a.url)),
      all: untilIdle ? all : null,
    };
  } finally {
    await context.close();
  }
}

export interface HeapUsage {
  /** V8's used JavaScript heap of the page's isolate. */
  readonly js: number;
  /** Blink's garbage-collected heap (DOM nodes and other C++ objects wrapped for JS). */
  readonly embedder: number;
}

/**
 * The page's heap after two forced full collections (CDP
 * `HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage`): what stays
 * alive, not what happens to be uncollected. Workers and the service worker
 * have isolates of their own and are not counted.
 */
export async function heapAfterGc(page: Page): Promise<HeapUsage> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as {
      usedSize: number;
      embedderHeapUsedSize?: number;
    };
    return { js: usage.usedSize, embedder: usage.embedderHeapUsedSize ?? Number.NaN };
  } finally {
    await cdp.detach();
  }
}
