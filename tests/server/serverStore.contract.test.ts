import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createServerStore,
  type ResponseWrite,
  type ServerStore,
} from '../../src/server/db/serverStore.ts';
import { DATABASES, freshDatabase } from './databases.ts';

const write = (overrides: Partial<ResponseWrite> = {}): ResponseWrite => ({
  id: '11111111-1111-4111-8111-111111111111',
  questionnaireId: 'stat-2021-operativ',
  questionnaireVersion: 1,
  status: 'draft',
  version: 1,
  answers: { 'op.bakgrunn.ansatte': '10_49' },
  answeredAt: { 'op.bakgrunn.ansatte': 1000 },
  contentHash: 'h1',
  credentialId: 'c1',
  summary: { indicators: { kultur: 50 }, items: {}, groups: {} },
  provenance: 'invited',
  ...overrides,
});

describe.each(DATABASES)('the server store on $name', ({ config }) => {
  let store: ServerStore;
  beforeEach(async () => {
    store = createServerStore(await freshDatabase(config()));
  });
  afterEach(async () => {
    await store.close();
  });

  it('SY1: stores a new response and reads it back exactly', async () => {
    const outcome = await store.saveResponse(write(), 5000);
    expect(outcome.kind).toBe('stored');
    expect(await store.getResponse(write().id)).toEqual({
      id: write().id,
      questionnaireId: 'stat-2021-operativ',
      questionnaireVersion: 1,
      status: 'draft',
      version: 1,
      answers: { 'op.bakgrunn.ansatte': '10_49' },
      answeredAt: { 'op.bakgrunn.ansatte': 1000 },
      contentHash: 'h1',
      createdAt: 5000,
      updatedAt: 5000,
      submittedAt: null,
    });
  });

  it('SY2: the same version with the same content again is a replay and changes nothing', async () => {
    await store.saveResponse(write(), 5000);
    const replay = await store.saveResponse(write(), 6000);
    expect(replay.kind).toBe('replay');
    expect(replay.response.updatedAt).toBe(5000);
  });

  it('SY1: a newer version replaces the answers', async () => {
    await store.saveResponse(write(), 5000);
    const outcome = await store.saveResponse(
      write({ version: 2, answers: { 'op.bakgrunn.ansatte': '50_99' }, contentHash: 'h2' }),
      6000,
    );
    expect(outcome.kind).toBe('stored');
    expect(outcome.response).toMatchObject({
      version: 2,
      answers: { 'op.bakgrunn.ansatte': '50_99' },
      createdAt: 5000,
      updatedAt: 6000,
    });
  });

  it('SY3: an older version is ignored and answered with the current one', async () => {
    await store.saveResponse(write({ version: 3, contentHash: 'h3' }), 5000);
    const outcome = await store.saveResponse(write({ version: 2, contentHash: 'h2' }), 6000);
    expect(outcome.kind).toBe('stale');
    expect(outcome.response.version).toBe(3);
  });

  it('SY4: the same version with other content is a conflict', async () => {
    await store.saveResponse(write(), 5000);
    const outcome = await store.saveResponse(write({ contentHash: 'other', answers: {} }), 6000);
    expect(outcome.kind).toBe('conflict');
    expect(outcome.response.contentHash).toBe('h1');
  });

  it('SY5: after submission a newer version is refused until the response is reopened', async () => {
    await store.saveResponse(write({ status: 'submitted', version: 2, contentHash: 'h2' }), 5000);
    expect((await store.getResponse(write().id))?.submittedAt).toBe(5000);
    expect((await store.saveResponse(write({ version: 3, contentHash: 'h3' }), 6000)).kind).toBe(
      'submitted',
    );
    expect(
      (
        await store.saveResponse(
          write({ status: 'submitted', version: 2, contentHash: 'h2' }),
          6000,
        )
      ).kind,
    ).toBe('replay');
    expect(await store.reopenResponse(write().id, 7000)).toBe(true);
    expect((await store.saveResponse(write({ version: 3, contentHash: 'h3' }), 8000)).kind).toBe(
      'stored',
    );
  });

  it('a response id is never moved to another questionnaire', async () => {
    await store.saveResponse(write(), 5000);
    const outcome = await store.saveResponse(
      write({ questionnaireId: 'stat-2021-strategisk', version: 2 }),
      6000,
    );
    expect(outcome.kind).toBe('other_questionnaire');
  });

  it('racing versions end at the highest, each write either stored or stale, none lost to an error', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        store.saveResponse(write({ version: i + 1, contentHash: `h${i + 1}` }), 5000 + i),
      ),
    );
    expect(outcomes.every((o) => o.kind === 'stored' || o.kind === 'stale')).toBe(true);
    expect((await store.getResponse(write().id))?.version).toBe(30);
  });

  it('a batch of credentials is stored whole or not at all', async () => {
    const credential = (n: number, tokenHash = `batch-${n}`) => ({
      id: `b${n}`,
      tokenHash,
      kind: 'invitation' as const,
      questionnaireId: 'stat-2021-operativ',
      responseId: `r-batch-${n}`,
      label: null,
      expiresAt: null,
    });
    await store.createCredentials([credential(1), credential(2)], 1000);
    // The third repeats a stored token hash: the whole batch fails, nothing of it is left.
    await expect(
      store.createCredentials([credential(3), credential(4), credential(5, 'batch-1')], 1000),
    ).rejects.toThrow();
    expect(await store.findCredential('batch-3')).toBeUndefined();
    expect(await store.findCredential('batch-4')).toBeUndefined();
    expect((await store.findCredential('batch-2'))?.id).toBe('b2');
  });

  it('credentials are found by hash, marked used once, revoked once', async () => {
    await store.createCredential(
      {
        id: 'c1',
        tokenHash: 'hash-1',
        kind: 'invitation',
        questionnaireId: 'stat-2021-operativ',
        responseId: write().id,
        label: null,
        expiresAt: 9000,
      },
      1000,
    );
    expect(await store.findCredential('hash-1')).toMatchObject({
      id: 'c1',
      kind: 'invitation',
      responseId: write().id,
      expiresAt: 9000,
      revokedAt: null,
    });
    expect(await store.findCredential('hash-2')).toBeUndefined();
    await store.markCredentialUsed('c1', 2000);
    await store.markCredentialUsed('c1', 3000);
    expect((await store.findCredential('hash-1'))?.firstUsedAt).toBe(2000);
    expect(await store.revokeCredential('c1', 4000)).toBe(true);
    expect(await store.revokeCredential('c1', 5000)).toBe(false);
    expect((await store.findCredential('hash-1'))?.revokedAt).toBe(4000);
  });

  it("keeps each response's summary and provenance for publications; a later save keeps the provenance, and demo data can be removed", async () => {
    await store.saveResponse(write(), 5000);
    await store.saveResponse(
      write({
        id: 'demo-1',
        provenance: 'simulated',
        summary: { indicators: { kultur: 100 }, items: {}, groups: {} },
      }),
      5000,
    );
    await store.saveResponse(
      write({
        version: 2,
        contentHash: 'h2',
        provenance: 'open',
        summary: { indicators: { kultur: 0 }, items: {}, groups: { ansatte: 'lt10' } },
      }),
      6000,
    );
    const sources = await store.publicationSources('stat-2021-operativ');
    expect(sources).toEqual(
      expect.arrayContaining([
        {
          id: write().id,
          provenance: 'invited',
          status: 'draft',
          updatedAt: 6000,
          summary: JSON.stringify({
            indicators: { kultur: 0 },
            items: {},
            groups: { ansatte: 'lt10' },
          }),
        },
        expect.objectContaining({ id: 'demo-1', provenance: 'simulated' }),
      ]),
    );
    expect(await store.deleteDemo()).toBe(1);
    expect((await store.publicationSources('stat-2021-operativ')).map((s) => s.id)).toEqual([
      write().id,
    ]);
  });

  it('stores settings, publications and their members; one number is stored once', async () => {
    const q = 'stat-2021-operativ';
    expect(await store.settings(q)).toEqual({
      admitOpenLink: false,
      admitSimulated: false,
      closedAt: null,
    });
    await store.changeSettings(q, { admitOpenLink: true }, 1000);
    await store.changeSettings(q, { closedAt: 2000 }, 2000);
    expect(await store.settings(q)).toEqual({
      admitOpenLink: true,
      admitSimulated: false,
      closedAt: 2000,
    });
    const member = (key: string) => ({ summary: `{"${key}":1}`, summaryKey: key });
    const first = { number: 1, publishedAt: 10, document: '{"n":1}' };
    expect(
      await store.insertPublication(
        q,
        first,
        new Map([
          ['a', member('a1')],
          ['b', member('b1')],
        ]),
      ),
    ).toBe(true);
    // The same number again (a second process that computed it at the same moment) writes nothing.
    expect(await store.insertPublication(q, first, new Map([['c', member('c1')]]))).toBe(false);
    expect(
      await store.insertPublication(
        q,
        { number: 2, publishedAt: 20, document: '{"n":2}' },
        new Map([
          ['a', member('a1')],
          ['b', member('b2')],
          ['d', member('d1')],
        ]),
      ),
    ).toBe(true);
    expect((await store.latestPublication(q))?.document).toBe('{"n":2}');
    expect((await store.publications(q)).map((p) => p.number)).toEqual([1, 2]);
    const rows = (await store.members(q)).map(
      (r) => `${r.responseId}:${r.summaryKey}:${r.fromNumber}-${r.toNumber ?? ''}`,
    );
    expect(rows.sort()).toEqual(['a:a1:1-', 'b:b1:1-1', 'b:b2:2-', 'd:d1:2-']);
    expect(await store.latestPublication('other')).toBeUndefined();
  });

  it('SY16: two collectors racing to create one response id: one creates it with its respondent credential, the other is refused, and nothing is doubled', async () => {
    const collector = (n: number) => ({
      id: `00000000-0000-4000-8000-00000000000${n}`,
      tokenHash: `collector-${n}`,
      label: `Team ${n}`,
      questionnaireIds: ['stat-2021-operativ'],
      expiresAt: 99_000,
    });
    await store.createCollector(collector(1), 1000);
    await store.createCollector(collector(2), 1000);
    // A whole write: the store sets the credential and the provenance itself.
    const response = write({ credentialId: 'ignored', provenance: 'invited' });
    const save = (n: number, attempt: number) =>
      store.saveCollectorResponse(
        {
          response,
          collectorId: collector(n).id,
          newCredential: { id: `cred-${n}-${attempt}`, tokenHash: `key-${n}-${attempt}` },
        },
        2000,
      );
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => save(1 + (i % 2), i)));
    const winner = outcomes.find((o) => o.kind === 'stored');
    expect(outcomes.filter((o) => 'isNew' in o && o.isNew)).toHaveLength(1);
    const kinds = outcomes.map((o) => o.kind).sort();
    expect(kinds.filter((k) => k === 'stored')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'replay')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'not_yours')).toHaveLength(6);
    expect(winner).toBeDefined();
    expect(await store.responses('stat-2021-operativ')).toEqual([
      expect.objectContaining({ id: write().id, provenance: 'collector' }),
    ]);
    const collected = (await store.listCollectors()).map((c) => c.responses);
    expect(collected.sort()).toEqual([0, 1]);
  });

  it('counts invited, started and completed per questionnaire', async () => {
    for (const [i, id] of ['a', 'b', 'c'].entries()) {
      await store.createCredential(
        {
          id: `c-${id}`,
          tokenHash: `t-${id}`,
          kind: 'invitation',
          questionnaireId: 'stat-2021-operativ',
          responseId: `r-${id}`,
          label: null,
          expiresAt: null,
        },
        1000 + i,
      );
    }
    await store.saveResponse(write({ id: 'r-a' }), 2000);
    await store.saveResponse(write({ id: 'r-b', status: 'submitted' }), 2000);
    expect(await store.counts('stat-2021-operativ')).toEqual({
      invited: 3,
      started: 2,
      completed: 1,
    });
  });
});
