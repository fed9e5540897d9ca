import { expect, test, type Page } from '@playwright/test';
import {
  compile,
  computeVisibility,
  indicatorProfile,
  localize,
  type AnswerValue,
  type PublicationDocument,
} from '../../src/engine/index.ts';
import { ResultsPage } from './pages/ResultsPage.ts';
import { TestServer } from './support/server.ts';
import { answersFor, loadSpec } from './support/specs.ts';
import { walkQuestionnaire } from './support/walk.ts';

/**
 * The results screen against a real server's publications: nothing below k,
 * the figures of the latest publication once the owner publishes, a newer
 * publication replacing it, and the saved copy offline.
 */
const spec = loadSpec(process.env.E2E_RESULTS_SPEC ?? 'stat-2021-operativ.v2.json');
const nb = new Intl.NumberFormat('nb', { maximumFractionDigits: 0 });

interface Invitation {
  readonly responseId: string;
  readonly link: string;
}

async function invite(server: TestServer, count: number): Promise<Invitation[]> {
  const { status, json } = await server.admin('POST', '/api/admin/invitations', {
    questionnaireId: spec.id,
    count,
  });
  expect(status).toBe(201);
  return (json as { invitations: Invitation[] }).invitations;
}

const tokenOf = (invitation: Invitation) => invitation.link.split('/i/')[1] ?? '';

/** The respondent whose screen we watch answers in the browser, through their invitation link. */
async function answerInBrowser(page: Page, server: TestServer, invitation: Invitation) {
  await page.goto(`${server.url}/i/${tokenOf(invitation)}`);
  const { given } = await walkQuestionnaire(page, spec, answersFor(spec));
  await page.getByRole('button', { name: /Send inn/ }).click();
  await expect(page.getByTestId('receipt')).toHaveAttribute('data-state', 'sent');
  return given;
}

/** Other invited respondents submit straight to the server, with answers unlike the watched one's. */
async function submitOthers(server: TestServer, invitations: readonly Invitation[]) {
  const otherChoices: Record<string, AnswerValue> = {};
  for (const { question, options } of compile(spec).questions) {
    const choice = options.filter((o) => !o.exclusive)[2];
    const isGroupQuestion = spec.benchmarkGroups?.some((g) => g.question === question.id);
    if (question.type === 'single' && choice && !isGroupQuestion)
      otherChoices[question.id] = choice.id;
  }
  const { answers } = computeVisibility(spec, answersFor(spec, otherChoices));
  for (const invitation of invitations) {
    expect(
      await server.submitResponse(invitation.responseId, tokenOf(invitation), spec, answers),
    ).toBe(200);
  }
}

async function publish(server: TestServer): Promise<PublicationDocument> {
  const { status, json } = await server.publish(spec.id);
  expect(status, JSON.stringify(json)).toBe(201);
  return json as PublicationDocument;
}

test('the results screen shows the latest publication, nothing below k, and the saved copy offline', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const server = new TestServer(4186);
  await server.start();
  const context = await browser.newContext();
  const page = await context.newPage();
  const results = new ResultsPage(page);
  const indicators = spec.indicators ?? [];
  const first = indicators[0];
  if (!first) throw new Error('the spec needs indicators');
  try {
    const [watched, ...others] = await invite(server, 10);
    if (!watched) throw new Error('no invitation');
    const given = await answerInBrowser(page, server, watched);
    const own = indicatorProfile(spec, given);
    const resultsUrl = `${server.url}/svar/${watched.responseId}/resultat`;

    await test.step('below k: one sentence, own scores, no average anywhere', async () => {
      const refused = await server.publish(spec.id);
      expect(refused.status).toBe(409);
      expect(refused.json).toMatchObject({ error: 'not_publishable', reason: 'below_k' });

      await results.open(resultsUrl);
      await expect(results.publication).toHaveAttribute('data-state', 'not-published');
      await expect(results.publication).toHaveText(
        /^Det er ikke publisert noe gjennomsnitt ennå\./,
      );
      await expect(results.columnHeaders).toHaveText(['Din skår']);
      await expect(results.legend).toHaveCount(0);
      await expect(page.getByText(/svar\)/)).toHaveCount(0);
      await expect(results.row(first.id).locator('th')).toHaveText(
        localize(first.name, 'nb', spec),
      );
      for (const indicator of indicators) {
        const score = own[indicator.id];
        await expect(results.ownScore(indicator.id)).toHaveText(
          typeof score === 'number' ? nb.format(score) : 'Ingen skår',
        );
      }
      // A score of 0 is drawn: a visible mark and its number, not an empty row.
      const zero = indicators.find((i) => own[i.id] === 0);
      if (!zero) throw new Error('the scenario needs an indicator scored 0');
      expect(await results.ownBarWidth(zero.id)).toBeGreaterThan(0);
      await expect(results.chartRow(zero.id).locator('text.value')).toHaveText('0');
      await expect(page.locator('figure.profile-chart svg[role="img"] title')).toHaveCount(1);
      await results.expectNoAxeViolations();
    });

    const firstPublication =
      await test.step('at k the owner publishes, and the figures appear', async () => {
        await submitOthers(server, others.slice(0, 4));
        const document = await publish(server);
        expect(document).toMatchObject({ number: 1, respondents: 5, isSimulated: false });

        await results.open(resultsUrl);
        await expect(results.publication).toHaveAttribute('data-state', 'published');
        await expect(results.publication).toHaveAttribute('data-number', '1');
        await expect(results.publicationHeading).toHaveText(
          `Gjennomsnittet for de ${document.respondents} som hadde svart innen ${await results.date(document.publishedAt)}`,
        );
        await expect(results.columnHeaders.nth(1)).toHaveText('Gjennomsnitt');
        await expect(results.legend).toBeVisible();
        for (const indicator of indicators) {
          const figure = document.indicators[indicator.id];
          await expect(results.average(indicator.id)).toHaveText(
            figure
              ? `${nb.format(figure.national.mean)}(${nb.format(figure.national.n)} svar)`
              : 'For få svar',
          );
        }

        // Everyone answered the same peer-group option, so at k that group is shown and named.
        const group = spec.benchmarkGroups?.find((g) => g.id === document.group?.id);
        if (group) {
          const option = given[group.question];
          const figure =
            typeof option === 'string' ? document.indicators[first.id]?.groups[option] : undefined;
          expect(figure).toBeDefined();
          await expect(page.getByTestId('peer-group')).toContainText(`«${group.name.nb}»`);
          await expect(results.peer(first.id)).toHaveText(
            `${nb.format(figure?.mean ?? NaN)}(${nb.format(figure?.n ?? NaN)} svar)`,
          );
        }

        // The explanation opens from the keyboard and shows item averages the publication has.
        const disclosure = results.disclosure(first.id);
        await disclosure.locator('summary').focus();
        await page.keyboard.press('Enter');
        await expect(disclosure).toHaveAttribute('open', '');
        const hasItems = Object.keys(document.indicators[first.id]?.items ?? {}).length > 0;
        await expect(disclosure.locator('.item-average').first()).toHaveCount(hasItems ? 1 : 0);

        await results.expectNoAxeViolations();
        await results.expectNoHorizontalScroll(320);
        return document;
      });

    const latest =
      await test.step('a new publication after more respondents replaces the first', async () => {
        await submitOthers(server, others.slice(4));
        const document = await publish(server);
        expect(document).toMatchObject({ number: 2, respondents: 10 });
        expect(document.publishedAt).toBeGreaterThanOrEqual(firstPublication.publishedAt);

        await page.reload();
        await expect(results.publication).toHaveAttribute('data-number', '2');
        await expect(results.publication).toHaveAttribute('data-state', 'published');
        await expect(results.publicationHeading).toHaveText(
          `Gjennomsnittet for de 10 som hadde svart innen ${await results.date(document.publishedAt)}`,
        );
        await expect(results.average(first.id)).toContainText('(10 svar)');
        await results.expectNoHorizontalScroll(320);
        return document;
      });

    await test.step('offline, the copy saved on the device still shows, with its date', async () => {
      await page.evaluate(async () => navigator.serviceWorker.ready);
      await server.stop();
      await page.reload();
      await expect(results.table).toBeVisible();
      await expect(results.publication).toHaveAttribute('data-state', 'saved-copy');
      await expect(results.publication).toHaveAttribute('data-number', '2');
      await expect(results.publicationHeading).toHaveText(
        `Gjennomsnittet for de 10 som hadde svart innen ${await results.date(latest.publishedAt)}`,
      );
      await expect(page.getByTestId('saved-copy')).toContainText('lagret på enheten');
      await expect(results.average(first.id)).toContainText('(10 svar)');
    });
  } finally {
    await context.close();
    await server.stop();
  }
});
