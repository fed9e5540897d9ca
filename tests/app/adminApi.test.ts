import { describe, expect, it } from 'vitest';
import { parsePublicationDocument, type PublicationDocument } from '../../src/engine/index.ts';
import {
  createAdminClient,
  readPublicationOverview,
  readResponseCounts,
  readSettings,
  type AdminResult,
} from '../../src/sync/adminClient.ts';

/**
 * The owner's HTTP client (`src/sync/adminClient.ts`) against a fake
 * `fetch`: what it sends, and what it makes of good, malformed and hostile
 * replies. Our own client code, so a fake fetch is the right seam here; the
 * real server is tested in tests/server/ and end to end.
 */

const KEY = 'owner-key-0123456789abcdef';

interface SentRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly cache: RequestCache | undefined;
  readonly body: string | undefined;
}

/** A `fetch` that records each request and answers with `reply` (a Response, or an error to throw). */
function fakeFetch(reply: (request: SentRequest) => Response | Error) {
  const sent: SentRequest[] = [];
  const fetchFn: typeof fetch = (input, init) => {
    const request: SentRequest = {
      url: input instanceof Request ? input.url : String(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      cache: init?.cache,
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    sent.push(request);
    const answer = reply(request);
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { fetchFn, sent };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

/** What a hotel or train Wi-Fi answers before the owner has accepted its terms. */
const portalPage = (status = 200) =>
  new Response('<!doctype html><title>Logg inn på gjestenettet</title><form></form>', {
    status,
    headers: { 'content-type': 'text/html' },
  });

/** A client whose every request gets the same reply. */
function clientReplying(reply: Response | Error | (() => Response | Error)) {
  const fake = fakeFetch(() => (typeof reply === 'function' ? reply() : reply));
  return { client: createAdminClient(KEY, fake.fetchFn), sent: fake.sent };
}

const problemOf = <T>(result: AdminResult<T>) => (result.ok ? undefined : result.problem);

const publication: PublicationDocument = {
  questionnaireId: 'q',
  number: 2,
  publishedAt: 1_700_000_000_000,
  k: 5,
  respondents: 12,
  isSimulated: false,
  group: { id: 'ansatte', question: 'ansatte' },
  indicators: {
    kultur: {
      national: { mean: 61.5, n: 12 },
      groups: { lt10: { mean: 55, n: 6 } },
      items: { k1: { mean: 70, n: 12 } },
      from: 1,
    },
  },
  earlierDates: { '1': 1_690_000_000_000 },
};

/** `GET …/publication` as the server sends it: `reason` only when the next one cannot appear. */
const overviewReply = {
  current: publication,
  next: {
    isPublishable: false,
    reason: 'too_few_changes',
    changed: 3,
    respondents: 15,
    k: 5,
    outcomes: {
      kultur: { kind: 'kept', from: 2, reason: 'too_few_changes' },
      tom: { kind: 'withheld', reason: 'below_k' },
      ny: { kind: 'fresh', groupsWithheld: 1, itemsWithheld: true },
    },
  },
  settings: { admitOpenLink: true, closedAt: null },
  responses: { invited: 10, collector: 2, open: 4, simulated: 0, counted: 15, waiting: 1 },
  schedule: { nextAt: 1_700_086_400_000 },
};

/** A copy of `value` with the field at `path` replaced (or removed, with `undefined`). */
function withField(value: unknown, path: readonly string[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1] ?? '';
  if (replacement === undefined) Reflect.deleteProperty(node, last);
  else node[last] = replacement;
  return copy;
}

describe('the admin client sends the key with every request and never in the URL', () => {
  it('reads carry the key as a bearer token, skip the HTTP cache and send no body', async () => {
    const { client, sent } = clientReplying(json(200, { invited: 1, started: 1, completed: 0 }));
    await client.status('q');
    expect(sent).toEqual([
      {
        url: '/api/admin/questionnaires/q/status',
        method: 'GET',
        headers: { authorization: `Bearer ${KEY}` },
        cache: 'no-store',
        body: undefined,
      },
    ]);
  });

  it('a questionnaire id is one path segment, whatever characters it holds', async () => {
    const { client, sent } = clientReplying(new TypeError('offline'));
    await client.publication('../invitations?x=1');
    expect(sent[0]?.url).toBe('/api/admin/questionnaires/..%2Finvitations%3Fx%3D1/publication');
  });

  it('reopening the round is a PATCH of the settings with just {"isClosed": false}', async () => {
    const { client, sent } = clientReplying(json(200, { admitOpenLink: false, closedAt: null }));
    const result = await client.changeSettings('q', { isClosed: false });
    expect(result).toEqual({ ok: true, value: { admitOpenLink: false, closedAt: null } });
    expect(sent[0]).toMatchObject({
      url: '/api/admin/questionnaires/q/settings',
      method: 'PATCH',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: '{"isClosed":false}',
    });
  });

  it('publishing is a POST to the publications with no body', async () => {
    const { client, sent } = clientReplying(json(201, publication));
    expect(await client.publish('q')).toEqual({ ok: true, value: publication });
    expect(sent[0]).toMatchObject({
      url: '/api/admin/questionnaires/q/publications',
      method: 'POST',
      body: undefined,
    });
    expect(sent[0]?.headers).not.toHaveProperty('content-type');
  });
});

describe('a failed request becomes a problem the screen can name, never a throw', () => {
  it('no connection is a failure', async () => {
    const { client } = clientReplying(new TypeError('Failed to fetch'));
    expect(await client.publication('q')).toEqual({ ok: false, problem: { kind: 'failed' } });
  });

  it('our server refusing the key (401 unauthorised) is a wrong key', async () => {
    const { client } = clientReplying(json(401, { error: 'unauthorised' }));
    expect(problemOf(await client.status('q'))).toEqual({ kind: 'wrong_key' });
  });

  it('our server with no admin key set (403 admin_disabled) says admin is off', async () => {
    const { client } = clientReplying(json(403, { error: 'admin_disabled' }));
    expect(problemOf(await client.publication('q'))).toEqual({ kind: 'admin_off' });
  });

  it('a 401 or 403 page from a portal or proxy is a failure, so the owner is not signed out', async () => {
    for (const status of [401, 403]) {
      const { client } = clientReplying(portalPage(status));
      expect(problemOf(await client.status('q')), String(status)).toEqual({ kind: 'failed' });
    }
    const { client } = clientReplying(json(403, { error: 'forbidden_by_policy' }));
    expect(problemOf(await client.status('q'))).toEqual({ kind: 'failed' });
  });

  it('a 409 not_publishable carries its reason, the changed count and k', async () => {
    const { client } = clientReplying(
      json(409, { error: 'not_publishable', reason: 'too_few_changes', changed: 3, k: 5 }),
    );
    expect(problemOf(await client.publish('q'))).toEqual({
      kind: 'not_publishable',
      reason: 'too_few_changes',
      changed: 3,
      k: 5,
    });
  });

  it('a 409 with an unknown reason or a broken count is a conflict, not a made-up reason', async () => {
    const bodies = [
      { error: 'not_publishable', reason: 'because', changed: 3, k: 5 },
      { error: 'not_publishable', reason: 'below_k', changed: -1, k: 5 },
      { error: 'not_publishable', reason: 'below_k', changed: 3 },
      { error: 'exists', reason: 'below_k', changed: 3, k: 5 },
    ];
    for (const body of bodies) {
      const { client } = clientReplying(json(409, body));
      expect(problemOf(await client.publish('q')), JSON.stringify(body)).toEqual({
        kind: 'conflict',
      });
    }
  });

  it('a 503 publishing_elsewhere is a conflict; any other 503 is a failure', async () => {
    const elsewhere = clientReplying(json(503, { error: 'publishing_elsewhere' }));
    expect(problemOf(await elsewhere.client.publish('q'))).toEqual({ kind: 'conflict' });
    const maintenance = clientReplying(portalPage(503));
    expect(problemOf(await maintenance.client.publish('q'))).toEqual({ kind: 'failed' });
  });

  it('a 404, a 400 or a 500 is a failure', async () => {
    for (const [status, body] of [
      [404, { error: 'not_found' }],
      [400, { error: 'invalid_body', fields: {} }],
      [500, { error: 'internal' }],
    ] as const) {
      const { client } = clientReplying(json(status, body));
      expect(
        problemOf(await client.changeSettings('q', { isClosed: true })),
        String(status),
      ).toEqual({ kind: 'failed' });
    }
  });

  it('a captive portal answering 200 with a web page is a failure, not an empty overview', async () => {
    const { client } = clientReplying(() => portalPage());
    expect(problemOf(await client.status('q'))).toEqual({ kind: 'failed' });
    expect(problemOf(await client.publication('q'))).toEqual({ kind: 'failed' });
    expect(problemOf(await client.publish('q'))).toEqual({ kind: 'failed' });
    expect(problemOf(await client.changeSettings('q', { admitOpenLink: true }))).toEqual({
      kind: 'failed',
    });
  });

  it('a 200 with well-formed JSON of the wrong shape is a failure', async () => {
    const { client } = clientReplying(() => json(200, { ok: true }));
    expect(problemOf(await client.publication('q'))).toEqual({ kind: 'failed' });
    expect(problemOf(await client.changeSettings('q', { isClosed: false }))).toEqual({
      kind: 'failed',
    });
  });
});

describe('an export is the file the server made, or a problem', () => {
  it('a CSV reply is handed over as it came, fetched with the key', async () => {
    const { client, sent } = clientReplying(
      new Response('id;svar\n1;ja\n', { headers: { 'content-type': 'text/csv; charset=utf-8' } }),
    );
    const result = await client.exportFile('q', 'csv');
    expect(result.ok && (await result.value.text())).toBe('id;svar\n1;ja\n');
    expect(sent[0]).toMatchObject({
      url: '/api/admin/questionnaires/q/export.csv',
      headers: { authorization: `Bearer ${KEY}` },
    });
  });

  it('a flavour and a table go to the server in the query', async () => {
    const { client, sent } = clientReplying(
      new Response('kolonne\n', { headers: { 'content-type': 'text/csv; charset=utf-8' } }),
    );
    await client.exportFile('q', 'csv', { flavour: 'analyse', table: 'kodebok' });
    expect(sent[0]?.url).toBe(
      '/api/admin/questionnaires/q/export.csv?flavour=analyse&table=kodebok',
    );
  });

  it('a portal page answered with 200 is not saved as the spreadsheet', async () => {
    const { client } = clientReplying(() => portalPage());
    expect(problemOf(await client.exportFile('q', 'xlsx'))).toEqual({ kind: 'failed' });
    expect(problemOf(await client.exportFile('q', 'csv'))).toEqual({ kind: 'failed' });
  });

  it('a refused key on export is a wrong key; no connection is a failure', async () => {
    const refused = clientReplying(json(401, { error: 'unauthorised' }));
    expect(problemOf(await refused.client.exportFile('q', 'csv'))).toEqual({ kind: 'wrong_key' });
    const offline = clientReplying(new TypeError('Failed to fetch'));
    expect(problemOf(await offline.client.exportFile('q', 'csv'))).toEqual({ kind: 'failed' });
  });
});

describe('the response counts', () => {
  const pair = { started: 1, completed: 0 };
  const good = {
    invited: 5,
    started: 3,
    completed: 2,
    invitations: { issued: 4, revoked: 1, started: 2, completed: 1 },
    open: pair,
    collector: pair,
    simulated: pair,
  };

  it('takes the counts apart by provenance and nothing else; the mixed totals of older servers are not shown', () => {
    expect(readResponseCounts({ ...good, secret: 'x' })).toEqual({
      invitations: { issued: 4, revoked: 1, started: 2, completed: 1 },
      open: pair,
      collector: pair,
      simulated: pair,
    });
    // A server from before 16.5 sends only the mixed totals: not read as zero invitations.
    expect(readResponseCounts({ invited: 5, started: 3, completed: 2 })).toBeUndefined();
  });

  it('refuses a missing, negative, fractional, textual or overflowing count', () => {
    expect(
      readResponseCounts({ ...good, invitations: { ...good.invitations, issued: -1 } }),
    ).toBeUndefined();
    for (const bad of [undefined, -1, 1.5, '5', null, 2 ** 53, Number.POSITIVE_INFINITY]) {
      expect(readResponseCounts({ ...good, started: bad }), String(bad)).toBeUndefined();
    }
    expect(readResponseCounts([5, 3, 2])).toBeUndefined();
    expect(readResponseCounts('<html>')).toBeUndefined();
    expect(readResponseCounts(null)).toBeUndefined();
  });
});

describe('the settings', () => {
  it('an open round has closedAt null; a closed one the time it closed', () => {
    expect(readSettings({ admitOpenLink: false, closedAt: null })).toEqual({
      admitOpenLink: false,
      closedAt: null,
    });
    expect(readSettings({ admitOpenLink: true, closedAt: 1_700_000_000_000 })).toEqual({
      admitOpenLink: true,
      closedAt: 1_700_000_000_000,
    });
  });

  it('a missing closedAt is not taken as an open round', () => {
    expect(readSettings({ admitOpenLink: false })).toBeUndefined();
  });

  it('refuses a switch given as text and a closing time given as a date string', () => {
    expect(readSettings({ admitOpenLink: 'true', closedAt: null })).toBeUndefined();
    expect(readSettings({ admitOpenLink: true, closedAt: '2024-05-01T10:00:00Z' })).toBeUndefined();
  });
});

describe('a publication document', () => {
  it('a well-formed document comes back equal, without fields it does not know', () => {
    const parsed = parsePublicationDocument({ ...publication, members: ['r1', 'r2'] });
    expect(parsed).toEqual(publication);
    expect(parsed).not.toHaveProperty('members');
  });

  it('a questionnaire with no peer-group question has group null', () => {
    expect(parsePublicationDocument({ ...publication, group: null })?.group).toBeNull();
  });

  it('refuses a document with a field missing or of the wrong type', () => {
    const breakages: [readonly string[], unknown][] = [
      [['number'], undefined],
      [['number'], '2'],
      [['publishedAt'], '2023-11-14'],
      [['isSimulated'], 'no'],
      [['group'], { id: 'ansatte' }],
      [['group'], undefined],
      [['earlierDates', '1'], 'yesterday'],
      [['indicators', 'kultur', 'national', 'mean'], '61,5'],
      [['indicators', 'kultur', 'national', 'n'], -3],
      [['indicators', 'kultur', 'groups', 'lt10'], null],
      [['indicators', 'kultur', 'items'], undefined],
      [['indicators', 'kultur', 'from'], undefined],
      [['indicators'], []],
    ];
    for (const [path, value] of breakages) {
      expect(parsePublicationDocument(withField(publication, path, value)), path.join('.')).toBe(
        undefined,
      );
    }
  });

  it('a mean too large for a number (1e400 parses to Infinity) is refused', () => {
    const text = JSON.stringify(publication).replace('"mean":61.5', '"mean":1e400');
    expect(parsePublicationDocument(JSON.parse(text))).toBeUndefined();
  });

  it('a "__proto__" key in a record stays a plain entry and does not replace the prototype', () => {
    const text = JSON.stringify(publication).replace(
      '"groups":{',
      '"groups":{"__proto__":{"mean":99,"n":9},',
    );
    const groups = parsePublicationDocument(JSON.parse(text))?.indicators.kultur?.groups;
    expect(groups && Object.getPrototypeOf(groups)).toBe(Object.prototype);
    expect(groups && Object.keys(groups).sort()).toEqual(['__proto__', 'lt10']);
  });
});

describe('the publication overview', () => {
  it('a full reply is read into current, next, settings, responses and the schedule', () => {
    expect(readPublicationOverview(overviewReply)).toEqual({
      current: publication,
      next: {
        isPublishable: false,
        reason: 'too_few_changes',
        changed: 3,
        respondents: 15,
        k: 5,
        outcomes: overviewReply.next.outcomes,
      },
      settings: { admitOpenLink: true, closedAt: null },
      responses: overviewReply.responses,
      nextScheduledAt: 1_700_086_400_000,
    });
  });

  it('nothing published and no schedule are null, not failures', () => {
    const parsed = readPublicationOverview({
      ...overviewReply,
      current: null,
      schedule: { nextAt: null },
    });
    expect(parsed?.current).toBeNull();
    expect(parsed?.nextScheduledAt).toBeNull();
  });

  it('a publishable next has no reason, even if the reply carries one', () => {
    const next = { ...overviewReply.next, isPublishable: true, reason: 'below_k' };
    expect(readPublicationOverview({ ...overviewReply, next })?.next.reason).toBeNull();
    const withoutReason = withField(next, ['reason'], undefined);
    expect(
      readPublicationOverview({ ...overviewReply, next: withoutReason })?.next.isPublishable,
    ).toBe(true);
  });

  it('an unpublishable next without a known reason is refused, not shown as publishable', () => {
    for (const reason of [undefined, 'maybe', null]) {
      const next = withField(overviewReply.next, ['reason'], reason);
      expect(readPublicationOverview({ ...overviewReply, next }), String(reason)).toBeUndefined();
    }
  });

  it('refuses an outcome of an unknown kind or with a reason that kind cannot have', () => {
    for (const outcome of [
      { kind: 'hidden' },
      { kind: 'kept', from: 2, reason: 'below_k' },
      { kind: 'withheld', reason: 'unchanged' },
      { kind: 'fresh', groupsWithheld: 0, itemsWithheld: 'no' },
      { kind: 'fresh', groupsWithheld: -1, itemsWithheld: false },
    ]) {
      const reply = withField(overviewReply, ['next', 'outcomes', 'kultur'], outcome);
      expect(readPublicationOverview(reply), JSON.stringify(outcome)).toBeUndefined();
    }
  });

  it('a broken current publication fails the reply instead of reading as "nothing published"', () => {
    expect(
      readPublicationOverview(withField(overviewReply, ['current', 'number'], 'two')),
    ).toBeUndefined();
    expect(readPublicationOverview(withField(overviewReply, ['current'], undefined))).toBe(
      undefined,
    );
  });

  it('refuses a reply missing a count, the settings or the schedule', () => {
    for (const path of [
      ['responses', 'waiting'],
      ['responses', 'simulated'],
      ['settings'],
      ['settings', 'closedAt'],
      ['schedule'],
      ['schedule', 'nextAt'],
      ['next', 'k'],
      ['next', 'outcomes'],
    ]) {
      expect(
        readPublicationOverview(withField(overviewReply, path, undefined)),
        path.join('.'),
      ).toBe(undefined);
    }
  });

  it('refuses what is not an object: a page, an array, null', () => {
    expect(readPublicationOverview('<!doctype html>')).toBeUndefined();
    expect(readPublicationOverview([overviewReply])).toBeUndefined();
    expect(readPublicationOverview(null)).toBeUndefined();
  });
});
