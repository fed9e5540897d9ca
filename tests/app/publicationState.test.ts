import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import nb from '../../locales/nb.json';
import nn from '../../locales/nn.json';
import type { PublicationDocument } from '../../src/engine/index.ts';
import {
  createAdminClient,
  type AdminProblem,
  type NextPublication,
} from '../../src/features/admin/adminApi.ts';
import { createPublicationPanel } from '../../src/features/admin/publicationState.ts';
import {
  nextStatusText,
  noticeText,
  outcomeText,
  type TextTools,
} from '../../src/features/admin/publicationTexts.ts';

/**
 * The publication panel's state and actions (`publicationState.ts`) over the
 * real admin client and a fake `fetch` that plays the server's part; and the
 * sentences the panel shows for it (`publicationTexts.ts`) with the real
 * locale files.
 */

const Q = 'q';
const PREFIX = `/api/admin/questionnaires/${Q}`;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

const portalPage = (status: number) =>
  new Response('<!doctype html><title>Gjestenett</title>', {
    status,
    headers: { 'content-type': 'text/html' },
  });

const documentNumber = (number: number): PublicationDocument => ({
  questionnaireId: Q,
  number,
  publishedAt: 1_700_000_000_000 + number,
  k: 5,
  respondents: 5,
  isSimulated: false,
  group: null,
  indicators: {
    kultur: { national: { mean: 50, n: 5 }, groups: {}, items: {}, from: number },
  },
  earlierDates: {},
});

type Handler = (body: unknown) => Response | Error | Promise<Response | Error>;

/**
 * A fake of our server's admin routes for one questionnaire, kept in memory:
 * settings, publications, and `on[route]` to answer a route otherwise
 * (`'PATCH settings'`, `'POST publications'`, `'GET publication'`).
 */
function fakeServer() {
  const server = {
    admitOpenLink: false,
    closedAt: null as number | null,
    published: [] as PublicationDocument[],
    now: 1_700_100_000_000,
    requests: [] as string[],
    on: {} as Partial<Record<string, Handler>>,
  };
  const settings = () => ({ admitOpenLink: server.admitOpenLink, closedAt: server.closedAt });
  const defaults: Record<string, Handler> = {
    'GET publication': () =>
      json(200, {
        current: server.published.at(-1) ?? null,
        next: {
          isPublishable: true,
          changed: 5,
          respondents: 5,
          k: 5,
          outcomes: { kultur: { kind: 'fresh', groupsWithheld: 0, itemsWithheld: false } },
        },
        settings: settings(),
        responses: { invited: 5, collector: 0, open: 0, simulated: 0, counted: 5, waiting: 0 },
        schedule: { nextAt: null },
      }),
    'POST publications': () => {
      const document = documentNumber(server.published.length + 1);
      server.published.push(document);
      return json(201, document);
    },
    'PATCH settings': (body) => {
      const change = body as { admitOpenLink?: boolean; isClosed?: boolean };
      if (change.admitOpenLink !== undefined) server.admitOpenLink = change.admitOpenLink;
      if (change.isClosed !== undefined)
        server.closedAt = change.isClosed ? (server.closedAt ?? server.now) : null;
      return json(200, settings());
    },
  };
  const fetchFn: typeof fetch = async (input, init) => {
    const path = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const route = `${init?.method ?? 'GET'} ${path.slice(PREFIX.length + 1)}`;
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    server.requests.push(body === undefined ? route : `${route} ${JSON.stringify(body)}`);
    const handler = server.on[route] ?? defaults[route];
    if (!path.startsWith(PREFIX) || !handler) return json(404, { error: 'not_found' });
    const answer = await handler(body);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return Object.assign(server, { fetchFn });
}

/** A panel on a fake server, with every state it went through and every refusal of the key. */
function panelOn(server: ReturnType<typeof fakeServer>) {
  const refusals: AdminProblem[] = [];
  const panel = createPublicationPanel({
    client: createAdminClient('key', server.fetchFn),
    questionnaireId: Q,
    onUnauthorised: (problem) => refusals.push(problem),
  });
  const states = [panel.getState()];
  panel.subscribe(() => states.push(panel.getState()));
  return { panel, refusals, states };
}

/** A promise the test settles when it chooses, for a reply that is still on its way. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const offline = () => new TypeError('Failed to fetch');

describe('loading the panel', () => {
  it('shows the overview the server sent', async () => {
    const server = fakeServer();
    server.closedAt = 1_700_000_000_000;
    const { panel } = panelOn(server);
    await panel.load();
    expect(panel.getState()).toMatchObject({
      overview: { current: null, settings: { admitOpenLink: false, closedAt: 1_700_000_000_000 } },
      hasLoadFailed: false,
    });
  });

  it('a failed first load says so; the retry that works clears it', async () => {
    const server = fakeServer();
    server.on['GET publication'] = () => portalPage(200);
    const { panel } = panelOn(server);
    await panel.load();
    expect(panel.getState()).toMatchObject({ overview: null, hasLoadFailed: true });
    delete server.on['GET publication'];
    await panel.load();
    expect(panel.getState().hasLoadFailed).toBe(false);
    expect(panel.getState().overview).not.toBeNull();
  });

  it('a failed reload keeps the figures already shown instead of an error', async () => {
    const server = fakeServer();
    const { panel } = panelOn(server);
    await panel.load();
    server.on['GET publication'] = offline;
    await panel.load();
    expect(panel.getState().hasLoadFailed).toBe(false);
    expect(panel.getState().overview?.next.isPublishable).toBe(true);
  });

  it('a refused key is handed to the screen and is not shown as a load failure', async () => {
    const server = fakeServer();
    server.on['GET publication'] = () => json(401, { error: 'unauthorised' });
    const { panel, refusals } = panelOn(server);
    await panel.load();
    expect(refusals).toEqual([{ kind: 'wrong_key' }]);
    expect(panel.getState().hasLoadFailed).toBe(false);
  });

  it('a listener that unsubscribed hears nothing more', async () => {
    const { panel } = panelOn(fakeServer());
    let calls = 0;
    const unsubscribe = panel.subscribe(() => (calls += 1));
    unsubscribe();
    await panel.load();
    expect(calls).toBe(0);
  });
});

describe('«Publiser nå»', () => {
  it('a publication made says its number and the figures are read again to show it', async () => {
    const server = fakeServer();
    const { panel, states } = panelOn(server);
    await panel.load();
    await panel.publish();
    expect(server.requests).toEqual(['GET publication', 'POST publications', 'GET publication']);
    expect(panel.getState()).toMatchObject({
      pending: null,
      notice: { kind: 'published', number: 1 },
      noticeAction: 'publish',
      overview: { current: { number: 1 } },
    });
    // The button said «Publiserer …» while the request was on its way.
    expect(states.some((s) => s.pending === 'publish')).toBe(true);
  });

  it('a 409 says why the server refused, with the changed count and k', async () => {
    const server = fakeServer();
    server.on['POST publications'] = () =>
      json(409, { error: 'not_publishable', reason: 'too_few_changes', changed: 3, k: 5 });
    const { panel } = panelOn(server);
    await panel.load();
    await panel.publish();
    expect(panel.getState()).toMatchObject({
      pending: null,
      notice: { kind: 'not_publishable', reason: 'too_few_changes', changed: 3, k: 5 },
      noticeAction: 'publish',
    });
    expect(server.requests.at(-1)).toBe('GET publication');
  });

  it('a 503 publishing_elsewhere says another publication was stored, and shows it', async () => {
    const server = fakeServer();
    server.on['POST publications'] = () => {
      // Another process stored publication 1 a moment before this request.
      server.published.push(documentNumber(1));
      return json(503, { error: 'publishing_elsewhere' });
    };
    const { panel } = panelOn(server);
    await panel.load();
    await panel.publish();
    expect(panel.getState().notice).toEqual({ kind: 'conflict' });
    expect(panel.getState().overview?.current?.number).toBe(1);
  });

  it('no connection says the action failed and leaves the panel ready for another try', async () => {
    const server = fakeServer();
    server.on['POST publications'] = offline;
    const { panel } = panelOn(server);
    await panel.load();
    await panel.publish();
    expect(panel.getState()).toMatchObject({
      pending: null,
      notice: { kind: 'action_failed' },
      noticeAction: 'publish',
    });
  });

  it('a second click while publishing sends nothing more', async () => {
    const server = fakeServer();
    const reply = deferred<Response>();
    server.on['POST publications'] = () => reply.promise;
    const { panel } = panelOn(server);
    await panel.load();
    const first = panel.publish();
    const second = panel.publish();
    const admit = panel.setAdmitOpenLink(true);
    reply.resolve(json(201, documentNumber(1)));
    await Promise.all([first, second, admit]);
    expect(server.requests.filter((r) => !r.startsWith('GET'))).toEqual(['POST publications']);
  });

  it('a new action clears the notice of the last one while it runs', async () => {
    const server = fakeServer();
    const { panel } = panelOn(server);
    await panel.load();
    await panel.publish();
    const reply = deferred<Response>();
    server.on['POST publications'] = () => reply.promise;
    const running = panel.publish();
    expect(panel.getState()).toMatchObject({
      pending: 'publish',
      notice: null,
      noticeAction: null,
    });
    reply.resolve(json(409, { error: 'not_publishable', reason: 'nothing_new', changed: 0, k: 5 }));
    await running;
    expect(panel.getState().notice).toMatchObject({ kind: 'not_publishable', changed: 0 });
  });

  it('a key refused while publishing is handed to the screen once and nothing is read again', async () => {
    const server = fakeServer();
    const { panel, refusals } = panelOn(server);
    await panel.load();
    server.on['POST publications'] = () => json(401, { error: 'unauthorised' });
    server.on['GET publication'] = () => json(401, { error: 'unauthorised' });
    await panel.publish();
    expect(refusals).toEqual([{ kind: 'wrong_key' }]);
    expect(server.requests).toEqual(['GET publication', 'POST publications']);
    expect(panel.getState()).toMatchObject({ pending: null, notice: null });
  });
});

describe('admitting open-link responses', () => {
  it('the switch moves at once, and the server’s answer is announced', async () => {
    const server = fakeServer();
    const reply = deferred<Response>();
    server.on['PATCH settings'] = () => reply.promise;
    const { panel } = panelOn(server);
    await panel.load();
    const running = panel.setAdmitOpenLink(true);
    expect(panel.getState().overview?.settings.admitOpenLink).toBe(true);
    server.admitOpenLink = true;
    reply.resolve(json(200, { admitOpenLink: true, closedAt: null }));
    await running;
    expect(server.requests).toContain('PATCH settings {"admitOpenLink":true}');
    expect(panel.getState()).toMatchObject({
      overview: { settings: { admitOpenLink: true } },
      notice: { kind: 'admit_changed', isAdmitted: true },
      noticeAction: 'admit',
    });
  });

  it('a change the server refuses moves the switch back, even when the figures cannot be read again', async () => {
    const server = fakeServer();
    const { panel } = panelOn(server);
    await panel.load();
    server.on['PATCH settings'] = () => json(400, { error: 'invalid_body', fields: {} });
    server.on['GET publication'] = offline;
    await panel.setAdmitOpenLink(true);
    expect(panel.getState()).toMatchObject({
      overview: { settings: { admitOpenLink: false } },
      notice: { kind: 'action_failed' },
      noticeAction: 'admit',
      pending: null,
    });
  });

  it('a key refused on the change moves the switch back and hands the refusal to the screen', async () => {
    const server = fakeServer();
    server.admitOpenLink = true;
    const { panel, refusals } = panelOn(server);
    await panel.load();
    server.on['PATCH settings'] = () => json(403, { error: 'admin_disabled' });
    await panel.setAdmitOpenLink(false);
    expect(refusals).toEqual([{ kind: 'admin_off' }]);
    expect(panel.getState().overview?.settings.admitOpenLink).toBe(true);
    expect(panel.getState().notice).toBeNull();
  });

  it('the announcement says what the server kept, not what was asked', async () => {
    const server = fakeServer();
    server.on['PATCH settings'] = () => json(200, { admitOpenLink: false, closedAt: null });
    const { panel } = panelOn(server);
    await panel.load();
    await panel.setAdmitOpenLink(true);
    expect(panel.getState().notice).toEqual({ kind: 'admit_changed', isAdmitted: false });
    expect(panel.getState().overview?.settings.admitOpenLink).toBe(false);
  });
});

describe('closing and reopening the round', () => {
  it('closing sends isClosed true, announces it and shows when the round closed', async () => {
    const server = fakeServer();
    const { panel } = panelOn(server);
    await panel.load();
    await panel.closeRound();
    expect(server.requests).toContain('PATCH settings {"isClosed":true}');
    expect(panel.getState()).toMatchObject({
      overview: { settings: { closedAt: server.now } },
      notice: { kind: 'round_closed' },
      noticeAction: 'close',
    });
  });

  it('reopening sends isClosed false, announces it and shows the round open', async () => {
    const server = fakeServer();
    server.closedAt = 1_700_000_000_000;
    const { panel } = panelOn(server);
    await panel.load();
    await panel.reopenRound();
    expect(server.requests).toContain('PATCH settings {"isClosed":false}');
    expect(panel.getState()).toMatchObject({
      overview: { settings: { closedAt: null } },
      notice: { kind: 'round_reopened' },
      noticeAction: 'reopen',
    });
  });

  it('a reopening that fails leaves the round shown as closed and says so', async () => {
    const server = fakeServer();
    server.closedAt = 1_700_000_000_000;
    server.on['PATCH settings'] = () => portalPage(503);
    const { panel } = panelOn(server);
    await panel.load();
    await panel.reopenRound();
    expect(panel.getState()).toMatchObject({
      overview: { settings: { closedAt: 1_700_000_000_000 } },
      notice: { kind: 'action_failed' },
      noticeAction: 'reopen',
    });
  });
});

describe('the panel’s sentences', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({
      lng: 'nb',
      fallbackLng: 'nb',
      resources: { nb: { translation: nb }, nn: { translation: nn } },
      interpolation: { escapeValue: false },
    });
  });
  /** Numbers marked, so a test sees which went through the formatter. */
  const tools = (language: 'nb' | 'nn' = 'nb'): TextTools => ({
    t: i18n.getFixedT(language),
    number: (n) => `‹${n}›`,
  });
  const next = (change: Partial<NextPublication>): NextPublication => ({
    isPublishable: false,
    reason: 'below_k',
    changed: 0,
    respondents: 3,
    k: 5,
    outcomes: {},
    ...change,
  });

  it('ready: the first publication counts respondents, a later one the changed responses in the right number', () => {
    const ready = next({ isPublishable: true, reason: null, changed: 1, respondents: 7 });
    expect(nextStatusText(tools(), ready, false)).toBe(
      'Klar til første publisering: ‹7› svar teller med.',
    );
    expect(nextStatusText(tools(), ready, true)).toBe(
      'Klar til ny publisering: ‹1› svar er nytt eller endret siden sist.',
    );
    expect(nextStatusText(tools(), { ...ready, changed: 6 }, true)).toBe(
      'Klar til ny publisering: ‹6› svar er nye eller endret siden sist.',
    );
  });

  it('not ready: too few changes names both numbers; nothing new tells no change from no difference', () => {
    expect(nextStatusText(tools(), next({ reason: 'too_few_changes', changed: 3 }), true)).toBe(
      'Ingen ny publisering ennå: ‹3› svar er nye eller endret siden sist, det trengs minst ‹5›.',
    );
    expect(nextStatusText(tools(), next({ reason: 'nothing_new', changed: 0 }), true)).toBe(
      'Ingen ny publisering: ingen svar er nye eller endret siden sist.',
    );
    expect(nextStatusText(tools(), next({ reason: 'nothing_new', changed: 2 }), true)).toContain(
      'ingen av tallene ville blitt annerledes',
    );
    expect(nextStatusText(tools(), next({ reason: 'below_k' }), false)).toBe(
      'Ingen publisering ennå: ‹3› svar teller med nå, og hvert tall må bygge på minst ‹5› svar.',
    );
  });

  it('an indicator the plan says nothing about is shown as withheld, not as new', () => {
    expect(outcomeText(tools(), undefined)).toBe('Holdes tilbake: for få svar.');
  });

  it('a fresh figure adds a sentence for withheld groups and one for withheld items, and only then', () => {
    expect(outcomeText(tools(), { kind: 'fresh', groupsWithheld: 0, itemsWithheld: false })).toBe(
      'Nytt tall.',
    );
    expect(outcomeText(tools(), { kind: 'fresh', groupsWithheld: 2, itemsWithheld: true })).toBe(
      'Nytt tall. ‹2› grupper holdes tilbake fordi de har for få svar. Tallene for enkeltspørsmålene vises ikke, fordi noen av dem har for få svar.',
    );
    expect(
      outcomeText(tools('nn'), { kind: 'fresh', groupsWithheld: 1, itemsWithheld: false }),
    ).toBe('Nytt tal. ‹1› gruppe blir halden tilbake fordi ho har for få svar.');
  });

  it('a kept figure names the publication it comes from and why', () => {
    expect(outcomeText(tools(), { kind: 'kept', from: 2, reason: 'unchanged' })).toBe(
      'Uendret: tallet fra publisering ‹2› står.',
    );
    expect(outcomeText(tools(), { kind: 'kept', from: 2, reason: 'too_few_changes' })).toContain(
      'for få av svarene bak det er nye eller endret',
    );
  });

  it('each notice has its own sentence, in Bokmål and Nynorsk', () => {
    expect(noticeText(tools(), { kind: 'published', number: 4 })).toBe(
      'Publisering ‹4› er publisert.',
    );
    expect(
      noticeText(tools(), { kind: 'not_publishable', reason: 'below_k', changed: 0, k: 5 }),
    ).toBe('Ble ikke publisert: for få svar teller med. Hvert tall må bygge på minst ‹5› svar.');
    expect(
      noticeText(tools(), { kind: 'not_publishable', reason: 'nothing_new', changed: 0, k: 5 }),
    ).toBe('Ble ikke publisert: ingen svar er nye eller endret siden sist.');
    expect(noticeText(tools(), { kind: 'admit_changed', isAdmitted: false })).toBe(
      'Svar fra åpen lenke holdes nå utenfor.',
    );
    expect(noticeText(tools(), { kind: 'round_reopened' })).toBe('Runden er åpen igjen.');
    expect(noticeText(tools('nn'), { kind: 'round_reopened' })).toBe('Runden er open att.');
    expect(noticeText(tools('nn'), { kind: 'round_closed' })).toBe('Runden er avslutta.');
  });
});
