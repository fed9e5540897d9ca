import { expect, test, type Page } from '@playwright/test';
import type { Language } from '../../src/engine/index.ts';
import { AnswerPage } from './pages/AnswerPage.ts';
import { StartPage } from './pages/StartPage.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expectNoSidewaysScroll } from './support/sidewaysScroll.ts';
import { answersFor, loadSpec } from './support/specs.ts';
import { walkQuestionnaire } from './support/walk.ts';

/**
 * Issue 16: `/svar/<id>/resultat` says what it can truthfully say instead of
 * loading for ever: an id this device does not have is said to be missing,
 * answers not sent in yet are said to be so with a way back to them, and a
 * questionnaire without indicators says it has no profile. Each at 320 px
 * (WCAG's reflow width) without sideways panning and clean in axe.
 */
const UNKNOWN_ID = '00000000-0000-4000-8000-00000000beef';

/** The header's language switch, as a person uses it: the screen changes without a reload. */
async function showIn(page: Page, language: Language) {
  const html = page.locator('html');
  if ((await html.getAttribute('lang')) !== language)
    await page.getByRole('button', { name: language === 'nn' ? 'Nynorsk' : 'Bokmål' }).click();
  await expect(html).toHaveAttribute('lang', language);
}

async function expectFitsAndPassesAxe(page: Page, screen: string) {
  await expectNoSidewaysScroll(page, `${screen} at 320 px`);
  await expectNoAxeViolations(page, `${screen} at 320 px`);
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 740 });
});

test('/resultat of an id not on this device says so and leads to the start page, in nb and nn', async ({
  page,
}) => {
  await page.goto(`/svar/${UNKNOWN_ID}/resultat`);
  const unavailable = page.getByTestId('results-unavailable');
  await expect(unavailable).toContainText(
    'Vi finner ikke dette svaret på denne enheten. Det kan være startet på en annen enhet eller slettet.',
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Resultater');
  await expect(page).toHaveTitle('Resultater – Barometer');
  await expect(page.locator('.loading')).toHaveCount(0);
  await expect(unavailable.getByRole('link', { name: 'Til startsiden' })).toHaveAttribute(
    'href',
    '/',
  );
  await expectFitsAndPassesAxe(page, 'resultat, unknown id (nb)');

  await showIn(page, 'nn');
  await expect(unavailable).toContainText('Vi finn ikkje dette svaret på denne eininga.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Resultat');
  await expectFitsAndPassesAxe(page, 'resultat, unknown id (nn)');
  await showIn(page, 'nb');

  await unavailable.getByRole('link', { name: 'Til startsiden' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('/resultat of answers not sent in yet shows no profile, says it comes once they are sent and leads back to them', async ({
  page,
}) => {
  const start = new StartPage(page);
  await start.goto();
  await start.start('stat-2021-operativ');
  const firstPage = new URL(page.url()).pathname;
  const draftId = new AnswerPage(page).draftId();

  await page.goto(`/svar/${draftId}/resultat`);
  const notSubmitted = page.getByTestId('results-not-submitted');
  await expect(notSubmitted).toContainText(
    'Disse svarene er ikke sendt inn ennå. Indeksprofilen din vises her når du har sendt dem inn.',
  );
  await expect(page.getByRole('heading', { name: 'Din indeksprofil' })).toHaveCount(0);
  await expect(page.locator('.profile-chart')).toHaveCount(0);
  await expectFitsAndPassesAxe(page, 'resultat, not submitted (nb)');
  await showIn(page, 'nn');
  await expect(notSubmitted).toContainText('Desse svara er ikkje sende inn enno.');
  await expectFitsAndPassesAxe(page, 'resultat, not submitted (nn)');
  await showIn(page, 'nb');

  await notSubmitted.getByRole('link', { name: 'Fortsett der du slapp' }).click();
  await expect(page).toHaveURL(new RegExp(`${firstPage}$`));
  await expect(page.locator('form[data-section]')).toBeVisible();
});

test('/resultat of a questionnaire without indicators says it has no profile instead of an empty chart', async ({
  page,
}) => {
  test.slow();
  const ks = loadSpec('ks-2020-kommune.v2.json');
  expect(ks.indicators ?? []).toHaveLength(0);
  const start = new StartPage(page);
  await start.goto();
  await start.start(ks.id);
  const draftId = new AnswerPage(page).draftId();
  await walkQuestionnaire(page, ks, answersFor(ks));
  await expect(page).toHaveURL(/\/oppsummering$/);
  await page.getByRole('button', { name: 'Send inn' }).click();
  await expect(page.getByRole('heading', { name: 'Takk for svarene!', level: 1 })).toBeVisible();

  await page.goto(`/svar/${draftId}/resultat`);
  const noProfile = page.getByTestId('results-no-profile');
  await expect(noProfile).toContainText('Dette spørreskjemaet gir ingen indeksprofil');
  await expect(page.locator('.profile-chart')).toHaveCount(0);
  await expect(noProfile.getByRole('link', { name: 'Til startsiden' })).toHaveAttribute(
    'href',
    '/',
  );
  await expectFitsAndPassesAxe(page, 'resultat, no indicators (nb)');

  // The start page offers no results for it either.
  await page.goto('/');
  const card = page.locator(`[data-testid="draft-card"][data-draft-id="${draftId}"]`);
  await expect(card).toContainText('Fullført');
  await expect(card.getByRole('link', { name: 'Se din indeksprofil' })).toHaveCount(0);
});
