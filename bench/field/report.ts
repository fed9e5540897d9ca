import { kib, round } from '../app/stats.ts';
import type { FieldRun } from './run.ts';

/** The report of `npm run bench:field`: one block per database, then one JSON line. */

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const percent = (part: number, whole: number) =>
  whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`;
const counts = (record: Readonly<Record<string, number>>) =>
  Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key} ${n}`)
    .join(', ') || 'none';
const line = (label: string, value: string) => console.log(`  ${label.padEnd(40)}${value}`);

export const isPassed = (run: FieldRun) =>
  !run.isCapHit && run.checks.every((c) => c.problems.length === 0);

/** How many discrepancies of each check are printed; the count says how many there were. */
const SHOWN = 10;

export function printRun(run: FieldRun): void {
  const { link, browser } = run;
  line(
    'queued',
    `${run.responses} responses (${run.submitted} submitted, ${run.responses - run.submitted} partial), ` +
      `${run.saves} saves`,
  );
  line(
    'time to queue',
    `${seconds(run.queueMs)} in the page (${round(run.queueMs / run.responses)} ms a response), ` +
      `${seconds(run.queueWallMs)} as the bench waited`,
  );
  line(
    'time to sync',
    `${seconds(run.syncMs)}, ${round(run.responses / (run.syncMs / 1000), 2)} responses/s`,
  );
  line(
    '«Send alle» presses',
    `${run.presses.length}${run.isCapHit ? ' — the cap, with responses still queued' : ''}`,
  );
  line(
    'requests through the link (sync)',
    `${link.requests} (${link.affected} to /api/), ${link.forwarded} forwarded`,
  );
  line(
    'dropped before the server',
    `${link.droppedRequests} (${percent(link.droppedRequests, link.affected)})`,
  );
  line(
    'cut after the server answered',
    `${link.cutResponses} (${percent(link.cutResponses, link.affected)}); upstream errors ${link.upstreamErrors}`,
  );
  line('body bytes', `${kib(link.bytesUp)} up, ${kib(link.bytesDown)} down`);
  line(
    'requests the page made to /api/',
    `${browser.apiRequests}; resent by Chromium itself, unseen by the app: ${link.affected - browser.apiRequests}`,
  );
  line(
    'PUTs the page sent',
    `${browser.puts}, ${browser.failed} failed; status ${counts(browser.statuses)}`,
  );
  line('acknowledgements received whole', counts(browser.outcomes));
  console.log('  checks');
  for (const check of run.checks) {
    const ok = check.problems.length === 0;
    console.log(
      `    ${ok ? 'PASS' : 'FAIL'}  ${check.name} (${check.checked})` +
        (ok ? '' : `: ${check.problems.length} discrepancies`),
    );
    for (const problem of check.problems.slice(0, SHOWN)) console.log(`            ${problem}`);
  }
}

export function printJson(runs: readonly FieldRun[], settings: object, totalMs: number): void {
  console.log(
    JSON.stringify({
      bench: 'field',
      settings,
      seconds: round(totalMs / 1000),
      results: runs.map((run) => ({
        database: run.database,
        passed: isPassed(run),
        responses: run.responses,
        submitted: run.submitted,
        queueMs: Math.round(run.queueMs),
        syncMs: Math.round(run.syncMs),
        responsesPerSecond: round(run.responses / (run.syncMs / 1000), 2),
        presses: run.presses.length,
        isCapHit: run.isCapHit,
        link: run.link,
        browser: run.browser,
        checks: run.checks.map((c) => ({ name: c.name, problems: c.problems.length })),
      })),
    }),
  );
}
