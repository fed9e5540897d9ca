import type { Browser, Page, Request } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildServer } from '../../src/server/app.ts';
import { serverConfig } from '../../src/server/config.ts';
import { localSignal } from '../../src/server/credentialSignal.ts';
import { openServerDatabase, type DatabaseConfig } from '../../src/server/db/database.ts';
import { createServerStore } from '../../src/server/db/serverStore.ts';
import type { QuestionnaireRegistry } from '../../src/server/questionnaireRegistry.ts';
import { checkLedger, type Check } from './ledger.ts';
import { startLossyProxy, type LossyProxyOptions, type LossyProxyStats } from './lossyProxy.ts';
import type { FieldWindow, PlannedRespondent, Press } from './page/fieldApi.ts';

/**
 * One run of `npm run bench:field` on one database: our server (built as `src/server/start.ts`
 * builds it, in this process) serving the bench page, a collector link made through the admin
 * API, the lossy link in front of the server, and a fresh browser context whose page enrols,
 * queues every respondent and presses «Send alle» until nothing is left, with the app's own code.
 */
export interface FieldOptions {
  readonly database: DatabaseConfig;
  readonly pageDir: string;
  readonly registry: QuestionnaireRegistry;
  readonly questionnaireIds: readonly string[];
  readonly respondents: readonly PlannedRespondent[];
  /** The lossy link, but for its target, which is the server started here. */
  readonly link: Omit<LossyProxyOptions, 'target' | 'shouldAffect'>;
  readonly maxPresses: number;
  readonly cpuRate: number;
  readonly log: (line: string) => void;
}

/** Requests to the API and PUTs of responses as the page's network stack saw them (Playwright's events). */
export interface BrowserView {
  /** Every request to `/api/` the page made; the link may have seen more (Chromium's own resends). */
  readonly apiRequests: number;
  readonly puts: number;
  /** No response, or a body cut short. */
  readonly failed: number;
  readonly statuses: Readonly<Record<string, number>>;
  /** The acknowledgements' `outcome` (`stored`, `replay` …), for those that arrived whole. */
  readonly outcomes: Readonly<Record<string, number>>;
}

export interface FieldRun {
  readonly database: string;
  readonly responses: number;
  readonly submitted: number;
  readonly saves: number;
  /** In the page, from the first `startRespondent` to the last save; and as the bench waited for it. */
  readonly queueMs: number;
  readonly queueWallMs: number;
  readonly syncMs: number;
  readonly presses: readonly Press[];
  readonly isCapHit: boolean;
  /** What crossed the link while syncing, and how many of those requests it could harm (`/api/`). */
  readonly link: LossyProxyStats & { readonly affected: number };
  readonly browser: BrowserView;
  readonly checks: readonly Check[];
}

const ADMIN_TOKEN = randomBytes(32).toString('base64url');
const QUEUE_CHUNK = 50;
const ENROL_TRIES = 10;

const isApi = (request: Request) => new URL(request.url()).pathname.startsWith('/api/');
const isResponsePut = (request: Request) =>
  request.method() === 'PUT' && new URL(request.url()).pathname.startsWith('/api/responses/');

async function startServer(options: FieldOptions) {
  const db = await openServerDatabase(options.database);
  const store = createServerStore(db);
  try {
    const config = serverConfig({ ADMIN_TOKEN, PUBLISH_AT: 'off', LOG_LEVEL: 'error' });
    const app = await buildServer({
      ...config,
      store,
      credentialSignal: localSignal(),
      registry: options.registry,
      staticDir: options.pageDir,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const close = async () => {
      await app.close();
      await store.close();
    };
    return { db, store, url: `http://127.0.0.1:${port}`, close };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** SY14 through the owner's API, straight to the server: the owner is not on the tablet's link. */
async function makeCollector(serverUrl: string, questionnaireIds: readonly string[]) {
  const reply = await fetch(`${serverUrl}/api/admin/collectors`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'bench:field', questionnaireIds }),
  });
  if (reply.status !== 201) throw new Error(`collector link: HTTP ${reply.status}`);
  const made = (await reply.json()) as { id: string; link: string };
  return { id: made.id, token: made.link.split('/c/')[1] ?? '' };
}

function watchRequests(page: Page) {
  const counts = { apiRequests: 0, puts: 0, failed: 0 };
  const statuses: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  const reading: Promise<void>[] = [];
  const add = (into: Record<string, number>, key: string) => {
    into[key] = (into[key] ?? 0) + 1;
  };
  page.on('request', (request) => {
    if (isApi(request)) counts.apiRequests++;
    if (isResponsePut(request)) counts.puts++;
  });
  page.on('requestfailed', (request) => {
    if (isResponsePut(request)) counts.failed++;
  });
  page.on('response', (response) => {
    if (!isResponsePut(response.request())) return;
    add(statuses, String(response.status()));
    if (response.ok())
      reading.push(
        response.json().then(
          (body: { outcome?: string }) => add(outcomes, body.outcome ?? 'none'),
          () => undefined,
        ),
      );
  });
  return async (): Promise<BrowserView> => {
    await Promise.all(reading);
    return { ...counts, statuses, outcomes };
  };
}

const field = (page: Page) => ({
  enrol: (token: string) => page.evaluate((t) => (window as FieldWindow).__field!.enrol(t), token),
  queue: (respondents: readonly PlannedRespondent[]) =>
    page.evaluate((r) => (window as FieldWindow).__field!.queue(r), respondents),
  press: () => page.evaluate(() => (window as FieldWindow).__field!.press()),
  device: () => page.evaluate(() => (window as FieldWindow).__field!.device()),
});

export async function runField(browser: Browser, options: FieldOptions): Promise<FieldRun> {
  const { log } = options;
  const server = await startServer(options);
  const cleanups: (() => Promise<unknown>)[] = [server.close];
  try {
    const collector = await makeCollector(server.url, options.questionnaireIds);
    let affected = 0;
    const proxy = await startLossyProxy({
      ...options.link,
      target: server.url,
      // The page and the questionnaire files load straight through; the sync traffic takes the loss.
      shouldAffect: (req) => {
        const isApi = (req.url ?? '').startsWith('/api/');
        if (isApi) affected++;
        return isApi;
      },
    });
    cleanups.push(() => proxy.close());
    const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
    cleanups.push(() => context.close());
    const page = await context.newPage();
    if (options.cpuRate !== 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuRate });
    }
    const api = field(page);
    await page.goto(`${proxy.url}/`);
    await page.waitForFunction(() => (window as FieldWindow).__field !== undefined);

    let enrolled = '';
    for (let i = 0; i < ENROL_TRIES && enrolled !== 'enrolled'; i++)
      enrolled = await api.enrol(collector.token);
    if (enrolled !== 'enrolled') throw new Error(`enrolment: ${enrolled}`);

    const queueStarted = performance.now();
    let queueMs = 0;
    for (let i = 0; i < options.respondents.length; i += QUEUE_CHUNK)
      queueMs += await api.queue(options.respondents.slice(i, i + QUEUE_CHUNK));
    const queueWallMs = performance.now() - queueStarted;
    const before = await api.device();
    log(
      `queued ${before.length} responses in ${(queueMs / 1000).toFixed(1)} s; syncing through the lossy link …`,
    );

    const linkBefore = proxy.stats();
    const browserView = watchRequests(page);
    const affectedBefore = affected;
    const presses: Press[] = [];
    const syncStarted = performance.now();
    while (presses.length < options.maxPresses) {
      const press = await api.press();
      presses.push(press);
      log(
        `press ${presses.length}: ${press.acknowledged}/${press.responses} acknowledged ` +
          `(${press.removed} removed), ${press.queued} queued, ${press.untried} not tried, ` +
          `${press.attention.length} refused; ${press.left} left; ${(press.ms / 1000).toFixed(1)} s`,
      );
      if (press.left === 0 || press.attention.length > 0) break;
    }
    const syncMs = performance.now() - syncStarted;
    const linkAfter = proxy.stats();
    const after = await api.device();

    const checks = await checkLedger({
      db: server.db,
      store: server.store,
      collectorId: collector.id,
      before,
      after,
      expected: options.respondents.length,
    });
    const delta = (key: keyof LossyProxyStats) => linkAfter[key] - linkBefore[key];
    return {
      database: options.database.kind,
      responses: before.length,
      submitted: options.respondents.filter((r) => r.submit).length,
      saves: options.respondents.reduce((n, r) => n + r.saves.length + (r.submit ? 1 : 0), 0),
      queueMs,
      queueWallMs,
      syncMs,
      presses,
      isCapHit: (presses.at(-1)?.left ?? 0) > 0,
      link: {
        requests: delta('requests'),
        forwarded: delta('forwarded'),
        droppedRequests: delta('droppedRequests'),
        cutResponses: delta('cutResponses'),
        upstreamErrors: delta('upstreamErrors'),
        bytesUp: delta('bytesUp'),
        bytesDown: delta('bytesDown'),
        affected: affected - affectedBefore,
      },
      browser: await browserView(),
      checks,
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
