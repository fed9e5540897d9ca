import { expect, test, type Page } from '@playwright/test';
import { computeVisibility, hasValue, localize } from '../../src/engine/index.ts';
import { AnswerPage } from './pages/AnswerPage.ts';
import { CollectorPage } from './pages/CollectorPage.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { answersFor, loadSpec } from './support/specs.ts';

/**
 * Field collection on one tablet (issue 15): a collector enrols it with a
 * link made through the owner's API, chooses a PIN and hands the tablet to
 * one respondent after another. While a respondent has it, only their own
 * answers open; everything else asks for the PIN, also after a reload.
 */
const operative = loadSpec('stat-2021-operativ.v2.json');
const strategic = loadSpec('stat-2021-strategisk.v2.json');
const ADMIN = 'e2e-admin-token-0123456789abcdef';
const PIN = '482915';

async function expectNoSidewaysScroll(page: Page, screen: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${screen} pans sideways`).toBe(0);
}

test('a collector hands the tablet to two respondents in turn; only the PIN opens anything but the respondent’s own answers', async ({
  page,
  baseURL,
  request,
}) => {
  const created = await request.post(`${baseURL ?? ''}/api/admin/collectors`, {
    headers: { authorization: `Bearer ${ADMIN}` },
    data: { label: 'Team Nord', questionnaireIds: [operative.id, strategic.id] },
  });
  expect(created.status()).toBe(201);
  const token = ((await created.json()) as { link: string }).link.split('/c/')[1] ?? '';
  const collector = new CollectorPage(page);

  await collector.enrol(token, 'Team Nord');
  expect(page.url()).not.toContain(token);
  await expect(page.getByText(localize(strategic.title, 'nb', strategic))).toBeVisible();
  await expectNoAxeViolations(page, 'the enrolment screen');
  await collector.choosePin('123456');
  await expect(page.getByRole('link', { name: /for lett å gjette/ })).toBeVisible();
  await collector.choosePin(PIN, '482951');
  await expect(page.getByRole('link', { name: /ikke like/ })).toBeVisible();
  await collector.choosePin(PIN);
  await expect(collector.rosterHeading).toBeVisible();
  await expect(page).toHaveURL(/\/innsamling$/);

  // The first respondent answers one question and hands the tablet back.
  const first = await collector.startRespondent(
    'Bakeriet på hjørnet',
    localize(operative.title, 'nb', operative),
  );
  const answerPage = new AnswerPage(page);
  const question = operative.sections[0]?.questions[0];
  if (!question) throw new Error('the operative questionnaire has no first question');
  const value = answersFor(operative)[question.id];
  if (value === undefined) throw new Error(`no answer for ${question.id}`);
  await answerPage.answer(operative, question.id, value);
  await answerPage.waitUntilSaved();
  await collector.handBack();
  await collector.enterPin(PIN);
  await expect(collector.rosterHeading).toBeVisible();

  const second = await collector.startRespondent(
    'Kari Nordmann',
    localize(strategic.title, 'nb', strategic),
  );
  const secondPage = page.url();

  // The back button leads to the roster: the PIN prompt stands in for it.
  await page.goBack();
  await expect(collector.pinPrompt).toBeVisible();
  await expect(page.getByTestId('roster-entry')).toHaveCount(0);
  await page.getByRole('button', { name: 'Tilbake til svarene' }).click();
  await expect(page).toHaveURL(secondPage);

  // The first respondent's address typed in, the start page, a reload: the prompt each time.
  await page.goto(`/svar/${first}`);
  await expect(collector.pinPrompt).toBeVisible();
  await expect(answerPage.question(question.id)).toHaveCount(0);
  await page.goto('/');
  await expect(collector.pinPrompt).toBeVisible();
  await expectNoAxeViolations(page, 'the PIN prompt');
  await collector.enterPin('000111');
  await expect(collector.promptMessage).toHaveText('Feil PIN-kode. Enheten er fortsatt lånt ut.');
  await expect(collector.pinPrompt).toBeVisible();
  await page.reload();
  await expect(collector.pinPrompt).toBeVisible();
  await page.goto(`/svar/${second}`);
  await expect(page).toHaveURL(/\/svar\/[^/]+\/[^/]+$/);
  await expect(collector.pinPrompt).toHaveCount(0);

  await collector.handBack();
  await collector.enterPin(PIN);
  await expect(collector.rosterHeading).toBeVisible();
  await expect(page).toHaveURL(/\/innsamling$/);

  // The roster: newest first, progress counted among the visible questions, states as they are.
  expect(await collector.rosterOrder()).toEqual([second, first]);
  const { questions, answers } = computeVisibility(operative, { [question.id]: value });
  const answered = [...questions].filter((id) => hasValue(answers[id])).length;
  await expect(collector.entry(first)).toContainText(
    `${answered} av ${questions.size} spørsmål besvart`,
  );
  await expect(collector.entry(first)).toContainText('Bakeriet på hjørnet');
  await expect(collector.entry(second)).toContainText(
    `0 av ${computeVisibility(strategic, {}).questions.size} spørsmål besvart`,
  );
  // The first one's answer reaches the server in the background; the line says so only then.
  await expect(collector.entry(first)).toHaveAttribute('data-state', 'backedUp', {
    timeout: 30_000,
  });
  await expect(collector.entry(first).getByTestId('roster-state')).toContainText(
    'Sikkerhetskopiert kl.',
  );
  const stored = await request.get(`${baseURL ?? ''}/api/responses/${first}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(stored.status()).toBe(200);
  expect(((await stored.json()) as { answers: Record<string, unknown> }).answers).toEqual({
    [question.id]: value,
  });
  // The second one holds no answer, so nothing was sent, and the line does not claim more.
  await expect(collector.entry(second)).toHaveAttribute('data-state', 'device');
  await expect(collector.entry(second).getByTestId('roster-state')).toHaveText(
    'Lagret på denne enheten. Ikke sikkerhetskopiert ennå.',
  );
  const notSent = await request.get(`${baseURL ?? ''}/api/responses/${second}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(notSent.status()).toBe(404);

  await expectNoAxeViolations(page, 'the roster');
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoSidewaysScroll(page, 'the roster at 320 px');

  // With nobody holding the tablet, the start page leads the collector to the roster.
  await page.goto('/');
  await page.getByRole('link', { name: 'Gå til innsamlingen' }).click();
  await expect(collector.rosterHeading).toBeVisible();
});
