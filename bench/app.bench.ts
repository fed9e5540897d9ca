import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Questionnaire } from '../src/engine/index.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/support/browser.ts';
import { benchQuestionnaireFile, REPO_ROOT } from './bare/questionnaire.ts';
import {
  coldLoad,
  CPU_RATE,
  firstQuestion,
  heapAfterGc,
  mobileContext,
  profileAnswerWorker,
  throttledPage,
  withTimeout,
  type FirstQuestion,
  type LoadSample,
} from './app/browser.ts';
import { REACT_COMMITS } from './app/probe.ts';
import { printReport, type AppWalk, type PageWalk } from './app/report.ts';
import { build, freePort, startAppServer, startStaticServer, stopProcess } from './app/servers.ts';
import { moduleResolver, printTapProfile, tapRecorder } from './app/tapProfile.ts';
import { findSkipPair, walk, type SkipPair, type WalkOptions } from './app/walk.ts';

/**
 * `npm run bench:app`: the answering route in Debian's Chromium, measured in
 * the page (performance.now() from navigation start) under 4× CPU throttling
 * on a phone-sized viewport, against the production build served by our real
 * server on loopback, and every figure against a bare React page answering
 * the same questionnaire in the same run. `BENCH_PROFILE_TAP=1` profiles taps
 * instead. Methods and targets (issue 14): bench/README.md.
 */
/** Cold first loads of each page, and warm starts. */
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** Loads of each page before the measured ones, not counted (browser and server warm-up). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
/**
 * Full walks of each page, app and bare interleaved. A pair takes 35–50 s
 * on the 2-core sandbox, depending on its load, hence 5 by default (the
 * whole bench 5–6½ minutes): ~205 clicks, 55 page changes and 20/15
 * skip-logic clicks per page.
 */
const WALKS = Number(process.env.BENCH_WALKS ?? 5);
/** Pages answered in a walk; by default every page up to the review. */
const PAGES = Number(process.env.BENCH_PAGES ?? Number.POSITIVE_INFINITY);
/** Times the skip-logic question hides and shows its dependent again, per walk. */
const TOGGLES = Number(process.env.BENCH_TOGGLES ?? 3);
const PROFILE_TAP = process.env.BENCH_PROFILE_TAP === '1';
/** Between answers: each sample already waits for the paint, "saved" and one more frame. */
const PAUSE_MS = 100;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

type Spec = Questionnaire & { readonly id: string; readonly version: number };

/**
 * Opens the page, then reloads it once it has loaded: the app's service
 * worker then controls it (its precache download is over and no longer
 * competes with the walk), and both pages start from a second visit.
 */
async function openForWalk(context: BrowserContext, url: string, isApp: boolean) {
  const page = await throttledPage(context);
  const workerBusy = isApp ? await profileAnswerWorker(page) : null;
  await page.goto(url, { waitUntil: 'commit' });
  await firstQuestion(page);
  await page.waitForLoadState('load');
  if (isApp) {
    await withTimeout(
      page.evaluate('navigator.serviceWorker.ready.then(() => true)'),
      30_000,
      'service worker ready',
    );
  }
  await page.reload({ waitUntil: 'commit' });
  await firstQuestion(page);
  return { page, workerBusy };
}

/** One full walk of the app in a fresh context, which stays open for the warm start. */
async function appWalk(browser: Browser, url: string, options: WalkOptions) {
  const context = await mobileContext(browser);
  const { page, workerBusy } = await openForWalk(context, url, true);
  const controlled = (await page.evaluate<{ controlled: boolean }>('window.__bench.navigation()'))
    .controlled;
  const deepLink = page.url();
  await workerBusy?.start();
  const result = await walk(page, options);
  const workerBusyMs = (await workerBusy?.stop()) ?? null;
  // What the page keeps once the review is shown and its lazy work (sync, live queries) is done.
  await page.waitForTimeout(1000);
  const heap = await heapAfterGc(page);
  await page.close();
  const sample: AppWalk = { result, heap, workerBusyMs, controlled };
  return { sample, context, deepLink };
}

async function bareWalk(browser: Browser, url: string, options: WalkOptions): Promise<PageWalk> {
  const context = await mobileContext(browser);
  try {
    const { page } = await openForWalk(context, url, false);
    const result = await walk(page, options);
    await page.waitForTimeout(1000);
    return { result, heap: await heapAfterGc(page) };
  } finally {
    await context.close();
  }
}

/** Deep link → first question, with the server stopped: served by the service worker. */
async function warmStarts(context: BrowserContext, deepLink: string) {
  const warm: FirstQuestion[] = [];
  const served: boolean[] = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await throttledPage(context);
    await page.goto(deepLink, { waitUntil: 'commit' });
    warm.push(await firstQuestion(page));
    const nav = await page.evaluate<{ workerStart: number; controlled: boolean }>(
      'window.__bench.navigation()',
    );
    served.push(nav.controlled && nav.workerStart > 0);
    await page.close();
  }
  return { warm, served };
}

/** BENCH_PROFILE_TAP=1: one walk of each page with every tap and «Neste» profiled. */
async function profileTaps(
  browser: Browser,
  urls: { app: string; bare: string },
  dirs: { app: string; bare: string },
  spec: Spec,
  skip: SkipPair | null,
) {
  const record = async (url: string, isApp: boolean) => {
    const context = await mobileContext(browser, [REACT_COMMITS]);
    try {
      const { page } = await openForWalk(context, url, isApp);
      const recorder = await tapRecorder(page);
      await walk(page, {
        persist: isApp ? 'saved' : 'none',
        skip,
        toggles: 1,
        pages: PAGES,
        pauseMs: PAUSE_MS,
        around: recorder.around,
      });
      return recorder.recordings;
    } finally {
      await context.close();
    }
  };
  const app = await record(`${urls.app}/ny/${encodeURIComponent(spec.id)}`, true);
  const bare = await record(`${urls.bare}/`, false);
  console.log(
    `\nTap profile: unminified builds, ${CPU_RATE}× CPU throttling; times are the page's main thread, ` +
      `throttled (the answer worker is not in it). Each tap is profiled from just before the click ` +
      `until the choice is painted, "saved" is shown (app) and one more frame has passed.`,
  );
  printTapProfile(
    app,
    bare,
    moduleResolver(
      new Map([
        [urls.app, dirs.app],
        [urls.bare, dirs.bare],
      ]),
    ),
  );
}

async function main() {
  const specFile = benchQuestionnaireFile();
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as Spec;
  const skip = findSkipPair(spec);
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'barometer-bench-app-'));
  const cleanups: (() => unknown)[] = [() => rmSync(dataDir, { recursive: true, force: true })];
  try {
    const bareDir = join(dataDir, 'bare');
    // The profile reads names from unminified builds with source maps, kept out of dist/ (which the e2e tests use).
    const appDir = PROFILE_TAP ? join(dataDir, 'app') : undefined;
    const unminified = PROFILE_TAP ? ['--minify', 'false', '--sourcemap'] : [];
    build(
      appDir === undefined ? [] : [...unminified, '--outDir', appDir, '--emptyOutDir'],
      appDir === undefined ? 'app (dist/)' : 'app, unminified',
    );
    build(['--config', 'bench/bare/vite.config.ts', ...unminified], 'bare page', {
      BENCH_BARE_OUT_DIR: bareDir,
    });
    const appPort = Number(process.env.BENCH_PORT ?? (await freePort()));
    const app = await startAppServer(appPort, dataDir, appDir);
    cleanups.push(() => stopProcess(app));
    const bare = await startStaticServer(bareDir, await freePort());
    cleanups.push(() => new Promise((done) => bare.close(done)));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
    const appUrl = `http://127.0.0.1:${appPort}`;
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    console.log(
      `\nChromium ${browser.version()}, ${CPU_RATE}× CPU throttling (CDP), 390×844 @3× mobile with touch, ` +
        `loopback network (no network throttling)`,
    );
    console.log(
      `questionnaire: ${spec.id} v${spec.version} (${specFile.slice(REPO_ROOT.length + 1)}); skip logic: ` +
        (skip
          ? `${skip.question} = ${skip.shows} shows ${skip.dependent}, = ${skip.hides} hides it`
          : 'no question shows another on its page'),
    );
    if (PROFILE_TAP) {
      await profileTaps(
        browser,
        { app: appUrl, bare: bareUrl },
        { app: appDir ?? '', bare: bareDir },
        spec,
        skip,
      );
      console.log(`\n(bench time ${((performance.now() - started) / 1000).toFixed(0)} s)`);
      return;
    }

    // Cold first loads, app and bare page interleaved so drift hits both alike.
    const loadsStarted = performance.now();
    const newDraft = `${appUrl}/ny/${encodeURIComponent(spec.id)}`;
    const appLoads: LoadSample[] = [];
    const bareLoads: LoadSample[] = [];
    for (let i = 0; i < WARMUP; i++) {
      await coldLoad(browser, newDraft, false);
      await coldLoad(browser, `${bareUrl}/`, false);
    }
    // Only run 1 waits for the lazy chunks (the bytes are the same every time; the timeline shows it).
    for (let i = 0; i < RUNS; i++) {
      appLoads.push(await coldLoad(browser, newDraft, i === 0));
      bareLoads.push(await coldLoad(browser, `${bareUrl}/`, i === 0));
    }

    console.log(
      `${WARMUP + RUNS} cold loads of each page in ${seconds(performance.now() - loadsStarted)}`,
    );

    // Full walks, app and bare interleaved; the last app walk's context keeps its service worker.
    const walkOptions = { skip, toggles: TOGGLES, pages: PAGES, pauseMs: PAUSE_MS };
    const appWalks: AppWalk[] = [];
    const bareWalks: PageWalk[] = [];
    let last: { context: BrowserContext; deepLink: string } | null = null;
    for (let i = 0; i < WALKS; i++) {
      await last?.context.close();
      const walkStarted = performance.now();
      const { sample, context, deepLink } = await appWalk(browser, newDraft, {
        ...walkOptions,
        persist: 'verify',
      });
      last = { context, deepLink };
      appWalks.push(sample);
      const bareStarted = performance.now();
      bareWalks.push(await bareWalk(browser, `${bareUrl}/`, { ...walkOptions, persist: 'none' }));
      console.log(
        `walk ${i + 1}/${WALKS}: app ${seconds(bareStarted - walkStarted)}, bare ${seconds(performance.now() - bareStarted)}`,
      );
    }

    // The warm start, from the service worker alone.
    await stopProcess(app);
    const warm = last ? await warmStarts(last.context, last.deepLink) : { warm: [], served: [] };
    await last?.context.close();

    printReport({
      chromium: browser.version(),
      questionnaire: `${spec.id}.v${spec.version}`,
      runs: RUNS,
      appLoads,
      bareLoads,
      appWalks,
      bareWalks,
      skip,
      warm: warm.warm,
      warmServed: warm.served,
      seconds: (performance.now() - started) / 1000,
    });
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
