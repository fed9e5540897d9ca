import { expect, test, type Page } from '@playwright/test';
import { localize } from '../../src/engine/index.ts';
import { AnswerPage } from './pages/AnswerPage.ts';
import { StartPage } from './pages/StartPage.ts';
import { answersFor, loadSpec } from './support/specs.ts';
import { expectedPages, walkQuestionnaire } from './support/walk.ts';

// A new response starts on the newest version of a questionnaire.
const strategic = loadSpec('stat-2021-strategisk.v2.json');
const operative = loadSpec('stat-2021-operativ.v2.json');
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
        await expect(page.getByText('Målet du skrev inn: Bedre arbeidsmiljø')).toBeVisible();
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

/** Rewrites a draft in the app's IndexedDB as if it had been begun on another questionnaire version. */
async function pinDraftToVersion(page: Page, draftId: string, version: number) {
  await page.evaluate(
    ({ name, id, questionnaireVersion }) =>
      new Promise<void>((resolve, reject) => {
        const opening = indexedDB.open(name);
        opening.onerror = () => reject(opening.error ?? new Error('open failed'));
        opening.onsuccess = () => {
          const tx = opening.result.transaction('drafts', 'readwrite');
          const drafts = tx.objectStore('drafts');
          const read = drafts.get(id);
          read.onsuccess = () => {
            drafts.put({ ...(read.result as object), questionnaireVersion });
          };
          tx.oncomplete = () => {
            opening.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error ?? new Error('write failed'));
        };
      }),
    { name: 'barometer', id: draftId, questionnaireVersion: version },
  );
}

const draftVersion = (page: Page, draftId: string) =>
  page.evaluate(
    ({ name, id }) =>
      new Promise<number>((resolve, reject) => {
        const opening = indexedDB.open(name);
        opening.onerror = () => reject(opening.error ?? new Error('open failed'));
        opening.onsuccess = () => {
          const read = opening.result.transaction('drafts').objectStore('drafts').get(id);
          read.onsuccess = () => {
            resolve((read.result as { questionnaireVersion: number }).questionnaireVersion);
            opening.result.close();
          };
        };
      }),
    { name: 'barometer', id: draftId },
  );

test('a draft begun on version 1 reopens on version 2 with every answer, says so, and is sent', async ({
  page,
}) => {
  const older = loadSpec('stat-2021-operativ.v1.json');
  const answers = answersFor(operative, {
    'op.nyeste.mal': ['kvalitet', 'annet'],
    'op.nyeste.mal_annet_tekst': 'Bedre arbeidsmiljø',
  });
  const start = new StartPage(page);
  await start.goto();
  await start.start(operative.id);
  const { given } = await walkQuestionnaire(page, older, answers, { stopAfter: 3 });
  const answerPage = new AnswerPage(page);
  const draftId = answerPage.draftId();
  const section = await answerPage.sectionId();
  await pinDraftToVersion(page, draftId, 1);

  await page.reload();
  await expect(page.getByTestId('version-notice')).toHaveText(
    'Spørreskjemaet er oppdatert siden du begynte. Alle svarene dine er tatt vare på.',
  );
  expect(await answerPage.sectionId()).toBe(section);
  await expect.poll(() => draftVersion(page, draftId)).toBe(2);

  const rest = await walkQuestionnaire(page, operative, answers, {
    given,
    onPage: async (id) => {
      // The «Annet» text given on version 1 is piped into the value grid of version 2.
      if (id === 'verdi_oppnadd')
        await expect(page.getByText('Målet du skrev inn: Bedre arbeidsmiljø')).toBeVisible();
    },
  });
  const pages = expectedPages(operative, rest.given);
  expect(rest.visited).toEqual(pages.slice(pages.indexOf(section)));
  await page.getByRole('button', { name: 'Send inn' }).click();
  await expect(page.getByRole('heading', { name: 'Takk for svarene!' })).toBeVisible();
  await expect(page.getByTestId('receipt')).toHaveAttribute('data-state', 'sent');
  expect(await draftVersion(page, draftId)).toBe(2);
});
