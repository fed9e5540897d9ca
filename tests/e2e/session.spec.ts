import { expect, test, type Page } from '@playwright/test';
import { compile } from '../../src/engine/index.ts';
import { AnswerPage } from './pages/AnswerPage.ts';
import { StartPage } from './pages/StartPage.ts';
import { answersFor, loadSpec } from './support/specs.ts';

/** The answering session as the person sees it: one true status line, other devices' changes, a second «Start». */
const spec = loadSpec('stat-2021-operativ.v2.json');
const answers = answersFor(spec);
const ADMIN = 'e2e-admin-token-0123456789abcdef';

async function firstTwo(page: Page) {
  const answerPage = new AnswerPage(page);
  await answerPage.sectionId();
  const [q1, q2] = await answerPage.visibleQuestionIds();
  if (!q1 || !q2) throw new Error('the first page needs two questions');
  return { answerPage, q1, q2 };
}

/** The person leaves the tab and comes back to it. */
async function leaveAndReturn(page: Page) {
  await page.evaluate(() => {
    for (const state of ['hidden', 'visible']) {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }
  });
}

test('the page has one status line: «Lagret på denne enheten», then «Sikkerhetskopiert kl.» once the server has this version, never «sendt»', async ({
  page,
}) => {
  await new StartPage(page).goto();
  await new StartPage(page).start(spec.id);
  const { answerPage, q1 } = await firstTwo(page);
  await answerPage.answer(spec, q1, answers[q1]!);
  const status = page.getByTestId('save-status');
  await expect(status).toHaveAttribute('data-delivery', 'backedUp');
  await expect(status).toHaveText(/^Sikkerhetskopiert kl\. \d\d:\d\d\.$/);
  await expect(page.locator('[role="status"]')).toHaveCount(1);
  await expect(status).not.toContainText(/sendt/i);

  // Offline, the next answer is on the device only, and the line says so.
  await page.route('**/api/responses/**', (route) => route.abort('internetdisconnected'));
  const [, q2] = await answerPage.visibleQuestionIds();
  await answerPage.answer(spec, q2!, answers[q2!]!);
  await expect(status).toHaveAttribute('data-state', 'saved');
  await expect(status).toHaveText(/^Lagret på denne enheten kl\. \d\d:\d\d\.$/);
  await page.unroute('**/api/responses/**');
});

test('a change made on device B is shown on device A when A opens the draft and when A returns to the tab, naming the answer', async ({
  browser,
  baseURL,
  request,
}) => {
  const created = await request.post(`${baseURL ?? ''}/api/admin/invitations`, {
    headers: { authorization: `Bearer ${ADMIN}` },
    data: { questionnaireId: spec.id, count: 1 },
  });
  const [invitation] = (
    (await created.json()) as { invitations: { responseId: string; link: string }[] }
  ).invitations;
  if (!invitation) throw new Error('no invitation');
  const link = invitation.link.replace(/^https?:\/\/[^/]+/, baseURL ?? '');
  const entries = compile(spec).entries;
  const textOf = (id: string) => entries.get(id)?.question.text.nb ?? id;

  const deviceA = await (await browser.newContext()).newPage();
  await deviceA.goto(link);
  const { answerPage: onA, q1, q2 } = await firstTwo(deviceA);
  await onA.answer(spec, q1, answers[q1]!);
  await expect(deviceA.getByTestId('save-status')).toHaveAttribute('data-delivery', 'backedUp');

  // B opens the same response: A's answer is there on open, and named.
  const deviceB = await (await browser.newContext()).newPage();
  await deviceB.goto(link);
  const onB = new AnswerPage(deviceB);
  await expect(onB.question(q1).locator('input:checked')).toHaveCount(1);
  const noticeOnB = deviceB.getByTestId('merge-notice');
  await expect(noticeOnB).toContainText(textOf(q1));
  await onB.answer(spec, q2, answers[q2]!);
  await expect(deviceB.getByTestId('save-status')).toHaveAttribute('data-delivery', 'backedUp');

  // A returns to its tab: B's answer arrives without A touching anything, and is named with a link.
  await expect(onA.question(q2).locator('input:checked')).toHaveCount(0);
  await leaveAndReturn(deviceA);
  await expect(onA.question(q2).locator('input:checked')).toHaveCount(1);
  const noticeOnA = deviceA.getByTestId('merge-notice');
  await expect(noticeOnA.getByRole('link', { name: textOf(q2) })).toBeVisible();
  await noticeOnA.getByRole('button').click();
  await expect(noticeOnA).toHaveCount(0);

  // B changes q1; A, reopened (a reload), shows it on open.
  const other = entries.get(q1)?.options.find((o) => o.id !== answers[q1])?.id ?? '';
  await onB.answer(spec, q1, other);
  await expect(deviceB.getByTestId('save-status')).toHaveAttribute('data-delivery', 'backedUp');
  await deviceA.reload();
  await expect(onA.question(q1).locator(`input[value="${other}"]`)).toBeChecked();
  await expect(deviceA.getByTestId('merge-notice')).toContainText(textOf(q1));
  await deviceA.context().close();
  await deviceB.context().close();
});

test('a second «Start» on a questionnaire with a draft on this device offers to continue it, or to begin another on purpose', async ({
  page,
}) => {
  const start = new StartPage(page);
  await start.goto();
  await start.start(spec.id);
  const first = new AnswerPage(page).draftId();
  const { answerPage, q1 } = await firstTwo(page);
  await answerPage.answer(spec, q1, answers[q1]!);
  await answerPage.waitUntilSaved();

  await start.goto();
  const card = start.card(spec.id);
  await card.getByRole('button', { name: /^Start/ }).click();
  await expect(card.getByTestId('existing-draft')).toBeVisible();
  await card.getByRole('button', { name: 'Fortsett der du slapp' }).click();
  await expect(page).toHaveURL(new RegExp(`/svar/${first}/`));
  await expect(answerPage.question(q1).locator('input:checked')).toHaveCount(1);

  await start.goto();
  await start
    .card(spec.id)
    .getByRole('button', { name: /^Start/ })
    .click();
  await start.card(spec.id).getByRole('button', { name: 'Begynn på et nytt svar' }).click();
  await expect(page).toHaveURL(/\/svar\/[^/]+\/[^/]+$/);
  expect(new AnswerPage(page).draftId()).not.toBe(first);
  await start.goto();
  await expect(page.getByTestId('draft-card')).toHaveCount(2);

  // The questionnaire's link opened once more asks too, and makes nothing by itself.
  await page.goto(`/ny/${spec.id}`);
  await expect(page.getByTestId('existing-draft')).toContainText('2 påbegynte svar');
  await start.goto();
  await expect(page.getByTestId('draft-card')).toHaveCount(2);
});
