import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { FastifyInstance } from 'fastify';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { openServerDatabase } from '../../src/server/db/database.ts';
import type { DatabaseSchema } from '../../src/server/db/schema.ts';
import { createServerStore, type ServerStore } from '../../src/server/db/serverStore.ts';
import { registryOf } from '../../src/server/questionnaireRegistry.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { createDraftStore } from '../../src/storage/drafts.ts';
import { createOutbox } from '../../src/storage/outbox.ts';
import { createSender, PROBLEM_RETRY_MS } from '../../src/sync/sender.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';

/**
 * The client sender against our real server on loopback (real SQLite file),
 * with each simulated device on its own in-memory IndexedDB.
 */
const spec = inlineSpec(
  [{ id: 's', title: t('S'), questions: [likert('q1'), likert('q2'), likert('q3')] }],
  { id: 'sync-survey' },
);
/** Whole percent over three rows: the question where a phone user types «12,5». */
const shares = inlineSpec(
  [
    {
      id: 's',
      title: t('S'),
      questions: [
        likert('q1'),
        {
          id: 'fordeling',
          type: 'allocation',
          text: t('Fordeling'),
          rows: ['a', 'b', 'c'].map((id) => ({ id, text: t(id) })),
        },
      ],
    },
  ],
  { id: 'shares-survey' },
);
const ADMIN = 'admin-token-for-tests-0123456789';

let server: FastifyInstance;
let serverStore: ServerStore;
let serverDb: Kysely<DatabaseSchema>;
let baseUrl: string;
let clock = 1_000_000;

beforeEach(async () => {
  serverDb = await openServerDatabase({
    kind: 'sqlite',
    file: join(mkdtempSync(join(tmpdir(), 'barometer-sync-')), 's.sqlite'),
  });
  serverStore = createServerStore(serverDb);
  server = await buildServer({
    store: serverStore,
    registry: registryOf([spec, shares]),
    adminToken: ADMIN,
  });
  baseUrl = await server.listen({ host: '127.0.0.1', port: 0 });
});

afterEach(async () => {
  await server.close();
  await serverStore.close();
});

function device(fetchFn: typeof fetch = fetch, url = () => baseUrl) {
  const factory = { indexedDB: new IDBFactory(), IDBKeyRange };
  const db = openDatabase(factory);
  const drafts = createDraftStore(db, db);
  const outbox = createOutbox(db);
  const sender = createSender({
    drafts,
    outbox,
    loadSpec: (id) => Promise.resolve(id === shares.id ? shares : spec),
    fetch: (input, init) => fetchFn(input, init),
    get baseUrl() {
      return url();
    },
    now: () => clock,
    random: () => 0.5,
  });
  return { drafts, outbox, sender, db };
}

describe('the outbox sender', () => {
  it('SY9/SY6: a draft answered offline-first is sent once its turn comes and acknowledged', async () => {
    const phone = device();
    await phone.drafts.create(
      { id: 'sync-survey', version: 1 },
      '22222222-2222-4222-8222-222222222222',
      clock,
    );
    await phone.drafts.saveAnswers(
      '22222222-2222-4222-8222-222222222222',
      { q1: 'helt_enig' },
      clock,
    );
    await phone.sender.flush();
    expect(await phone.outbox.get('22222222-2222-4222-8222-222222222222')).toMatchObject({
      queuedRevision: 1,
      sentRevision: 1,
      problem: null,
    });
    expect(await serverStore.getResponse('22222222-2222-4222-8222-222222222222')).toMatchObject({
      version: 1,
      answers: { q1: 'helt_enig' },
    });
  });

  it('SY6: a captive portal answering 200 with its own page leaves the item queued with back-off', async () => {
    const portal: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Log in to the hotel Wi-Fi</body></html>');
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    const portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
    try {
      const phone = device(fetch, () => portalUrl);
      const id = '33333333-3333-4333-8333-333333333333';
      await phone.drafts.create({ id: 'sync-survey', version: 1 }, id, clock);
      await phone.outbox.saveCredential({ responseId: id, token: 'x'.repeat(43), kind: 'open' });
      await phone.drafts.saveAnswers(id, { q1: 'helt_enig' }, clock);
      await phone.sender.flush();
      expect(await phone.outbox.get(id)).toMatchObject({
        sentRevision: 0,
        attempts: 1,
        nextAttemptAt: clock + 1500, // 2 s with jitter ×0.75
        problem: null,
      });
    } finally {
      portal.close();
    }
  });

  it('SY6: a 500 keeps it queued; a 400 that retrying cannot fix stops it as a problem', async () => {
    const id = '44444444-4444-4444-8444-444444444444';
    const failing = device(() =>
      Promise.resolve(
        new Response('{"error":"internal"}', {
          status: 500,
          headers: { 'content-type': 'application/json' },
        }),
      ),
    );
    await failing.drafts.create({ id: 'sync-survey', version: 1 }, id, clock);
    await failing.outbox.saveCredential({ responseId: id, token: 'x'.repeat(43), kind: 'open' });
    await failing.drafts.saveAnswers(id, { q1: 'helt_enig' }, clock);
    await failing.sender.flush();
    expect(await failing.outbox.get(id)).toMatchObject({
      sentRevision: 0,
      attempts: 1,
      problem: null,
    });

    // A questionnaire version the server does not know: a 400 no retry can fix.
    const phone = device();
    await phone.drafts.create({ id: 'sync-survey', version: 9 }, id, clock);
    await phone.drafts.saveAnswers(id, { q1: 'helt_enig' }, clock);
    await phone.sender.flush();
    expect(await phone.outbox.get(id)).toMatchObject({ problem: 'invalid_body', sentRevision: 0 });
    await phone.sender.flush();
    expect((await phone.outbox.get(id))?.attempts).toBe(0);
  });

  it('SY11: while the server cannot write, an open-link draft and its submission wait and are retried, not abandoned; all arrive once it can', async () => {
    const ids = ['77777777-7777-4777-8777-777777777771', '77777777-7777-4777-8777-777777777772'];
    const phone = device();
    for (const id of ids) {
      await phone.drafts.create({ id: 'sync-survey', version: 1 }, id, clock);
      await phone.drafts.saveAnswers(
        id,
        { q1: 'helt_enig', q2: 'helt_enig', q3: 'vet_ikke' },
        clock,
      );
    }
    await phone.drafts.submit(ids[1] ?? '', clock);
    await sql`pragma query_only = 1`.execute(serverDb);
    await phone.sender.flush();
    for (const id of ids)
      expect(await phone.outbox.get(id)).toMatchObject({
        problem: null,
        sentRevision: 0,
        attempts: 1,
      });
    await sql`pragma query_only = 0`.execute(serverDb);
    clock += 60_000;
    await phone.sender.flush();
    for (const id of ids) {
      const row = await phone.outbox.get(id);
      expect(row?.sentRevision).toBe(row?.queuedRevision);
      expect(await serverStore.getResponse(id)).toBeDefined();
    }
    expect((await serverStore.getResponse(ids[1] ?? ''))?.status).toBe('submitted');
  });

  it('SY6: a refused response is shown as a problem and offered again hourly, never abandoned; once the server takes it, it is sent', async () => {
    const id = '55555555-5555-4555-8555-555555555555';
    let refusals = 1;
    let puts = 0;
    // The first save is refused as an older server refused saves during a full disk; later ones reach our server.
    const phone = device((input, init) => {
      if (init?.method === 'PUT') {
        puts += 1;
        if (refusals-- > 0)
          return Promise.resolve(
            new Response('{"error":"exists"}', {
              status: 409,
              headers: { 'content-type': 'application/json' },
            }),
          );
      }
      return fetch(input, init);
    });
    await phone.drafts.create({ id: 'sync-survey', version: 1 }, id, clock);
    await phone.drafts.saveAnswers(
      id,
      { q1: 'helt_enig', q2: 'delvis_enig', q3: 'vet_ikke' },
      clock,
    );
    await phone.drafts.submit(id, clock);
    await phone.sender.flush();
    expect(await phone.outbox.get(id)).toMatchObject({ problem: 'exists', sentRevision: 0 });
    // Not hammered: nothing is sent again within the hour.
    clock += PROBLEM_RETRY_MS - 1;
    await phone.sender.flush();
    expect(puts).toBe(1);
    clock += 1;
    await phone.sender.flush();
    expect(puts).toBe(2);
    const row = await phone.outbox.get(id);
    expect(row).toMatchObject({ problem: null });
    expect(row?.sentRevision).toBe(row?.queuedRevision);
    expect((await serverStore.getResponse(id))?.status).toBe('submitted');
  });

  it('VA10: «12,5» and «150» in a whole-percent allocation stay on the device; the rest is sent and the outbox never has a problem', async () => {
    const id = '88888888-8888-4888-8888-888888888888';
    const phone = device();
    await phone.drafts.create({ id: 'shares-survey', version: 1 }, id, clock);
    const typed = { q1: 'helt_enig', fordeling: { a: 12.5, b: 150, c: 40 } };
    await phone.drafts.saveAnswers(id, typed, clock);
    await phone.sender.flush();

    const row = await phone.outbox.get(id);
    expect(row).toMatchObject({ problem: null, queuedRevision: 1, sentRevision: 1 });
    const stored = await serverStore.getResponse(id);
    expect(stored?.answers).toEqual({ q1: 'helt_enig', fordeling: { c: 40 } });
    expect(Object.keys(stored?.answeredAt ?? {}).sort()).toEqual(['fordeling', 'q1']);
    expect((await phone.drafts.get(id))?.answers).toEqual(typed);

    // Corrected, the share goes out with the next revision; a row wholly refused leaves no key behind.
    await phone.drafts.saveAnswers(id, { fordeling: { a: 12, b: 150, c: 40 } }, (clock += 10));
    await phone.sender.flush();
    expect((await serverStore.getResponse(id))?.answers).toEqual({
      q1: 'helt_enig',
      fordeling: { a: 12, c: 40 },
    });
    await phone.drafts.saveAnswers(id, { fordeling: { b: 150 } }, (clock += 10));
    await phone.sender.flush();
    expect((await serverStore.getResponse(id))?.answers).toEqual({ q1: 'helt_enig' });
    expect(await phone.outbox.get(id)).toMatchObject({ problem: null, sentRevision: 3 });
  });

  it('MG1: one invitation answered on two devices ends with the answers of both, on both and on the server', async () => {
    const created = await server.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      headers: { authorization: `Bearer ${ADMIN}` },
      payload: { questionnaireId: 'sync-survey', count: 1 },
    });
    const [{ responseId, link }] = created.json<{
      invitations: [{ responseId: string; link: string }];
    }>().invitations;
    const token = link.split('/i/')[1] ?? '';

    const [phone, laptop] = [device(), device()];
    for (const d of [phone, laptop]) {
      await d.drafts.create({ id: 'sync-survey', version: 1 }, responseId, clock);
      await d.outbox.saveCredential({ responseId, token, kind: 'invitation' });
    }
    await phone.drafts.saveAnswers(responseId, { q1: 'helt_enig' }, (clock += 10));
    await phone.sender.flush();
    await laptop.drafts.saveAnswers(responseId, { q2: 'delvis_enig' }, (clock += 10));
    await laptop.drafts.saveAnswers(responseId, { q1: 'helt_uenig' }, (clock += 10));
    await laptop.sender.flush();
    await phone.drafts.saveAnswers(responseId, { q3: 'vet_ikke' }, (clock += 10));
    await phone.sender.flush();
    await laptop.sender.pullAndMerge(responseId, token);
    await laptop.sender.flush();

    const expected = { q1: 'helt_uenig', q2: 'delvis_enig', q3: 'vet_ikke' };
    expect((await serverStore.getResponse(responseId))?.answers).toEqual(expected);
    expect((await phone.drafts.get(responseId))?.answers).toEqual(expected);
    expect((await laptop.drafts.get(responseId))?.answers).toEqual(expected);
    expect((await laptop.outbox.get(responseId))?.mergedFromServer).toBe(1);
  });
});
