import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localize } from '../../src/engine/index.ts';
import { AnswerPage } from './pages/AnswerPage.ts';
import { StartPage } from './pages/StartPage.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { KillableBrowser } from './support/killableBrowser.ts';
import { loadSpec } from './support/specs.ts';

const operative = loadSpec('stat-2021-operativ.v2.json');

async function pageOf(browser: Browser): Promise<Page> {
  return (browser.contexts()[0] ?? (await browser.newContext())).newPage();
}

/** The header's switch offers the other language: its name says which one the app is in. */
function expectLanguage(page: Page, language: 'nb' | 'nn') {
  return Promise.all([
    expect(page.locator('html')).toHaveAttribute('lang', language),
    expect(page.locator('.language-switch')).toHaveText(language === 'nn' ? 'Bokmål' : 'Nynorsk'),
  ]);
}

/** Runs `steps` on a Chromium of its own with a fresh profile, killed and restarted in between. */
async function withKillableBrowser(steps: (browser: KillableBrowser) => Promise<void>) {
  const profile = mkdtempSync(join(tmpdir(), 'barometer-profile-'));
  const browser = new KillableBrowser(profile);
  try {
    await steps(browser);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

test('nynorsk chosen while answering is still the language after the browser is killed', async ({
  baseURL,
}) => {
  await withKillableBrowser(async (browser) => {
    const page = await pageOf(await browser.start());
    await page.goto(`${baseURL ?? ''}/`);
    await new StartPage(page).start(operative.id);
    await new AnswerPage(page).sectionId();
    const answering = page.url();
    await new StartPage(page).switchLanguage();
    await expectLanguage(page, 'nn');
    // Killed the moment the screen is in nynorsk: no unload, nothing flushed on the way out.
    await browser.kill();

    const reopened = await pageOf(await browser.start());
    await reopened.goto(`${baseURL ?? ''}/`);
    await expectLanguage(reopened, 'nn');
    await expect(reopened.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoAxeViolations(reopened, 'start page in nynorsk after a kill');

    // The deep link to the response opens in nynorsk too, questions included.
    await reopened.goto(answering);
    await expectLanguage(reopened, 'nn');
    const [firstId] = await new AnswerPage(reopened).visibleQuestionIds();
    const question = operative.sections.flatMap((s) => s.questions).find((q) => q.id === firstId);
    if (!question) throw new Error(`no question ${String(firstId)} in the spec`);
    await expect(reopened.getByText(localize(question.text, 'nn', operative))).toBeVisible();
  });
});

test('going back to bokmål after nynorsk is what the app remembers after the browser is killed', async ({
  baseURL,
}) => {
  await withKillableBrowser(async (browser) => {
    const page = await pageOf(await browser.start());
    await page.goto(`${baseURL ?? ''}/`);
    await new StartPage(page).switchLanguage();
    await expectLanguage(page, 'nn');
    // Long enough for Chromium to write localStorage to disk: the older choice is there for sure.
    await page.waitForTimeout(12_000);
    await new StartPage(page).switchLanguage();
    await expectLanguage(page, 'nb');
    await browser.kill();

    const reopened = await pageOf(await browser.start());
    await reopened.goto(`${baseURL ?? ''}/`);
    await expect(reopened.getByRole('heading', { level: 1 })).toBeVisible();
    // Still bokmål a moment later, once the stored choice has been read.
    await reopened.waitForTimeout(1_000);
    await expectLanguage(reopened, 'nb');
  });
});
