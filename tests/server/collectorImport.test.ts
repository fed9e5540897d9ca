import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DATABASES } from './databases.ts';
import {
  asAdmin,
  exportFileOf,
  importFile,
  makeCollector,
  OTHER_Q,
  putResponse,
  Q,
  respondentKey,
  revokeCollector,
  rowsOf,
  useFieldServer,
} from './support/fieldCollection.ts';

/**
 * The escape hatch (SYNC.md SY18–SY19): a collector device's export file
 * imported by the owner, on both databases. A file is refused whole, writing
 * nothing, when it is truncated, altered or not ours; otherwise each response
 * goes through a collector's save, so a second import of the same file
 * changes nothing.
 */
const item = (extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  questionnaireId: Q,
  questionnaireVersion: 1,
  status: 'submitted',
  version: 3,
  answers: { k1: 'helt_enig', merknad: 'Blåbærsyltetøy på hytta' },
  ...extra,
});

describe.each(DATABASES)('importing an export file on $name', ({ config }) => {
  const server = useFieldServer(config);

  const refusalOf = async (text: string) => {
    const before = await rowsOf(server.store);
    const reply = await importFile(server.app, text);
    expect(reply.statusCode).toBe(400);
    expect(await rowsOf(server.store)).toEqual(before);
    return reply.json<{ error: string; message: string; fields?: { path: string }[] }>();
  };

  it('round trip: every response is created with provenance collector, its respondent link works, and the same file again creates nothing new', async () => {
    const collector = await makeCollector(server.app);
    const key = respondentKey();
    const items = [
      item({ respondentKeyHash: key.hash, respondentLabel: 'Kari på kontoret' }),
      item({ status: 'draft', version: 1, answeredAt: { k1: 1_700_000_000_000 } }),
    ];
    const text = JSON.stringify(await exportFileOf(collector, items));

    const first = await importFile(server.app, text);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      collectorId: collector.id,
      results: items.map((i) => ({ id: i.id, outcome: 'created', version: i.version })),
      counts: { created: 2, updated: 0, replay: 0, stale: 0, refused: 0 },
    });
    const stored = await server.store.responses(Q);
    expect(stored.map((r) => [r.id, r.provenance, r.status]).sort()).toEqual(
      [
        [items[0]?.id, 'collector', 'submitted'],
        [items[1]?.id, 'collector', 'draft'],
      ].sort(),
    );
    const claimed = await server.app.inject({
      method: 'POST',
      url: '/api/invitations/claim',
      payload: { token: key.token },
    });
    expect(claimed.json()).toMatchObject({ responseId: items[0]?.id });
    // The respondent's label stays in the file: it is stored nowhere.
    const access = await server.app.inject({
      method: 'GET',
      url: `/api/admin/responses/${items[0]?.id ?? ''}`,
      headers: asAdmin,
    });
    expect(access.body).not.toContain('Kari');

    const rows = await rowsOf(server.store);
    server.clock.now += 60_000;
    const again = await importFile(server.app, text);
    expect(again.json()).toMatchObject({
      counts: { created: 0, updated: 0, replay: 2, stale: 0, refused: 0 },
    });
    expect(await rowsOf(server.store)).toEqual(rows);
  });

  it("responses the device already sent are replays or updates; another collector's, a submitted one, a bad answer and a questionnaire out of scope are refused one by one", async () => {
    const collector = await makeCollector(server.app);
    const other = await makeCollector(server.app, { label: 'Team Sør' });
    const sent = item({ status: 'draft', version: 1 });
    const submitted = item();
    const others = item({ status: 'draft', version: 1 });
    const save = (token: string, i: ReturnType<typeof item>) =>
      putResponse(server.app, i.id, token, { ...i, id: undefined, answeredAt: {} });
    for (const [token, i] of [
      [collector.token, sent],
      [collector.token, submitted],
      [other.token, others],
    ] as const)
      expect((await save(token, i)).statusCode).toBe(200);

    const items = [
      sent,
      { ...sent, version: 2, answers: { k1: 'delvis_enig' } },
      { ...sent, version: 1, answers: { k1: 'helt_uenig' } },
      { ...submitted, version: 4, status: 'draft' },
      { ...others, version: 2 },
      item({ answers: { k1: 'kanskje' } }),
      item({ questionnaireId: OTHER_Q }),
    ];
    const reply = await importFile(
      server.app,
      JSON.stringify(await exportFileOf(collector, items)),
    );
    expect(reply.statusCode).toBe(200);
    expect(reply.json<{ results: unknown[] }>().results).toEqual([
      { id: sent.id, outcome: 'replay', version: 1 },
      { id: sent.id, outcome: 'updated', version: 2 },
      { id: sent.id, outcome: 'stale', version: 2 },
      { id: submitted.id, outcome: 'refused', reason: 'submitted', version: 3 },
      { id: others.id, outcome: 'refused', reason: 'not_yours' },
      {
        id: items[5]?.id,
        outcome: 'refused',
        reason: 'invalid_answers',
        fields: [expect.objectContaining({ path: '/answers/k1' })],
      },
      { id: items[6]?.id, outcome: 'refused', reason: 'out_of_scope' },
    ]);
    expect(await server.store.getResponse(others.id)).toMatchObject({ version: 1 });
    expect(await server.store.responses(OTHER_Q)).toEqual([]);
  });

  it('the import takes files beyond the body limit of every other route', async () => {
    const collector = await makeCollector(server.app);
    // Whitespace is JSON too, and outside what the checksum covers.
    const padding = ' '.repeat(600 * 1024);
    const text = JSON.stringify(await exportFileOf(collector, [item()])) + padding;
    expect((await importFile(server.app, text)).statusCode).toBe(200);
    const put = await putResponse(server.app, randomUUID(), collector.token, {
      ...item(),
      merknad: padding,
    });
    expect(put.statusCode).toBe(413);
  });

  it("a revoked collector's file is still imported by the owner", async () => {
    const collector = await makeCollector(server.app);
    await revokeCollector(server.app, collector.id);
    const reply = await importFile(
      server.app,
      JSON.stringify(await exportFileOf(collector, [item()])),
    );
    expect(reply.json()).toMatchObject({ counts: { created: 1 } });
  });

  it('one byte changed is checksum_mismatch, and nothing is written', async () => {
    const collector = await makeCollector(server.app);
    const text = JSON.stringify(await exportFileOf(collector, [item()]), null, 2);
    const changed = text.replace('helt_enig', 'helt_enih');
    expect(changed).not.toBe(text);
    expect(await refusalOf(changed)).toMatchObject({
      error: 'checksum_mismatch',
      message: expect.stringContaining('nothing was imported'),
    });
    // A changed checksum is the same refusal.
    const value = /"value": "([0-9a-f]{64})"/.exec(text)?.[1] ?? '';
    const otherValue = `${value.startsWith('0') ? '1' : '0'}${value.slice(1)}`;
    expect((await refusalOf(text.replace(value, otherValue))).error).toBe('checksum_mismatch');
  });

  it('a truncated file, an empty one and one that is not JSON are refused', async () => {
    const collector = await makeCollector(server.app);
    const text = JSON.stringify(await exportFileOf(collector, [item(), item()]));
    for (const cut of [text.length - 1, Math.floor(text.length / 2), 10])
      expect((await refusalOf(text.slice(0, cut))).error, `cut at ${cut}`).toBe('truncated');
    expect((await refusalOf('   ')).error).toBe('truncated');
    expect((await refusalOf('{"format": nope}')).error).toBe('not_json');
  });

  it('a file for an unknown collector is refused', async () => {
    const text = JSON.stringify(await exportFileOf({ id: randomUUID() }, [item()]));
    expect(await refusalOf(text)).toMatchObject({
      error: 'unknown_collector',
      message: expect.stringContaining('Team Nord'),
    });
  });

  it('a file that is not an export, or of a newer format, is invalid_file with the path of each problem', async () => {
    const collector = await makeCollector(server.app);
    const sealed = await exportFileOf(collector, [item({ answers: [] }), item({ extra: 1 })]);
    const refusal = await refusalOf(JSON.stringify(sealed));
    expect(refusal.error).toBe('invalid_file');
    expect(refusal.fields?.map((f) => f.path).sort()).toEqual([
      '/responses/0/answers',
      '/responses/1',
    ]);
    const newer: Record<string, unknown> = {
      ...(await exportFileOf(collector, [item()])),
      formatVersion: 2,
    };
    delete newer.checksum;
    expect((await refusalOf(JSON.stringify(newer))).fields?.map((f) => f.path)).toEqual([
      '/formatVersion',
      '/checksum',
    ]);
    expect((await refusalOf('[1, 2]')).error).toBe('invalid_file');
  });
});
