import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { computeVisibility, type Language } from '../../src/engine/index.ts';
import { AdminPage } from './pages/AdminPage.ts';
import { ResultsPage } from './pages/ResultsPage.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { TestServer } from './support/server.ts';
import { expectNoSidewaysScroll } from './support/sidewaysScroll.ts';
import { answersFor, loadSpec } from './support/specs.ts';
import { walkQuestionnaire } from './support/walk.ts';

/**
 * Issue 16 for the screens `layout.spec.ts` does not reach: the results
 * screen with a published average drawn, and the owner's screen signed in
 * with a questionnaire's card, invitations listed, links just made and the
 * import panel; each at 320 px (WCAG's reflow width) and 390 px (a common
 * phone), in Bokmål and in Nynorsk, without sideways panning and clean in
 * axe. Also `/svar/<id>/kvittering` for answers that were never submitted and
 * for an id this device does not have. One server and one browser tab for the
 * file; the tests run in order on them.
 */
const spec = loadSpec('stat-2021-operativ.v2.json');
const WIDTHS = [320, 390] as const;
const HEADINGS: Record<Language, { results: string; admin: string }> = {
  nb: { results: 'Din indeksprofil', admin: 'Oversikt for den som eier undersøkelsen' },
  nn: { results: 'Indeksprofilen din', admin: 'Oversikt for den som eig undersøkinga' },
};

test.describe.configure({ mode: 'serial' });

let server: TestServer;
let context: BrowserContext;
let page: Page;
/** The respondent whose device this tab is: their response id and invitation token. */
let watched: { responseId: string; token: string };

interface Invitation {
  readonly responseId: string;
  readonly link: string;
}

const tokenOf = (invitation: Invitation) => invitation.link.split('/i/')[1] ?? '';

/** The header's language switch, as a person uses it: the screen changes without a reload. */
async function showIn(language: Language) {
  const html = page.locator('html');
  if ((await html.getAttribute('lang')) !== language)
    await page.getByRole('button', { name: language === 'nn' ? 'Nynorsk' : 'Bokmål' }).click();
  await expect(html).toHaveAttribute('lang', language);
}

/** At each width: the screen fits and passes axe. */
async function expectFitsAndPassesAxe(screen: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 740 });
    await expectNoSidewaysScroll(page, `${screen} at ${width} px`);
    await expectNoAxeViolations(page, `${screen} at ${width} px`);
  }
}

test.beforeAll(async ({ browser }) => {
  server = new TestServer(4520);
  await server.start();
  context = await browser.newContext();
  page = await context.newPage();
  const created = await server.admin('POST', '/api/admin/invitations', {
    questionnaireId: spec.id,
    count: 5,
  });
  expect(created.status).toBe(201);
  const invitations = (created.json as { invitations: Invitation[] }).invitations;
  const [first, ...others] = invitations;
  if (!first) throw new Error('no invitation');
  watched = { responseId: first.responseId, token: tokenOf(first) };
  // The other four submit straight to the server, so the watched one makes five (k).
  const { answers } = computeVisibility(spec, answersFor(spec));
  for (const invitation of others) {
    expect(
      await server.submitResponse(invitation.responseId, tokenOf(invitation), spec, answers),
    ).toBe(200);
  }
});

test.afterAll(async () => {
  await context.close();
  await server.stop();
});

test('/kvittering of answers never submitted says so and leads back to them; an id not on the device is said to be missing', async () => {
  await page.goto(`${server.url}/i/${watched.token}`);
  await expect(page).toHaveURL(new RegExp(`/svar/${watched.responseId}/[^/]+$`));
  const firstPage = new URL(page.url()).pathname;

  await page.goto(`${server.url}/svar/${watched.responseId}/kvittering`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kvittering');
  const notSubmitted = page.getByTestId('receipt-not-submitted');
  await expect(notSubmitted).toContainText(
    'Disse svarene er ikke sendt inn ennå, så det finnes ingen kvittering for dem.',
  );
  await expect(page.getByTestId('receipt')).toHaveCount(0);
  await expect(page).toHaveTitle('Kvittering – Barometer');
  await showIn('nn');
  await expect(notSubmitted).toContainText('Desse svara er ikkje sende inn enno');
  await expectFitsAndPassesAxe('kvittering, not submitted (nn)');
  await showIn('nb');

  await notSubmitted.getByRole('link', { name: 'Fortsett der du slapp' }).click();
  await expect(page).toHaveURL(`${server.url}${firstPage}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.goto(`${server.url}/svar/00000000-0000-4000-8000-00000000dead/kvittering`);
  const unavailable = page.getByTestId('receipt-unavailable');
  await expect(unavailable).toContainText('Vi finner ikke dette svaret på denne enheten.');
  await expect(unavailable.getByRole('link', { name: 'Til startsiden' })).toHaveAttribute(
    'href',
    '/',
  );
  await expectFitsAndPassesAxe('kvittering, unknown id (nb)');
});

test('the results screen with a published average fits 320 and 390 px and passes axe, in nb and nn', async () => {
  test.slow();
  await page.goto(`${server.url}/svar/${watched.responseId}`);
  await walkQuestionnaire(page, spec, answersFor(spec));
  await page.getByRole('button', { name: 'Send inn' }).click();
  await expect(page.getByTestId('receipt')).toHaveAttribute('data-state', 'sent');
  const published = await server.publish(spec.id);
  expect(published.status, JSON.stringify(published.json)).toBe(201);

  const results = new ResultsPage(page);
  await results.open(`${server.url}/svar/${watched.responseId}/resultat`);
  await expect(results.publication).toHaveAttribute('data-state', 'published');
  // Every explanation open, so what is folded away is measured too.
  for (const summary of await page.locator('details summary').all()) await summary.click();
  for (const language of ['nb', 'nn'] as const) {
    await showIn(language);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADINGS[language].results);
    await expect(results.legend).toBeVisible();
    await expect(results.table.locator('td.national').first()).toContainText('(5 svar)');
    await expectFitsAndPassesAxe(`results (${language})`);
  }
});

test('the owner’s screen with a card, invitations listed, new links and the import panel fits 320 and 390 px and passes axe, in nb and nn', async () => {
  await showIn('nb');
  const admin = new AdminPage(page, server.url);
  await admin.goto();
  await admin.signInAs(TestServer.ADMIN_TOKEN);
  const card = admin.questionnaire(spec.id);
  await expect(card.current).toContainText('Publisering 1, publisert');
  const invitations = card.root.getByTestId('invitation-list');
  await expect(invitations.locator('tbody tr')).toHaveCount(5);
  await expect(invitations.locator('caption')).toHaveText('5 invitasjoner');
  await card.root.getByRole('button', { name: 'Lag lenker' }).click();
  await expect(card.root.getByTestId('invitation-link')).toHaveCount(1);
  await expect(page.getByTestId('admin-import')).toBeVisible();
  for (const language of ['nb', 'nn'] as const) {
    await showIn(language);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADINGS[language].admin);
    await expect(invitations.locator('tbody tr')).toHaveCount(6);
    await expect(invitations.locator('caption')).toHaveText(
      language === 'nb' ? '6 invitasjoner' : '6 invitasjonar',
    );
    await expectFitsAndPassesAxe(`admin (${language})`);
  }
});
