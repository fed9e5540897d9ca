import { expect, test } from '@playwright/test';
import { localize } from '../../src/engine/index.ts';
import { AnswerPage } from './pages/AnswerPage.ts';
import { StartPage } from './pages/StartPage.ts';
import { answersFor, loadSpec } from './support/specs.ts';
import { expectedPages, walkQuestionnaire } from './support/walk.ts';

const strategic = loadSpec('stat-2021-strategisk.v1.json');
const operative = loadSpec('stat-2021-operativ.v1.json');
const INNOVATOR_ONLY_STRATEGIC = ['innsats', 'forsok', 'samarbeid', 'anskaffelser', 'forskning'];

test('a respondent completes the strategic questionnaire in Bokmål as an innovator who works with research', async ({
  page,
}) => {
  const answers = answersFor(strategic, {
    'strat.status.innovasjon': 'forankret',
    'strat.samarbeid.partnere': ['kommuner', 'forskning', 'andre'],
  });
  const start = new StartPage(page);
  await start.goto();
  await start.start(strategic.id);
  const { given, visited } = await walkQuestionnaire(page, strategic, answers);

  expect(visited).toEqual(expectedPages(strategic, given));
  for (const section of INNOVATOR_ONLY_STRATEGIC) expect(visited).toContain(section);
  expect(Object.keys(given)).toContain('strat.forskning.konkrete_prosjekt');
  expect(Object.keys(given)).toContain('strat.samarbeid.partnere_andre_tekst');

  await expect(page.getByText('Du har svart på alle spørsmålene')).toBeVisible();
  await page.getByRole('button', { name: 'Send inn' }).click();
  await expect(page.getByRole('heading', { name: 'Takk for svarene!' })).toBeVisible();
});

test('a non-innovator answers the strategic questionnaire in Nynorsk and sees only the statement blocks', async ({
  page,
}) => {
  const answers = answersFor(strategic, { 'strat.status.innovasjon': 'jobber_ikke' });
  const start = new StartPage(page);
  await start.goto();
  await start.switchLanguage();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nn');
  await start.start(strategic.id);
  const firstQuestion = strategic.sections[0]?.questions[0];
  if (firstQuestion)
    await expect(page.getByText(localize(firstQuestion.text, 'nn', strategic))).toBeVisible();

  const { given, visited } = await walkQuestionnaire(page, strategic, answers);
  expect(visited).toEqual(expectedPages(strategic, given));
  for (const section of INNOVATOR_ONLY_STRATEGIC) expect(visited).not.toContain(section);

  await expect(page.getByText('Du har svart på alle spørsmåla')).toBeVisible();
  await page.getByRole('button', { name: 'Send inn' }).click();
  await expect(page.getByRole('heading', { name: 'Takk for svara!' })).toBeVisible();
});

test('a respondent completes the operative questionnaire in Bokmål; «Ja» to spreading shows the channels and «Annet» pipes its text into the value grid', async ({
  page,
}) => {
  const answers = answersFor(operative, {
    'op.status.innfort': {
      tjenester: 'ja',
      produkter: 'nei',
      prosesser: 'ja',
      kommunikasjon: 'nei',
    },
    'op.nyeste.mal': ['kvalitet', 'annet'],
    'op.nyeste.mal_annet_tekst': 'Bedre arbeidsmiljø',
    'op.verdi.spredt': 'ja',
    'op.verdi.kanaler': ['egen_hjemmeside', 'konferanse', 'annet'],
  });
  const start = new StartPage(page);
  await start.goto();
  await start.start(operative.id);
  const { given, visited } = await walkQuestionnaire(page, operative, answers, { stopAfter: 3 });
  expect(visited).toContain('nyeste');

  // Spreading: the channel question appears only after «Ja», and goes again with «Nei».
  const answerPage = new AnswerPage(page);
  while ((await answerPage.sectionId()) !== 'spredning') {
    await answerPage.fillPage(operative, answers, given);
    await answerPage.nextPage();
  }
  await expect(answerPage.question('op.verdi.kanaler')).toHaveCount(0);
  await answerPage.answer(operative, 'op.verdi.spredt', 'ja');
  await expect(answerPage.question('op.verdi.kanaler')).toBeVisible();
  await answerPage.answer(operative, 'op.verdi.spredt', 'nei');
  await expect(answerPage.question('op.verdi.kanaler')).toHaveCount(0);
  await answerPage.answer(operative, 'op.verdi.spredt', 'ja');

  const rest = await walkQuestionnaire(page, operative, answers, {
    given,
    onPage: async (section) => {
      if (section === 'verdi_oppnadd')
        await expect(page.getByText('Det spesifiserte målet: Bedre arbeidsmiljø')).toBeVisible();
    },
  });
  expect(rest.visited).toContain('verdi_oppnadd');
  await expect(page.getByText('Du har svart på alle spørsmålene')).toBeVisible();
  await page.getByRole('button', { name: 'Send inn' }).click();
  await expect(page.getByRole('heading', { name: 'Takk for svarene!' })).toBeVisible();
});

test('the operative questionnaire in Nynorsk for a workplace without innovations', async ({
  page,
}) => {
  const answers = answersFor(operative, {
    'op.status.innfort': {
      tjenester: 'nei',
      produkter: 'nei',
      prosesser: 'vet_ikke',
      kommunikasjon: 'nei',
    },
  });
  const start = new StartPage(page);
  await start.goto();
  await start.switchLanguage();
  await start.start(operative.id);
  const { given, visited } = await walkQuestionnaire(page, operative, answers);
  expect(visited).toEqual(expectedPages(operative, given));
  expect(visited).not.toContain('samarbeid');
  expect(visited).not.toContain('spredning');
  await page.getByRole('button', { name: 'Send inn' }).click();
  await expect(page.getByRole('heading', { name: 'Takk for svara!' })).toBeVisible();
});

test('switching between Bokmål and Nynorsk in the middle of a page keeps every answer', async ({
  page,
}) => {
  const answers = answersFor(operative);
  const start = new StartPage(page);
  await start.goto();
  await start.start(operative.id);
  const answerPage = new AnswerPage(page);
  const [first] = await answerPage.visibleQuestionIds();
  if (!first) throw new Error('no question');
  await answerPage.answer(operative, first, answers[first]!);
  await answerPage.waitUntilSaved();

  await start.switchLanguage();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nn');
  const question = operative.sections.flatMap((s) => s.questions).find((q) => q.id === first);
  if (question)
    await expect(page.getByText(localize(question.text, 'nn', operative))).toBeVisible();
  await expect(answerPage.question(first).locator('input:checked')).toHaveCount(1);

  await start.switchLanguage();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(answerPage.question(first).locator('input:checked')).toHaveCount(1);
});
