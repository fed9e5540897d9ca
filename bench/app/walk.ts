import type { Page } from '@playwright/test';
import { compile, type Questionnaire } from '../../src/engine/index.ts';
import { withTimeout } from './browser.ts';

/**
 * The respondent of `npm run bench:app`: answers every page up to the
 * review, the same way on the app and on the bare page, measuring each click
 * and each «Neste» with the in-page probe (`probe.ts`).
 */

export interface AnswerSample {
  readonly question: string;
  readonly type: string;
  /** The click's time in the page (performance.now()). */
  readonly clickedAt: number;
  /** Click → the end of the frame that painted the choice checked. */
  readonly paint: number;
  /** Click (the input's time stamp) → its dispatch began: how long the click waited for the main thread. */
  readonly dispatched: number;
  /** Click → the first ordinary task after that frame: the main thread free again (not a target). */
  readonly free: number;
  readonly rendered: boolean;
  readonly saved: number | null;
  readonly opened: number | null;
  readonly committed: number | null;
  /** Made in a worker, whose CPU the bench cannot throttle. */
  readonly inWorker: boolean | null;
  readonly stored: boolean;
  /** Click → the dependent question shown (or gone) and painted; null when none was armed or it never happened. */
  readonly dependent: number | null;
  readonly eventTiming: number | null;
}
export interface SkipSample extends AnswerSample {
  /** The click showed the dependent question (else it hid it). */
  readonly shows: boolean;
}
export interface TransitionSample {
  /** The click's time in the page (performance.now()). */
  readonly clickedAt: number;
  readonly from: string | null;
  readonly to: string | null;
  readonly ready?: number;
  readonly painted?: number;
}
export interface WalkResult {
  readonly answers: AnswerSample[];
  readonly skips: SkipSample[];
  readonly transitions: TransitionSample[];
}

/** A radio whose answer shows a follow-up question on the same page. */
export interface SkipPair {
  readonly section: string;
  /** The single-choice question clicked. */
  readonly question: string;
  /** The option that shows `dependent`, and one that hides it. */
  readonly shows: string;
  readonly hides: string;
  readonly dependent: string;
}

/**
 * The first single-choice question whose answer alone shows another question
 * of its page (`visibleIf: { equals }`, e.g. «Har dere spredt …» → «Hvilke
 * kanaler …» in the operative questionnaire); failing that, an «Annet»
 * option showing its text field (`specifies`). Null when the questionnaire
 * has neither.
 */
export function findSkipPair(spec: Questionnaire): SkipPair | null {
  const compiled = compile(spec);
  const candidates = compiled.questions.flatMap(
    (entry): { pair: SkipPair; explicit: boolean }[] => {
      const condition = entry.condition;
      if (!condition || !('equals' in condition) || condition.row !== undefined) return [];
      const source = compiled.entries.get(condition.equals);
      if (source?.question.type !== 'single' || source.section.id !== entry.section.id) return [];
      const shows = String(condition.value);
      const hides = source.options.find((o) => o.id !== shows)?.id;
      if (hides === undefined) return [];
      const pair = {
        section: entry.section.id,
        question: source.question.id,
        shows,
        hides,
        dependent: entry.question.id,
      };
      return [{ pair, explicit: entry.question.visibleIf !== undefined }];
    },
  );
  return (candidates.find((c) => c.explicit) ?? candidates[0])?.pair ?? null;
}

export interface WalkOptions {
  /**
   * 'verify': wait for "saved" after each click and read the answer back from
   * IndexedDB (the app); 'saved': only wait for "saved" (the tap profile);
   * 'none': the page saves nothing (the bare page).
   */
  readonly persist: 'verify' | 'saved' | 'none';
  readonly skip: SkipPair | null;
  /** How many times the skip question is answered to hide and show its dependent again. */
  readonly toggles: number;
  readonly pages: number;
  /** Between answers, roughly a fast respondent. */
  readonly pauseMs: number;
  /** Wraps each measured click ('tap') and «Neste» ('page'), from the click to its sample (the tap profile). */
  readonly around?: <T>(kind: 'tap' | 'page', run: () => Promise<T>) => Promise<T>;
}

/**
 * Clicks the element at its centre with the mouse, as Playwright's
 * `locator.click()` would, but aimed by the probe in one round trip: the
 * actionability checks of `click()` cost a few hundred milliseconds a click
 * on a throttled page, and a walk has some sixty clicks.
 */
async function clickOn(page: Page, selector: string) {
  const point = await page.evaluate<{ x: number; y: number } | null>(
    `window.__bench.aim(${JSON.stringify(selector)})`,
  );
  if (!point) throw new Error(`nothing to click: ${selector}`);
  await page.mouse.click(point.x, point.y);
}

async function measuredTap(
  page: Page,
  selector: string,
  options: WalkOptions,
  dependent: { name: string; shows: boolean } | null = null,
): Promise<AnswerSample> {
  await page.evaluate(
    `window.__bench.armAnswer(${JSON.stringify({ persist: options.persist, dependent })})`,
  );
  const run = async () => {
    await clickOn(page, selector);
    return withTimeout(
      page.evaluate<AnswerSample>('window.__bench.answer'),
      20_000,
      `answer (${selector})`,
    );
  };
  const sample = await (options.around ? options.around('tap', run) : run());
  await page.waitForTimeout(options.pauseMs);
  return sample;
}

/**
 * Shows and hides the dependent question `toggles` times, then shows it once
 * more, so that the rest of the walk answers the page as it would have.
 */
async function toggleSkip(page: Page, pair: SkipPair, options: WalkOptions, skips: SkipSample[]) {
  const option = (id: string) =>
    `form[data-section] [data-name="${pair.question}"] input[value="${id}"]`;
  for (let i = 0; i <= options.toggles; i++) {
    const shown = await measuredTap(page, option(pair.shows), options, {
      name: pair.dependent,
      shows: true,
    });
    skips.push({ ...shown, shows: true });
    if (i === options.toggles) break;
    const hidden = await measuredTap(page, option(pair.hides), options, {
      name: pair.dependent,
      shows: false,
    });
    skips.push({ ...hidden, shows: false });
  }
}

/**
 * Playwright evaluates a string predicate with `eval` on every poll, which the app's CSP (no
 * 'unsafe-eval') refuses once polling goes on past the first check; a string that evaluates to a
 * function is evaluated once, during the CDP call, and the function is then called directly.
 */
async function waitForSaved(page: Page) {
  await page.waitForFunction('() => window.__bench.saveState() !== "pending"', undefined, {
    timeout: 10_000,
  });
}

/**
 * Answers the current page: every unanswered radio group and checkbox group
 * (first option, which keeps the operative questionnaire's gated pages
 * visible) with a measured click, then fills text and number fields.
 */
async function answerPage(page: Page, samples: AnswerSample[], options: WalkOptions) {
  for (let guard = 0; guard < 100; guard++) {
    const next = await page.evaluate<string | null>('window.__bench.nextGroup()');
    if (next === null) break;
    samples.push(await measuredTap(page, `form[data-section] input[name="${next}"]`, options));
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
  if (count > 0) await page.waitForTimeout(400); // the app's typing debounce (250 ms)
  await waitForSaved(page);
}

/** Every page up to the review (or the first `pages`), from the page now shown. */
export async function walk(page: Page, options: WalkOptions): Promise<WalkResult> {
  const answers: AnswerSample[] = [];
  const skips: SkipSample[] = [];
  const transitions: TransitionSample[] = [];
  for (let i = 0; i < options.pages; i++) {
    const section = await page.evaluate<string | null>(
      `document.querySelector('form[data-section]')?.getAttribute('data-section') ?? null`,
    );
    if (options.skip && section === options.skip.section) {
      await toggleSkip(page, options.skip, options, skips);
    }
    await answerPage(page, answers, options);
    if (i === options.pages - 1) break;
    await page.evaluate('window.__bench.armTransition()');
    const run = async () => {
      await clickOn(page, 'form[data-section] button[type="submit"]');
      return withTimeout(
        page.evaluate<TransitionSample>('window.__bench.transition'),
        20_000,
        'page transition',
      );
    };
    const transition = await (options.around ? options.around('page', run) : run());
    // The last page leads to the review, which is not a questionnaire page: not counted.
    if (transition.to === '(review)') break;
    transitions.push(transition);
    if (transition.to === null) break;
  }
  return { answers, skips, transitions };
}
