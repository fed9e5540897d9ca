import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { indicatorProfile, localize } from '../../src/engine/index.ts';
import { StartPage } from './pages/StartPage.ts';
import { TestServer } from './support/server.ts';
import { answersFor, loadSpec } from './support/specs.ts';
import { walkQuestionnaire } from './support/walk.ts';

/** The respondent's profile beside the national average, computed from what the server collected. */
const spec = loadSpec(process.env.E2E_RESULTS_SPEC ?? 'stat-2021-operativ.v1.json');

async function completeOne(page: Page, baseUrl: string, overrides: Record<string, unknown> = {}) {
  await page.goto(`${baseUrl}/`);
  await new StartPage(page).start(spec.id);
  const answers = answersFor(spec, overrides as never);
  const { given } = await walkQuestionnaire(page, spec, answers);
  await page.getByRole('button', { name: /Send inn/ }).click();
  await expect(page.getByTestId('receipt')).toBeVisible();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'sent');
  return given;
}

test('a respondent sees their profile next to the average, offline too; below k no average appears', async ({
  browser,
}) => {
  const server = new TestServer(4186);
  await server.start();
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const given = await completeOne(page, server.url);
    const resultsUrl = `${server.url}/svar/${new URL(page.url()).pathname.split('/')[2] ?? ''}/resultat`;
    await page.getByTestId('results-link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Din indeksprofil');

    // One respondent is below k = 5: own scores show, the average does not.
    const table = page.getByTestId('results-table');
    await expect(table).toBeVisible();
    const own = indicatorProfile(spec, given);
    const firstIndicator = spec.indicators?.[0];
    if (!firstIndicator) throw new Error('the spec needs indicators');
    const row = table.locator(`tr[data-indicator="${firstIndicator.id}"]`);
    await expect(row.locator('th')).toHaveText(localize(firstIndicator.name, 'nb', spec));
    const ownScore = own[firstIndicator.id];
    if (typeof ownScore === 'number') {
      await expect(row.locator('td').first()).toHaveText(
        new Intl.NumberFormat('nb', { maximumFractionDigits: 0 }).format(ownScore),
      );
    }
    await expect(row.locator('td').nth(1)).toHaveText('Ikke nok svar ennå');
    await expect(page.getByTestId('benchmark-as-of')).toContainText('fra 1 svar');

    // The chart has a text alternative, and the screen passes axe.
    await expect(page.locator('figure.profile-chart svg[role="img"] title')).toHaveCount(1);
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);

    // Four more respondents reach k: the average appears.
    for (let i = 0; i < 4; i++) await completeOne(page, server.url);
    await page.goto(resultsUrl);
    await expect(page.getByTestId('benchmark-as-of')).toContainText('fra 5 svar');
    await expect(row.locator('td').nth(1)).not.toHaveText('Ikke nok svar ennå');

    // Offline: the cached benchmark and its date still show.
    await server.stop();
    await page.reload();
    await expect(page.getByTestId('results-table')).toBeVisible();
    await expect(page.getByTestId('benchmark-as-of')).toContainText('Lagret på enheten');
    await expect(row.locator('td').nth(1)).not.toHaveText('Ikke nok svar ennå');
  } finally {
    await context.close();
    await server.stop();
  }
});
