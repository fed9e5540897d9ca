import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.ts';
import { AnswerPage } from './pages/AnswerPage.ts';
import { StartPage } from './pages/StartPage.ts';
import { fillStorage } from './support/fullStorage.ts';
import { answersFor, loadSpec } from './support/specs.ts';
import { walkQuestionnaire } from './support/walk.ts';

const operative = loadSpec('stat-2021-operativ.v2.json');

/** A new response's first page on a 320 px wide screen. */
async function openFirstPageAt320(page: Page) {
  await page.setViewportSize({ width: 320, height: 640 });
  await new StartPage(page).goto();
  await new StartPage(page).start(operative.id);
}
const answers = answersFor(operative, {
  'op.status.innfort': {
    tjenester: 'nei',
    produkter: 'nei',
    prosesser: 'nei',
    kommunikasjon: 'nei',
  },
});

for (const language of ['nb', 'nn'] as const) {
  test(`every screen passes axe in ${language}, error states included`, async ({ page }) => {
    const start = new StartPage(page);
    await start.goto();
    if (language === 'nn') await start.switchLanguage();
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expectNoAxeViolations(page, 'start page');

    await start.start(operative.id);
    const answerPage = new AnswerPage(page);
    await expectNoAxeViolations(page, 'first page');

    await answerPage.next();
    await expect(page.locator('.ds-error-summary')).toBeFocused();
    await expectNoAxeViolations(page, 'first page with errors');

    await page.goto(`/svar/${answerPage.draftId()}/oppsummering`);
    await expect(page.locator('.review-issues')).toBeVisible();
    await expectNoAxeViolations(page, 'review with missing answers');

    await page.goBack();
    await walkQuestionnaire(page, operative, answers);
    await expectNoAxeViolations(page, 'review, complete');
    await page.getByRole('button', { name: 'Send inn' }).click();
    await expect(page.getByTestId('receipt')).toBeVisible();
    await expectNoAxeViolations(page, 'receipt');

    await start.goto();
    await expect(page.getByTestId('draft-card')).toBeVisible();
    await expectNoAxeViolations(page, 'start page with a submitted response');
  });
}

test('the storage error state passes axe', async ({ page }) => {
  await new StartPage(page).goto();
  await new StartPage(page).start(operative.id);
  const answerPage = new AnswerPage(page);
  const [q1] = await answerPage.visibleQuestionIds();
  await fillStorage(page);
  await answerPage.answer(operative, q1!, answers[q1!]!);
  await expect(page.getByTestId('save-error')).toBeVisible();
  await expectNoAxeViolations(page, 'save error');
});

test('no horizontal scrolling at 320 px, and the whole first page works with the keyboard alone', async ({
  page,
}) => {
  await openFirstPageAt320(page);
  const hasHorizontalScroll = await page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
  expect(hasHorizontalScroll).toBe(false);

  // From the page heading, Tab reaches the first option, which shows its focus; Space chooses it.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.keyboard.press('Tab');
  const first = page.locator('[data-name] input').first();
  await expect(first).toBeFocused();
  expect(await first.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
  const focusStyle = await first.evaluate((el) => {
    const style = getComputedStyle(el);
    return { outline: style.outlineStyle, shadow: style.boxShadow };
  });
  expect(focusStyle.outline !== 'none' || focusStyle.shadow !== 'none').toBe(true);
  await page.keyboard.press('Space');
  await expect(first).toBeChecked();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
});

test('each radio and checkbox sits level with the first line of its label, in a row at least 44 px high', async ({
  page,
}) => {
  await openFirstPageAt320(page);
  await expect(page.locator('.choice').first()).toBeVisible();
  const rows = await page.locator('.choice').evaluateAll((choices) =>
    choices.map((choice) => {
      const input = choice.querySelector('input')!.getBoundingClientRect();
      const label = choice.querySelector('label')!;
      // The first line box of the label's text, wherever the label wraps.
      const range = document.createRange();
      range.selectNodeContents(label);
      const firstLine = range.getClientRects()[0]!;
      return {
        offset: Math.abs(input.top + input.height / 2 - (firstLine.top + firstLine.height / 2)),
        height: choice.getBoundingClientRect().height,
      };
    }),
  );
  expect(rows.length).toBeGreaterThan(3);
  for (const row of rows) {
    expect(row.offset).toBeLessThanOrEqual(2);
    expect(row.height).toBeGreaterThanOrEqual(44);
  }
});
