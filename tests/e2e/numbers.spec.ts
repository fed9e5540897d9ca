import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import type { AnswerValue } from '../../src/engine/index.ts';
import { questionDomId } from '../../src/features/questionnaire/domIds.ts';
import { AnswerPage } from './pages/AnswerPage.ts';
import { StartPage } from './pages/StartPage.ts';
import { withOwnServer, type TestServer } from './support/server.ts';
import { answersFor, loadSpec } from './support/specs.ts';
import { walkQuestionnaire } from './support/walk.ts';

/**
 * Numbers the way Norwegians write them, on the strategic questionnaire's
 * effort page (two whole-percent allocations, then a text that specifies
 * «Annet»). A value the engine refuses is said at its question, kept on the
 * device and never sent, so the server never refuses the response for it.
 */
const spec = loadSpec('stat-2021-strategisk.v2.json');
const answers = answersFor(spec, { 'strat.status.innovasjon': 'forankret' });
const GRADES = 'strat.innsats.grader';
const TYPES = 'strat.innsats.typer';
const OTHER = 'strat.mal.fremgang';
const OTHER_TEXT = 'strat.mal.fremgang_tekst';
/** A server of this spec's own, so its SQLite file can be read; away from other specs' ports. */
const OWN_SERVER_PORT = 4293;

/** From the first page to the effort page, answering as an innovator. */
async function toEffortPage(page: Page): Promise<AnswerPage> {
  await walkQuestionnaire(page, spec, answers, { stopAfter: 2 });
  const answerPage = new AnswerPage(page);
  expect(await answerPage.sectionId()).toBe('innsats');
  return answerPage;
}

/**
 * Every delivery state the page shows, from its first script on, so that
 * «never attention» is checked rather than sampled. The status line carries
 * it as `data-delivery`; a separate sync line as `data-state`.
 */
async function recordSyncStates(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { syncStates: string[] }).syncStates = seen;
    new MutationObserver(() => {
      const lines = document.querySelectorAll<HTMLElement>(
        '[data-delivery], [data-testid="sync-status"], [data-testid="delivery"]',
      );
      for (const line of lines) {
        const state = line.dataset.delivery ?? line.dataset.state ?? '';
        if (seen.at(-1) !== state) seen.push(state);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
}

async function draftAnswers(page: Page, draftId: string): Promise<Record<string, AnswerValue>> {
  return page.evaluate(
    (id) =>
      new Promise<Record<string, AnswerValue>>((resolve, reject) => {
        const open = indexedDB.open('barometer');
        open.onerror = () => reject(new Error('no database'));
        open.onsuccess = () => {
          const get = open.result.transaction('drafts').objectStore('drafts').get(id);
          get.onsuccess = () => {
            open.result.close();
            resolve((get.result as { answers: Record<string, AnswerValue> }).answers);
          };
          get.onerror = () => reject(new Error('no draft'));
        };
      }),
    draftId,
  );
}

async function localRevision(page: Page, draftId: string): Promise<number> {
  return page.evaluate(
    (id) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('barometer');
        open.onsuccess = () => {
          const get = open.result.transaction('drafts').objectStore('drafts').get(id);
          get.onsuccess = () => {
            open.result.close();
            resolve((get.result as { revision: number }).revision);
          };
          get.onerror = () => reject(new Error('no draft'));
        };
      }),
    draftId,
  );
}

/** What the server holds for a response, read from its SQLite file. */
function serverCopy(server: TestServer, responseId: string) {
  const db = new Database(server.databaseFile, { readonly: true });
  try {
    const row = db
      .prepare('select version, answers from responses where id = ?')
      .get(responseId) as { version: number; answers: string } | undefined;
    return (
      row && {
        version: row.version,
        answers: JSON.parse(row.answers) as Record<string, AnswerValue>,
      }
    );
  } finally {
    db.close();
  }
}

test('after a failed «Neste», typing into a field keeps every character there', async ({
  page,
}) => {
  await new StartPage(page).goto();
  await new StartPage(page).start(spec.id);
  const answerPage = await toEffortPage(page);

  await answerPage.next();
  await expect(page.locator('.ds-error-summary')).toBeFocused();

  // Ticking «Annet» shows its text; each keystroke changes what is left to fix.
  await answerPage.question(OTHER).locator('input[value="annet"]').check();
  const text = page.locator(`#${questionDomId(OTHER_TEXT)}`);
  await text.click();
  await text.pressSequentially('hei på deg');
  await expect(text).toHaveValue('hei på deg');
  await expect(text).toBeFocused();

  const share = answerPage.allocationInput(spec, TYPES, 'produkt');
  await share.click();
  await share.pressSequentially('25');
  await expect(share).toHaveValue('25');
  await expect(share).toBeFocused();

  // A new failed «Neste» takes focus to the summary again.
  await answerPage.next();
  await expect(page.locator('.ds-error-summary')).toBeFocused();
});

test('«12,5» in a whole-percent allocation is said at the question, kept on the device and never sent; the sum reads «12,5 av 100»', async ({
  browser,
}) => {
  await withOwnServer(browser, OWN_SERVER_PORT, async (server, page) => {
    await recordSyncStates(page);
    await page.goto(`${server.url}/`);
    await new StartPage(page).start(spec.id);
    const answerPage = await toEffortPage(page);
    const responseId = answerPage.draftId();

    const twelveAndAHalf = answerPage.allocationInput(spec, GRADES, 'inkrementell');
    await twelveAndAHalf.pressSequentially('12,5');
    await expect(twelveAndAHalf).toHaveValue('12,5');
    const grades = answerPage.question(GRADES);
    await expect(grades.getByText('Skriv et helt tall.')).toBeVisible();
    await expect(twelveAndAHalf).toHaveAttribute('aria-invalid', 'true');
    await expect(grades.locator('.allocation-sum')).toContainText('12,5 av 100');
    await expect(grades.locator('.allocation-sum')).toContainText('87,5');

    const types = answerPage.question(TYPES);
    await answerPage.allocationInput(spec, TYPES, 'tjeneste').pressSequentially('150');
    await answerPage.allocationInput(spec, TYPES, 'produkt').pressSequentially('30');
    await expect(types.getByText('Skriv et tall fra 0 til 100.')).toBeVisible();
    await expect(types.locator('.allocation-sum')).toContainText('180 av 100');

    // On the device: everything as typed.
    await expect
      .poll(async () => {
        const stored = await draftAnswers(page, responseId);
        return [stored[GRADES], stored[TYPES]];
      })
      .toEqual([{ inkrementell: 12.5 }, { tjeneste: 150, produkt: 30 }]);

    // On the server: the same revision, without the values the engine refuses.
    const revision = await localRevision(page, responseId);
    await expect
      .poll(() => serverCopy(server, responseId)?.version, { timeout: 20_000 })
      .toBe(revision);
    const held = serverCopy(server, responseId)?.answers ?? {};
    expect(held).not.toHaveProperty([GRADES]);
    expect(held[TYPES]).toEqual({ produkt: 30 });
    expect(held['strat.status.innovasjon']).toBe('forankret');

    const states = await page.evaluate(
      () => (window as unknown as { syncStates: string[] }).syncStates,
    );
    expect(states.length).toBeGreaterThan(0);
    expect(states).not.toContain('attention');
    await expect(page.getByText(/Trenger oppmerksomhet|tar ikke imot/)).toHaveCount(0);
  });
});
