import { expect, test } from '@playwright/test';
import { compile, localize } from '../../src/engine/index.ts';
import { AnswerPage } from './pages/AnswerPage.ts';
import { StartPage } from './pages/StartPage.ts';
import { answersFor, loadSpec } from './support/specs.ts';
import { expectedPages, walkQuestionnaire } from './support/walk.ts';

const strategic = loadSpec('stat-2021-strategisk.v2.json');
const SIZE = 'strat.bakgrunn.ansatte';
const STATUS = 'strat.status.innovasjon';

test('the review shows every answer; «Endre» opens the question and comes back to the review, which then shows the new answer', async ({
  page,
}) => {
  const answers = answersFor(strategic, { 'strat.status.innovasjon': 'jobber_ikke' });
  const entry = compile(strategic).entries.get(SIZE);
  const [firstOption, secondOption] = entry?.options ?? [];
  if (!entry || !firstOption || !secondOption) throw new Error(`${SIZE} needs two options`);
  const questionText = localize(entry.question.text, 'nb', strategic);

  const start = new StartPage(page);
  await start.goto();
  await start.start(strategic.id);
  await walkQuestionnaire(page, strategic, answers);
  await expect(page).toHaveURL(/\/oppsummering$/);

  const summary = page.getByTestId('answer-summary');
  const sizeItem = summary.locator(`[data-question="${SIZE}"]`);
  await expect(sizeItem).toContainText(questionText);
  await expect(sizeItem).toContainText(localize(firstOption.text, 'nb', strategic));
  // A page the answers hide is not read back.
  await expect(summary.locator('[data-question^="strat.innsats."]')).toHaveCount(0);

  await sizeItem.getByRole('link', { name: `Endre svaret på: ${questionText}` }).click();
  await expect(page).toHaveURL(new RegExp(`/${entry.section.id}#`));
  const answerPage = new AnswerPage(page);
  await answerPage.answer(strategic, SIZE, secondOption.id);
  await answerPage.waitUntilSaved();
  await page.getByRole('button', { name: 'Tilbake til oppsummeringen' }).click();

  await expect(page).toHaveURL(/\/oppsummering$/);
  await expect(sizeItem).toContainText(localize(secondOption.text, 'nb', strategic));
  await expect(page.getByText('Du har svart på alle spørsmålene')).toBeVisible();

  // Back in the ordinary flow: the page's button is «Neste» again.
  await page.getByRole('button', { name: 'Tilbake', exact: true }).click();
  await expect(page.getByRole('button', { name: /^(Neste|Gå til oppsummering)$/ })).toBeVisible();
  await answerPage.next();
  await expect(page).toHaveURL(/\/oppsummering$/);
  await page.getByRole('button', { name: 'Send inn' }).click();
  await expect(page.getByRole('heading', { name: 'Takk for svarene!' })).toBeVisible();
});

test('an answer that adds pages says so beside the page count', async ({ page }) => {
  const start = new StartPage(page);
  await start.goto();
  await start.start(strategic.id);
  const answerPage = new AnswerPage(page);
  const beforeStatus = Object.fromEntries(
    Object.entries(answersFor(strategic)).filter(([id]) => id !== STATUS),
  );
  await walkQuestionnaire(page, strategic, beforeStatus, { stopAfter: 1 });
  await expect(page).toHaveURL(/\/status$/);
  const atOpen = expectedPages(strategic, beforeStatus).length;
  const pagesWith = (status: string) =>
    expectedPages(strategic, { ...beforeStatus, [STATUS]: status }).length;
  const progress = page.locator('.progress');
  const change = progress.locator('.progress-change');
  await expect(progress).toContainText(`av ${atOpen}`);
  await expect(change).toBeEmpty();

  await answerPage.answer(strategic, STATUS, 'forankret');
  const added = pagesWith('forankret') - atOpen;
  expect(added).toBeGreaterThan(1);
  await expect(progress).toContainText(`av ${pagesWith('forankret')}`);
  await expect(change).toHaveText(`Svaret ditt ga ${added} sider mer å svare på.`);

  // Back to the count the page opened with: nothing to explain any more.
  await answerPage.answer(strategic, STATUS, 'jobber_ikke');
  await expect(progress).toContainText(`av ${pagesWith('jobber_ikke')}`);
  if (pagesWith('jobber_ikke') === atOpen) await expect(change).toBeEmpty();
});
