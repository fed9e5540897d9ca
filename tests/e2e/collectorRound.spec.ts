import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localize, type AnswerValue, type Questionnaire } from '../../src/engine/index.ts';
import { CollectorPage } from './pages/CollectorPage.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { KillableBrowser } from './support/killableBrowser.ts';
import { e2eDatabase, Owner, runImport } from './support/owner.ts';
import {
  escape,
  expectLine,
  expectOfflineRoster,
  respondent,
  textPattern,
  type Respondent,
} from './support/roster.ts';
import { answersFor, loadSpec } from './support/specs.ts';
import { walkQuestionnaire } from './support/walk.ts';

/**
 * A collector's whole day (issue 15, «Done when»): enrol a tablet with a
 * link from the owner's API, collect five respondents offline — complete and
 * partial, in Bokmål and Nynorsk, on both questionnaires — with reloads and
 * browser restarts (SIGKILL, the same profile) between them, reconnect and
 * press «Send alle» once; then the export file as the escape hatch, and
 * «Glem denne enheten». The roster is checked after every step against what
 * was done (SYNC.md SY20–SY22), and the server against the roster.
 */
const operative = loadSpec('stat-2021-operativ.v2.json');
const strategic = loadSpec('stat-2021-strategisk.v2.json');
const PIN = '482915';
const COLLECTOR = 'Team Vest';

/** Answers that keep the walks short: no innovation, so the innovation pages stay hidden. */
const answersOf = (spec: Questionnaire): Record<string, AnswerValue> =>
  spec === strategic
    ? answersFor(strategic, { 'strat.status.innovasjon': 'jobber_ikke' })
    : answersFor(operative, {
        'op.status.innfort': {
          tjenester: 'nei',
          produkter: 'nei',
          prosesser: 'nei',
          kommunikasjon: 'nei',
        },
      });

async function expectNoSidewaysScroll(page: Page, screen: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${screen} pans sideways`).toBe(0);
}

test('a collector’s day: five respondents offline across reloads and restarts, one «Send alle», the export file imported once, then the device forgotten', async ({
  baseURL,
  request,
}) => {
  test.setTimeout(180_000);
  const origin = baseURL ?? '';
  const owner = new Owner(request, origin);
  const profile = mkdtempSync(join(tmpdir(), 'barometer-collector-'));
  const browser = new KillableBrowser(profile);

  /** A fresh start of Chromium on the same profile, offline from the first request. */
  async function openBrowser(offline: boolean): Promise<CollectorPage> {
    const started = await browser.start();
    const context = started.contexts()[0] ?? (await started.newContext());
    await context.setOffline(offline);
    return new CollectorPage(await context.newPage());
  }
  async function restart(): Promise<CollectorPage> {
    await browser.kill();
    return openBrowser(true);
  }

  const bakery = respondent('Bakeriet på hjørnet', operative);
  const kari = respondent('Kari Nordmann', strategic);
  const fjord = respondent('Fjordkommunen', strategic);
  const ola = respondent('Ola Nordmann', operative);
  const store = respondent('Lagerhuset', strategic);
  const five = [bakery, kari, fjord, ola, store];
  const cabin = respondent('Hytta', operative);

  /** «Ny respondent» in the language the device shows; the respondent may then switch it. */
  async function start(r: Respondent, inNynorsk = false) {
    r.id = await collector.startRespondent(r.label, localize(r.spec.title, 'nb', r.spec));
    if (inNynorsk) await collector.switchLanguage();
  }
  async function answerPages(r: Respondent, pages: number) {
    await walkQuestionnaire(collector.page, r.spec, answersOf(r.spec), {
      stopAfter: pages,
      given: r.given,
    });
  }
  /** Every page, the review, «Send inn» while offline. */
  async function completeAndSubmitOffline(r: Respondent) {
    await answerPages(r, 100);
    await expect(collector.page).toHaveURL(/\/oppsummering$/);
    await collector.page.getByRole('button', { name: collector.text('review.submit') }).click();
    await expect(
      collector.page.getByRole('heading', { name: collector.text('receipt.heading') }),
    ).toBeVisible();
    // Offline, the receipt says the answers wait on the device, not that they were sent.
    await expect(collector.page.getByText(collector.text('receipt.local'))).toBeVisible();
    r.isSubmitted = true;
  }
  async function takeBack() {
    await collector.handBack();
    await collector.enterPin(PIN);
    await expect(collector.rosterHeading).toBeVisible();
  }

  let collector = await openBrowser(false);
  try {
    await test.step('the collector enrols with a link from the owner’s API and chooses a PIN', async () => {
      const token = await owner.createCollector(COLLECTOR, [operative.id, strategic.id]);
      await collector.enrol(token, COLLECTOR, origin);
      await collector.choosePin(PIN);
      await expect(collector.rosterHeading).toBeVisible();
      // The app must open without the network from here: wait for the service worker to control the page.
      await collector.page.evaluate(async () => navigator.serviceWorker.ready);
      await collector.page.reload();
      await expect
        .poll(() => collector.page.evaluate(() => navigator.serviceWorker.controller !== null))
        .toBe(true);
      await expect(collector.rosterHeading).toBeVisible();
      await collector.page.context().setOffline(true);
    });

    await test.step('offline: a complete response in Bokmål, then a reload', async () => {
      await start(bakery);
      await completeAndSubmitOffline(bakery);
      await takeBack();
      await expectOfflineRoster(collector, [bakery]);
      await collector.page.reload();
      await expectOfflineRoster(collector, [bakery]);
    });

    await test.step('offline: a partial response, then a browser restart', async () => {
      await start(kari);
      await answerPages(kari, 2);
      await takeBack();
      await expectOfflineRoster(collector, [bakery, kari]);
      collector = await restart();
      await collector.page.goto(`${origin}/innsamling`);
      await expect(collector.page.getByRole('heading', { level: 1 })).toBeVisible();
      await collector.readLanguage();
      await expectOfflineRoster(collector, [bakery, kari]);
    });

    await test.step('offline: a complete response in Nynorsk, with the browser killed half-way', async () => {
      await start(fjord, true);
      await answerPages(fjord, 3);
      const page = new URL(collector.page.url()).pathname;
      collector = await restart();
      // The device is still the respondent's: the start page asks for the PIN, their own address opens.
      // Chromium writes localStorage lazily, so the kill may have lost the switch to Nynorsk made
      // minutes before; the copy in IndexedDB, written durably, brings Nynorsk back.
      await collector.page.goto(`${origin}/`);
      await expect(collector.page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await collector.readLanguage()).toBe('nn');
      await expect(collector.pinPrompt).toBeVisible();
      await collector.page.goto(`${origin}/svar/${fjord.id}`);
      await expect(collector.page).toHaveURL(`${origin}${page}`);
      await expect(collector.page.locator('html')).toHaveAttribute('lang', 'nn');
      await completeAndSubmitOffline(fjord);
      await takeBack();
      // The roster speaks Nynorsk too, and says the same.
      await expectOfflineRoster(collector, [bakery, kari, fjord]);
    });

    await test.step('offline: a partial response in Nynorsk, reloaded half-way', async () => {
      // The device still speaks Nynorsk from the last respondent; this one keeps it.
      expect(collector.language).toBe('nn');
      await start(ola);
      await answerPages(ola, 1);
      await collector.page.reload();
      await expect(collector.page).toHaveURL(new RegExp(`/svar/${ola.id}/`));
      await answerPages(ola, 1);
      await takeBack();
      await expectOfflineRoster(collector, [bakery, kari, fjord, ola]);
      // The collector goes back to Bokmål.
      await collector.switchLanguage();
      await expectOfflineRoster(collector, [bakery, kari, fjord, ola]);
    });

    await test.step('offline: a fifth, partial, then a restart; the roster and its panels say what is true', async () => {
      await start(store);
      await answerPages(store, 1);
      await takeBack();
      await expectOfflineRoster(collector, five);
      collector = await restart();
      await collector.page.goto(`${origin}/innsamling`);
      await expect(collector.page.getByRole('heading', { level: 1 })).toBeVisible();
      await collector.readLanguage();
      await expectOfflineRoster(collector, five);
      await expect(collector.page.getByTestId('export-pending')).toHaveText(
        collector.text('collectorPanels.export.pending', { n: 5 }),
      );
      // Nothing may be forgotten yet; each respondent in the way is named, with why.
      const blocked = collector.panel('forget').getByTestId('forget-blocked');
      for (const r of five)
        await expect(blocked.locator(`li[data-response-id="${r.id}"]`)).toHaveText(
          `${r.label}: ${collector.text(
            `collectorPanels.forget.reason.${r.isSubmitted ? 'completedNotSent' : 'notSent'}`,
          )}`,
        );
      await expect(collector.page.getByTestId('forget-device')).toHaveCount(0);
      // Nothing of it reached the server.
      for (const r of five) expect((await owner.response(r.id)).status).toBe(404);
    });

    await test.step('back online, «Send alle» once: every response on the server once, as a collector’s', async () => {
      const page = collector.page;
      // The background sender sends by itself the moment the network returns; the collector presses
      // «Send alle» as the tablet gets it back, so the batch (which holds the outbox lock while it
      // runs, so the background sender stands aside) is what delivers the five.
      await page.getByTestId('send-all').click();
      const progressText = page.getByTestId('send-all-progress');
      await expect(progressText).toHaveText(
        textPattern(collector, 'collectorPanels.send.progress', {
          done: '0',
          total: '5',
          sent: '0',
          size: '[\\d,]+\\skB',
        }),
      );
      await page.context().setOffline(false);
      const summary = page.getByTestId('send-all-summary');
      await expect(summary).toHaveText(
        [
          collector.text('collectorPanels.send.summarySubmitted', { n: 2 }),
          collector.text('collectorPanels.send.summaryStoredDraft', { n: 3 }),
          collector.text('collectorPanels.send.removed_other', { n: 2 }),
        ].join(' '),
        { timeout: 30_000 },
      );
      await expect(progressText).toHaveText(
        textPattern(collector, 'collectorPanels.send.progress', {
          done: '5',
          total: '5',
          sent: '([\\d,]+)',
          size: '\\1\\skB',
        }),
      );
      const bar = page.getByRole('progressbar', {
        name: collector.text('collectorPanels.send.progressLabel'),
      });
      expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
      const results = page.getByTestId('send-all-results');
      for (const r of five) {
        const line = results.locator(`li[data-response-id="${r.id}"]`);
        await expect(line).toHaveAttribute(
          'data-outcome',
          r.isSubmitted ? 'submitted' : 'storedDraft',
        );
        await expect(line).toHaveText(
          r.isSubmitted
            ? `${r.label}: ${collector.text('collectorPanels.send.outcome.submitted')} ${collector.text('collectorPanels.send.removedHere')}`
            : `${r.label}: ${collector.text('collectorPanels.send.outcome.storedDraft')}`,
        );
      }
      await expect(page.getByTestId('send-all-attention')).toHaveCount(0);

      // The roster now says what the server confirmed; submitted answers left the device.
      for (const r of five) await expectLine(collector, r, r.isSubmitted ? 'removed' : 'backedUp');
      await expect(page.getByTestId('export-nothing')).toBeVisible();

      // The server holds each once, as the collector's, submitted or draft as on the device, with its answers.
      for (const r of five) {
        const { status, body } = await owner.response(r.id);
        expect(status).toBe(200);
        expect(body.status).toBe(r.isSubmitted ? 'submitted' : 'draft');
        expect(body.answers).toEqual(r.given);
      }
      for (const spec of [operative, strategic]) {
        const rows = await owner.rows(spec);
        for (const r of five.filter((x) => x.spec === spec))
          expect(rows.filter((row) => row.id === r.id)).toEqual([
            { id: r.id, status: r.isSubmitted ? 'submitted' : 'draft', provenance: 'collector' },
          ]);
      }
      expect(await owner.collector(COLLECTOR)).toMatchObject({ responses: 5, submitted: 2 });
    });

    await test.step('the roster with its panels and a respondent’s slip pass axe and fit 320 px', async () => {
      const page = collector.page;
      await expectNoAxeViolations(page, 'the roster after «Send alle»');
      const slip = await collector.showSlip(bakery.label);
      const link = (await slip.getByTestId('slip-link').textContent()) ?? '';
      expect(link).toMatch(new RegExp(`^${escape(origin)}/i/[A-Za-z0-9_-]{43,}$`));
      await expectNoAxeViolations(page, 'the roster with a respondent’s slip');
      // The slip opens the bakery's response, now that the server has it (SY17).
      const claim = await request.post(`${origin}/api/invitations/claim`, {
        data: { token: link.split('/i/')[1] },
      });
      expect(claim.status()).toBe(200);
      expect(await claim.json()).toMatchObject({ responseId: bakery.id });
      await page.setViewportSize({ width: 320, height: 640 });
      await expectNoSidewaysScroll(page, 'the roster with its panels and a slip at 320 px');
      await page.setViewportSize({ width: 390, height: 844 });
    });

    let exported = '';
    await test.step('offline again: the unsent answers go into an export file, which imports once', async () => {
      const page = collector.page;
      await page.context().setOffline(true);
      await collector.continueWith(kari.label);
      await answerPages(kari, 1);
      await takeBack();
      await start(cabin);
      await answerPages(cabin, 1);
      await takeBack();
      await expectLine(collector, kari, 'device');
      await expectLine(collector, cabin, 'device');
      await expect(page.getByTestId('export-pending')).toHaveText(
        collector.text('collectorPanels.export.pending', { n: 2 }),
      );

      const file = await collector.downloadExport();
      exported = file.text;
      await expect(page.getByTestId('export-status')).toHaveText(
        collector.text('collectorPanels.export.downloaded', { fileName: file.fileName, n: 2 }),
      );
      // Downloaded is not saved: until the collector says so, the device may not be forgotten.
      const blocked = collector.panel('forget').getByTestId('forget-blocked');
      await expect(blocked.locator('li')).toHaveText([
        `${cabin.label}: ${collector.text('collectorPanels.forget.reason.notSent')}`,
        `${kari.label}: ${collector.text('collectorPanels.forget.reason.notSent')}`,
      ]);
      await collector.confirmExportSaved();
      await expect(collector.panel('forget').getByTestId('forget-allowed')).toHaveText(
        collector.text('collectorPanels.forget.allowed'),
      );

      const parsed = JSON.parse(exported) as {
        responses: { id: string; status: string; answers: Record<string, unknown> }[];
      };
      expect(parsed.responses.map((r) => r.id).sort()).toEqual([kari.id, cabin.id].sort());
      const kariBefore = (await owner.response(kari.id)).body.version as number;

      const first = await owner.importFile(exported);
      expect(first.status).toBe(200);
      expect(first.body.counts).toEqual({
        created: 1,
        updated: 1,
        replay: 0,
        stale: 0,
        refused: 0,
      });
      for (const r of [kari, cabin]) {
        const { status, body } = await owner.response(r.id);
        expect(status).toBe(200);
        expect(body.answers).toEqual(r.given);
        expect(body.status).toBe('draft');
      }
      const kariAfter = (await owner.response(kari.id)).body.version as number;
      expect(kariAfter).toBeGreaterThan(kariBefore);

      const again = await owner.importFile(exported);
      expect(again.status).toBe(200);
      expect(again.body.counts).toEqual({
        created: 0,
        updated: 0,
        replay: 2,
        stale: 0,
        refused: 0,
      });
      expect((await owner.response(kari.id)).body.version).toBe(kariAfter);
      const operativeRows = await owner.rows(operative);
      expect(operativeRows.filter((row) => row.id === cabin.id)).toHaveLength(1);

      // One answer changed with the checksum left as it was, and a copy cut short: refused, nothing written.
      const tampered = structuredClone(parsed);
      const target = tampered.responses[0];
      if (!target) throw new Error('the export file holds no response');
      const [question] = Object.keys(target.answers);
      if (!question) throw new Error('the exported response holds no answer');
      target.answers[question] = target.answers[question] === 'annet' ? 'nei' : 'annet';
      const changed = await owner.importFile(JSON.stringify(tampered, null, 2));
      expect(changed.status).toBe(400);
      expect(changed.body.error).toBe('checksum_mismatch');
      expect(changed.body.message).toEqual(expect.any(String));
      const cut = await owner.importFile(exported.slice(0, Math.floor(exported.length / 2)));
      expect(cut.status).toBe(400);
      expect(cut.body.error).toBe('truncated');
      expect(cut.body.message).toEqual(expect.any(String));
      const kariNow = await owner.response(kari.id);
      expect(kariNow.body.version).toBe(kariAfter);
      expect(kariNow.body.answers).toEqual(kari.given);

      // `npm run import` writes to the same database as the e2e server, as it would on the server.
      const database = e2eDatabase();
      expect(existsSync(database), `the e2e server's database at ${database}`).toBe(true);
      const filePath = join(profile, 'export.json');
      writeFileSync(filePath, exported);
      const cli = await runImport(filePath, database);
      expect(cli.code).toBe(0);
      const cliReply = JSON.parse(cli.stdout) as { counts: Record<string, number> };
      expect(cliReply.counts).toEqual({ created: 0, updated: 0, replay: 2, stale: 0, refused: 0 });
      const tamperedPath = join(profile, 'tampered.json');
      writeFileSync(tamperedPath, JSON.stringify(tampered));
      const refused = await runImport(tamperedPath, database);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('refused (checksum_mismatch)');
    });

    await test.step('«Glem denne enheten» once everything is acknowledged or exported: the device is empty', async () => {
      const page = collector.page;
      await collector.forgetDevice();
      await expect(page).toHaveURL(`${origin}/`);
      await expect(
        page.getByRole('link', { name: collector.text('collector.toRoster') }),
      ).toHaveCount(0);
      await page.goto(`${origin}/innsamling`);
      await expect(page.getByText(collector.text('collector.roster.notEnrolled'))).toBeVisible();
      await expect(page.getByTestId('roster-entry')).toHaveCount(0);
      // What the server has stays.
      for (const r of [...five, cabin]) expect((await owner.response(r.id)).status).toBe(200);
    });
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
