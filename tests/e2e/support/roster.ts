import { expect } from '@playwright/test';
import {
  computeVisibility,
  hasValue,
  type AnswerValue,
  type Questionnaire,
} from '../../../src/engine/index.ts';
import type { CollectorPage } from '../pages/CollectorPage.ts';

/**
 * Checks of a collector's roster against what was done on the device: each
 * line's state, its words (from the app's own locale files, in the language
 * shown) and its progress, and that nothing claims what only the server
 * could confirm (SYNC.md SY21).
 */
/** What one respondent did on the device, for checking the roster and the server against it. */
export interface Respondent {
  readonly label: string;
  readonly spec: Questionnaire;
  id: string;
  given: Record<string, AnswerValue>;
  isSubmitted: boolean;
}

export const respondent = (label: string, spec: Questionnaire): Respondent => ({
  label,
  spec,
  id: '',
  given: {},
  isSubmitted: false,
});

/** «N av M spørsmål besvart»: answered among the questions the answers make visible. */
export function progress(r: Respondent) {
  const { questions, answers } = computeVisibility(r.spec, r.given);
  return {
    answered: [...questions].filter((id) => hasValue(answers[id])).length,
    total: questions.size,
  };
}

/** A line's state, its words and its progress say what was done on the device, and nothing more. */
export async function expectLine(
  collector: CollectorPage,
  r: Respondent,
  state: 'device' | 'submitting' | 'backedUp' | 'removed',
) {
  const entry = collector.entry(r.id);
  await expect(entry).toHaveAttribute('data-state', state);
  await expect(entry.getByRole('heading', { level: 3 })).toHaveText(r.label);
  const stateText = collector.stateOf(r.id);
  switch (state) {
    case 'device':
      await expect(stateText).toHaveText(collector.text('collector.state.device'));
      break;
    case 'submitting':
      await expect(stateText).toHaveText(collector.text('collector.state.submitting'));
      break;
    case 'backedUp':
    case 'removed':
      await expect(stateText).toHaveText(
        textPattern(collector, `collector.state.${state}`, { at: 'kl\\. \\d\\d:\\d\\d' }),
      );
      break;
  }
  if (state === 'removed') {
    // The answers left the device: no progress to count, nothing to continue.
    await expect(collector.progressOf(r.id)).toHaveCount(0);
    await expect(entry.getByRole('button', { name: /Fortsett|Hald fram/ })).toHaveCount(0);
  } else if (r.isSubmitted) {
    await expect(entry).toContainText(collector.text('start.completed'));
    await expect(collector.progressOf(r.id)).toHaveCount(0);
  } else {
    await expect(collector.progressOf(r.id)).toHaveText(
      collector.text('progress.answered', progress(r)),
    );
  }
}

export const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The app's text for `key` as a pattern, each value a regular expression's source. */
export function textPattern(
  collector: CollectorPage,
  key: string,
  values: Readonly<Record<string, string>>,
): RegExp {
  const names = Object.keys(values);
  const marked = collector.text(
    key,
    Object.fromEntries(names.map((n, i) => [n, `\u0000${i}\u0000`])),
  );
  const source = names.reduce(
    (text, name, i) => text.replace(`\u0000${i}\u0000`, values[name] ?? ''),
    escape(marked),
  );
  return new RegExp(`^${source}$`);
}

/** Offline, no line may claim what only the server could confirm. */
export async function expectNoClaims(collector: CollectorPage) {
  await expect(collector.roster).not.toContainText(
    /(Sikkerhetskopiert|Tryggleikskopiert|Sendt inn) /,
  );
  for (const state of await collector.page
    .getByTestId('roster-entry')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.state)))
    expect(['device', 'submitting']).toContain(state);
}

/**
 * The whole roster while the device is offline: one line per respondent so
 * far, newest first, each saying what was done with it and nothing more.
 */
export async function expectOfflineRoster(
  collector: CollectorPage,
  collected: readonly Respondent[],
) {
  await expect(collector.rosterHeading).toBeVisible();
  await expect(collector.page.getByTestId('roster-entry')).toHaveCount(collected.length);
  expect(await collector.rosterOrder()).toEqual(collected.map((r) => r.id).reverse());
  for (const r of collected)
    await expectLine(collector, r, r.isSubmitted ? 'submitting' : 'device');
  await expectNoClaims(collector);
}
