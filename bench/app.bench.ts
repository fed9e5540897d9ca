import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { benchQuestionnaireFile, REPO_ROOT } from './bare/questionnaire.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/support/browser.ts';

/**
 * `npm run bench:app`: the answering route in Debian's Chromium, measured in
 * the page (performance.now() from navigation start) under 4× CPU throttling
 * on a phone-sized viewport, against the production build served by our real
 * server on loopback. Methods and targets (issue): bench/README.md.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** Loads of each page before the measured ones, not counted (browser and server warm-up). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
/** Pages answered in the walk; by default every page up to the review. */
const PAGES = Number(process.env.BENCH_PAGES ?? Number.POSITIVE_INFINITY);
const CPU_RATE = Number(process.env.BENCH_CPU_RATE ?? 4);
const PAUSE_MS = 300; // between answers, roughly a fast respondent
const TARGET_KIB = 150;
const TARGET_RATIO = 1.3;
const TARGET_PERSIST_P95_MS = 50;

// ---------------------------------------------------------------------------
// Probe for the app's workers (the answer worker writes answers off the main
// thread). CDP cannot throttle a worker's CPU ("only supported for pages"), so
// each write also reports its span inside the worker, which the report scales
// by the throttling rate. Times are absolute (timeOrigin + now): the page
// converts them to its own clock.
// ---------------------------------------------------------------------------
const WORKER_PROBE = String.raw`(() => {
  if (self.__benchWorker) return;
  self.__benchWorker = true;
  const channel = new BroadcastChannel('bench-writes');
  const now = () => performance.timeOrigin + performance.now();
  // The worker's database connection is open before this probe arrives, and Dexie bound
  // IDBDatabase#transaction at opening; the first store a transaction touches is seen instead,
  // which Dexie asks for as it makes the transaction's first request.
  const seen = new WeakSet();
  const objectStore = IDBTransaction.prototype.objectStore;
  IDBTransaction.prototype.objectStore = function (...args) {
    if (!seen.has(this)) {
      seen.add(this);
      const names = [...this.objectStoreNames];
      if (this.db.name === 'barometer' && this.mode === 'readwrite' && names.includes('drafts')) {
        const opened = now();
        this.addEventListener('complete', () => channel.postMessage({ opened, committed: now() }));
      }
    }
    return objectStore.apply(this, args);
  };
})()`;

// ---------------------------------------------------------------------------
// In-page probe. A plain script (not a serialized TS function) so that the
// transpiler's helpers never leak into the page. All times are
// performance.now(), i.e. milliseconds since the navigation started.
// ---------------------------------------------------------------------------
const PROBE = String.raw`(() => {
  if (window.__bench) return;
  const now = () => performance.now();
  const nextTask = () => new Promise((r) => setTimeout(() => r(now()), 0));
  /** The end of the next frame: rAF runs before style/layout/paint, the task after it. */
  const afterNextPaint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(now()), 0)));
  const events = [];
  /**
   * Every read-write transaction on barometer.drafts, with the moment it was
   * opened and the moment the page was told it committed ('complete'). A
   * passive listener; the app's own handlers run unchanged after it.
   */
  const writes = [];
  const openTransaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = openTransaction.apply(this, args);
    const [stores, mode] = args;
    const names = typeof stores === 'string' ? [stores] : [...stores];
    if (this.name === 'barometer' && mode === 'readwrite' && names.includes('drafts')) {
      const write = { opened: now(), committed: null, inWorker: false };
      writes.push(write);
      tx.addEventListener('complete', () => { write.committed = now(); });
    }
    return tx;
  };
  // Held on window: an unreferenced channel may be collected, and its messages lost with it.
  window.__benchWrites = new BroadcastChannel('bench-writes');
  window.__benchWrites.onmessage = ({ data }) => {
    const toPage = (t) => t - performance.timeOrigin;
    writes.push({ opened: toPage(data.opened), committed: toPage(data.committed), inWorker: true });
  };
  try {
    new PerformanceObserver((list) => events.push(...list.getEntries()))
      .observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch {}

  /** Visible and enabled, and (when on screen) its first control is what a tap at its centre hits. */
  const isClickable = (root) => {
    const input = root.querySelector('input, textarea, select, button');
    if (!input || input.disabled || input.closest('fieldset[disabled]')) return false;
    const style = getComputedStyle(root);
    if (style.display === 'none' || style.visibility !== 'visible' || Number(style.opacity) === 0) return false;
    const box = root.getBoundingClientRect();
    const r = input.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || r.width === 0 || r.height === 0) return false;
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return true;
    const hit = document.elementFromPoint(x, y);
    if (!hit) return false;
    return hit === input || input.contains(hit) || [...(input.labels || [])].some((l) => l.contains(hit));
  };

  /** Resolves when predicate() is truthy: checked after every DOM mutation and every frame. */
  const when = (predicate, timeoutMs) => new Promise((resolve) => {
    let done = false;
    const finish = (value, inFrame) => {
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      resolve({ at: now(), value, inFrame });
    };
    const check = (inFrame) => {
      if (done) return;
      const value = predicate();
      if (value) finish(value, inFrame);
    };
    const observer = new MutationObserver(() => check(false));
    observer.observe(document, { childList: true, subtree: true, attributes: true });
    const timer = setTimeout(() => { if (!done) { done = true; observer.disconnect(); resolve(null); } }, timeoutMs);
    const poll = () => { check(true); if (!done) requestAnimationFrame(poll); };
    check(false);
    if (!done) requestAnimationFrame(poll);
  });
  const paintedAfter = (hit) => (hit.inFrame ? nextTask() : afterNextPaint());

  const REVIEW = '(review)';
  const firstQuestion = () => {
    const root = document.querySelector('[data-name]');
    return root && isClickable(root) ? root.getAttribute('data-name') : null;
  };

  let database = null;
  const openDatabase = () => {
    database ??= new Promise((resolve, reject) => {
      const request = indexedDB.open('barometer');
      request.onsuccess = () => {
        request.result.onversionchange = () => { request.result.close(); database = null; };
        resolve(request.result);
      };
      request.onerror = () => reject(request.error);
    });
    return database;
  };
  const readDraft = async () => {
    const db = await openDatabase();
    const draftId = decodeURIComponent(location.pathname.split('/')[2] || '');
    return new Promise((resolve, reject) => {
      const request = db.transaction('drafts', 'readonly').objectStore('drafts').get(draftId);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  };
  /** The stored answer shows this click: a single choice, a grid row (name "...--<row>") or a checkbox. */
  const isStored = (draft, question, input, expected) => {
    const value = draft && draft.answers ? draft.answers[question] : undefined;
    if (input.type === 'checkbox') return (Array.isArray(value) && value.includes(input.value)) === expected;
    if (typeof value === 'string') return value === input.value;
    if (value && typeof value === 'object') {
      const row = input.name.split('--')[1];
      return row === undefined ? Object.values(value).includes(input.value) : value[row] === input.value;
    }
    return false;
  };
  const saveState = () => {
    if (document.querySelector('[data-testid="save-error"]')) return 'error';
    const status = document.querySelector('[data-testid="save-status"]');
    return status ? status.getAttribute('data-state') : null;
  };

  const bench = {
    firstQuestion: when(firstQuestion, 60000).then(async (hit) =>
      hit ? { name: hit.value, ready: hit.at, painted: await paintedAfter(hit) } : null),
    fcp: () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    resourcesUntil: (t) => performance.getEntriesByType('resource').filter((e) => e.responseEnd <= t).map((e) => e.name),
    navigation: () => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { workerStart: nav ? nav.workerStart : 0, controlled: !!navigator.serviceWorker?.controller };
    },
    saveState,
    /** Milestones of this document for the report: navigation timing, paints, fetches, first IndexedDB commit. */
    timeline: () => {
      const nav = performance.getEntriesByType('navigation')[0];
      const marks = nav
        ? [['HTML received', nav.responseEnd], ['DOMContentLoaded', nav.domContentLoadedEventEnd], ['load event', nav.loadEventEnd]]
        : [];
      const fcp = bench.fcp();
      if (fcp !== null) marks.push(['first contentful paint', fcp]);
      const write = writes.find((w) => w.committed !== null);
      if (write) marks.push(['first IndexedDB write committed', write.committed]);
      const resources = performance.getEntriesByType('resource').map((e) => ({
        path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd,
      }));
      return { marks: marks.filter(([, t]) => t > 0), resources };
    },

    /** Arms a one-shot measurement of the next click on a radio or checkbox. */
    armAnswer() {
      bench.answer = new Promise((resolve) => {
        const onClick = async (event) => {
          const input = event.target;
          if (!(input instanceof HTMLInputElement) || (input.type !== 'radio' && input.type !== 'checkbox')) return;
          removeEventListener('click', onClick, true);
          const t0 = event.timeStamp;
          const expected = input.checked;
          const question = input.closest('[data-name]')?.getAttribute('data-name') ?? '';
          let sawUnsaved = saveState() !== 'saved';
          const saved = new Promise((done) => {
            const check = () => {
              const state = saveState();
              if (state === 'error') return finish(false);
              if (state !== 'saved') sawUnsaved = true;
              else if (sawUnsaved) finish(true);
            };
            const observer = new MutationObserver(check);
            const timer = setTimeout(() => finish(false), 10000);
            const finish = (ok) => { observer.disconnect(); clearTimeout(timer); done(ok ? now() : null); };
            observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-testid'] });
          });
          let painted = await afterNextPaint();
          for (let i = 0; i < 60 && input.checked !== expected; i++) painted = await afterNextPaint();
          const savedAt = await saved;
          let stored = false;
          if (savedAt !== null) {
            for (let i = 0; i < 50 && !stored; i++) {
              if (i > 0) await new Promise((r) => setTimeout(r, 20));
              stored = isStored(await readDraft(), question, input, expected);
            }
          }
          // A worker's report arrives as a message, possibly after the page heard "saved".
          const findWrite = () => writes.find((w) => w.opened >= t0 && w.committed !== null);
          for (let i = 0; i < 50 && savedAt !== null && !findWrite(); i++) await new Promise((r) => setTimeout(r, 20));
          const write = findWrite();
          await afterNextPaint();
          const eventTiming = events
            .filter((e) => e.startTime >= t0 - 150 && e.startTime <= t0 + 1)
            .reduce((max, e) => Math.max(max, e.duration), 0);
          resolve({
            question,
            type: input.type,
            paint: painted - t0,
            rendered: input.checked === expected,
            saved: savedAt === null ? null : savedAt - t0,
            opened: write ? write.opened - t0 : null,
            committed: write ? write.committed - t0 : null,
            inWorker: write ? write.inWorker : null,
            stored,
            eventTiming: eventTiming || null,
          });
        };
        addEventListener('click', onClick, true);
      });
    },

    /** Arms a one-shot measurement from the next click on a submit button to the next page's first question painted. */
    armTransition() {
      const from = document.querySelector('form[data-section]')?.getAttribute('data-section') ?? null;
      bench.transition = new Promise((resolve) => {
        const onClick = async (event) => {
          if (!(event.target instanceof Element) || !event.target.closest('button[type="submit"]')) return;
          removeEventListener('click', onClick, true);
          const t0 = event.timeStamp;
          const hit = await when(() => {
            const form = document.querySelector('form[data-section]');
            if (location.pathname.endsWith('/oppsummering')) return REVIEW;
            if (!form || form.getAttribute('data-section') === from) return null;
            const root = form.querySelector('[data-name]');
            return root && isClickable(root) ? form.getAttribute('data-section') : null;
          }, 15000);
          if (!hit || hit.value === REVIEW) resolve({ from, to: hit ? hit.value : null });
          else resolve({ from, to: hit.value, ready: hit.at - t0, painted: (await paintedAfter(hit)) - t0 });
        };
        addEventListener('click', onClick, true);
      });
    },
  };
  window.__bench = bench;
})();`;

interface FirstQuestion {
  readonly name: string;
  readonly ready: number;
  readonly painted: number;
}
interface AnswerSample {
  readonly question: string;
  readonly type: string;
  readonly paint: number;
  readonly rendered: boolean;
  readonly saved: number | null;
  readonly opened: number | null;
  readonly committed: number | null;
  /** Made in a worker, whose CPU the bench cannot throttle. */
  readonly inWorker: boolean | null;
  readonly stored: boolean;
  readonly eventTiming: number | null;
}
interface TransitionSample {
  readonly from: string | null;
  readonly to: string | null;
  readonly ready?: number;
  readonly painted?: number;
}
interface AssetSize {
  readonly url: string;
  readonly kind: 'js' | 'css';
  readonly raw: number;
  readonly gzip: number;
}
interface Timeline {
  readonly marks: readonly (readonly [string, number])[];
  readonly resources: readonly { path: string; start: number; end: number }[];
}
interface LoadSample {
  readonly timeline: Timeline;
  readonly firstQuestion: FirstQuestion;
  readonly fcp: number | null;
  readonly early: readonly AssetSize[];
  readonly all: readonly AssetSize[];
}

// ---------------------------------------------------------------------------
// Statistics and output
// ---------------------------------------------------------------------------
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  // Nearest rank: p95 of 20 samples is the 19th.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length === 0
    ? Number.NaN
    : sorted.length % 2
      ? sorted[Math.floor(mid)]!
      : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
/**
 * A 90% bootstrap interval of median(a) / median(b): on a loaded host one
 * run's ratio moves by a tenth and more, and this says how far. Seeded, so
 * the same samples always give the same interval.
 */
function ratioInterval(a: readonly number[], b: readonly number[], rounds = 2000) {
  let seed = 12345;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const resample = (values: readonly number[]) =>
    values.map(() => values[Math.floor(random() * values.length)]!);
  const ratios = Array.from(
    { length: rounds },
    () => median(resample(a)) / median(resample(b)),
  ).sort((x, y) => x - y);
  return { low: ratios[Math.floor(rounds * 0.05)]!, high: ratios[Math.floor(rounds * 0.95)]! };
}
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : '–');
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const sum = (assets: readonly AssetSize[], kind?: 'js' | 'css') =>
  assets.filter((a) => !kind || a.kind === kind).reduce((n, a) => n + a.gzip, 0);
const row = (label: string, ...cells: string[]) =>
  console.log(`  ${label.padEnd(52)}${cells.map((c) => c.padStart(11)).join('')}`);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

// ---------------------------------------------------------------------------
// Servers
// ---------------------------------------------------------------------------
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(port));
    });
  });
}

/** Our real server (`src/server/start.ts`) on its own port with a throwaway SQLite file. */
async function startAppServer(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/start.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SQLITE_FILE: join(dataDir, 'bench.sqlite'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolveStart, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is running at')) {
        clearTimeout(timer);
        resolveStart();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stopProcess(child);
    throw error;
  });
  return child;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** A tiny static server for the bare page (no compression, like our server). */
function startStaticServer(root: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-cache',
        });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  return new Promise((done) => server.listen(port, '127.0.0.1', () => done(server)));
}

// ---------------------------------------------------------------------------
// Browser helpers
// ---------------------------------------------------------------------------
async function mobileContext(browser: Browser): Promise<BrowserContext> {
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
  return context;
}

async function throttledPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('worker', (worker) => void worker.evaluate(WORKER_PROBE).catch(() => undefined));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
  return page;
}

/**
 * CPU time of the page's answer worker, from a CPU profile taken through the
 * page's DevTools session: CDP cannot throttle a worker, so the report adds
 * what its own JavaScript would take on a core `CPU_RATE` times slower.
 */
async function profileAnswerWorker(
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
function collectAssets(page: Page): () => Promise<AssetSize[]> {
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

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, label: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${label}: no result after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function firstQuestion(page: Page): Promise<FirstQuestion> {
  const result = await page.evaluate<FirstQuestion | null>('window.__bench.firstQuestion');
  if (!result) throw new Error(`no question became visible on ${page.url()}`);
  return result;
}

/** One cold first visit: fresh context, empty cache, no service worker yet. */
async function coldLoad(browser: Browser, url: string): Promise<LoadSample & { page: string }> {
  const context = await mobileContext(browser);
  try {
    const page = await throttledPage(context);
    const assets = collectAssets(page);
    await page.goto(url, { waitUntil: 'commit' });
    const first = await firstQuestion(page);
    const earlyUrls = new Set(
      await page.evaluate<string[]>(`window.__bench.resourcesUntil(${first.ready})`),
    );
    await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined);
    await page.waitForTimeout(500);
    const all = await assets();
    return {
      firstQuestion: first,
      fcp: await page.evaluate<number | null>('window.__bench.fcp()'),
      timeline: await page.evaluate<Timeline>('window.__bench.timeline()'),
      early: all.filter((a) => earlyUrls.has(a.url)),
      all,
      page: page.url(),
    };
  } finally {
    await context.close();
  }
}

async function waitForSaved(page: Page) {
  await page.waitForFunction('window.__bench.saveState() !== "pending"', undefined, {
    timeout: 10_000,
  });
}

/**
 * Answers the current page: every unanswered radio group and checkbox group
 * (first option, which keeps the operative questionnaire's gated pages
 * visible) with a measured click, then fills text and number fields.
 */
async function answerPage(page: Page, samples: AnswerSample[]) {
  for (let guard = 0; guard < 100; guard++) {
    const next = await page.evaluate<string | null>(`(() => {
      const form = document.querySelector('form[data-section]');
      const inputs = [...form.querySelectorAll('[data-name] input[type=radio], [data-name] input[type=checkbox]')];
      const groups = [...new Set(inputs.map((i) => i.name))];
      return groups.find((name) => !inputs.some((i) => i.name === name && i.checked)) ?? null;
    })()`);
    if (next === null) break;
    await page.evaluate('window.__bench.armAnswer()');
    await page.locator(`form[data-section] input[name="${next}"]`).first().click();
    samples.push(
      await withTimeout(page.evaluate<AnswerSample>('window.__bench.answer'), 20_000, 'answer'),
    );
    await page.waitForTimeout(PAUSE_MS);
  }
  const fields = page.locator(
    'form[data-section] [data-name] input[type=text], form[data-section] [data-name] textarea',
  );
  const count = await fields.count();
  let allocationFilled = new Set<string>();
  for (let i = 0; i < count; i++) {
    const field = fields.nth(i);
    if ((await field.inputValue()) !== '') continue;
    const mode = await field.getAttribute('inputmode');
    if (mode === 'numeric') {
      // Allocation rows: the whole total in the first row of each question, 0 in the rest.
      const question = await field.evaluate(
        (el) => el.closest('[data-name]')?.getAttribute('data-name') ?? '',
      );
      await field.fill(allocationFilled.has(question) ? '0' : '100');
      allocationFilled = new Set([...allocationFilled, question]);
    } else {
      await field.fill(mode === 'decimal' ? '1' : 'Benchmark');
    }
  }
  if (count > 0) await page.waitForTimeout(400); // the typing debounce (250 ms)
  await waitForSaved(page);
}

async function walk(page: Page) {
  const answers: AnswerSample[] = [];
  const transitions: TransitionSample[] = [];
  for (let i = 0; i < PAGES; i++) {
    await answerPage(page, answers);
    const button = page.locator('form[data-section] button[type="submit"]');
    if (i === PAGES - 1) break;
    await page.evaluate('window.__bench.armTransition()');
    await button.click();
    const transition = await withTimeout(
      page.evaluate<TransitionSample>('window.__bench.transition'),
      20_000,
      'page transition',
    );
    // The last page leads to the review, which is not a questionnaire page: not counted.
    if (transition.to === '(review)') break;
    transitions.push(transition);
    if (transition.to === null) break;
  }
  return { answers, transitions };
}

/** Where the time to the first question goes in one load, in milliseconds since navigation start. */
function printTimeline(label: string, load: LoadSample) {
  const assets = load.timeline.resources.filter((r) => r.path.startsWith('/assets/'));
  const events: [string, number][] = [
    ...load.timeline.marks.map(([name, at]): [string, number] => [name, at]),
    ...load.timeline.resources
      .filter((r) => !r.path.startsWith('/assets/'))
      .map((r): [string, number] => [`${r.path} received (requested at ${ms(r.start)})`, r.end]),
    ['first question visible+clickable in the DOM', load.firstQuestion.ready],
    ['… and painted', load.firstQuestion.painted],
  ];
  if (assets.length > 0) {
    const last = assets.reduce((a, b) => (b.end > a.end ? b : a));
    events.push([`last of ${assets.length} /assets/ files received (${last.path})`, last.end]);
  }
  console.log(`\n  timeline of ${label} run 1 (since navigation start):`);
  for (const [name, at] of events.sort((a, b) => a[1] - b[1])) {
    console.log(`    ${ms(at).padStart(8)}  ${name}`);
  }
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------
function build(args: string[], label: string, env: Record<string, string> = {}) {
  const started = performance.now();
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`${label} build failed`);
  console.log(`built ${label} in ${ms(performance.now() - started)}`);
}

async function main() {
  const specFile = benchQuestionnaireFile();
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as {
    id: string;
    version: number;
    sections: { id: string; questions: unknown[] }[];
  };
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'barometer-bench-app-'));
  const cleanups: (() => unknown)[] = [() => rmSync(dataDir, { recursive: true, force: true })];
  try {
    const bareDir = join(dataDir, 'bare');
    build([], 'app (dist/)');
    build(['--config', 'bench/bare/vite.config.ts'], 'bare page', { BENCH_BARE_OUT_DIR: bareDir });
    const appPort = Number(process.env.BENCH_PORT ?? (await freePort()));
    const app = await startAppServer(appPort, dataDir);
    cleanups.push(() => stopProcess(app));
    const bare = await startStaticServer(bareDir, await freePort());
    cleanups.push(() => new Promise((done) => bare.close(done)));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
    const appUrl = `http://127.0.0.1:${appPort}`;
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    });
    cleanups.push(() => browser.close());
    console.log(
      `\nChromium ${browser.version()}, ${CPU_RATE}× CPU throttling (CDP), 390×844 @3× mobile with touch, ` +
        `loopback network (no network throttling), ${RUNS} cold runs each after ${WARMUP} discarded`,
    );
    console.log(
      `questionnaire: ${spec.id} v${spec.version} (${specFile.slice(REPO_ROOT.length + 1)})`,
    );

    // Cold first loads, app and bare page interleaved so drift hits both alike.
    const appLoads: LoadSample[] = [];
    const bareLoads: LoadSample[] = [];
    for (let i = 0; i < WARMUP; i++) {
      await coldLoad(browser, `${appUrl}/ny/${encodeURIComponent(spec.id)}`);
      await coldLoad(browser, `${bareUrl}/`);
    }
    for (let i = 0; i < RUNS; i++) {
      appLoads.push(await coldLoad(browser, `${appUrl}/ny/${encodeURIComponent(spec.id)}`));
      bareLoads.push(await coldLoad(browser, `${bareUrl}/`));
    }

    // Answering, page transitions, then the warm start from the service worker.
    const context = await mobileContext(browser);
    const page = await throttledPage(context);
    const workerBusy = await profileAnswerWorker(page);
    await page.goto(`${appUrl}/ny/${encodeURIComponent(spec.id)}`, { waitUntil: 'commit' });
    await firstQuestion(page);
    await page.waitForLoadState('load');
    await withTimeout(
      page.evaluate('navigator.serviceWorker.ready.then(() => true)'),
      30_000,
      'service worker ready',
    );
    await page.reload({ waitUntil: 'commit' });
    await firstQuestion(page);
    const controlled = (await page.evaluate<{ controlled: boolean }>('window.__bench.navigation()'))
      .controlled;
    const deepLink = page.url();
    await workerBusy.start();
    const { answers, transitions } = await walk(page);
    const workerBusyMs = await workerBusy.stop();
    await page.close();

    await stopProcess(app);
    const warm: FirstQuestion[] = [];
    const warmServed: boolean[] = [];
    for (let i = 0; i < RUNS; i++) {
      const warmPage = await throttledPage(context);
      await warmPage.goto(deepLink, { waitUntil: 'commit' });
      warm.push(await firstQuestion(warmPage));
      const nav = await warmPage.evaluate<{ workerStart: number; controlled: boolean }>(
        'window.__bench.navigation()',
      );
      warmServed.push(nav.controlled && nav.workerStart > 0);
      await warmPage.close();
    }
    await context.close();

    // ---- Report --------------------------------------------------------------
    const appFirst = appLoads.map((l) => l.firstQuestion.painted);
    const bareFirst = bareLoads.map((l) => l.firstQuestion.painted);
    const ratio = median(appFirst) / median(bareFirst);
    const ratioBounds = ratioInterval(appFirst, bareFirst);
    const early = appLoads.map((l) => sum(l.early));
    const earlyJs = appLoads.map((l) => sum(l.early, 'js'));
    const earlyCss = appLoads.map((l) => sum(l.early, 'css'));
    const total = appLoads.map((l) => sum(l.all));
    const paints = answers.map((a) => a.paint);
    const present = (values: (number | null)[]) => values.filter((v): v is number => v !== null);
    const persisted = present(answers.map((a) => a.committed));
    const inWorker = answers.filter((a) => a.inWorker).length;
    // The worker ran at full speed. Its CPU time over the walk (every write, the answers typed
    // into text fields included) is shared out over the measured writes, and each gets
    // what that much work takes on a core CPU_RATE times slower. The target is judged on this.
    const workerShareMs = inWorker > 0 && workerBusyMs !== null ? workerBusyMs / inWorker : 0;
    const persistedScaled = present(
      answers.map((a) =>
        a.committed === null
          ? null
          : a.committed + (a.inWorker ? (CPU_RATE - 1) * workerShareMs : 0),
      ),
    );
    const opened = present(answers.map((a) => a.opened));
    const shown = present(answers.map((a) => a.saved));
    const failedSaves = answers.filter(
      (a) => a.saved === null || a.committed === null || !a.stored,
    ).length;
    const slowEvents = answers.flatMap((a) => (a.eventTiming === null ? [] : [a.eventTiming]));
    const pageTimes = transitions.flatMap((t) => (t.painted === undefined ? [] : [t.painted]));
    const warmTimes = warm.map((w) => w.painted);

    console.log(
      '\nFirst load, cold (fresh context, no service worker)    median        min        max',
    );
    const stats = (label: string, values: number[], format: (n: number) => string) =>
      row(label, format(median(values)), format(Math.min(...values)), format(Math.max(...values)));
    stats('JS+CSS gzip until the first question', early, kib);
    stats('  of which JS', earlyJs, kib);
    stats('  of which CSS', earlyCss, kib);
    stats('JS+CSS gzip incl. lazy chunks after network idle', total, kib);
    stats(
      'first contentful paint, app',
      appLoads.map((l) => l.fcp ?? Number.NaN),
      ms,
    );
    stats(
      'first contentful paint, bare React page',
      bareLoads.map((l) => l.fcp ?? Number.NaN),
      ms,
    );
    stats('first question visible+clickable, app', appFirst, ms);
    stats('first question visible+clickable, bare React page', bareFirst, ms);
    row('ratio app / bare (medians)', round(ratio, 2).toFixed(2));
    row(
      '  90% bootstrap interval of that ratio',
      '',
      round(ratioBounds.low, 2).toFixed(2),
      round(ratioBounds.high, 2).toFixed(2),
    );
    row('bare page JS gzip', kib(median(bareLoads.map((l) => sum(l.all)))));

    console.log('\n  files until the first question (run 1), gzip:');
    for (const asset of [...(appLoads[0]?.early ?? [])].sort((a, b) => b.gzip - a.gzip)) {
      console.log(`    ${kib(asset.gzip).padStart(10)}  ${new URL(asset.url).pathname}`);
    }
    const lazy = (appLoads[0]?.all ?? []).filter((a) => !appLoads[0]?.early.includes(a));
    console.log(
      `  loaded after it: ${lazy.map((a) => `${new URL(a.url).pathname.replace('/assets/', '')} (${kib(a.gzip)})`).join(', ') || 'nothing'}`,
    );
    if (appLoads[0]) printTimeline('app', appLoads[0]);
    if (bareLoads[0]) printTimeline('bare React page', bareLoads[0]);

    console.log(
      `\nAnswering (${answers.length} clicks on ${transitions.length + 1} pages, SW-controlled: ${controlled ? 'yes' : 'no'})   median        p95        max`,
    );
    const dist = (label: string, values: number[]) =>
      row(label, ms(median(values)), ms(quantile(values, 0.95)), ms(Math.max(...values)));
    dist('click → next paint with the choice checked', paints);
    dist('click → IndexedDB write committed', persisted);
    dist('  click → that write transaction opened', opened);
    if (inWorker > 0) dist(`  … with the worker's CPU time × ${CPU_RATE}`, persistedScaled);
    dist('click → "saved" shown in the page', shown);
    dist("«Neste» → next page's first question painted", pageTimes);
    const notRendered = answers.filter((a) => !a.rendered).length;
    const slowest = answers.reduce<AnswerSample | undefined>(
      (worst, a) => ((a.committed ?? 0) > (worst?.committed ?? -1) ? a : worst),
      undefined,
    );
    console.log(
      `  answers not committed, not shown as saved or not read back from IndexedDB: ${failedSaves}; choices not shown checked: ${notRendered}`,
    );
    console.log(
      `  writes made in the answer worker: ${inWorker}/${answers.length}; its CPU time, unthrottled: ` +
        (workerBusyMs === null
          ? 'not profiled'
          : `${workerBusyMs.toFixed(1)} ms in all, ${workerShareMs.toFixed(2)} ms per write`),
    );
    console.log(
      `  Event Timing ≥ 16 ms on ${slowEvents.length}/${answers.length} clicks` +
        (slowEvents.length > 0 ? ` (max ${ms(Math.max(...slowEvents))})` : '') +
        (slowest ? `; slowest commit: ${slowest.question} (${ms(slowest.committed ?? NaN)})` : ''),
    );
    console.log(
      `  pages: ${[transitions[0]?.from, ...transitions.map((t) => t.to ?? '(stuck)')].join(' → ')}`,
    );

    console.log(
      `\nWarm start (server stopped, served by the service worker)  median        min        max`,
    );
    stats('deep link → first question visible+clickable', warmTimes, ms);
    console.log(
      `  served by the service worker: ${warmServed.filter(Boolean).length}/${warmServed.length}`,
    );

    const bytesOk = median(early) <= TARGET_KIB * 1024;
    const ratioOk = ratio <= TARGET_RATIO;
    const persistP95 = quantile(persistedScaled, 0.95);
    const persistOk = persistP95 <= TARGET_PERSIST_P95_MS && failedSaves === 0;
    console.log('\nTargets');
    console.log(
      `  ${verdict(bytesOk)}  JS+CSS gzip on the answering route ≤ ${TARGET_KIB} KiB: ${kib(median(early))}`,
    );
    console.log(
      `  ${verdict(ratioOk)}  first question ≤ ${TARGET_RATIO}× the bare React page: ${round(ratio, 2).toFixed(2)}× (${ms(median(appFirst))} / ${ms(median(bareFirst))})`,
    );
    console.log(
      `  ${verdict(persistOk)}  answer persisted p95 ≤ ${TARGET_PERSIST_P95_MS} ms: ${ms(persistP95)}` +
        (inWorker > 0
          ? ` (with the worker's CPU time × ${CPU_RATE}; as measured ${ms(quantile(persisted, 0.95))})`
          : '') +
        (failedSaves > 0 ? ` (${failedSaves} saves unconfirmed)` : ''),
    );
    console.log(`\n(bench time ${((performance.now() - started) / 1000).toFixed(0)} s)`);
    console.log(
      JSON.stringify({
        bench: 'app',
        chromium: browser.version(),
        cpuThrottling: CPU_RATE,
        runs: RUNS,
        questionnaire: `${spec.id}.v${spec.version}`,
        firstLoadGzipBytes: { jsCss: median(early), js: median(earlyJs), css: median(earlyCss) },
        totalGzipBytesAfterIdle: median(total),
        fcpMs: {
          app: round(median(appLoads.map((l) => l.fcp ?? Number.NaN))),
          bare: round(median(bareLoads.map((l) => l.fcp ?? Number.NaN))),
        },
        firstQuestionMs: { app: round(median(appFirst)), bare: round(median(bareFirst)) },
        firstQuestionRatio: round(ratio, 3),
        firstQuestionRatioInterval90: [round(ratioBounds.low, 3), round(ratioBounds.high, 3)],
        clickToPaintMs: {
          median: round(median(paints)),
          p95: round(quantile(paints, 0.95)),
          n: paints.length,
        },
        persistedMs: {
          median: round(median(persisted)),
          p95: round(quantile(persisted, 0.95)),
          n: persisted.length,
          unconfirmed: failedSaves,
          inWorker,
        },
        answerWorkerCpuMs: workerBusyMs === null ? null : round(workerBusyMs),
        persistedWorkerScaledMs: {
          median: round(median(persistedScaled)),
          p95: round(persistP95),
        },
        writeOpenedMs: { median: round(median(opened)), p95: round(quantile(opened, 0.95)) },
        savedShownMs: { median: round(median(shown)), p95: round(quantile(shown, 0.95)) },
        pageTransitionMs: { median: round(median(pageTimes)), n: pageTimes.length },
        warmStartMs: {
          median: round(median(warmTimes)),
          servedByServiceWorker: warmServed.filter(Boolean).length,
          n: warmTimes.length,
        },
        targets: {
          gzipKiB: { target: TARGET_KIB, pass: bytesOk },
          firstQuestionRatio: { target: TARGET_RATIO, pass: ratioOk },
          persistedP95Ms: { target: TARGET_PERSIST_P95_MS, pass: persistOk },
        },
      }),
    );
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
