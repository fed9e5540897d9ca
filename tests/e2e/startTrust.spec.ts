import { expect, test, type Locator, type Page } from '@playwright/test';
import type { Questionnaire } from '../../src/engine/index.ts';
import { questionDomId } from '../../src/features/questionnaire/domIds.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { StartPage } from './pages/StartPage.ts';
import { answersFor, loadSpec } from './support/specs.ts';
import { expectedPages, walkQuestionnaire } from './support/walk.ts';
import { AnswerPage } from './pages/AnswerPage.ts';

/**
 * Issue 16.3 and 16.4: the start page says who runs each survey, how to reach
 * them and who should answer it, and links to the privacy statement, which
 * opens offline; grids are tables on a tablet and stacked on a phone, with
 * each control level with its label's first line; on a long page «Neste» is
 * in reach without scrolling.
 */
const strategic = loadSpec('stat-2021-strategisk.v2.json');
const operative = loadSpec('stat-2021-operativ.v2.json');
const STRATEGIC_PATH = { 'strat.status.innovasjon': 'forankret' } as const;

const DIGDIR_URL = 'https://www.digdir.no/innovasjon/innovasjonsbarometeret/2300';
const KS_URL =
  'https://www.ks.no/fagomrader/innovasjon/innovasjonsledelse/innovasjonsbarometeret-2020/';

async function expectNoSidewaysScroll(page: Page, screen: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${screen} pans sideways`).toBe(0);
}

/** Opens the page of `spec` that holds `questionId`, answering the pages before it. */
async function openPageOf(page: Page, spec: Questionnaire, questionId: string, overrides = {}) {
  const answers = answersFor(spec, overrides);
  const section = spec.sections.find((s) => s.questions.some((q) => q.id === questionId));
  const index = expectedPages(spec, answers).indexOf(section?.id ?? '');
  expect(index, `${questionId} is on a page of the walk`).toBeGreaterThanOrEqual(0);
  const start = new StartPage(page);
  await start.goto();
  await start.start(spec.id);
  const walked =
    index > 0 ? await walkQuestionnaire(page, spec, answers, { stopAfter: index }) : { given: {} };
  await expect(page.locator(`form[data-section="${section?.id}"]`)).toBeVisible();
  return walked.given;
}

/**
 * How far the control's centre is from the centre of its label's first line, in px: the first
 * line box of the text is measured with a Range, so it holds for labels of any length.
 */
async function offsetFromFirstLine(control: Locator, text: Locator): Promise<number> {
  const box = await control.boundingBox();
  const line = await text.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const first = range.getClientRects()[0];
    return first ? { y: first.y, height: first.height } : null;
  });
  if (!box || !line) throw new Error('control or label not laid out');
  return Math.abs(box.y + box.height / 2 - (line.y + line.height / 2));
}

test('the start page names who runs each survey, how to reach them and who should answer, and links to «Personvern», in nb and nn', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 740 });
  const start = new StartPage(page);
  await start.goto();

  const strategicCard = start.card(strategic.id);
  const operativeCard = start.card(operative.id);
  await expect(strategicCard.getByTestId('audience')).toContainText(
    'Den øverste lederen i en statlig virksomhet',
  );
  await expect(operativeCard.getByTestId('audience')).toContainText(
    'Lederen for en arbeidsplass i en statlig virksomhet',
  );
  for (const card of [strategicCard, operativeCard]) {
    await expect(
      card.getByRole('link', { name: 'Digitaliseringsdirektoratet (Digdir)' }),
    ).toHaveAttribute('href', DIGDIR_URL);
  }
  const cards = page.locator('[data-testid^="questionnaire-"]');
  const ks = cards.last();
  await expect(ks).toHaveAttribute('data-testid', 'questionnaire-ks-2020-kommune');
  await expect(ks).toHaveAttribute('data-completeness', 'partial');
  await expect(ks.locator('h3')).toContainText('Ufullstendig');
  await expect(
    ks.getByRole('link', { name: 'KS (Kommunesektorens organisasjon)' }),
  ).toHaveAttribute('href', KS_URL);
  const footer = page.getByRole('contentinfo');
  await expect(
    footer.getByRole('link', { name: 'Digitaliseringsdirektoratet (Digdir)' }),
  ).toBeVisible();
  await expect(footer.getByRole('link', { name: 'Personvern' })).toHaveAttribute(
    'href',
    '/personvern',
  );
  await expectNoSidewaysScroll(page, 'start page (nb)');
  await expectNoAxeViolations(page, 'start page (nb)');

  await page.getByRole('link', { name: 'Personvern: slik behandler vi svarene dine' }).click();
  await expect(page).toHaveURL(/\/personvern$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Personvern' })).toBeVisible();
  await expect(page).toHaveTitle('Personvern – Barometer');
  await expect(page.getByRole('heading', { level: 2, name: 'Hva vi lagrer' })).toBeVisible();
  await expect(page.getByTestId('privacy')).toContainText('bare en kontrollsum (hash)');
  // The operator's examples are marked as such; the facts are not.
  await expect(page.locator('section[data-example="true"] h2')).toHaveText([
    /Hvem som er ansvarligEksempeltekst/,
    /BehandlingsgrunnlagEksempeltekst/,
    /Hvor lenge svarene lagresEksempeltekst/,
  ]);
  await expect(
    page
      .getByRole('region', { name: 'Kontakt' })
      .getByRole('link', { name: 'KS (Kommunesektorens organisasjon)' }),
  ).toHaveAttribute('href', KS_URL);
  await expectNoSidewaysScroll(page, 'personvern (nb)');
  await expectNoAxeViolations(page, 'personvern (nb)');

  await start.switchLanguage();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nn');
  await expect(page.getByRole('heading', { level: 2, name: 'Kva vi lagrar' })).toBeVisible();
  await expect(page.getByTestId('privacy')).toContainText('berre ein kontrollsum (hash)');
  await expectNoAxeViolations(page, 'personvern (nn)');

  await page.getByRole('link', { name: 'Til startsida' }).click();
  await expect(strategicCard.getByTestId('audience')).toContainText(
    'Kven skal svareDen øvste leiaren i ei statleg verksemd',
  );
  await expect(
    page.getByRole('link', { name: 'Personvern: slik behandlar vi svara dine' }),
  ).toHaveAttribute('href', '/personvern');
  await expectNoSidewaysScroll(page, 'start page (nn)');
  await expectNoAxeViolations(page, 'start page (nn)');
});

test('«Personvern» opens offline after the first visit', async ({ page, context }) => {
  await new StartPage(page).goto();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  await context.setOffline(true);
  try {
    await page.goto('/personvern');
    await expect(page.getByRole('heading', { level: 1, name: 'Personvern' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Rettighetene dine' })).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});

test('on a tablet a grid is a table with the options as column headers and one radio group per row; on a phone it stacks', async ({
  page,
}) => {
  test.slow();
  await page.setViewportSize({ width: 820, height: 1180 });
  await openPageOf(page, operative, 'op.status.innfort');
  const question = operative.sections
    .flatMap((s) => s.questions)
    .find((q) => q.id === 'op.status.innfort');
  if (question?.type !== 'grid') throw new Error('op.status.innfort is not a grid');
  const options = ['Ja', 'Nei', 'Vet ikke'];
  const grid = page.locator('[data-name="op.status.innfort"]');
  const table = grid.getByRole('table');
  await expect(table).toBeVisible();
  expect(await table.evaluate((el) => getComputedStyle(el).display)).toBe('table');
  await expect(table.getByRole('columnheader')).toHaveText(options);
  await expect(table.getByRole('rowheader')).toHaveCount(question.rows.length);
  for (const row of question.rows) {
    const name = questionDomId(question.id, row.id);
    const radios = grid.locator(`input[type="radio"][name="${name}"]`);
    await expect(radios).toHaveCount(options.length);
    const tableRow = table.getByRole('row').filter({ has: page.locator(`[name="${name}"]`) });
    await expect(tableRow.getByRole('rowheader')).toHaveText(row.text.nb);
    for (const [i, option] of options.entries()) {
      const radio = tableRow.getByRole('radio', { name: option, exact: true });
      await expect(radio).toHaveAttribute('name', name);
      await expect(radio).toHaveAccessibleDescription(row.text.nb);
      if (i === 0) {
        // Level with the first line of the row's text.
        expect(await offsetFromFirstLine(radio, tableRow.locator('.grid-row-text'))).toBeLessThan(
          2,
        );
      }
    }
  }
  // A tap anywhere in the cell chooses it: the cell is the radio's label.
  const firstRow = question.rows[0];
  if (!firstRow) throw new Error('no rows');
  const cell = grid.locator(`label[for="${questionDomId(question.id, firstRow.id)}-nei"]`);
  const box = await cell.boundingBox();
  if (!box) throw new Error('cell not laid out');
  await page.mouse.click(box.x + 4, box.y + box.height - 4);
  await expect(grid.locator(`#${questionDomId(question.id, firstRow.id)}-nei`)).toBeChecked();
  await expectNoSidewaysScroll(page, 'grid page at 820 px');
  await expectNoAxeViolations(page, 'grid page at 820 px');

  await page.setViewportSize({ width: 320, height: 740 });
  expect(await table.evaluate((el) => getComputedStyle(el).display)).toBe('block');
  await expect(table.locator('thead')).toBeHidden();
  for (const row of question.rows) {
    const name = questionDomId(question.id, row.id);
    const first = grid.locator(`input[name="${name}"]`).first();
    const label = grid.locator(`label[for="${await first.getAttribute('id')}"]`);
    await expect(label).toBeVisible();
    await expect(label).toHaveText('Ja');
    expect(await offsetFromFirstLine(first, label)).toBeLessThan(2);
  }
  await expectNoSidewaysScroll(page, 'grid page at 320 px');
  await expectNoAxeViolations(page, 'grid page at 320 px');
});

test('on a tablet the seven-option grid of the KS questionnaire fits as a table, no header cut off', async ({
  page,
}) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await openPageOf(page, loadSpec('ks-2020-kommune.v2.json'), 'ks.nyeste.fremhem');
  const table = page.locator('[data-name="ks.nyeste.fremhem"]').getByRole('table');
  expect(await table.evaluate((el) => getComputedStyle(el).display)).toBe('table');
  await expect(table.getByRole('columnheader')).toHaveCount(7);
  const clipped = await table
    .locator('th')
    .evaluateAll((cells) =>
      cells.filter((c) => c.scrollWidth > c.clientWidth + 0.5).map((c) => c.textContent),
    );
  expect(clipped).toEqual([]);
  await expectNoSidewaysScroll(page, 'KS grid at 820 px');
  await expectNoAxeViolations(page, 'KS grid at 820 px');
});

test('a single-choice question keeps each radio level with the first line of its label at 320 px', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 740 });
  await openPageOf(page, strategic, 'strat.status.innovasjon', STRATEGIC_PATH);
  const question = page.locator('[data-name="strat.status.innovasjon"]');
  const choices = question.locator('.choice');
  const count = await choices.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 0; i < count; i++) {
    const choice = choices.nth(i);
    expect(
      await offsetFromFirstLine(choice.locator('input'), choice.locator('label')),
    ).toBeLessThan(2);
  }
});

test('on a page taller than the screen, «Neste» is in reach without scrolling, covers nothing, and works', async ({
  page,
}) => {
  test.slow();
  await page.setViewportSize({ width: 390, height: 700 });
  const given = await openPageOf(page, strategic, 'strat.fremhem.faktorer', STRATEGIC_PATH);
  const answerPage = new AnswerPage(page);
  const section = await answerPage.sectionId();
  await page.evaluate(() => window.scrollTo(0, 0));
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('no viewport');
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height, 'the page is taller than the screen').toBeGreaterThan(2 * viewport.height);
  const bar = page.getByTestId('action-bar');
  const next = bar.getByRole('button', { name: 'Neste' });
  await expect(next).toBeInViewport();
  const barBox = await bar.boundingBox();
  if (!barBox) throw new Error('no action bar');
  expect(barBox.y + barBox.height).toBeLessThanOrEqual(viewport.height + 0.5);
  await expectNoAxeViolations(page, `page ${section} with the action bar`);
  await expectNoSidewaysScroll(page, `page ${section} at 390 px`);

  // A control reached from the keyboard is scrolled clear of the bar.
  const radios = page.locator('input[type="radio"]');
  const hiddenIndex = await radios.evaluateAll((els, top) => {
    return els.findIndex((el) => el.getBoundingClientRect().top > top);
  }, barBox.y);
  expect(hiddenIndex).toBeGreaterThan(0);
  await radios.nth(hiddenIndex - 1).focus();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(
    () => document.activeElement?.getBoundingClientRect().bottom ?? 0,
  );
  const barTop = (await bar.boundingBox())?.y ?? 0;
  expect(focused).toBeLessThanOrEqual(barTop);

  // At the end of the page the bar sits below the last content, not over it.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const status = await page.getByTestId('save-status').boundingBox();
  const settled = await bar.boundingBox();
  expect(status && settled && status.y + status.height <= settled.y).toBe(true);

  await answerPage.fillPage(strategic, answersFor(strategic, STRATEGIC_PATH), given);
  await answerPage.waitUntilSaved();
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(next).toBeInViewport();
  const nextBox = await next.boundingBox();
  if (!nextBox) throw new Error('no «Neste»');
  await page.mouse.click(nextBox.x + nextBox.width / 2, nextBox.y + nextBox.height / 2);
  await expect(page).not.toHaveURL(new RegExp(`/${section}$`));
});
