import { describe, expect, it } from 'vitest';
import {
  claimInvitation,
  getResponse,
  openResponse,
  putResponse,
  type ResponsePayload,
} from '../../src/sync/client.ts';
import { device } from '../contract/support.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';

/**
 * The sync client against a fake `fetch` playing a hostile network: every
 * reply must fit the contract before it counts. A reply that does not is
 * never an acknowledgement (the sender retries) and never reaches a draft.
 */

const ID = '12345678-1234-4234-8234-123456789abc';
const OTHER_ID = '87654321-4321-4321-8321-cba987654321';
const TOKEN = 't'.repeat(43);
const BASE = 'http://barometer.test';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

const portalPage = () =>
  new Response('<!doctype html><title>Logg inn på gjestenettet</title>', {
    status: 200,
    headers: { 'content-type': 'text/html' },
  });

/** A `fetch` that answers every request with `reply`. */
const replying =
  (reply: () => Response): typeof fetch =>
  () =>
    Promise.resolve(reply());

const payload: ResponsePayload = {
  questionnaireId: 'q',
  questionnaireVersion: 1,
  status: 'draft',
  version: 3,
  answers: { q1: 'helt_enig' },
  answeredAt: { q1: 1_700_000_000_000 },
};

const ack = (extra: Record<string, unknown> = {}) => ({
  ack: 'barometer.response',
  id: ID,
  version: 3,
  status: 'draft',
  outcome: 'stored',
  storedAt: 1_700_000_000_500,
  ...extra,
});

const copy = (extra: Record<string, unknown> = {}) => ({
  ack: 'barometer.response',
  id: ID,
  questionnaireId: 'q',
  questionnaireVersion: 1,
  status: 'draft',
  version: 5,
  answers: { q1: 'helt_uenig', q2: ['a', 'b'], q3: { r1: 'ja' }, q4: { x: 60, y: 40 }, q5: 7 },
  answeredAt: { q1: 1_700_000_001_000, q2: 1_700_000_001_000 },
  updatedAt: 1_700_000_001_500,
  ...extra,
});

const put = (reply: () => Response) => putResponse(replying(reply), BASE, ID, TOKEN, payload);
const get = (reply: () => Response) => getResponse(replying(reply), BASE, ID, TOKEN);

describe('putResponse: only our acknowledgement of this response and version counts (SY6)', () => {
  it('a well-formed ack is delivered, with its outcome and version', async () => {
    expect(await put(() => json(200, ack({ outcome: 'stale', version: 9 })))).toEqual({
      kind: 'ack',
      version: 9,
      outcome: 'stale',
    });
  });

  it('an ack that does not fit the contract is no ack: the sender retries', async () => {
    const malformed: [string, unknown][] = [
      ['a version as text', ack({ version: '3' })],
      ['a fractional version', ack({ version: 3.5 })],
      ['the ack of another response', ack({ id: OTHER_ID })],
      ['an older version than sent', ack({ version: 2 })],
      ['another marker', ack({ ack: 'proxy.response' })],
      ['an unknown outcome', ack({ outcome: 'maybe' })],
      ['no outcome', { ...ack(), outcome: undefined }],
      ['a stored time as a date', ack({ storedAt: '2024-05-01T10:00:00Z' })],
      ['an array of acks', [ack()]],
      ['null', null],
    ];
    for (const [name, body] of malformed)
      expect(await put(() => json(200, body)), name).toEqual({ kind: 'retry', reason: 'no_ack' });
  });

  it("a captive portal's HTML page answered with 200 is retried", async () => {
    expect(await put(portalPage)).toEqual({ kind: 'retry', reason: 'no_ack' });
  });

  it('a 409 conflict or submitted in our shape pulls the copy; another 409 is a problem', async () => {
    const ours = { error: 'conflict', currentVersion: 3, status: 'draft' };
    expect(await put(() => json(409, ours))).toEqual({ kind: 'conflict' });
    expect(await put(() => json(409, { ...ours, error: 'submitted' }))).toEqual({
      kind: 'submitted',
    });
    expect(await put(() => json(409, { ...ours, currentVersion: '3' }))).toEqual({
      kind: 'problem',
      code: 'conflict',
    });
    expect(
      await put(() =>
        json(409, { error: 'other_questionnaire', currentVersion: 1, status: 'draft' }),
      ),
    ).toEqual({
      kind: 'problem',
      code: 'other_questionnaire',
    });
  });

  it('408, 429 and 5xx are retried; other refusals are problems named by our code or the status', async () => {
    expect(await put(() => json(503, { error: 'unavailable' }))).toEqual({
      kind: 'retry',
      reason: 'http_503',
    });
    expect(await put(() => json(429, { error: 'rate_limited' }))).toEqual({
      kind: 'retry',
      reason: 'http_429',
    });
    expect(await put(() => json(400, { error: 'invalid_body', fields: [] }))).toEqual({
      kind: 'problem',
      code: 'invalid_body',
    });
    expect(await put(() => json(403, { error: 42 }))).toEqual({
      kind: 'problem',
      code: 'http_403',
    });
  });
});

describe("getResponse: a copy that does not fit the contract is 'failed', never merged", () => {
  it('a well-formed copy comes back with the named fields only', async () => {
    const got = await get(() => json(200, copy({ extra: { nested: { junk: [1, 2, 3] } } })));
    expect(got).toEqual({
      id: ID,
      questionnaireId: 'q',
      questionnaireVersion: 1,
      status: 'draft',
      version: 5,
      answers: copy().answers,
      answeredAt: copy().answeredAt,
      updatedAt: 1_700_000_001_500,
    });
    expect(got).not.toHaveProperty('extra');
    expect(got).not.toHaveProperty('ack');
  });

  it('no copy on the server (204) is null', async () => {
    expect(await get(() => new Response(null, { status: 204 }))).toBeNull();
  });

  it('malformed copies are failures', async () => {
    const malformed: [string, unknown][] = [
      ['answers as an array', copy({ answers: ['helt_uenig'] })],
      ['answeredAt with a string', copy({ answeredAt: { q1: 'yesterday' } })],
      ['answeredAt of Infinity', copy({ answeredAt: { q1: Number.POSITIVE_INFINITY } })],
      ['nested junk in an answer', copy({ answers: { q1: { r1: { deeper: 'junk' } } } })],
      ['an array of objects as an answer', copy({ answers: { q1: [{ id: 'a' }] } })],
      ['a row of mixed text and numbers', copy({ answers: { q1: { x: 1, y: 'ja' } } })],
      ['a boolean answer', copy({ answers: { q1: true } })],
      ['a null answer', copy({ answers: { q1: null } })],
      ['a question id that is no id', copy({ answers: { 'Q 1': 'ja' } })],
      ['a version as text', copy({ version: '5' })],
      ['an unknown status', copy({ status: 'archived' })],
      ['the copy of another response', copy({ id: OTHER_ID })],
      ['no ack marker', { ...copy(), ack: undefined }],
    ];
    for (const [name, body] of malformed)
      expect(await get(() => json(200, body)), name).toBe('failed');
  });

  it('a "__proto__" key among the answers is refused, not merged as a prototype', async () => {
    const text = JSON.stringify(copy()).replace('"answers":{', '"answers":{"__proto__":{"x":1},');
    const reply = () =>
      new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
    expect(await get(reply)).toBe('failed');
  });

  it("an HTML page with 200, a 404 and no connection are 'failed'", async () => {
    expect(await get(portalPage)).toBe('failed');
    expect(await get(() => json(404, { error: 'not_found' }))).toBe('failed');
    expect(await getResponse(() => Promise.reject(new TypeError('offline')), BASE, ID, TOKEN)).toBe(
      'failed',
    );
  });
});

describe('openResponse and claimInvitation: a reply that does not fit is a failure', () => {
  const open = (reply: () => Response) => openResponse(replying(reply), BASE, 'q', ID);
  const claim = (reply: () => Response) => claimInvitation(TOKEN, replying(reply), BASE);

  it('an open-link token is taken only when it can be sent back as a bearer token', async () => {
    expect(await open(() => json(201, { token: TOKEN }))).toEqual({ kind: 'token', token: TOKEN });
    for (const token of [42, '', 'short', 'has space'.repeat(4), null])
      expect(await open(() => json(201, { token })), String(token)).toEqual({ kind: 'retry' });
  });

  it('our 404 and 409 refuse the link; a page in their place is retried', async () => {
    expect(await open(() => json(404, { error: 'not_found' }))).toEqual({ kind: 'refused' });
    expect(await open(() => json(409, { error: 'exists' }))).toEqual({ kind: 'refused' });
    const page404 = () => new Response('<html>Not here</html>', { status: 404 });
    expect(await open(page404)).toEqual({ kind: 'retry' });
  });

  it('a claim reply is taken only whole and well-typed', async () => {
    const good = { responseId: ID, questionnaireId: 'q', questionnaireVersion: 2 };
    expect(await claim(() => json(200, good))).toEqual({ kind: 'claimed', ...good });
    for (const bad of [
      { ...good, questionnaireVersion: '2' },
      { ...good, responseId: 'not-a-uuid' },
      { ...good, questionnaireId: 'Q!' },
      { ...good, questionnaireId: undefined },
    ])
      expect(await claim(() => json(200, bad)), JSON.stringify(bad)).toEqual({ kind: 'failed' });
    expect(await claim(portalPage)).toEqual({ kind: 'failed' });
  });

  it('only our 404 says the link is invalid', async () => {
    expect(await claim(() => json(404, { error: 'not_found' }))).toEqual({ kind: 'invalid' });
    expect(await claim(() => new Response('<html>404</html>', { status: 404 }))).toEqual({
      kind: 'failed',
    });
  });
});

describe('a malformed copy never reaches the draft', () => {
  const spec = inlineSpec([{ id: 's', title: t('S'), questions: [likert('q1'), likert('q2')] }], {
    id: 'q',
  });

  it('on a conflict the sender pulls the copy; a copy with answers as an array leaves the draft as it was and retries', async () => {
    const clock = 1_700_000_000_000;
    const requests: string[] = [];
    const phone = device(
      spec,
      (_input, init) => {
        const method = init?.method ?? 'GET';
        requests.push(method);
        if (method === 'PUT')
          return Promise.resolve(
            json(409, { error: 'conflict', currentVersion: 1, status: 'draft' }),
          );
        return Promise.resolve(json(200, copy({ version: 9, answers: ['helt_uenig'] })));
      },
      () => clock,
    );
    await phone.drafts.create({ id: 'q', version: 1 }, ID, clock);
    await phone.outbox.saveCredential({ responseId: ID, token: TOKEN, kind: 'open' });
    await phone.drafts.saveAnswers(ID, { q1: 'helt_enig' }, clock);
    const before = await phone.drafts.get(ID);

    await phone.sender.flush();

    expect(requests).toEqual(['PUT', 'GET']);
    const after = await phone.drafts.get(ID);
    expect(after?.answers).toEqual({ q1: 'helt_enig' });
    expect(after?.revision).toBe(before?.revision);
    expect(await phone.outbox.get(ID)).toMatchObject({ sentRevision: 0, attempts: 1 });
  });
});
