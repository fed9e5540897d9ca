import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import readExcelFile from 'read-excel-file/node';
import { randomUUID } from 'node:crypto';
import { sealExportFile } from '../../src/contract/index.ts';
import { computeVisibility } from '../../src/engine/index.ts';
import { sha256Hex } from '../../src/server/tokens.ts';
import { AdminPage } from './pages/AdminPage.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { TestServer } from './support/server.ts';
import { answersFor, loadSpec } from './support/specs.ts';

/**
 * The survey owner's flow end to end (issue 16.5): a wrong key said as
 * such, invitations made, revoked, opened and re-sent from `/admin`, the
 * links' CSV, the response counts apart by provenance, and both Excel
 * exports read back.
 */
const spec = loadSpec('stat-2021-operativ.v2.json');

/** Submits a whole response through an invitation link's token, as the app does after a claim. */
async function submitThrough(server: TestServer, token: string) {
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
  const { answers } = computeVisibility(spec, answersFor(spec));
  const saved = await fetch(`${server.url}/api/responses/${responseId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      questionnaireId: spec.id,
      questionnaireVersion,
      status: 'submitted',
      version: 1,
      answers,
      answeredAt: Object.fromEntries(Object.keys(answers).map((id) => [id, Date.now()])),
    }),
  });
  expect(saved.status, await saved.text()).toBe(200);
}

const tokenOf = (link: string) => link.split('/i/')[1] ?? '';

async function linksShown(page: Page, card: ReturnType<AdminPage['questionnaire']>) {
  const shown = card.root.getByTestId('invitation-new-links').getByTestId('invitation-link');
  return shown.allTextContents();
}

test('the owner signs in after a wrong key, makes three invitations, revokes one, opens one, re-sends one and reads both exports back', async ({
  browser,
}) => {
  const server = new TestServer(4340);
  await server.start();
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  try {
    const admin = new AdminPage(page, server.url);
    await admin.goto();
    await admin.signIn('not-the-key-0123456789abcdef');
    await expect(admin.signInError).toHaveText(/^Nøkkelen stemmer ikke\./);
    await expect(admin.signInError).toBeFocused();
    await expect(admin.keyField).toHaveAttribute('aria-invalid', 'true');
    await expect(admin.keyField).toHaveAccessibleDescription(/Nøkkelen stemmer ikke/);
    await expectNoAxeViolations(page, 'owner flow, wrong key');

    await admin.signInAs(TestServer.ADMIN_TOKEN);
    const card = admin.questionnaire(spec.id);
    const invitations = card.root.getByRole('region', { name: 'Invitasjoner' });
    await expect(card.root.getByTestId('invitation-none')).toBeVisible();
    await expect(card.root.locator('[data-provenance="invited"]')).toHaveText(
      'Invitasjoner: ingen er sendt ut, så det finnes ingen svarprosent.',
    );
    await expectNoAxeViolations(page, 'owner flow, no invitations');

    // Three links with labels and an expiry.
    await invitations.getByLabel('Navn på mottakerne (valgfritt)').fill('Etat A\nEtat B\nEtat C');
    await invitations.getByLabel('Antall dager lenkene virker (valgfritt)').fill('30');
    await invitations.getByRole('button', { name: 'Lag lenker' }).click();
    const notice = card.root.getByTestId('invitation-notice');
    await expect(notice).toHaveText('3 lenker er laget.');
    await expect(notice).toBeFocused();
    const links = await linksShown(page, card);
    expect(links).toHaveLength(3);
    // Links start with the server's own address, not a fixed port.
    for (const link of links) expect(link).toMatch(new RegExp(`^${server.url}/i/[\\w-]{43}$`));
    const rows = card.root.getByTestId('invitation-list').locator('tbody tr');
    await expect(rows).toHaveCount(3);
    await expect(rows.locator('td').first()).toHaveText('Ikke åpnet');
    // The list is built from the server's list, which never has a token.
    const listText = await card.root.getByTestId('invitation-list').textContent();
    for (const link of links) expect(listText).not.toContain(tokenOf(link));
    await expectNoAxeViolations(page, 'owner flow, three links made');

    // The CSV of the links just made: BOM, semicolons, one row per link.
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      card.root.getByTestId('invitation-csv').click(),
    ]);
    expect(csvDownload.suggestedFilename()).toBe(`invitasjoner-${spec.id}.csv`);
    const linksFile = await readFile(await csvDownload.path(), 'utf8');
    expect(linksFile.startsWith('\uFEFFMottaker;Lenke\r\n')).toBe(true);
    const linkRows = parse<Record<string, string>>(linksFile, {
      bom: true,
      delimiter: ';',
      columns: true,
    });
    expect(linkRows.map((r) => r['Mottaker'])).toEqual(['Etat A', 'Etat B', 'Etat C']);
    expect(linkRows.map((r) => r['Lenke'])).toEqual(links);
    const [linkA = '', linkB = '', linkC = ''] = links;

    // Revoke Etat A after confirming; its link no longer opens.
    await card.root.getByRole('button', { name: 'Trekk tilbake invitasjonen til Etat A' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trekke tilbake invitasjonen?' });
    await expect(dialog).toContainText('Lenken til Etat A slutter å virke med en gang.');
    await expect(dialog.getByRole('button', { name: 'Avbryt' })).toBeFocused();
    await expectNoAxeViolations(page, 'owner flow, revoke dialog');
    await dialog.getByRole('button', { name: 'Trekk tilbake', exact: true }).click();
    await expect(notice).toHaveText(
      'Invitasjonen til Etat A er trukket tilbake. Lenken virker ikke lenger.',
    );
    await expect(card.root.locator('tr', { hasText: 'Etat A' }).locator('td').first()).toHaveText(
      'Trukket tilbake',
    );
    const outsider = await browser.newContext();
    const revokedPage = await outsider.newPage();
    await revokedPage.goto(linkA);
    await expect(revokedPage.getByText(/Lenken virker ikke/)).toBeVisible();

    // Etat B's link opens in a new page: it claims and shows the questionnaire.
    const respondent = await outsider.newPage();
    await respondent.goto(linkB);
    await expect(respondent).toHaveURL(/\/svar\/[^/]+\/[^/]+$/);
    await expect(respondent.getByRole('heading', { level: 1 })).toBeVisible();
    await page.reload();
    await expect(card.root.locator('tr', { hasText: 'Etat B' }).locator('td').first()).toHaveText(
      'Åpnet',
    );

    // Re-send Etat C: a new link is shown; the old one opens nothing, the new one works.
    await card.root.getByRole('button', { name: 'Lag ny lenke til Etat C' }).click();
    await expect(notice).toHaveText(
      'Ny lenke til Etat C er laget. Den gamle lenken virker ikke lenger.',
    );
    const [renewed = ''] = await linksShown(page, card);
    expect(renewed).not.toBe(linkC);
    const oldC = await outsider.newPage();
    await oldC.goto(linkC);
    await expect(oldC.getByText(/Lenken virker ikke/)).toBeVisible();
    await submitThrough(server, tokenOf(renewed));
    await page.reload();
    await expect(card.root.locator('tr', { hasText: 'Etat C' }).locator('td').first()).toHaveText(
      'Sendt inn',
    );
    // Revoked Etat A is out of the rate: 2 invitations, 1 submitted; Etat B is opened, not yet answered.
    await expect(card.root.locator('[data-provenance="invited"]')).toHaveText(
      'Invitasjoner: 2 sendt ut · 1 påbegynt · 1 sendt inn. Svarprosent 50 %. 1 invitasjon er trukket tilbake og er ikke med i svarprosenten.',
    );
    await expect(card.root.locator('[data-provenance="open"]')).toHaveText(
      'Åpen lenke: 0 påbegynt · 0 sendt inn.',
    );
    await expectNoAxeViolations(page, 'owner flow, after revoke and re-send');
    await outsider.close();

    // Both exports, read back: the Norwegian-Excel CSV and the workbook.
    const [excelCsv] = await Promise.all([
      page.waitForEvent('download'),
      card.root.getByRole('button', { name: 'CSV for norsk Excel' }).click(),
    ]);
    const csvText = await readFile(await excelCsv.path(), 'utf8');
    const answers = parse<Record<string, string>>(csvText, {
      bom: true,
      delimiter: ';',
      columns: true,
    });
    // The one submitted response (Etat C's); Etat B's has no saved answers.
    expect(answers).toHaveLength(1);
    const row = answers[0] ?? {};
    const cell = (prefix: string) =>
      Object.entries(row).find(([header]) => header.startsWith(prefix))?.[1] ?? '';
    // Local time with its offset from UTC, as Norwegian Excel shows it.
    expect(cell('sendt_inn')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? [+-]\d{2}:\d{2}$/);
    const csvScores = Object.entries(row).filter(([header]) => header.startsWith('indeks.'));
    expect(csvScores.length).toBeGreaterThan(0);
    for (const [, value] of csvScores) expect(value).toMatch(/^(\d+(,\d)?)?$/);
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      card.root.getByRole('button', { name: 'Regneark for Excel (XLSX)' }).click(),
    ]);
    const sheets = await readExcelFile(await readFile(await xlsx.path()));
    const svar = sheets.find((s) => s.sheet === 'Svar')?.data ?? [];
    const [headers = [], values = []] = svar;
    expect(svar).toHaveLength(2);
    const at = (prefix: string) =>
      values[headers.findIndex((h) => typeof h === 'string' && h.startsWith(prefix))];
    // Real dates, not text.
    expect(at('sendt_inn')).toBeInstanceOf(Date);
    // Real numbers, the same scores the CSV writes with a decimal comma.
    for (const [header, text] of csvScores) {
      const number = at(header);
      if (text === '') expect(number ?? null).toBeNull();
      else {
        expect(typeof number).toBe('number');
        expect(Number(text.replace(',', '.'))).toBeCloseTo(Number(number), 1);
      }
    }

    await page.setViewportSize({ width: 320, height: 640 });
    await expect(card.root.getByTestId('invitation-list')).toBeVisible();
    expect(await admin.hasHorizontalScroll()).toBe(false);
  } finally {
    await context.close();
    await server.stop();
  }
});

test("the owner imports a collector's export file from /admin: created, then already there, and a changed file refused with the reason", async ({
  browser,
}) => {
  const server = new TestServer(4342);
  await server.start();
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const made = await server.admin('POST', '/api/admin/collectors', {
      label: 'Team Nord',
      questionnaireIds: [spec.id],
    });
    expect(made.status).toBe(201);
    const collectorId = (made.json as { id: string }).id;
    const { answers } = computeVisibility(spec, answersFor(spec));
    const file = await sealExportFile(
      {
        format: 'barometer.collector-export',
        formatVersion: 1,
        exportedAt: '2025-03-01T14:05:00+01:00',
        collector: { id: collectorId, label: 'Team Nord' },
        responses: [
          {
            id: randomUUID(),
            questionnaireId: spec.id,
            questionnaireVersion: spec.version,
            status: 'submitted',
            version: 1,
            answers,
          },
        ],
      },
      sha256Hex,
    );
    const text = JSON.stringify(file);

    const admin = new AdminPage(page, server.url);
    await admin.goto();
    await admin.signInAs(TestServer.ADMIN_TOKEN);
    const panel = page.getByTestId('admin-import');
    const outcome = panel.getByTestId('import-outcome');
    const importText = async (name: string, body: string) => {
      await panel
        .getByLabel('Fil fra innsamleren (JSON)')
        .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
      await panel.getByRole('button', { name: 'Hent inn fila' }).click();
    };

    await panel.getByRole('button', { name: 'Hent inn fila' }).click();
    await expect(outcome).toHaveText('Velg en fil først.');

    await importText('eksport.json', text);
    await expect(outcome).toHaveText(
      'Fila er hentet inn: 1 nytt svar, 0 oppdatert, 0 fantes fra før.',
    );
    await importText('eksport.json', text);
    await expect(outcome).toHaveText(
      'Fila er hentet inn: 0 nye svar, 0 oppdatert, 1 fantes fra før.',
    );
    await expectNoAxeViolations(page, 'owner flow, file imported');

    // One answer changed after the file was saved: the checksum no longer matches.
    await importText('endret.json', text.replace('"version":1', '"version":2'));
    await expect(outcome).toHaveText(
      'Fila ble avvist fordi innholdet er endret etter at den ble lagret (kontrollsummen stemmer ikke). Ingenting er lagt inn.',
    );
    await importText('avkuttet.json', text.slice(0, text.length / 2));
    await expect(outcome).toContainText('ufullstendig');

    await page.reload();
    await expect(
      admin.questionnaire(spec.id).root.locator('[data-provenance="collector"]'),
    ).toHaveText('Registrert av innsamlere: 1 påbegynt · 1 sendt inn.');
    await page.setViewportSize({ width: 320, height: 640 });
    await expect(panel).toBeVisible();
    expect(await admin.hasHorizontalScroll()).toBe(false);
  } finally {
    await context.close();
    await server.stop();
  }
});
