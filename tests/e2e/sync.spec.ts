import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { compile } from '../../src/engine/index.ts';
import { AnswerPage } from './pages/AnswerPage.ts';
import { StartPage } from './pages/StartPage.ts';
import { withOwnServer, type TestServer } from './support/server.ts';
import { answersFor, loadSpec } from './support/specs.ts';
import { walkQuestionnaire } from './support/walk.ts';

/** Sync against our real server, checked in its real SQLite file. */
const spec = loadSpec(process.env.E2E_SYNC_SPEC ?? 'stat-2021-operativ.v2.json');
const answers = answersFor(spec);
const ADMIN = 'e2e-admin-token-0123456789abcdef';

function storedRows(server: TestServer, responseId: string) {
  const db = new Database(server.databaseFile, { readonly: true });
  try {
    return db
      .prepare('select id, version, status, answers from responses where id = ?')
      .all(responseId) as {
      id: string;
      version: number;
      status: string;
      answers: string;
    }[];
  } finally {
    db.close();
  }
}

async function localRevision(page: Page, responseId: string): Promise<number> {
  return page.evaluate(
    (id) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('barometer');
        open.onsuccess = () => {
          const get = open.result.transaction('drafts').objectStore('drafts').get(id);
          get.onsuccess = () => resolve((get.result as { revision: number }).revision);
          get.onerror = () => reject(new Error('no draft'));
        };
      }),
    responseId,
  );
}

async function answerFirstTwo(page: Page) {
  const answerPage = new AnswerPage(page);
  const [q1, q2] = await answerPage.visibleQuestionIds();
  if (!q1 || !q2) throw new Error('the first page needs two questions');
  return { answerPage, q1, q2 };
}

test('submitted offline, the receipt says the answers are kept on the device, and «sendt inn» only once the server acknowledged them', async ({
  browser,
}) => {
  await withOwnServer(browser, 4189, async (server, page) => {
    await new StartPage(page).start(spec.id);
    const responseId = new AnswerPage(page).draftId();
    await server.stop();
    await walkQuestionnaire(page, spec, answers);
    await page.getByRole('button', { name: /Send inn/ }).click();
    const receipt = page.getByTestId('receipt');
    await expect(receipt).toHaveAttribute('data-state', 'local');
    await expect(receipt).toContainText('er lagret på denne enheten');
    await expect(receipt).not.toContainText('sendt inn');

    await server.start();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(receipt).toHaveAttribute('data-state', 'sent');
    await expect(receipt).toContainText('Svarene ble sendt inn');
    expect(storedRows(server, responseId)[0]?.status).toBe('submitted');
  });
});

test('an answer given offline reaches the server exactly once after reconnecting', async ({
  browser,
}) => {
  await withOwnServer(browser, 4184, async (server, page) => {
    await new StartPage(page).start(spec.id);
    const { answerPage, q1, q2 } = await answerFirstTwo(page);
    const responseId = answerPage.draftId();

    await answerPage.answer(spec, q1, answers[q1]!);
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-delivery', 'backedUp');
    expect(storedRows(server, responseId)).toHaveLength(1);

    await server.stop();
    await answerPage.answer(spec, q2, answers[q2]!);
    await answerPage.waitUntilSaved();
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-delivery', 'device');

    await server.start();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-delivery', 'backedUp');
    const rows = storedRows(server, responseId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.version).toBe(await localRevision(page, responseId));
    expect(Object.keys(JSON.parse(rows[0]?.answers ?? '{}') as object)).toEqual(
      expect.arrayContaining([q1, q2]),
    );
  });
});

test('with the server killed and restarted mid-sync, the outbox drains with no loss and no duplicate', async ({
  browser,
}) => {
  await withOwnServer(browser, 4185, async (server, page) => {
    const ids: string[] = [];
    await server.stop();
    for (let i = 0; i < 3; i++) {
      await page.goto(`${server.url}/`);
      await new StartPage(page).start(spec.id);
      const { answerPage, q1, q2 } = await answerFirstTwo(page);
      await answerPage.answer(spec, q1, answers[q1]!);
      await answerPage.answer(spec, q2, answers[q2]!);
      await answerPage.waitUntilSaved();
      ids.push(answerPage.draftId());
    }
    await server.start();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await server.stop(); // mid-sync: some saves may be in flight
    await server.start();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));

    for (const id of ids) {
      await expect.poll(() => storedRows(server, id).length, { timeout: 20_000 }).toBe(1);
      await expect
        .poll(async () => storedRows(server, id)[0]?.version === (await localRevision(page, id)), {
          timeout: 20_000,
        })
        .toBe(true);
    }
  });
});

test('a captive-portal-style HTML 200 leaves the answer queued until the real server answers', async ({
  page,
}) => {
  await new StartPage(page).goto();
  await page.route('**/api/responses/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<html><body>Logg inn på gjestenettet</body></html>',
    }),
  );
  await new StartPage(page).start(spec.id);
  const { answerPage, q1 } = await answerFirstTwo(page);
  await answerPage.answer(spec, q1, answers[q1]!);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-delivery', 'device');

  await page.unroute('**/api/responses/**');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-delivery', 'backedUp');
});

test('an invitation started on one browser profile and continued on another merges the answers of both', async ({
  browser,
  baseURL,
  request,
}) => {
  const created = await request.post(`${baseURL ?? ''}/api/admin/invitations`, {
    headers: { authorization: `Bearer ${ADMIN}` },
    data: { questionnaireId: spec.id, count: 1 },
  });
  expect(created.status()).toBe(201);
  const [invitation] = (
    (await created.json()) as { invitations: { responseId: string; link: string }[] }
  ).invitations;
  if (!invitation) throw new Error('no invitation');
  const link = invitation.link.replace(/^https?:\/\/[^/]+/, baseURL ?? '');

  const phone = await (await browser.newContext()).newPage();
  await phone.goto(link);
  await expect(phone).toHaveURL(/\/svar\/[^/]+\/[^/]+$/);
  expect(phone.url()).not.toContain(invitation.link.split('/i/')[1] ?? 'never');
  const { answerPage: onPhone, q1, q2 } = await answerFirstTwo(phone);
  await onPhone.answer(spec, q1, answers[q1]!);
  await expect(phone.getByTestId('save-status')).toHaveAttribute('data-delivery', 'backedUp');

  const laptop = await (await browser.newContext()).newPage();
  await laptop.goto(link);
  const onLaptop = new AnswerPage(laptop);
  await expect(onLaptop.question(q1).locator('input:checked')).toHaveCount(1);
  await expect(laptop.getByTestId('merge-notice')).toBeVisible();
  await onLaptop.answer(spec, q2, answers[q2]!);
  await expect(laptop.getByTestId('save-status')).toHaveAttribute('data-delivery', 'backedUp');

  // Back on the phone, the next save finds the server ahead and merges the laptop's answer in.
  const otherOption = compile(spec)
    .entries.get(q1)
    ?.options.find((o) => o.id !== answers[q1])?.id;
  await onPhone.answer(spec, q1, otherOption ?? '');
  await expect(onPhone.question(q2).locator('input:checked')).toHaveCount(1, { timeout: 20_000 });
  await expect(phone.getByTestId('save-status')).toHaveAttribute('data-delivery', 'backedUp');

  const stored = await request.get(`${baseURL ?? ''}/api/responses/${invitation.responseId}`, {
    headers: { authorization: `Bearer ${invitation.link.split('/i/')[1] ?? ''}` },
  });
  const body = (await stored.json()) as { answers: Record<string, unknown> };
  expect(Object.keys(body.answers)).toEqual(expect.arrayContaining([q1, q2]));
});
