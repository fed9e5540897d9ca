import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.ts';
import { computeVisibility, type Questionnaire } from '../../src/engine/index.ts';
import { AdminPage } from './pages/AdminPage.ts';
import { TestServer } from './support/server.ts';
import { answersFor, loadSpec } from './support/specs.ts';

/** The survey owner's screen: signing in, what the next publication would show, publishing it, the settings. */
const spec = loadSpec('stat-2021-operativ.v2.json');

/** An invited respondent who answered everything and submitted, through the API as the app would. */
async function submitInvitedResponse(server: TestServer, questionnaire: Questionnaire) {
  const created = await server.admin('POST', '/api/admin/invitations', {
    questionnaireId: questionnaire.id,
    count: 1,
  });
  expect(created.status).toBe(201);
  const link = (created.json as { invitations: { link: string }[] }).invitations[0]?.link ?? '';
  const token = link.split('/i/')[1] ?? '';
  const claim = await fetch(`${server.url}/api/invitations/claim`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  expect(claim.status).toBe(200);
  const { responseId, questionnaireVersion } = (await claim.json()) as {
    responseId: string;
    questionnaireVersion: number;
  };
  // Only what the respondent was shown, as the app's sender does.
  const { answers } = computeVisibility(questionnaire, answersFor(questionnaire));
  const saved = await fetch(`${server.url}/api/responses/${responseId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      questionnaireId: questionnaire.id,
      questionnaireVersion,
      status: 'submitted',
      version: 1,
      answers,
      answeredAt: Object.fromEntries(Object.keys(answers).map((id) => [id, Date.now()])),
    }),
  });
  expect(saved.status, await saved.text()).toBe(200);
}

test('a wrong admin key is refused with «Nøkkelen stemmer ikke», also when a kept key stops working', async ({
  browser,
}) => {
  const server = new TestServer(4191);
  await server.start();
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const admin = new AdminPage(page, server.url);
    await admin.goto();
    await admin.signIn('not-the-key-0123456789abcdef');
    await expect(admin.signInError).toContainText('Nøkkelen stemmer ikke.');
    await expect(admin.signInError).toBeFocused();
    await expect(admin.keyField).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, 'sign-in with a wrong key');

    // A key kept from earlier in this tab that the server now refuses: back to the form, with the reason.
    await page.evaluate(() =>
      sessionStorage.setItem('barometer.adminToken', 'stale-key-0123456789'),
    );
    await page.reload();
    await expect(admin.signInError).toContainText('Nøkkelen stemmer ikke lenger.');
    await expect(admin.signInError).toBeFocused();
  } finally {
    await context.close();
    await server.stop();
  }
});

test('the owner sees nothing published, then five invited responses make a publication possible, and «Publiser nå» makes publication 1', async ({
  browser,
}) => {
  const server = new TestServer(4192);
  await server.start();
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const admin = new AdminPage(page, server.url);
    await admin.goto();
    await admin.signInAs(TestServer.ADMIN_TOKEN);
    const card = admin.questionnaire(spec.id);

    await expect(card.current).toHaveText(/Ingenting er publisert ennå/);
    await expect(card.next).toHaveText(
      'Ingen publisering ennå: 0 svar teller med nå, og hvert tall må bygge på minst 5 svar.',
    );
    await expect(card.publishButton).toBeDisabled();
    await expect(card.schedule).toContainText('Automatisk publisering er slått av');
    await expectNoAxeViolations(page, 'admin, nothing published');

    for (let i = 0; i < 5; i++) await submitInvitedResponse(server, spec);
    await page.reload();
    await expect(card.next).toHaveAttribute('data-publishable', 'true');
    await expect(card.next).toHaveText('Klar til første publisering: 5 svar teller med.');
    await expect(card.responses('invited')).toHaveText('5');
    await expect(card.responses('counted')).toHaveText('5');
    await expect(card.responses('waiting')).toHaveText('0');
    const firstIndicator = spec.indicators?.[0]?.id ?? '';
    await expect(card.outcome(firstIndicator)).toContainText('Nytt tall.');
    await expect(card.publishButton).toBeEnabled();

    await card.publishButton.click();
    await expect(card.notice).toHaveText('Publisering 1 er publisert.');
    await expect(card.current).toContainText('Publisering 1, publisert');
    await expect(card.current).toContainText('Bygger på 5 svar.');
    await expect(card.figures).toBeVisible();
    await expect(card.next).toHaveText(
      'Ingen ny publisering: ingen svar er nye eller endret siden sist.',
    );
    await expect(card.publishButton).toBeDisabled();
    await expect(card.outcome(firstIndicator)).toContainText('publisering 1');
    await expectNoAxeViolations(page, 'admin, publication 1');

    await page.setViewportSize({ width: 320, height: 640 });
    await expect(card.figures).toBeVisible();
    expect(await admin.hasHorizontalScroll()).toBe(false);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a new publication waits for k new respondents, and «Publiser nå» says why when the figures were published meanwhile', async ({
  browser,
}) => {
  const server = new TestServer(4194);
  await server.start();
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    for (let i = 0; i < 5; i++) await submitInvitedResponse(server, spec);
    expect((await server.publish(spec.id)).status).toBe(201);
    const admin = new AdminPage(page, server.url);
    await admin.goto();
    await admin.signInAs(TestServer.ADMIN_TOKEN);
    const card = admin.questionnaire(spec.id);
    await expect(card.current).toContainText('Publisering 1, publisert');

    for (let i = 0; i < 3; i++) await submitInvitedResponse(server, spec);
    await page.reload();
    await expect(card.next).toHaveText(
      'Ingen ny publisering ennå: 3 svar er nye eller endret siden sist, det trengs minst 5.',
    );
    await expect(card.publishButton).toBeDisabled();
    const firstIndicator = spec.indicators?.[0]?.id ?? '';
    await expect(card.outcome(firstIndicator)).toContainText('fra publisering 1 står');

    for (let i = 0; i < 2; i++) await submitInvitedResponse(server, spec);
    await page.reload();
    await expect(card.next).toHaveText(
      'Klar til ny publisering: 5 svar er nye eller endret siden sist.',
    );

    // The figures are published elsewhere (another owner, the schedule) while this page shows them as ready.
    expect((await server.publish(spec.id)).status).toBe(201);
    await card.publishButton.click();
    await expect(card.notice).toHaveText(
      'Ble ikke publisert: ingen svar er nye eller endret siden sist.',
    );
    await expect(card.current).toContainText('Publisering 2, publisert');
    await expect(card.current).toContainText('Bygger på 10 svar.');
    await expect(card.publishButton).toBeDisabled();
  } finally {
    await context.close();
    await server.stop();
  }
});

test('the owner admits open-link responses, closes the round and reopens it, each after confirming', async ({
  browser,
}) => {
  const server = new TestServer(4193);
  await server.start();
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const admin = new AdminPage(page, server.url);
    await admin.goto();
    await admin.signInAs(TestServer.ADMIN_TOKEN);
    const card = admin.questionnaire(spec.id);

    await expect(card.admitOpenLink).not.toBeChecked();
    await expect(card.responses('open').locator('xpath=../th')).toHaveText(
      'Åpen lenke (teller ikke med)',
    );
    await card.admitOpenLink.check();
    await expect(card.settingsNotice).toHaveText('Svar fra åpen lenke teller nå med.');
    await expect(card.admitOpenLink).toBeChecked();
    await expect(card.admitOpenLink).toBeFocused();
    await expect(card.responses('open').locator('xpath=../th')).toHaveText('Åpen lenke');

    await card.closeRound();
    await expect(card.settingsNotice).toHaveText('Runden er avsluttet.');
    await expect(card.closedRound).toContainText('Runden ble avsluttet');
    await expect(card.closedRound).toBeFocused();
    await expectNoAxeViolations(page, 'admin, round closed');

    // Still so after a reload: the server kept both settings.
    await page.reload();
    await expect(card.admitOpenLink).toBeChecked();
    await expect(card.closedRound).toBeVisible();
    await expect(card.closeRoundButton).toHaveCount(0);

    // The confirmation says what reopening changes; cancelling changes nothing.
    const dialog = await card.openReopenDialog();
    await expect(dialog).toContainText('først når ingen har endret det på en stund');
    await expect(dialog.getByRole('button', { name: 'Avbryt' })).toBeFocused();
    await expectNoAxeViolations(page, 'admin, reopen dialog');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await expect(dialog).toBeHidden();
    await expect(card.closedRound).toBeVisible();

    await card.reopenRound();
    await expect(card.settingsNotice).toHaveText('Runden er åpen igjen.');
    await expect(card.closedRound).toHaveCount(0);
    await expect(card.closeRoundButton).toBeFocused();
    await expect(card.reopenRoundButton).toHaveCount(0);

    // Open after a reload too, and the open-link choice untouched by it.
    await page.reload();
    await expect(card.closeRoundButton).toBeVisible();
    await expect(card.closedRound).toHaveCount(0);
    await expect(card.reopenRoundButton).toHaveCount(0);
    await expect(card.admitOpenLink).toBeChecked();
    const settings = await server.admin('GET', `/api/admin/questionnaires/${spec.id}/publication`);
    expect((settings.json as { settings: unknown }).settings).toEqual({
      admitOpenLink: true,
      closedAt: null,
    });
  } finally {
    await context.close();
    await server.stop();
  }
});
