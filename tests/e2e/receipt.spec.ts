import { expect, test, type Page } from '@playwright/test';
import { compile, computeVisibility, localize } from '../../src/engine/index.ts';
import { AnswerPage } from './pages/AnswerPage.ts';
import { StartPage } from './pages/StartPage.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { answersFor, loadSpec } from './support/specs.ts';
import { walkQuestionnaire } from './support/walk.ts';

/**
 * Issue 16.2 and 16.3: the receipt after «Send inn» (reference, times, the
 * state in words, a printable copy of the answers, next steps apart) and a
 * document title on every screen of the way there.
 */
const strategic = loadSpec('stat-2021-strategisk.v2.json');
const SIZE = 'strat.bakgrunn.ansatte';
const TEXT = 'Mer samarbeid med kommunene om digitale tjenester';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const titleNb = localize(strategic.title, 'nb', strategic);

async function expectNoSidewaysScroll(page: Page) {
  const scroll = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(scroll, 'the page pans sideways').toBe(0);
}

test('the receipt gives a reference, the times, the state in words and a printable copy of the answers as given; each screen names itself in the title', async ({
  page,
}) => {
  const base = answersFor(strategic, { 'strat.status.innovasjon': 'jobber_ikke' });
  // A free-text question the person sees on this path, answered with words of our own.
  const { questions } = computeVisibility(strategic, base);
  const textQuestion = compile(strategic).questions.find(
    (entry) =>
      entry.question.type === 'text' &&
      questions.has(entry.question.id) &&
      entry.question.required === false,
  );
  if (!textQuestion) throw new Error('the path needs an optional free-text question');
  const sizeEntry = compile(strategic).entries.get(SIZE);
  const secondOption = sizeEntry?.options[1];
  if (!sizeEntry || !secondOption) throw new Error(`${SIZE} needs two options`);
  const answers = { ...base, [SIZE]: secondOption.id, [textQuestion.question.id]: TEXT };

  const start = new StartPage(page);
  await start.goto();
  await expect(page).toHaveTitle('Barometer');
  await start.start(strategic.id);
  const responseId = new AnswerPage(page).draftId();
  await expect(page).toHaveTitle(new RegExp(`^Side 1 av \\d+ – ${escape(titleNb)} – Barometer$`));
  await walkQuestionnaire(page, strategic, answers, { stopAfter: 1 });
  await expect(page).toHaveTitle(new RegExp(`^Side 2 av \\d+ – ${escape(titleNb)} – Barometer$`));
  await walkQuestionnaire(page, strategic, answers);
  await expect(page).toHaveURL(/\/oppsummering$/);
  await expect(page).toHaveTitle(`Oppsummering – ${titleNb} – Barometer`);

  const before = Date.now();
  await page.getByRole('button', { name: 'Send inn' }).click();
  await expect(page.getByRole('heading', { name: 'Takk for svarene!', level: 1 })).toBeVisible();
  await expect(page).toHaveTitle(`Kvittering – ${titleNb} – Barometer`);

  // The reference: the response id's first eight hex digits, as the owner's export's svar_id starts.
  const digits = responseId.slice(0, 8).toUpperCase();
  await expect(page.getByTestId('receipt-reference')).toHaveText(
    `${digits.slice(0, 4)}-${digits.slice(4)}`,
  );
  // Completed today, in Norwegian time (the browser runs in Europe/Oslo).
  const today = new Intl.DateTimeFormat('nb', { dateStyle: 'long', timeZone: 'Europe/Oslo' });
  const days = [today.format(before), today.format(Date.now())];
  const completed = await page.getByTestId('receipt-completed').innerText();
  expect(completed).toMatch(/^\d{1,2}\. \p{L}+ \d{4} kl\.\s\d{2}:\d{2}$/u);
  expect(days.some((day) => completed.startsWith(day))).toBe(true);

  // The server is up: the state turns to «sent» by itself, with the acknowledgement's time.
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toHaveAttribute('data-state', 'sent');
  await expect(receipt).toHaveText(
    /^Svarene ble sendt inn \d{1,2}\. \p{L}+ \d{4} kl\.\s\d{2}:\d{2}\.$/u,
  );
  await expect(page.getByTestId('receipt-sent')).toHaveText(/kl\.\s\d{2}:\d{2}$/);

  // The copy: the answers as given, with no «Endre» (a submitted response is not changed here).
  const copy = page.getByTestId('answer-summary');
  await expect(copy.locator(`[data-question="${SIZE}"]`)).toContainText(
    localize(secondOption.text, 'nb', strategic),
  );
  await expect(copy.locator(`[data-question="${textQuestion.question.id}"]`)).toContainText(TEXT);
  await expect(copy.getByRole('link')).toHaveCount(0);
  await expect(copy.getByRole('heading', { level: 3 }).first()).toBeVisible();

  // Next steps: each link a block of its own, never two links in one line.
  const steps = page.locator('.receipt-next-steps > li');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0).getByRole('link')).toHaveCount(1);
  await expect(steps.nth(0).getByTestId('results-link')).toHaveText('Se din indeksprofil');
  await expect(steps.nth(1).getByRole('link')).toHaveText('Til startsiden');

  await expectNoAxeViolations(page, 'receipt');
  await page.setViewportSize({ width: 320, height: 740 });
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'receipt at 320 px');

  // «Skriv ut eller lagre som PDF» opens the browser's print dialog.
  await page.evaluate(() => {
    const w = window as unknown as { printed: number };
    w.printed = 0;
    window.print = () => {
      w.printed += 1;
    };
  });
  const print = page.getByRole('button', { name: 'Skriv ut eller lagre som PDF' });
  await print.click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // On paper: the receipt and the copy, without the header, buttons or links elsewhere.
  await page.emulateMedia({ media: 'print' });
  await expect(print).toBeHidden();
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.getByTestId('results-link')).toBeHidden();
  await expect(page.getByRole('link', { name: 'Til startsiden' })).toBeHidden();
  const buttons = await page.getByRole('button', { includeHidden: true }).all();
  expect(buttons.length).toBeGreaterThan(1);
  for (const button of buttons) await expect(button).toBeHidden();
  await expect(receipt).toBeVisible();
  await expect(page.getByTestId('receipt-reference')).toBeVisible();
  await expect(copy.locator(`[data-question="${textQuestion.question.id}"]`)).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // In Nynorsk the title follows the language, and stays the screen's own.
  await start.switchLanguage();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nn');
  await expect(page).toHaveTitle(
    `Kvittering – ${localize(strategic.title, 'nn', strategic)} – Barometer`,
  );
  await start.switchLanguage();

  await page.getByTestId('results-link').click();
  await expect(page).toHaveTitle(`Resultater – ${titleNb} – Barometer`);
});

test('the collection and administration screens name themselves in the title', async ({ page }) => {
  await page.goto('/admin');
  await expect(page).toHaveTitle('Administrasjon – Barometer');
  await page.goto('/innsamling');
  await expect(page).toHaveTitle('Innsamling – Barometer');
  await page.goto('/finnes-ikke');
  await expect(page).toHaveTitle('Fant ikke siden – Barometer');
});
