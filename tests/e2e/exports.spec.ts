import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import readExcelFile from 'read-excel-file/node';
import { TestServer } from './support/server.ts';
import { AdminPage } from './pages/AdminPage.ts';
import { expectNoAxeViolations } from './support/axe.ts';

/** The survey owner's downloads (EX1–EX5): each button saves the file it describes. */
test('the owner downloads the analysis CSV and the workbook, each button explained and named for its file', async ({
  page,
}) => {
  const admin = new AdminPage(page);
  await admin.goto();
  await admin.signInAs(TestServer.ADMIN_TOKEN);
  const card = admin.questionnaire('stat-2021-operativ').root;
  const analysis = card.getByRole('button', { name: 'CSV for analyse' });
  await expect(analysis).toHaveAccessibleDescription(/koder i stedet for tekst/);
  await expect(card.getByRole('button', { name: 'Fordeling per indikator (CSV)' })).toBeVisible();
  // A questionnaire without indicators has no distribution to offer.
  await expect(
    admin
      .questionnaire('ks-2020-kommune')
      .root.getByRole('button', { name: 'Fordeling per indikator (CSV)' }),
  ).toHaveCount(0);

  const [csv] = await Promise.all([page.waitForEvent('download'), analysis.click()]);
  expect(csv.suggestedFilename()).toBe('barometer-stat-2021-operativ-analyse.csv');
  const text = await readFile(await csv.path(), 'utf8');
  expect(text.startsWith('svar_id,status,skjemaversjon,opphav,')).toBe(true);

  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    card.getByRole('button', { name: 'Regneark for Excel (XLSX)' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toBe('barometer-stat-2021-operativ.xlsx');
  const sheets = await readExcelFile(await readFile(await xlsx.path()));
  expect(sheets.map((s) => s.sheet)).toEqual(['Svar', 'Kodebok', 'Fordeling']);

  await expectNoAxeViolations(page, 'admin, export downloads');
  await page.setViewportSize({ width: 320, height: 640 });
  await expect(analysis).toBeVisible();
  expect(await admin.hasHorizontalScroll()).toBe(false);
});
