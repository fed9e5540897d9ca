import type { CDPSession, Page } from '@playwright/test';
import { sourceModules } from './sourceModules.ts';
import { median, ms } from './stats.ts';
import type { AnswerSample, TransitionSample } from './walk.ts';

/**
 * `BENCH_PROFILE_TAP=1 npm run bench:app`: where a tap's main-thread time
 * goes. Each measured click (and each «Neste») of one walk is wrapped in its
 * own CDP CPU profile of the page (`Profiler.start`/`stop`), from just before
 * the click until the probe's sample is complete (paint, "saved" shown, the
 * next frame). The React commits in the same span come from the DevTools
 * hook (`REACT_COMMITS` in `probe.ts`). The build is unminified, so function
 * and component names are the source's; the chunks' source maps tell which
 * module a function is in.
 */

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}
export interface Commit {
  readonly at: number;
  readonly rendered: readonly { readonly name: string; readonly mounted: boolean }[];
}
interface Recording {
  readonly kind: 'tap' | 'page';
  readonly label: string;
  readonly clickedAt: number | null;
  /** The click's dispatch → the frame that painted the change, ms; null when unknown («Neste»). */
  readonly paint: number | null;
  readonly profile: CpuProfile;
  readonly commits: readonly Commit[];
}

/** Sampling every 100 µs: a throttled tap of ~50 ms gives ~500 samples. */
const SAMPLING_INTERVAL_US = 100;

export interface TapRecorder {
  readonly around: <T>(kind: 'tap' | 'page', run: () => Promise<T>) => Promise<T>;
  readonly recordings: readonly Recording[];
}

export async function tapRecorder(page: Page): Promise<TapRecorder> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  const recordings: Recording[] = [];
  const takeCommits = () =>
    page.evaluate<Commit[]>('window.__benchReact ? window.__benchReact.take() : []');
  return {
    recordings,
    around: async <T>(kind: 'tap' | 'page', run: () => Promise<T>): Promise<T> => {
      await takeCommits();
      await cdp.send('Profiler.start');
      const result = await run();
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      const sample = result as Partial<AnswerSample & TransitionSample>;
      recordings.push({
        kind,
        label:
          kind === 'tap'
            ? `${sample.question ?? '?'} (${sample.type ?? '?'})`
            : `${sample.from ?? '?'} → ${sample.to ?? '?'}`,
        clickedAt: sample.clickedAt ?? null,
        // The window starts when the click's dispatch began, so it ends `paint − dispatched` later.
        paint: sample.paint === undefined ? null : sample.paint - (sample.dispatched ?? 0),
        profile,
        commits: await takeCommits(),
      });
      return result;
    },
  };
}

/** Names the module of a frame: from the chunk's source map, else the script's file name. */
export function moduleResolver(roots: ReadonlyMap<string, string>) {
  const fromMap = sourceModules(roots);
  return (frame: CallFrame): string => {
    if (frame.functionName.startsWith('(') && frame.url === '') return frame.functionName;
    if (frame.url === '' || frame.url.startsWith('bench-') || frame.url.includes('__playwright')) {
      return BENCH_SCRIPTS;
    }
    return (
      fromMap(frame.url, frame.lineNumber, frame.columnNumber) ??
      frame.url.split('/').pop() ??
      frame.url
    );
  };
}

const BENCH_SCRIPTS = '(bench probe, Playwright)';

/**
 * A browser API (getBoundingClientRect, postMessage, pushState …): no script
 * of its own. Its time belongs to whoever called it.
 */
const isNative = (frame: CallFrame) =>
  frame.url === '' && frame.functionName !== '' && !frame.functionName.startsWith('(');

// ---------------------------------------------------------------------------
// Aggregation
// ---------------------------------------------------------------------------
interface Totals {
  /** Busy (non-idle) time of each recording, ms. */
  readonly busy: number[];
  readonly byFunction: Map<string, { name: string; module: string; self: number; total: number }>;
  readonly byModule: Map<string, { self: number; total: number }>;
  readonly byCategory: Map<string, number>;
}

const CATEGORY = new Map([
  ['(program)', 'native (style, layout, paint, event dispatch, parsing)'],
  ['(garbage collector)', 'garbage collection'],
]);

/**
 * Which samples of a recording fall between the click and the paint: from the
 * first sample inside the probe's click listener (which runs first, in the
 * capture phase) until the frame that painted the choice. The time the click
 * waited for the main thread before its dispatch is not in the window.
 */
function paintWindow(recording: Recording): ((at: number) => boolean) | null {
  const { profile, paint } = recording;
  if (paint === null) return null;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const inClick = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = nodes.get(at)?.callFrame;
      if (frame?.functionName === 'onClick' && (frame.url === '' || frame.url.startsWith('bench-')))
        return true;
    }
    return false;
  };
  let time = 0;
  for (const [i, id] of profile.samples.entries()) {
    time += (profile.timeDeltas[i] ?? 0) / 1000;
    if (inClick(id)) {
      const from = time;
      return (at) => at >= from && at <= from + paint;
    }
  }
  return null;
}

function aggregate(
  recordings: readonly Recording[],
  moduleOf: (f: CallFrame) => string,
  untilPaint = false,
): Totals {
  const totals: Totals = {
    busy: [],
    byFunction: new Map(),
    byModule: new Map(),
    byCategory: new Map(),
  };
  for (const recording of recordings) {
    const { profile } = recording;
    const window = untilPaint ? paintWindow(recording) : null;
    if (untilPaint && !window) continue;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes)
      for (const child of node.children ?? []) parent.set(child, node.id);
    const modules = new Map<number, string>();
    const moduleAt = (id: number): string => {
      const known = modules.get(id);
      if (known !== undefined) return known;
      const frame = nodes.get(id)?.callFrame;
      const up = parent.get(id);
      const module =
        frame && isNative(frame)
          ? up === undefined
            ? '(native)'
            : moduleAt(up)
          : frame
            ? moduleOf(frame)
            : '?';
      modules.set(id, module);
      return module;
    };
    let busy = 0;
    let time = 0;
    profile.samples.forEach((id, i) => {
      time += (profile.timeDeltas[i] ?? 0) / 1000;
      if (window && !window(time)) return;
      const node = nodes.get(id);
      // A sample lasts until the next one.
      const duration = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      if (!node || node.callFrame.functionName === '(idle)' || duration <= 0) return;
      busy += duration;
      const selfModule = moduleAt(id);
      const category = CATEGORY.get(node.callFrame.functionName) ?? 'JavaScript';
      totals.byCategory.set(category, (totals.byCategory.get(category) ?? 0) + duration);
      const selfEntry = totals.byModule.get(selfModule) ?? { self: 0, total: 0 };
      selfEntry.self += duration;
      totals.byModule.set(selfModule, selfEntry);
      // Total time counts a sample once per function and once per module on its stack (recursion).
      const seenFunctions = new Set<string>();
      const seenModules = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = nodes.get(at)?.callFrame;
        if (!frame || frame.functionName === '(root)') continue;
        const module = moduleAt(at);
        // A browser API is listed once per module calling it.
        const key = `${frame.functionName}|${frame.url}|${frame.lineNumber}|${frame.columnNumber}|${isNative(frame) ? module : ''}`;
        const entry = totals.byFunction.get(key) ?? {
          name: isNative(frame)
            ? `${frame.functionName} (native)`
            : frame.functionName || '(anonymous)',
          module,
          self: 0,
          total: 0,
        };
        if (at === id) entry.self += duration;
        if (!seenFunctions.has(key)) entry.total += duration;
        seenFunctions.add(key);
        totals.byFunction.set(key, entry);
        if (!seenModules.has(module)) {
          const m = totals.byModule.get(module) ?? { self: 0, total: 0 };
          m.total += duration;
          totals.byModule.set(module, m);
        }
        seenModules.add(module);
      }
    });
    totals.busy.push(busy);
  }
  return totals;
}

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------
const f1 = (n: number) => n.toFixed(1).padStart(8);
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`.padStart(7);

function printCpu(title: string, recordings: readonly Recording[], totals: Totals, top: number) {
  const all = totals.busy.reduce((a, b) => a + b, 0);
  const n = totals.busy.length;
  console.log(
    `\n${title}: ${n} recorded, main thread busy ${ms(median(totals.busy))} median per ${recordings[0]?.kind === 'page' ? '«Neste»' : 'tap'} ` +
      `(min ${ms(Math.min(...totals.busy))}, max ${ms(Math.max(...totals.busy))}; ${all.toFixed(0)} ms in all, throttled time)`,
  );
  const probe = totals.byModule.get(BENCH_SCRIPTS)?.self ?? 0;
  console.log(
    `  the bench's own scripts (probe, React hook, Playwright) took ${(probe / n).toFixed(1)} ms of that per ${recordings[0]?.kind === 'page' ? '«Neste»' : 'tap'}`,
  );
  console.log(
    `  all of it by kind: ${[...totals.byCategory]
      .sort((a, b) => b[1] - a[1])
      .map(([name, t]) => `${name} ${pct(t, all).trim()}`)
      .join(', ')}`,
  );
  const per = recordings[0]?.kind === 'page' ? 'per «Neste»' : '    per tap';
  console.log(
    `\n  top ${top} functions by self time`.padEnd(40) +
      `self ms   self % ${per}  total ms  module`,
  );
  const functions = [...totals.byFunction.values()].sort((a, b) => b.self - a.self).slice(0, top);
  for (const fn of functions) {
    console.log(
      `  ${fn.name.slice(0, 38).padEnd(38)}${f1(fn.self)} ${pct(fn.self, all)}  ${f1(fn.self / n)}  ${f1(fn.total)}  ${fn.module}`,
    );
  }
  console.log(
    `\n  by module (total = time with the module anywhere on the stack)   self ms   total ms  total ${per.trim()}`,
  );
  const modules = [...totals.byModule].sort((a, b) => b[1].total - a[1].total).slice(0, top);
  for (const [module, t] of modules) {
    console.log(
      `  ${module.slice(0, 62).padEnd(62)}${f1(t.self)}   ${f1(t.total)}     ${f1(t.total / n)}`,
    );
  }
}

/** The commits from the click on; those before it are the previous click's tail. */
const fromClick = (r: Recording) =>
  r.clickedAt === null ? r.commits : r.commits.filter((c) => c.at >= r.clickedAt!);

function printCommits(recordings: readonly Recording[], examples: number) {
  const n = recordings.length;
  if (n === 0) return;
  const kind = recordings[0]?.kind === 'page' ? '«Neste»' : 'tap';
  if (recordings.every((r) => r.commits.length === 0)) {
    console.log(`\n  React commits: none seen (the DevTools hook was not picked up)`);
    return;
  }
  const commits = recordings.map((r) => fromClick(r).length);
  const rendered = recordings.map((r) => fromClick(r).reduce((k, c) => k + c.rendered.length, 0));
  const tails = recordings.reduce((k, r) => k + r.commits.length - fromClick(r).length, 0);
  console.log(
    `\n  React commits per ${kind}, from the click until the sample was complete: median ${median(commits)} (max ${Math.max(...commits)}); ` +
      `components rendered per ${kind}: median ${median(rendered)} (max ${Math.max(...rendered)})`,
  );
  if (tails > 0) {
    console.log(
      `  + ${tails} commit(s) in all after a sample was complete and before the next click (listed below as "before the click")`,
    );
  }
  const byName = new Map<string, { renders: number; mounts: number }>();
  for (const r of recordings) {
    for (const c of fromClick(r)) {
      for (const { name, mounted } of c.rendered) {
        const entry = byName.get(name) ?? { renders: 0, mounts: 0 };
        entry.renders += 1;
        if (mounted) entry.mounts += 1;
        byName.set(name, entry);
      }
    }
  }
  console.log(`  components rendered, per ${kind} on average (of which mounted):`);
  const names = [...byName].sort((a, b) => b[1].renders - a[1].renders);
  for (let i = 0; i < names.length; i += 3) {
    const cells = names.slice(i, i + 3).map(([name, e]) => {
      const mounts = e.mounts > 0 ? ` (${(e.mounts / n).toFixed(2)})` : '';
      return `${name.slice(0, 24)} ${(e.renders / n).toFixed(2)}${mounts}`.padEnd(40);
    });
    console.log(`    ${cells.join('').trimEnd()}`);
  }
  console.log(
    `  the first ${Math.min(examples, n)} ${kind === 'tap' ? 'taps' : '«Neste»'}, commit by commit (time since the click):`,
  );
  for (const r of recordings.slice(0, examples)) {
    console.log(`    ${r.label}: ${fromClick(r).length} commit(s)`);
    for (const c of r.commits) {
      const since = r.clickedAt === null ? null : c.at - r.clickedAt;
      const at =
        since === null ? '' : since < 0 ? 'before the click: ' : `+${since.toFixed(0)} ms: `;
      const counts = new Map<string, number>();
      for (const { name } of c.rendered) counts.set(name, (counts.get(name) ?? 0) + 1);
      const list = [...counts].map(([name, k]) => (k > 1 ? `${name} ×${k}` : name)).join(', ');
      console.log(`      ${at}${c.rendered.length} rendered: ${list || '(none)'}`);
    }
  }
}

/** The app's tap and «Neste» profiles in full, and the bare page's as a yardstick. */
export function printTapProfile(
  app: readonly Recording[],
  bare: readonly Recording[],
  moduleOf: (frame: CallFrame) => string,
  top = 25,
) {
  const appTaps = app.filter((r) => r.kind === 'tap');
  const appPages = app.filter((r) => r.kind === 'page');
  const bareTaps = bare.filter((r) => r.kind === 'tap');
  const barePages = bare.filter((r) => r.kind === 'page');
  printCpu('App, taps (radio and checkbox clicks)', appTaps, aggregate(appTaps, moduleOf), top);
  printCommits(appTaps, 3);
  printCpu(
    'App, taps, from the click until its paint only',
    appTaps,
    aggregate(appTaps, moduleOf, true),
    top,
  );
  printCpu('App, «Neste» (page changes)', appPages, aggregate(appPages, moduleOf), 15);
  printCommits(appPages, 1);
  const bareTapTotals = aggregate(bareTaps, moduleOf);
  const barePageTotals = aggregate(barePages, moduleOf);
  console.log('\nBare page, for comparison (same walk, same throttling)');
  console.log(
    `  main thread busy per tap: median ${ms(median(bareTapTotals.busy))}; per «Neste»: median ${ms(median(barePageTotals.busy))}`,
  );
  printCpu('Bare page, taps', bareTaps, bareTapTotals, 10);
  printCommits(bareTaps, 1);
  printCpu(
    'Bare page, taps, from the click until its paint only',
    bareTaps,
    aggregate(bareTaps, moduleOf, true),
    top,
  );
}
