import type { FirstQuestion, HeapUsage, LoadSample } from './browser.ts';
import { CPU_RATE } from './browser.ts';
import {
  kib,
  median,
  mib,
  ms,
  quantile,
  ratioOfMedians,
  round,
  row,
  times,
  verdict,
  type Ratio,
} from './stats.ts';
import type { AssetSize } from './browser.ts';
import type { AnswerSample, SkipPair, WalkResult } from './walk.ts';

/** The report of `npm run bench:app`: readable tables, PASS/MISS per target, one JSON line. */

const TARGET_KIB = 150;
const TARGET_PERSIST_P95_MS = 50;
/** Each a ratio app / bare page, medians of the same run (issue 14). */
const TARGET_RATIO = {
  firstQuestion: 1.3,
  clickToPaint: 1.2,
  pageChange: 1.3,
  skipShown: 1.2,
  skipHidden: 1.2,
  heap: 1.6,
} as const;

export interface PageWalk {
  readonly result: WalkResult;
  readonly heap: HeapUsage;
}
export interface AppWalk extends PageWalk {
  /** The answer worker's CPU time over the walk, unthrottled (null: not profiled). */
  readonly workerBusyMs: number | null;
  readonly controlled: boolean;
}
export interface BenchResults {
  readonly chromium: string;
  readonly questionnaire: string;
  readonly runs: number;
  readonly appLoads: readonly LoadSample[];
  readonly bareLoads: readonly LoadSample[];
  readonly appWalks: readonly AppWalk[];
  readonly bareWalks: readonly PageWalk[];
  readonly skip: SkipPair | null;
  readonly warm: readonly FirstQuestion[];
  readonly warmServed: readonly boolean[];
  readonly seconds: number;
}

const sum = (assets: readonly AssetSize[], kind?: 'js' | 'css') =>
  assets.filter((a) => !kind || a.kind === kind).reduce((n, a) => n + a.gzip, 0);
const present = (values: readonly (number | null | undefined)[]) =>
  values.filter((v): v is number => v !== null && v !== undefined);

/** The figures of each walk of one page, pooled over the walks. */
function pooled(walks: readonly PageWalk[]) {
  const answers = walks.flatMap((w) => w.result.answers);
  const skips = walks.flatMap((w) => w.result.skips);
  return {
    answers,
    skips,
    paints: answers.map((a) => a.paint),
    free: answers.map((a) => a.free),
    pages: present(walks.flatMap((w) => w.result.transitions.map((t) => t.painted))),
    shown: present(skips.filter((s) => s.shows).map((s) => s.dependent)),
    hidden: present(skips.filter((s) => !s.shows).map((s) => s.dependent)),
    heap: walks.map((w) => w.heap.js),
    blinkHeap: walks.map((w) => w.heap.embedder),
  };
}

/**
 * Each write as the page saw it, plus — for writes made in the answer worker,
 * which ran at full speed — `(rate − 1) ×` its share of the worker's CPU
 * time over its walk (every write, text fields included, shared over the
 * measured ones): what that work takes on a core `CPU_RATE` times slower.
 * The "answer persisted" target is judged on this.
 */
function persistence(walks: readonly AppWalk[]) {
  const perWalk = walks.map((w) => {
    const writes: AnswerSample[] = [...w.result.answers, ...w.result.skips];
    const inWorker = writes.filter((a) => a.inWorker).length;
    const share = inWorker > 0 && w.workerBusyMs !== null ? w.workerBusyMs / inWorker : 0;
    const scaled = present(
      writes.map((a) =>
        a.committed === null ? null : a.committed + (a.inWorker ? (CPU_RATE - 1) * share : 0),
      ),
    );
    return { writes, inWorker, share, scaled };
  });
  const writes = perWalk.flatMap((w) => w.writes);
  const busy = walks.map((w) => w.workerBusyMs);
  return {
    writes,
    inWorker: perWalk.reduce((n, w) => n + w.inWorker, 0),
    workerBusyMs: busy.every((b) => b === null) ? null : present(busy).reduce((a, b) => a + b, 0),
    share: median(perWalk.filter((w) => w.inWorker > 0).map((w) => w.share)),
    persisted: present(writes.map((a) => a.committed)),
    scaled: perWalk.flatMap((w) => w.scaled),
    opened: present(writes.map((a) => a.opened)),
    shown: present(writes.map((a) => a.saved)),
    failed: writes.filter((a) => a.saved === null || a.committed === null || !a.stored).length,
  };
}

interface Comparison {
  readonly app: number;
  readonly bare: number;
  readonly ratio: Ratio;
  readonly target: number | null;
  readonly pass: boolean | null;
  readonly n: readonly [number, number];
}

function compare(
  label: string,
  app: readonly number[],
  bare: readonly number[],
  target: number | null,
  format: (n: number) => string = ms,
): Comparison {
  const ratio = ratioOfMedians(app, bare);
  const pass = target === null ? null : ratio.value <= target;
  const interval = Number.isFinite(ratio.low)
    ? `${ratio.low.toFixed(2)}–${ratio.high.toFixed(2)}`
    : '–';
  console.log(
    `  ${`${label} [${app.length}/${bare.length}]`.padEnd(58)}${format(median(app)).padStart(10)}` +
      `${format(median(bare)).padStart(10)}${times(ratio.value).padStart(8)}${interval.padStart(12)}` +
      `${target === null ? '' : `≤ ${target}×`.padStart(8)}${pass === null ? '' : `  ${verdict(pass)}`}`,
  );
  return {
    app: median(app),
    bare: median(bare),
    ratio,
    target,
    pass,
    n: [app.length, bare.length],
  };
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

function printFirstLoad(r: BenchResults) {
  const { appLoads, bareLoads } = r;
  console.log(
    `\nFirst load, cold (fresh context, no service worker; ${r.runs} runs each)   median        min        max`,
  );
  const stats = (label: string, values: number[], format: (n: number) => string) =>
    row(label, format(median(values)), format(Math.min(...values)), format(Math.max(...values)));
  stats(
    'JS+CSS gzip until the first question',
    appLoads.map((l) => sum(l.early)),
    kib,
  );
  stats(
    '  of which JS',
    appLoads.map((l) => sum(l.early, 'js')),
    kib,
  );
  stats(
    '  of which CSS',
    appLoads.map((l) => sum(l.early, 'css')),
    kib,
  );
  const idle = appLoads.flatMap((l) => (l.all === null ? [] : [l.all]));
  stats(
    `JS+CSS gzip incl. lazy chunks after network idle (${idle.length} run)`,
    idle.map((all) => sum(all)),
    kib,
  );
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
  const appFirst = appLoads.map((l) => l.firstQuestion.painted);
  const bareFirst = bareLoads.map((l) => l.firstQuestion.painted);
  const ratio = ratioOfMedians(appFirst, bareFirst);
  stats('first question visible+clickable, app', appFirst, ms);
  stats('first question visible+clickable, bare React page', bareFirst, ms);
  row('ratio app / bare (medians)', round(ratio.value, 2).toFixed(2));
  row(
    '  90% bootstrap interval of that ratio',
    '',
    round(ratio.low, 2).toFixed(2),
    round(ratio.high, 2).toFixed(2),
  );
  row('bare page JS gzip', kib(median(bareLoads.map((l) => sum(l.early)))));

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
  return { appFirst, bareFirst };
}

export function printReport(r: BenchResults) {
  const { appFirst, bareFirst } = printFirstLoad(r);
  const early = r.appLoads.map((l) => sum(l.early));
  const app = pooled(r.appWalks);
  const bare = pooled(r.bareWalks);
  const saves = persistence(r.appWalks);
  const controlled = r.appWalks.filter((w) => w.controlled).length;
  const transitions = r.appWalks[0]?.result.transitions ?? [];

  console.log(
    `\nAnswering, app (${r.appWalks.length} walks: ${app.answers.length} clicks, ${app.skips.length} skip-logic clicks, ` +
      `${app.pages.length} page changes; SW-controlled ${controlled}/${r.appWalks.length})   median        p95        max`,
  );
  const dist = (label: string, values: number[]) =>
    row(label, ms(median(values)), ms(quantile(values, 0.95)), ms(Math.max(...values)));
  dist('click → next paint with the choice checked', app.paints);
  dist('  click → main thread free after that paint', app.free);
  dist('click → IndexedDB write committed', saves.persisted);
  dist('  click → that write transaction opened', saves.opened);
  if (saves.inWorker > 0) dist(`  … with the worker's CPU time × ${CPU_RATE}`, saves.scaled);
  dist('click → "saved" shown in the page', saves.shown);
  dist("«Neste» → next page's first question painted", app.pages);
  dist('skip logic: click → dependent question painted', app.shown);
  dist('skip logic: click → dependent question gone, painted', app.hidden);
  const notRendered = app.answers.filter((a) => !a.rendered).length;
  const slowEvents = present(saves.writes.map((a) => a.eventTiming));
  console.log(
    `  writes (clicks incl. skip logic) not committed, not shown as saved or not read back from IndexedDB: ${saves.failed}/${saves.writes.length}; choices not shown checked: ${notRendered}`,
  );
  console.log(
    `  writes made in the answer worker: ${saves.inWorker}/${saves.writes.length}; its CPU time, unthrottled: ` +
      (saves.workerBusyMs === null
        ? 'not profiled'
        : `${saves.workerBusyMs.toFixed(1)} ms in all, ${saves.share.toFixed(2)} ms per write (median of walks)`),
  );
  console.log(
    `  Event Timing ≥ 16 ms on ${slowEvents.length}/${saves.writes.length} clicks` +
      (slowEvents.length > 0 ? ` (max ${ms(Math.max(...slowEvents))})` : ''),
  );
  console.log(
    `  pages (walk 1): ${[transitions[0]?.from, ...transitions.map((t) => t.to ?? '(stuck)')].join(' → ')}`,
  );
  const clicksOf = (w: PageWalk | undefined) => (w ? w.result.answers.length : 0);
  if (clicksOf(r.appWalks[0]) !== clicksOf(r.bareWalks[0])) {
    console.log(
      `  note: walk 1 made ${clicksOf(r.appWalks[0])} clicks on the app, ${clicksOf(r.bareWalks[0])} on the bare page: their pages differ`,
    );
  }

  console.log(
    `\nApp against the bare page, same run (${r.appWalks.length} walks each, interleaved) [n app/bare]` +
      `         app      bare   ratio  90% interval  target`,
  );
  const first = compare(
    'first question visible+clickable (cold)',
    appFirst,
    bareFirst,
    TARGET_RATIO.firstQuestion,
  );
  const clickToPaint = compare(
    'click → next paint',
    app.paints,
    bare.paints,
    TARGET_RATIO.clickToPaint,
  );
  compare('  click → main thread free after that paint, not a target', app.free, bare.free, null);
  const pageChange = compare(
    "«Neste» → next page's first question painted",
    app.pages,
    bare.pages,
    TARGET_RATIO.pageChange,
  );
  const skipShown = compare(
    'skip logic: dependent question appears, painted',
    app.shown,
    bare.shown,
    TARGET_RATIO.skipShown,
  );
  const skipHidden = compare(
    'skip logic: dependent question gone, painted',
    app.hidden,
    bare.hidden,
    TARGET_RATIO.skipHidden,
  );
  const heap = compare(
    'JS heap after a full walk (forced GC)',
    app.heap,
    bare.heap,
    TARGET_RATIO.heap,
    mib,
  );
  const blinkHeap = compare(
    '  Blink (DOM) heap, not a target',
    app.blinkHeap,
    bare.blinkHeap,
    null,
    mib,
  );
  if (!r.skip)
    console.log(
      '  (no skip-logic figures: the questionnaire has no question showing another on its page)',
    );
  console.log(
    '  ratio = median(app) / median(bare); interval: 90% bootstrap of that ratio, resampling single samples',
  );

  const warmTimes = r.warm.map((w) => w.painted);
  console.log(
    `\nWarm start (server stopped, served by the service worker)  median        min        max`,
  );
  row(
    'deep link → first question visible+clickable',
    ms(median(warmTimes)),
    ms(Math.min(...warmTimes)),
    ms(Math.max(...warmTimes)),
  );
  console.log(
    `  served by the service worker: ${r.warmServed.filter(Boolean).length}/${r.warmServed.length}`,
  );

  const bytesOk = median(early) <= TARGET_KIB * 1024;
  const persistP95 = quantile(saves.scaled, 0.95);
  const persistOk = persistP95 <= TARGET_PERSIST_P95_MS && saves.failed === 0;
  const ratioLine = (label: string, c: Comparison, format: (n: number) => string = ms) =>
    console.log(
      `  ${verdict(c.pass === true)}  ${label} ≤ ${c.target}× the bare page: ${times(c.ratio.value)} ` +
        `(${format(c.app)} / ${format(c.bare)}; 90% ${c.ratio.low.toFixed(2)}–${c.ratio.high.toFixed(2)})`,
    );
  console.log('\nTargets (issue 14)');
  console.log(
    `  ${verdict(bytesOk)}  JS+CSS gzip on the answering route ≤ ${TARGET_KIB} KiB: ${kib(median(early))}`,
  );
  ratioLine('first question', first);
  ratioLine('click → paint, median,', clickToPaint);
  ratioLine('«Neste» → next page painted', pageChange);
  ratioLine('skip logic, dependent question appears', skipShown);
  ratioLine('skip logic, dependent question disappears', skipHidden);
  ratioLine('JS heap after a full walk', heap, mib);
  console.log(
    `  ${verdict(persistOk)}  answer persisted p95 ≤ ${TARGET_PERSIST_P95_MS} ms: ${ms(persistP95)}` +
      (saves.inWorker > 0
        ? ` (with the worker's CPU time × ${CPU_RATE}; as measured ${ms(quantile(saves.persisted, 0.95))})`
        : '') +
      (saves.failed > 0 ? ` (${saves.failed} saves unconfirmed)` : ''),
  );
  console.log(`\n(bench time ${r.seconds.toFixed(0)} s)`);

  const figure = (c: Comparison, digits = 1) => ({
    app: round(c.app, digits),
    bare: round(c.bare, digits),
    ratio: round(c.ratio.value, 3),
    ratioInterval90: [round(c.ratio.low, 3), round(c.ratio.high, 3)],
    target: c.target,
    pass: c.pass,
    n: c.n,
  });
  console.log(
    JSON.stringify({
      bench: 'app',
      chromium: r.chromium,
      cpuThrottling: CPU_RATE,
      runs: r.runs,
      walks: r.appWalks.length,
      questionnaire: r.questionnaire,
      firstLoadGzipBytes: {
        jsCss: median(early),
        js: median(r.appLoads.map((l) => sum(l.early, 'js'))),
        css: median(r.appLoads.map((l) => sum(l.early, 'css'))),
      },
      totalGzipBytesAfterIdle: median(
        r.appLoads.flatMap((l) => (l.all === null ? [] : [sum(l.all)])),
      ),
      fcpMs: {
        app: round(median(r.appLoads.map((l) => l.fcp ?? Number.NaN))),
        bare: round(median(r.bareLoads.map((l) => l.fcp ?? Number.NaN))),
      },
      firstQuestionMs: { app: round(first.app), bare: round(first.bare) },
      firstQuestionRatio: round(first.ratio.value, 3),
      firstQuestionRatioInterval90: [round(first.ratio.low, 3), round(first.ratio.high, 3)],
      clickToPaintMs: {
        median: round(median(app.paints)),
        p95: round(quantile(app.paints, 0.95)),
        n: app.paints.length,
      },
      persistedMs: {
        median: round(median(saves.persisted)),
        p95: round(quantile(saves.persisted, 0.95)),
        n: saves.persisted.length,
        unconfirmed: saves.failed,
        inWorker: saves.inWorker,
      },
      answerWorkerCpuMs: saves.workerBusyMs === null ? null : round(saves.workerBusyMs),
      persistedWorkerScaledMs: { median: round(median(saves.scaled)), p95: round(persistP95) },
      writeOpenedMs: {
        median: round(median(saves.opened)),
        p95: round(quantile(saves.opened, 0.95)),
      },
      savedShownMs: { median: round(median(saves.shown)), p95: round(quantile(saves.shown, 0.95)) },
      pageTransitionMs: { median: round(median(app.pages)), n: app.pages.length },
      warmStartMs: {
        median: round(median(warmTimes)),
        servedByServiceWorker: r.warmServed.filter(Boolean).length,
        n: warmTimes.length,
      },
      againstBare: {
        firstQuestionMs: figure(first),
        clickToPaintMs: figure(clickToPaint),
        pageChangeMs: figure(pageChange),
        skipShownMs: figure(skipShown),
        skipHiddenMs: figure(skipHidden),
        heapBytes: figure(heap, 0),
        blinkHeapBytes: figure(blinkHeap, 0),
      },
      targets: {
        gzipKiB: { target: TARGET_KIB, pass: bytesOk },
        firstQuestionRatio: { target: TARGET_RATIO.firstQuestion, pass: first.pass },
        clickToPaintRatio: { target: TARGET_RATIO.clickToPaint, pass: clickToPaint.pass },
        pageChangeRatio: { target: TARGET_RATIO.pageChange, pass: pageChange.pass },
        skipShownRatio: { target: TARGET_RATIO.skipShown, pass: skipShown.pass },
        skipHiddenRatio: { target: TARGET_RATIO.skipHidden, pass: skipHidden.pass },
        heapRatio: { target: TARGET_RATIO.heap, pass: heap.pass },
        persistedP95Ms: { target: TARGET_PERSIST_P95_MS, pass: persistOk },
      },
    }),
  );
}
