import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportChecksum, exportFile, readMessage } from '../../src/contract/index.ts';
import type { ServerStore } from '../../src/server/db/serverStore.ts';
import { sha256Hex } from '../../src/server/tokens.ts';
import { createCollectorStore } from '../../src/storage/collector.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { createDraftStore } from '../../src/storage/drafts.ts';
import { createOutbox } from '../../src/storage/outbox.ts';
import {
  batchSync,
  removeCollectedWhenAcknowledged,
  type BatchProgress,
} from '../../src/sync/batchSync.ts';
import { enrol } from '../../src/sync/client.ts';
import { buildExportFile } from '../../src/sync/collectorExport.ts';
import { webSha256Hex } from '../../src/sync/responseBody.ts';
import { createSender } from '../../src/sync/sender.ts';
import { injectFetch, startServer } from '../contract/support.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';

/**
 * A collector's tablet (SYNC.md SY14–SY19) against our real server, reached
 * through Fastify's `inject`, over links that fail, lose replies after the
 * server stored the write, answer 503 or refuse. Each tablet has its own
 * in-memory IndexedDB.
 */
const spec = inlineSpec([{ id: 's', title: t('S'), questions: [likert('k1'), likert('k2')] }], {
  id: 'feltarbeid',
});
const ADMIN = 'admin-token-for-collector-sync-0123';
const BASE = 'http://barometer.test';
const asAdmin = { authorization: `Bearer ${ADMIN}` };
const ids = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const respondentToken = (n: number) => `slip-${n}-`.padEnd(43, 's');

let clock = 1_700_000_000_000;
let app: FastifyInstance;
let server: ServerStore;
let collectorId: string;
let collectorToken: string;
/** Every reply the server sent to a PUT, by response id, as the tablet's link saw it or not. */
let outcomes: Map<string, string[]>;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/** The real server, recording the outcome of every save it answered. */
function toServer(): typeof fetch {
  const inner = injectFetch(app);
  return async (input, init) => {
    const reply = await inner(input, init);
    if (init?.method === 'PUT' && reply.ok) {
      const ack = (await reply.clone().json()) as { id: string; outcome: string };
      outcomes.set(ack.id, [...(outcomes.get(ack.id) ?? []), ack.outcome]);
    }
    return reply;
  };
}

const isPut = (init: RequestInit | undefined) => init?.method === 'PUT';
/** The JSON body the client sent (it always sends a string). */
const sentBody = (init: RequestInit | undefined) =>
  typeof init?.body === 'string' ? init.body : '';
const urlOf = (input: Parameters<typeof fetch>[0]) =>
  input instanceof Request ? input.url : input.toString();

/** Drops the reply to the first `drops` saves of each response, after the server stored them. */
function losingReplies(drops: number): typeof fetch {
  const server = toServer();
  const dropped = new Map<string, number>();
  return async (input, init) => {
    const reply = await server(input, init);
    const url = urlOf(input);
    const count = dropped.get(url) ?? 0;
    if (isPut(init) && count < drops) {
      dropped.set(url, count + 1);
      throw new TypeError('network connection lost');
    }
    return reply;
  };
}

beforeEach(async () => {
  outcomes = new Map();
  ({ app, store: server } = await startServer(spec, ADMIN, () => clock));
  const made = await app.inject({
    method: 'POST',
    url: '/api/admin/collectors',
    headers: asAdmin,
    payload: { label: 'Team Nord', questionnaireIds: [spec.id] },
  });
  const reply = made.json<{ id: string; link: string }>();
  collectorId = reply.id;
  collectorToken = reply.link.split('/c/')[1] ?? '';
});

afterEach(async () => {
  await app.close();
  await server.close();
});

/** A tablet enrolled with the collector link: its stores and its sender over `link`, wired as `startSync.ts` wires the page's. */
async function tablet(link: typeof fetch = toServer(), keepReadOnlyCopies = false) {
  const db = openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  const drafts = createDraftStore(db, db);
  const outbox = createOutbox(db);
  const collector = createCollectorStore(db);
  let fetchFn = link;
  const sender = createSender({
    drafts,
    outbox,
    loadSpec: () => Promise.resolve(spec),
    fetch: (input, init) => fetchFn(input, init),
    baseUrl: BASE,
    now: () => clock,
    random: () => 0.5,
    sha256Hex,
    afterAcknowledged: removeCollectedWhenAcknowledged(collector, () => clock),
  });
  const enrolled = await enrol(collectorToken, toServer(), BASE);
  if (enrolled.kind !== 'enrolled') throw new Error(`enrolment failed: ${enrolled.kind}`);
  await collector.enrol({
    ...enrolled.enrolment,
    token: collectorToken,
    enrolledAt: clock,
    keepReadOnlyCopies,
  });
  const progress: BatchProgress[] = [];
  /** The pauses the batch asked for between tries. */
  const sleeps: number[] = [];
  return {
    db,
    drafts,
    outbox,
    collector,
    sender,
    progress,
    sleeps,
    /** The link from now on. */
    relink(next: typeof fetch) {
      fetchFn = next;
    },
    sendAll: () =>
      batchSync({
        sender,
        collector,
        now: () => clock,
        onProgress: (p) => progress.push(p),
        sleep: (ms) => {
          sleeps.push(ms);
          return Promise.resolve();
        },
      }),
    /** A respondent's response, not yet answered. */
    start: (n: number, version = 1) =>
      collector.startRespondent({
        questionnaire: { id: spec.id, version },
        label: `Arbeidsplass ${n}`,
        responseId: ids(n),
        respondentToken: respondentToken(n),
        now: (clock += 10),
      }),
    /** A respondent's response, answered (all questions) and submitted if asked. */
    async collect(n: number, { submit = false, version = 1 } = {}) {
      await this.start(n, version);
      await drafts.saveAnswers(ids(n), { k1: 'helt_enig', k2: 'delvis_enig' }, (clock += 10));
      if (submit) await drafts.submit(ids(n), (clock += 10));
    },
  };
}

type Tablet = Awaited<ReturnType<typeof tablet>>;

const kinds = async (device: Tablet) =>
  Object.fromEntries(
    (await device.collector.roster()).map((e) => [e.respondent.responseId, e.delivery.kind]),
  );

describe('enrol (SY15): the reply is checked before it is used', () => {
  it('a collector link enrols; an unknown or revoked one is not_found', async () => {
    expect(await enrol(collectorToken, toServer(), BASE)).toEqual({
      kind: 'enrolled',
      enrolment: {
        collectorId,
        label: 'Team Nord',
        questionnaireIds: [spec.id],
        expiresAt: clock + 30 * 86_400_000,
      },
    });
    expect(await enrol('u'.repeat(43), toServer(), BASE)).toEqual({ kind: 'not_found' });
    expect(await enrol('u'.repeat(500), toServer(), BASE)).toEqual({ kind: 'not_found' });
    await app.inject({
      method: 'POST',
      url: `/api/admin/collectors/${collectorId}/revoke`,
      headers: asAdmin,
    });
    expect(await enrol(collectorToken, toServer(), BASE)).toEqual({ kind: 'not_found' });
  });

  it('no answer is offline; a 503, a portal’s page, a proxy’s 404 or a reply of another shape is unavailable', async () => {
    const failing: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await enrol(collectorToken, failing, BASE)).toEqual({ kind: 'offline' });
    const replies = [
      () => json(503, { error: 'unavailable' }),
      () => new Response('<html>Logg inn</html>', { headers: { 'content-type': 'text/html' } }),
      () => new Response('Not Found', { status: 404 }),
      () =>
        json(200, { collectorId: 'not-a-uuid', label: 'x', questionnaireIds: [], expiresAt: 1 }),
    ];
    for (const reply of replies)
      expect(await enrol(collectorToken, () => Promise.resolve(reply()), BASE)).toEqual({
        kind: 'unavailable',
      });
  });
});

describe('SY16: collected responses travel as ordinary saves with the collector token', () => {
  it('the save carries SHA-256 of the respondent’s token, never the token; the respondent’s slip then opens the response (SY17)', async () => {
    const bodies: Record<string, unknown>[] = [];
    const link = toServer();
    const device = await tablet((input, init) => {
      if (isPut(init)) bodies.push(JSON.parse(sentBody(init)) as Record<string, unknown>);
      return link(input, init);
    });
    await device.collect(1);
    await device.sender.flush();

    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.respondentKeyHash).toBe(sha256Hex(respondentToken(1)));
    expect(JSON.stringify(bodies)).not.toContain(respondentToken(1));
    expect(JSON.stringify(bodies)).not.toContain('Arbeidsplass');
    expect(await device.outbox.get(ids(1))).toMatchObject({ sentRevision: 1, problem: null });
    const claim = await app.inject({
      method: 'POST',
      url: '/api/invitations/claim',
      payload: { token: respondentToken(1) },
    });
    expect(claim.statusCode).toBe(200);
    expect(claim.json()).toMatchObject({ responseId: ids(1) });
  });

  it('a response of another kind carries no key hash; Web Crypto’s hash is the server’s', async () => {
    const bodies: string[] = [];
    const device = await tablet((_input, init) => {
      if (isPut(init)) bodies.push(sentBody(init));
      return Promise.resolve(json(503, { error: 'unavailable' }));
    });
    await device.drafts.create({ id: spec.id, version: 1 }, ids(2), clock);
    await device.outbox.saveCredential({ responseId: ids(2), token: 'i'.repeat(43), kind: 'open' });
    await device.drafts.saveAnswers(ids(2), { k1: 'helt_enig' }, clock);
    await device.sender.flush();
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).not.toContain('respondentKeyHash');
    expect(await webSha256Hex('æøå slip')).toBe(sha256Hex('æøå slip'));
  });
});

describe('batchSync: one action sends everything queued', () => {
  it('sends every collected response once, whatever its back-off, reports progress, and removes acknowledged submissions’ answers', async () => {
    const device = await tablet();
    await device.collect(1, { submit: true });
    await device.collect(2);
    await device.collect(3, { submit: true });
    // A failed background attempt put response 1 on a back-off schedule.
    await device.outbox.markRetry(ids(1), clock + 60_000);

    const report = await device.sendAll();
    expect(report.results).toEqual([
      { responseId: ids(1), kind: 'acknowledged', isRemoved: true },
      { responseId: ids(2), kind: 'acknowledged', isRemoved: false },
      { responseId: ids(3), kind: 'acknowledged', isRemoved: true },
    ]);
    for (const n of [1, 2, 3]) expect(outcomes.get(ids(n))).toEqual(['stored']);
    expect((await server.responses(spec.id)).map((r) => [r.id, r.status, r.provenance])).toEqual(
      expect.arrayContaining([
        [ids(1), 'submitted', 'collector'],
        [ids(2), 'draft', 'collector'],
        [ids(3), 'submitted', 'collector'],
      ]),
    );
    expect(await device.drafts.get(ids(1))).toBeUndefined();
    expect(await device.drafts.get(ids(2))).toBeDefined();
    expect(await kinds(device)).toEqual({
      [ids(1)]: 'submitted',
      [ids(2)]: 'backedUp',
      [ids(3)]: 'submitted',
    });

    const { progress } = device;
    expect(progress[0]).toMatchObject({ done: 0, total: 3, bytesSent: 0, current: null });
    const named = progress.map((p) => p.current).filter((c) => c !== null);
    expect([...new Set(named)]).toEqual([ids(1), ids(2), ids(3)]);
    const last = progress.at(-1);
    expect(last).toMatchObject({ done: 3, total: 3, current: null });
    expect(last?.bytesSent).toBe(last?.bytesTotal);
    expect(last?.bytesTotal).toBeGreaterThan(3 * 100);
    for (const [i, p] of progress.entries())
      expect(p.bytesSent).toBeGreaterThanOrEqual(progress[i - 1]?.bytesSent ?? 0);

    // Nothing left: a second press sends nothing.
    expect((await device.sendAll()).results).toEqual([]);
  });

  it('no connection: the first response stays queued as offline, the rest are not tried; all go once the link is back', async () => {
    let puts = 0;
    const device = await tablet(() => {
      puts += 1;
      return Promise.reject(new TypeError('Failed to fetch'));
    });
    for (const n of [1, 2, 3]) await device.collect(n, { submit: true });
    const report = await device.sendAll();
    expect(report.results).toEqual([
      { responseId: ids(1), kind: 'queued', reason: 'offline', isTried: true },
      { responseId: ids(2), kind: 'queued', reason: 'offline', isTried: false },
      { responseId: ids(3), kind: 'queued', reason: 'offline', isTried: false },
    ]);
    expect(puts).toBe(3);
    expect(await kinds(device)).toEqual({
      [ids(1)]: 'submitting',
      [ids(2)]: 'submitting',
      [ids(3)]: 'submitting',
    });

    device.relink(toServer());
    const again = await device.sendAll();
    expect(again.results.map((r) => r.kind)).toEqual([
      'acknowledged',
      'acknowledged',
      'acknowledged',
    ]);
    for (const n of [1, 2, 3]) expect(outcomes.get(ids(n))).toEqual(['stored']);
  });

  it('SY2: a reply lost after the server stored the save is retried and answered as a replay: each response acknowledged once, stored once', async () => {
    const device = await tablet(losingReplies(1));
    for (const n of [1, 2, 3, 4]) await device.collect(n, { submit: n % 2 === 0 });
    const report = await device.sendAll();

    expect(report.results.map((r) => [r.responseId, r.kind])).toEqual(
      [1, 2, 3, 4].map((n) => [ids(n), 'acknowledged']),
    );
    for (const n of [1, 2, 3, 4]) expect(outcomes.get(ids(n))).toEqual(['stored', 'replay']);
    expect(device.sleeps).toEqual([1000, 1000, 1000, 1000]);
    const stored = await server.responses(spec.id);
    expect(stored).toHaveLength(4);
    for (const n of [1, 2, 3, 4]) {
      const row = stored.find((r) => r.id === ids(n));
      expect(row?.version).toBe(n % 2 === 0 ? 2 : 1);
    }
  });

  it('a reply lost on every try leaves the response queued, not stranded: the next batch gets the replay, nothing is doubled', async () => {
    const device = await tablet(losingReplies(3));
    await device.collect(1, { submit: true });
    await device.collect(2, { submit: true });
    const first = await device.sendAll();
    expect(first.results).toEqual([
      { responseId: ids(1), kind: 'queued', reason: 'offline', isTried: true },
      { responseId: ids(2), kind: 'queued', reason: 'offline', isTried: false },
    ]);
    expect(outcomes.get(ids(1))).toEqual(['stored', 'replay', 'replay']);
    expect(await kinds(device)).toMatchObject({ [ids(1)]: 'submitting' });

    device.relink(toServer());
    const second = await device.sendAll();
    expect(second.results.map((r) => r.kind)).toEqual(['acknowledged', 'acknowledged']);
    expect(outcomes.get(ids(1))).toEqual(['stored', 'replay', 'replay', 'replay']);
    expect(outcomes.get(ids(2))).toEqual(['stored']);
    expect(await server.responses(spec.id)).toHaveLength(2);
  });

  it('SY11: a 503 leaves the response queued as unavailable and stops the batch; nothing is marked delivered', async () => {
    let puts = 0;
    const device = await tablet((input, init) => {
      if (!isPut(init)) return toServer()(input, init);
      puts += 1;
      return Promise.resolve(json(503, { error: 'unavailable' }));
    });
    await device.collect(1, { submit: true });
    await device.collect(2);
    const report = await device.sendAll();
    expect(report.results).toEqual([
      { responseId: ids(1), kind: 'queued', reason: 'unavailable', isTried: true },
      { responseId: ids(2), kind: 'queued', reason: 'unavailable', isTried: false },
    ]);
    expect(puts).toBe(3);
    expect(await device.outbox.get(ids(1))).toMatchObject({ sentRevision: 0, problem: null });
    expect(await device.drafts.get(ids(1))).toBeDefined();
  });

  it('MG1/SY17: when the respondent answered on their own phone meanwhile, the batch merges and sends the merge, acknowledged once', async () => {
    const device = await tablet();
    await device.collect(1);
    await device.sendAll();
    // The respondent opens the slip's link on their phone and changes an answer there.
    await app.inject({
      method: 'POST',
      url: '/api/invitations/claim',
      payload: { token: respondentToken(1) },
    });
    const phone = await app.inject({
      method: 'PUT',
      url: `/api/responses/${ids(1)}`,
      headers: { authorization: `Bearer ${respondentToken(1)}` },
      payload: {
        questionnaireId: spec.id,
        questionnaireVersion: 1,
        status: 'draft',
        version: 2,
        answers: { k1: 'helt_enig', k2: 'helt_uenig' },
        answeredAt: { k1: clock, k2: (clock += 10) },
      },
    });
    expect(phone.statusCode).toBe(200);
    await device.drafts.saveAnswers(ids(1), { k1: 'vet_ikke' }, (clock += 10));

    const report = await device.sendAll();
    expect(report.results).toEqual([
      { responseId: ids(1), kind: 'acknowledged', isRemoved: false },
    ]);
    // Version 2 met the phone's version 2 (409 conflict, SY4); the merge went as version 3.
    expect(outcomes.get(ids(1))).toEqual(['stored', 'stored']);
    expect((await device.drafts.get(ids(1)))?.revision).toBe(3);
    const expected = { k1: 'vet_ikke', k2: 'helt_uenig' };
    expect((await server.getResponse(ids(1)))?.answers).toEqual(expected);
    expect((await device.drafts.get(ids(1)))?.answers).toEqual(expected);
    expect(await kinds(device)).toEqual({ [ids(1)]: 'backedUp' });
  });

  it('SY10: a 429 from the per-token limit is waited out without stopping the batch', async () => {
    let limited = 2;
    const link = toServer();
    const device = await tablet((input, init) =>
      isPut(init) && limited-- > 0
        ? Promise.resolve(json(429, { error: 'rate_limited' }))
        : link(input, init),
    );
    await device.collect(1, { submit: true });
    await device.collect(2, { submit: true });
    const report = await device.sendAll();
    expect(report.results.map((r) => r.kind)).toEqual(['acknowledged', 'acknowledged']);
    expect(device.sleeps).toEqual([10_000, 10_000]);
  });

  it('SY6/SY16: refusals need attention with a reason the screen can word, the batch goes on, and nothing is removed', async () => {
    const device = await tablet();
    await device.collect(1, { submit: true });
    // A questionnaire version the server does not know: 400, a refusal retrying cannot fix.
    await device.collect(2, { version: 9 });
    await device.collect(3, { submit: true });
    const refused = await device.sendAll();
    expect(refused.results[1]).toEqual({
      responseId: ids(2),
      kind: 'attention',
      reason: 'invalid',
      problem: 'invalid_body',
    });

    await device.collect(4, { submit: true });
    await device.collect(5);
    await app.inject({
      method: 'POST',
      url: `/api/admin/collectors/${collectorId}/revoke`,
      headers: asAdmin,
    });
    const revoked = await device.sendAll();
    // The link is checked before the body: response 2, offered again, now meets the revocation too.
    expect(revoked.results).toEqual([
      { responseId: ids(2), kind: 'attention', reason: 'access', problem: 'not_found' },
      { responseId: ids(4), kind: 'attention', reason: 'access', problem: 'not_found' },
      { responseId: ids(5), kind: 'attention', reason: 'access', problem: 'not_found' },
    ]);
    expect(await kinds(device)).toMatchObject({
      [ids(2)]: 'attention',
      [ids(4)]: 'attention',
      [ids(5)]: 'attention',
    });
    expect(await device.drafts.get(ids(4))).toBeDefined();
  });

  it('read-only copies are kept while the collector wants them; switched off, the next batch removes them', async () => {
    const device = await tablet(toServer(), true);
    await device.collect(1, { submit: true });
    expect((await device.sendAll()).results).toEqual([
      { responseId: ids(1), kind: 'acknowledged', isRemoved: false },
    ]);
    expect(await device.drafts.get(ids(1))).toBeDefined();
    await device.collector.setKeepReadOnlyCopies(false);
    expect(await device.sendAll()).toEqual({ results: [], removedEarlier: [ids(1)] });
    expect(await device.drafts.get(ids(1))).toBeUndefined();
  });
});

describe('the background sender lets acknowledged submissions leave the device too', () => {
  it('a submitted response stays while its acknowledgement is lost, and goes once a send is acknowledged; a partial one stays', async () => {
    // The server stores every first save, but the tablet never hears so.
    const device = await tablet(losingReplies(1));
    await device.collect(1, { submit: true });
    await device.collect(2);
    await device.collect(3, { submit: true });
    await device.sender.flush();
    for (const n of [1, 2, 3]) expect(outcomes.get(ids(n))).toEqual(['stored']);
    for (const n of [1, 3]) expect((await server.getResponse(ids(n)))?.status).toBe('submitted');
    expect(await kinds(device)).toEqual({
      [ids(1)]: 'submitting',
      [ids(2)]: 'device',
      [ids(3)]: 'submitting',
    });
    for (const n of [1, 2, 3]) {
      expect(await device.drafts.get(ids(n))).toBeDefined();
      expect((await device.collector.respondent(ids(n)))?.removed).toBeNull();
    }

    // Past the back-off: the replays are acknowledged.
    clock += 60_000;
    const acknowledgedFrom = clock;
    await device.sender.flush();
    for (const n of [1, 2, 3]) expect(outcomes.get(ids(n))).toEqual(['stored', 'replay']);
    expect(await device.drafts.get(ids(1))).toBeUndefined();
    expect(await device.drafts.get(ids(3))).toBeUndefined();
    expect(await device.outbox.get(ids(1))).toBeUndefined();
    expect(await device.outbox.credential(ids(1))).toBeUndefined();
    const removed = (await device.collector.respondent(ids(1)))?.removed;
    expect(removed?.acknowledgedAt).toBeGreaterThanOrEqual(acknowledgedFrom);
    expect(removed?.at).toBeGreaterThanOrEqual(removed?.acknowledgedAt ?? Infinity);
    // Not submitted: its answers stay for the collector to go on with.
    expect((await device.drafts.get(ids(2)))?.answers).toEqual({
      k1: 'helt_enig',
      k2: 'delvis_enig',
    });
    expect(await kinds(device)).toEqual({
      [ids(1)]: 'submitted',
      [ids(2)]: 'backedUp',
      [ids(3)]: 'submitted',
    });
    // Nothing left for «Send alle» to send or remove.
    expect(await device.sendAll()).toEqual({ results: [], removedEarlier: [] });
  });

  it('keeps a read-only copy of an acknowledged submission while the collector wants one', async () => {
    const device = await tablet(toServer(), true);
    await device.collect(1, { submit: true });
    await device.sender.flush();
    expect(outcomes.get(ids(1))).toEqual(['stored']);
    expect(await kinds(device)).toEqual({ [ids(1)]: 'submitted' });
    expect((await device.drafts.get(ids(1)))?.status).toBe('submitted');
    expect((await device.collector.respondent(ids(1)))?.removed).toBeNull();
  });
});

describe('SY18: the export file', () => {
  it('holds every response not acknowledged at its revision, passes the contract’s schema and checksum, and counts as exported only once saved', async () => {
    const device = await tablet();
    await device.collect(1, { submit: true });
    await device.sendAll();
    device.relink(() => Promise.reject(new TypeError('Failed to fetch')));
    await device.collect(2, { submit: true });
    await device.collect(3);
    // Begun, not answered: nothing to export.
    await device.start(4);

    const built = await buildExportFile({
      collector: device.collector,
      loadSpec: () => Promise.resolve(spec),
      now: () => Date.UTC(2025, 2, 1, 13, 5),
      sha256Hex,
    });
    if (built.kind !== 'file') throw new Error(built.kind);
    expect(built.fileName).toBe('barometer-export-2025-03-01T13-05-00.json');
    expect(built.left).toBe(0);
    const parsed = readMessage(exportFile, JSON.parse(built.text));
    expect(parsed).toBeDefined();
    expect(await exportChecksum(parsed ?? {}, sha256Hex)).toBe(parsed?.checksum.value);
    expect(await exportChecksum(parsed ?? {}, webSha256Hex)).toBe(parsed?.checksum.value);
    expect(parsed?.collector).toEqual({ id: collectorId, label: 'Team Nord' });
    expect(parsed?.exportedAt).toBe('2025-03-01T13:05:00.000Z');
    expect(parsed?.responses).toEqual([
      {
        id: ids(2),
        questionnaireId: spec.id,
        questionnaireVersion: 1,
        status: 'submitted',
        version: 2,
        answers: { k1: 'helt_enig', k2: 'delvis_enig' },
        answeredAt: { k1: expect.any(Number) as number, k2: expect.any(Number) as number },
        respondentKeyHash: sha256Hex(respondentToken(2)),
      },
      expect.objectContaining({ id: ids(3), status: 'draft', version: 1 }),
    ]);
    expect(built.text).not.toContain('Arbeidsplass');
    expect(built.text).not.toContain(respondentToken(2));

    // Not saved yet: forgetting the device would lose them.
    expect((await device.collector.forgetDevice()).kind).toBe('refused');
    await built.confirmSaved();
    expect(await device.collector.forgetDevice()).toEqual({ kind: 'forgotten', responses: 4 });
  });

  it('imported by the owner and then synced by the tablet, each response is stored once (SY19, SY2)', async () => {
    const device = await tablet();
    await device.collect(1, { submit: true });
    await device.collect(2);
    const built = await buildExportFile({
      collector: device.collector,
      loadSpec: () => Promise.resolve(spec),
      now: () => clock,
      includeLabels: true,
    });
    if (built.kind !== 'file') throw new Error(built.kind);
    expect(built.file.responses.map((r) => r.respondentLabel)).toEqual([
      'Arbeidsplass 1',
      'Arbeidsplass 2',
    ]);
    const imported = await app.inject({
      method: 'POST',
      url: '/api/admin/imports',
      headers: { ...asAdmin, 'content-type': 'application/json' },
      payload: built.text,
    });
    expect(imported.json()).toMatchObject({ counts: { created: 2, refused: 0 } });

    const report = await device.sendAll();
    expect(report.results.map((r) => r.kind)).toEqual(['acknowledged', 'acknowledged']);
    expect(outcomes.get(ids(1))).toEqual(['replay']);
    expect(outcomes.get(ids(2))).toEqual(['replay']);
    expect(await server.responses(spec.id)).toHaveLength(2);
  });

  it('says so when the device is not enrolled or nothing is left to export', async () => {
    const device = await tablet();
    const deps = {
      collector: device.collector,
      loadSpec: () => Promise.resolve(spec),
      now: () => clock,
    };
    expect(await buildExportFile(deps)).toEqual({ kind: 'empty' });
    await device.collector.forgetDevice();
    expect(await buildExportFile(deps)).toEqual({ kind: 'not_enrolled' });
  });
});
