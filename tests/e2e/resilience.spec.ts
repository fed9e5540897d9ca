import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnswerPage } from './pages/AnswerPage.ts';
import { StartPage } from './pages/StartPage.ts';
import { fillStorage } from './support/fullStorage.ts';
import { KillableBrowser } from './support/killableBrowser.ts';
import { TestServer } from './support/server.ts';
import { answersFor, loadSpec } from './support/specs.ts';
import { walkQuestionnaire } from './support/walk.ts';

const operative = loadSpec(process.env.E2E_RESILIENCE_SPEC ?? 'stat-2021-operativ.v2.json');
const answers = answersFor(operative, {
  'op.status.innfort': { tjenester: 'ja', produkter: 'nei', prosesser: 'ja', kommunikasjon: 'nei' },
});

/** Answers the first two pages and one question of the third; returns where it stopped. */
async function answerPartway(page: Page) {
  const { given } = await walkQuestionnaire(page, operative, answers, { stopAfter: 2 });
  const answerPage = new AnswerPage(page);
  const section = await answerPage.sectionId();
  const [firstId] = await answerPage.visibleQuestionIds();
  if (!firstId || answers[firstId] === undefined) throw new Error('no question to answer');
  await answerPage.answer(operative, firstId, answers[firstId]);
  await answerPage.waitUntilSaved();
  return { given, section, firstId, draftId: answerPage.draftId() };
}

/** The question shows an answer: a checked option or filled-in text. */
async function expectAnswered(page: Page, questionId: string) {
  const root = new AnswerPage(page).question(questionId);
  await expect(root).toBeVisible();
  await expect
    .poll(async () => {
      const checked = await root.locator('input:checked').count();
      const filled = await root
        .locator('input[type="text"], textarea')
        .evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).value !== '').length);
      return checked + filled;
    })
    .toBeGreaterThan(0);
}

/** A new response with the first question answered and saved; returns the first two questions. */
async function startWithOneAnswerSaved(page: Page) {
  await new StartPage(page).goto();
  await new StartPage(page).start(operative.id);
  const answerPage = new AnswerPage(page);
  const [q1, q2] = await answerPage.visibleQuestionIds();
  if (!q1 || !q2) throw new Error('the first page needs two questions');
  await answerPage.answer(operative, q1, answers[q1]!);
  await answerPage.waitUntilSaved();
  return { answerPage, q1, q2 };
}

test('after a reload mid-way every answer is there and the app resumes on the same page', async ({
  page,
}) => {
  await new StartPage(page).goto();
  await new StartPage(page).start(operative.id);
  const { section, firstId } = await answerPartway(page);

  await page.reload();
  await expect(page).toHaveURL(new RegExp(`/${section}$`));
  await expectAnswered(page, firstId);

  // From the start page, «Fortsett» resumes on the same page too.
  await new StartPage(page).goto();
  await page
    .getByTestId('draft-card')
    .getByRole('button', { name: /Fortsett/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`/${section}$`));
  await expectAnswered(page, firstId);
  await page.getByRole('button', { name: 'Tilbake' }).click();
  await expect(page.locator('input:checked').first()).toBeVisible();
});

test('after the browser process is killed mid-way, reopening the same profile resumes with every answer', async ({
  baseURL,
}) => {
  const profile = mkdtempSync(join(tmpdir(), 'barometer-profile-'));
  const browser = new KillableBrowser(profile);
  try {
    const first = await browser.start();
    const page = await (first.contexts()[0] ?? (await first.newContext())).newPage();
    await page.goto(`${baseURL ?? ''}/`);
    await new StartPage(page).start(operative.id);
    const { section, firstId } = await answerPartway(page);
    await browser.kill();

    const second = await browser.start();
    const reopened = await (second.contexts()[0] ?? (await second.newContext())).newPage();
    await reopened.goto(`${baseURL ?? ''}/`);
    await reopened
      .getByTestId('draft-card')
      .getByRole('button', { name: /Fortsett/ })
      .click();
    await expect(reopened).toHaveURL(new RegExp(`/${section}$`));
    await expectAnswered(reopened, firstId);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('with the server gone after the first visit, the app opens, deep links work, answers are saved and resume', async ({
  browser,
}) => {
  const server = new TestServer(4183);
  await server.start();
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
      .toBe(true);
    await server.stop();

    await page.reload();
    await new StartPage(page).start(operative.id);
    const { section, firstId, draftId } = await answerPartway(page);

    await page.goto(`${server.url}/svar/${draftId}/${section}`);
    await expectAnswered(page, firstId);
    await page.goto(`${server.url}/`);
    await page
      .getByTestId('draft-card')
      .getByRole('button', { name: /Fortsett/ })
      .click();
    await expect(page).toHaveURL(new RegExp(`/${section}$`));
  } finally {
    await context.close();
    await server.stop();
  }
});

test('two tabs on one draft keep the answers of both', async ({ context }) => {
  const tabA = await context.newPage();
  await new StartPage(tabA).goto();
  await new StartPage(tabA).start(operative.id);
  const answerA = new AnswerPage(tabA);
  const section = await answerA.sectionId();
  const [q1, q2] = await answerA.visibleQuestionIds();
  if (!q1 || !q2) throw new Error('the first page needs two questions');

  const tabB = await context.newPage();
  await tabB.goto(tabA.url());
  const answerB = new AnswerPage(tabB);
  await expect(answerB.question(q2)).toBeVisible();

  await answerA.answer(operative, q1, answers[q1]!);
  await answerA.waitUntilSaved();
  await answerB.answer(operative, q2, answers[q2]!);
  await answerB.waitUntilSaved();

  // Each tab shows the other's answer without a reload, and both survive one.
  await expectAnswered(tabB, q1);
  await expectAnswered(tabA, q2);
  await tabA.reload();
  await expect(tabA).toHaveURL(new RegExp(`/${section}$`));
  await expectAnswered(tabA, q1);
  await expectAnswered(tabA, q2);
});

test('a full storage quota says what to do, offers a download, and keeps what was saved', async ({
  page,
}) => {
  const { answerPage, q1, q2 } = await startWithOneAnswerSaved(page);

  // The device fills up: every IndexedDB write now fails the way a full disk makes it fail.
  const emptyStorage = await fillStorage(page);
  await answerPage.answer(operative, q2, answers[q2]!);
  const error = page.getByTestId('save-error');
  await expect(error).toContainText('ikke plass');
  await expect(page.getByTestId('save-status')).toHaveCount(0);
  const download = page.waitForEvent('download');
  await error.getByRole('button', { name: 'Last ned svarene som fil' }).click();
  expect((await download).suggestedFilename()).toMatch(
    new RegExp(`^barometer-${operative.id}-.*\\.json$`),
  );

  // What was saved before is still there; nothing later was claimed as saved.
  await emptyStorage();
  await page.reload();
  await expectAnswered(page, q1);
  await expect(new AnswerPage(page).question(q2).locator('input:checked')).toHaveCount(0);
});

test('cleared storage is noticed, and the answers this tab still holds are saved again', async ({
  page,
}) => {
  const { answerPage, q1, q2 } = await startWithOneAnswerSaved(page);

  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('barometer');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(new Error('delete failed'));
      }),
  );
  await answerPage.answer(operative, q2, answers[q2]!);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'restored');
  await expect(page.getByTestId('save-status')).toContainText('tømt');

  await page.reload();
  await expectAnswered(page, q1);
  await expectAnswered(page, q2);
});
