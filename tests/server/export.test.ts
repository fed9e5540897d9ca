import type { FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { openServerDatabase } from '../../src/server/db/database.ts';
import { createServerStore, type ServerStore } from '../../src/server/db/serverStore.ts';
import { neutralise } from '../../src/server/export.ts';
import { registryOf } from '../../src/server/questionnaireRegistry.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';

const spec = inlineSpec(
  [
    {
      id: 's',
      title: t('S'),
      questions: [
        {
          id: 'gate',
          type: 'single',
          scale: 'JN',
          text: { nb: 'Jobber dere med innovasjon?', nn: 'Jobbar de med innovasjon?' },
        },
        likert('k1'),
        { id: 'fritekst', type: 'text', maxLength: 200, required: false, text: t('Forslag') },
      ],
    },
  ],
  {
    id: 'export-survey',
    indicators: [
      {
        id: 'kultur',
        name: t('Kultur for innovasjon'),
        description: t('K'),
        items: [{ rule: 'scale', question: 'k1' }],
      },
    ],
  },
);
const ADMIN = 'admin-token-for-tests-0123456789';
let app: FastifyInstance;
let store: ServerStore;

beforeEach(async () => {
  store = createServerStore(
    await openServerDatabase({
      kind: 'sqlite',
      file: join(mkdtempSync(join(tmpdir(), 'barometer-export-')), 'e.sqlite'),
    }),
  );
  app = await buildServer({ store, registry: registryOf([spec]), adminToken: ADMIN });
  const created = await app.inject({
    method: 'POST',
    url: '/api/admin/invitations',
    headers: { authorization: `Bearer ${ADMIN}` },
    payload: { questionnaireId: 'export-survey', count: 2 },
  });
  const invitations = created.json<{ invitations: { responseId: string; link: string }[] }>()
    .invitations;
  const answers = [
    { gate: 'ja', k1: 'helt_enig', fritekst: '=HYPERLINK("http://evil","klikk")' },
    { gate: 'nei', k1: 'delvis_uenig', fritekst: 'Mer tid, og «rom» for "feil"\nny linje' },
  ];
  for (const [i, invitation] of invitations.entries()) {
    const res = await app.inject({
      method: 'PUT',
      url: `/api/responses/${invitation.responseId}`,
      headers: { authorization: `Bearer ${invitation.link.split('/i/')[1] ?? ''}` },
      payload: {
        questionnaireId: 'export-survey',
        questionnaireVersion: 1,
        status: 'submitted',
        version: 1,
        answers: answers[i],
        answeredAt: {},
      },
    });
    expect(res.statusCode).toBe(200);
  }
});

afterEach(async () => {
  await app.close();
  await store.close();
});

/** A minimal CSV reader (RFC 4180) to read back what we wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (isQuoted) {
      if (c === '"' && text.charAt(i + 1) === '"') {
        cell += '"';
        i++;
      } else if (c === '"') isQuoted = false;
      else cell += c;
    } else if (c === '"') isQuoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text.charAt(i + 1) === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('EX1: exports for analysts', () => {
  it('CSV: one row per response, nb labels, indicator scores, free text verbatim, formulas neutralised', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/admin/questionnaires/export-survey/export.csv',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(res.body.slice(1));
    expect(header).toEqual([
      'svar_id',
      'status',
      'skjemaversjon',
      'opphav',
      'opprettet',
      'sist_endret',
      'sendt_inn',
      'gate: Jobber dere med innovasjon?',
      'k1: k1',
      'fritekst: Forslag',
      'indeks.kultur: Kultur for innovasjon',
    ]);
    expect(rows).toHaveLength(2);
    const byGate = new Map(rows.map((r) => [r[7], r]));
    expect(byGate.get('Ja')?.slice(8)).toEqual([
      'Helt enig',
      `'=HYPERLINK("http://evil","klikk")`,
      '100',
    ]);
    expect(byGate.get('Nei')?.[9]).toBe('Mer tid, og «rom» for "feil"\nny linje');
    expect(byGate.get('Nei')?.[1]).toBe('sendt inn');
  });

  it('XLSX: a real workbook with the same rows', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/admin/questionnaires/export-survey/export.xlsx',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(res.statusCode).toBe(200);
    const zip = res.rawPayload;
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    const sharedStrings =
      readZipEntry(zip, 'xl/sharedStrings.xml') ??
      readZipEntry(zip, 'xl/worksheets/sheet1.xml') ??
      '';
    expect(sharedStrings).toContain('Kultur for innovasjon');
    expect(sharedStrings).toContain("'=HYPERLINK");
  });

  it('an export without the admin token is refused', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/admin/questionnaires/export-survey/export.csv',
    });
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain('HYPERLINK');
  });

  it.each(['=1+1', '+47 999', '-2', '@SUM(A1)', '\tx'])('neutralises %j', (value) => {
    expect(neutralise(value)).toBe(`'${value}`);
  });
});

/** Reads one entry of a ZIP file through its central directory, enough to check the workbook's content. */
function readZipEntry(zip: Buffer, name: string): string | undefined {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(offset + 10);
    const compressed = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    const entryName = zip.subarray(offset + 46, offset + 46 + nameLength).toString();
    if (entryName === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressed);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return undefined;
}
