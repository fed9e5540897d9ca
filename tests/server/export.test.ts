import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import readExcelFile from 'read-excel-file/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scoreIndicators } from '../../src/engine/index.ts';
import { buildServer } from '../../src/server/app.ts';
import { createServerStore, type ServerStore } from '../../src/server/db/serverStore.ts';
import { codebookTable, exportTable, headerOf, neutralise } from '../../src/server/export.ts';
import { distributionTable } from '../../src/server/exportDistributions.ts';
import { toCsv, wallTime } from '../../src/server/exportFiles.ts';
import { loadQuestionnaireFile } from '../../src/server/loadQuestionnaireFile.ts';
import { registryOf } from '../../src/server/questionnaireRegistry.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';
import { DATABASES, freshDatabase } from './databases.ts';

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
        {
          id: 'sektor',
          type: 'single',
          required: false,
          text: t('Sektor'),
          options: [
            { id: 'stat', text: t('Statlig') },
            { id: 'kommune', text: t('Kommunal') },
            { id: 'annen', text: t('Annen') },
          ],
        },
        likert('k1'),
        likert('k2'),
        {
          id: 'partnere',
          type: 'multiple',
          required: false,
          text: t('Partnere'),
          options: [
            { id: 'forskning', text: t('Utdanning og forskning') },
            { id: 'naringsliv', text: t('Næringsliv') },
            { id: 'nei', text: t('Nei, ingen'), exclusive: true },
            { id: 'vet_ikke', text: t('Vet ikke'), exclusive: true },
          ],
        },
        {
          id: 'mal',
          type: 'grid',
          scale: 'G4',
          required: false,
          text: t('Mål nådd'),
          rows: [
            { id: 'a', text: t('Kvalitet') },
            { id: 'b', text: t('Tid') },
          ],
        },
        {
          id: 'andel',
          type: 'allocation',
          required: false,
          text: t('Fordeling'),
          rows: [
            { id: 'x', text: t('Drift') },
            { id: 'y', text: t('Utvikling') },
          ],
        },
        { id: 'ansatte', type: 'number', required: false, text: t('Ansatte') },
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
        items: [
          { rule: 'scale', question: 'k1' },
          { rule: 'scale', question: 'k2' },
        ],
      },
      {
        id: 'samarbeid',
        name: t('Samarbeid'),
        description: t('S'),
        items: [{ rule: 'tick', question: 'partnere', option: 'forskning', missing: ['vet_ikke'] }],
      },
      {
        id: 'verdi',
        name: t('Verdi'),
        description: t('V'),
        items: [{ rule: 'max', question: 'mal' }],
      },
    ],
    benchmarkGroups: [{ id: 'sektor', question: 'sektor', name: t('Sektor') }],
  },
);

const ADMIN = 'admin-token-for-tests-0123456789';
/** 29 March 2026: Oslo moves from +01:00 to +02:00 at 01:00 UTC. */
const BEFORE_DST = Date.UTC(2026, 2, 29, 0, 30);
const AFTER_DST = Date.UTC(2026, 2, 29, 1, 30);

/** Created in this order, so the first group met («Annen») is the spec's last. */
const RESPONSES = [
  {
    at: BEFORE_DST,
    status: 'submitted',
    answers: {
      gate: 'ja',
      sektor: 'annen',
      k1: 'delvis_uenig',
      k2: 'delvis_enig',
      partnere: ['forskning', 'naringsliv'],
      mal: { a: 'hoy_grad', b: 'liten_grad' },
      andel: { x: 30, y: 70 },
      ansatte: 12.5,
      fritekst: '=HYPERLINK("http://evil","klikk")',
    },
  },
  {
    at: AFTER_DST,
    status: 'submitted',
    answers: {
      gate: 'nei',
      sektor: 'stat',
      k1: 'delvis_uenig',
      k2: 'helt_uenig',
      partnere: ['nei'],
      mal: { a: 'vet_ikke', b: 'noen_grad' },
      fritekst: 'Mer tid; og «rom» for "feil"\nny linje',
    },
  },
  { at: AFTER_DST + 60_000, status: 'draft', answers: { gate: 'ja', k1: 'helt_enig' } },
  {
    at: AFTER_DST + 120_000,
    status: 'submitted',
    answers: { gate: 'vet_ikke', k1: 'vet_ikke', k2: 'helt_enig', fritekst: '@SUM(A1)' },
  },
] as const;

describe.each(DATABASES)('exports on $name', ({ config }) => {
  let app: FastifyInstance;
  let store: ServerStore;
  const ids: string[] = [];

  beforeEach(async () => {
    store = createServerStore(await freshDatabase(config()));
    let clock = BEFORE_DST;
    app = await buildServer({
      store,
      registry: registryOf([spec]),
      adminToken: ADMIN,
      now: () => clock,
    });
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      headers: { authorization: `Bearer ${ADMIN}` },
      payload: { questionnaireId: 'export-survey', count: RESPONSES.length },
    });
    const invitations = created.json<{ invitations: { responseId: string; link: string }[] }>()
      .invitations;
    ids.length = 0;
    for (const [i, invitation] of invitations.entries()) {
      const response = RESPONSES[i];
      if (!response) continue;
      clock = response.at;
      const res = await app.inject({
        method: 'PUT',
        url: `/api/responses/${invitation.responseId}`,
        headers: { authorization: `Bearer ${invitation.link.split('/i/')[1] ?? ''}` },
        payload: {
          questionnaireId: 'export-survey',
          questionnaireVersion: 1,
          status: response.status,
          version: 1,
          answers: response.answers,
          answeredAt: {},
        },
      });
      expect(res.statusCode).toBe(200);
      ids.push(invitation.responseId);
    }
  });

  afterEach(async () => {
    await app.close();
    await store.close();
  });

  const download = (query: string) =>
    app.inject({
      method: 'GET',
      url: `/api/admin/questionnaires/export-survey/${query}`,
      headers: { authorization: `Bearer ${ADMIN}` },
    });

  /** The CSV's rows as objects keyed by header, read back with a real CSV parser. */
  const readCsv = (body: string, delimiter: string) =>
    parse<Record<string, string>>(body, { bom: true, delimiter, columns: true });

  it('EX2: the old address gives the Norwegian-Excel CSV: semicolons, decimal comma, rounded scores, Oslo time with offset across the DST change', async () => {
    const res = await download('export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="barometer-export-survey.csv"',
    );
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    expect(res.body.split('\r\n')[0]?.split(';')).toContain('status');
    const rows = readCsv(res.body, ';');
    expect(rows).toHaveLength(RESPONSES.length);
    const [first, second, draft, third] = ids.map((id) => rows.find((r) => r['svar_id'] === id));
    expect(first).toMatchObject({
      status: 'sendt inn',
      opphav: 'invitert',
      opprettet: '2026-03-29 01:30:00 +01:00',
      'gate: Jobber dere med innovasjon?': 'Ja',
      'partnere: Partnere': 'Utdanning og forskning; Næringsliv',
      'mal.a: Mål nådd – Kvalitet': 'I høy grad',
      'andel.x: Fordeling – Drift': '30',
      'ansatte: Ansatte': '12,5',
      'fritekst: Forslag': `'=HYPERLINK("http://evil","klikk")`,
      'indeks.kultur: Kultur for innovasjon': '50',
      'indeks.verdi: Verdi': '100',
    });
    // The engine's own mean is not exactly 50: the export rounds the float noise away.
    expect(scoreIndicators(spec, RESPONSES[0].answers)[0]?.score).not.toBe(50);
    expect(second).toMatchObject({
      opprettet: '2026-03-29 03:30:00 +02:00',
      sendt_inn: '2026-03-29 03:30:00 +02:00',
      'fritekst: Forslag': 'Mer tid; og «rom» for "feil"\nny linje',
      'indeks.kultur: Kultur for innovasjon': '16,7',
      'indeks.samarbeid: Samarbeid': '0',
      'indeks.verdi: Verdi': '66,7',
    });
    expect(draft).toMatchObject({ status: 'påbegynt', sendt_inn: '' });
    expect(third?.['fritekst: Forslag']).toBe(`'@SUM(A1)`);
  });

  it('EX3: the analysis CSV has codes, a 0/1 column per option, noise-free decimals and ISO 8601 times with offset', async () => {
    const res = await download('export.csv?flavour=analyse');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('barometer-export-survey-analyse.csv');
    expect(res.body.startsWith('\uFEFF')).toBe(false);
    const rows = readCsv(res.body, ',');
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'svar_id',
      'status',
      'skjemaversjon',
      'opphav',
      'opprettet',
      'sist_endret',
      'sendt_inn',
      'gate',
      'sektor',
      'k1',
      'k2',
      'partnere.forskning',
      'partnere.naringsliv',
      'partnere.nei',
      'partnere.vet_ikke',
      'mal.a',
      'mal.b',
      'andel.x',
      'andel.y',
      'ansatte',
      'fritekst',
      'indeks.kultur',
      'indeks.samarbeid',
      'indeks.verdi',
    ]);
    const [first, second, , third] = ids.map((id) => rows.find((r) => r['svar_id'] === id));
    expect(first).toMatchObject({
      status: 'submitted',
      opphav: 'invited',
      opprettet: '2026-03-29T01:30:00+01:00',
      gate: 'ja',
      'partnere.forskning': '1',
      'partnere.naringsliv': '1',
      'partnere.nei': '0',
      'mal.a': 'hoy_grad',
      ansatte: '12.5',
      fritekst: `'=HYPERLINK("http://evil","klikk")`,
      'indeks.kultur': '50',
    });
    expect(second).toMatchObject({
      opprettet: '2026-03-29T03:30:00+02:00',
      'indeks.kultur': '16.666667',
      'indeks.verdi': '66.666667',
    });
    // Not asked about partners: the 0/1 columns stay empty rather than saying «not ticked».
    expect(third).toMatchObject({
      'partnere.forskning': '',
      'partnere.nei': '',
      fritekst: `'@SUM(A1)`,
    });
  });

  it('EX4: the codebook lists every column of the answers file, in order, with text, type, codes and scoring', async () => {
    for (const flavour of ['excel', 'analyse'] as const) {
      const [data, book] = await Promise.all([
        download(`export.csv?flavour=${flavour}`),
        download(`export.csv?flavour=${flavour}&table=kodebok`),
      ]);
      const delimiter = flavour === 'excel' ? ';' : ',';
      const header = Object.keys(readCsv(data.body, delimiter)[0] ?? {});
      const entries = readCsv(book.body, delimiter);
      expect(entries.map((e) => e['kolonne'])).toEqual(header);
      for (const entry of entries) {
        expect(entry['tekst'], entry['kolonne']).not.toBe('');
        expect(entry['type'], entry['kolonne']).not.toBe('');
      }
    }
    const book = readCsv((await download('export.csv?flavour=analyse&table=kodebok')).body, ',');
    const byName = new Map(book.map((e) => [e['kolonne'], e]));
    expect(byName.get('k1')).toMatchObject({
      sporsmal: 'k1',
      type: 'enkeltvalg',
      beregning: 'Inngår i indeks.kultur.',
    });
    expect(byName.get('k1')?.['koder']?.split('\n')).toContain('delvis_enig = Delvis enig');
    expect(byName.get('partnere.nei')?.['koder']).toBe('1 = Nei, ingen\n0 = ikke krysset av');
    expect(byName.get('opphav')?.['koder']).toContain('simulated = simulert');
    const kultur = byName.get('indeks.kultur')?.['beregning'] ?? '';
    expect(kultur).toContain('SC8');
    expect(kultur).toContain(
      '1) k1: skala (SC1): «Helt uenig» = 0, «Delvis uenig» = 33,33, «Delvis enig» = 66,67, «Helt enig» = 100; «Vet ikke» gir ingen verdi.',
    );
    expect(byName.get('indeks.samarbeid')?.['beregning']).toContain(
      'partnere: «Utdanning og forskning» krysset av gir 100, andre kryss gir 0 (SC4); «Vet ikke» gir ingen verdi',
    );
  });

  it('EX5: distributions count each option among submitted responses, per item, with groups in the spec’s order', async () => {
    const res = await download('export.csv?table=fordeling');
    expect(res.headers['content-disposition']).toContain('barometer-export-survey-fordeling.csv');
    const rows = readCsv(res.body, ';');
    const header = Object.keys(rows[0] ?? {});
    expect(header.slice(7)).toEqual([
      'Alle: antall',
      'Alle: andel (%)',
      'Sektor: Statlig: antall',
      'Sektor: Statlig: andel (%)',
      'Sektor: Kommunal: antall',
      'Sektor: Kommunal: andel (%)',
      'Sektor: Annen: antall',
      'Sektor: Annen: andel (%)',
      'Sektor: uten svar: antall',
      'Sektor: uten svar: andel (%)',
    ]);
    expect([...new Set(rows.map((r) => `${r['indikator']} ${r['ledd']}`))]).toEqual([
      'kultur k1',
      'kultur k2',
      'samarbeid partnere',
      'verdi mal.a',
      'verdi mal.b',
    ]);
    const submitted = RESPONSES.filter((r) => r.status === 'submitted').length;
    for (const item of ['k1', 'k2', 'mal.a', 'mal.b']) {
      const lines = rows.filter((r) => r['ledd'] === item);
      const sum = (column: string) => lines.reduce((n, r) => n + Number(r[column]), 0);
      expect(sum('Alle: antall'), item).toBe(submitted);
      expect(sum('Sektor: Statlig: antall'), item).toBe(1);
      expect(sum('Sektor: Kommunal: antall'), item).toBe(0);
      expect(sum('Sektor: Annen: antall'), item).toBe(1);
      expect(sum('Sektor: uten svar: antall'), item).toBe(1);
    }
    const k1 = (code: string) => rows.find((r) => r['ledd'] === 'k1' && r['kode'] === code);
    expect(k1('delvis_uenig')).toMatchObject({
      svaralternativ: 'Delvis uenig',
      'Alle: antall': '2',
      'Alle: andel (%)': '66,7',
      'Sektor: Kommunal: andel (%)': '',
    });
    expect(k1('helt_enig')?.['Alle: antall']).toBe('0');
    expect(rows.find((r) => r['ledd'] === 'partnere' && r['kode'] === '')).toMatchObject({
      svaralternativ: 'Ikke besvart',
      'Alle: antall': '1',
    });
    const analysis = readCsv(
      (await download('export.csv?flavour=analyse&table=fordeling')).body,
      ',',
    );
    expect(Object.keys(analysis[0] ?? {})).toContain('sektor.uten_svar.andel');
    expect(analysis.find((r) => r['ledd'] === 'k1' && r['kode'] === 'delvis_uenig')).toMatchObject({
      'alle.andel': '66.666667',
    });
  });

  it('EX2: the workbook has named sheets, a bold frozen header, number cells and date cells in Oslo time', async () => {
    const res = await download('export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('barometer-export-survey.xlsx');
    const sheets = await readExcelFile(res.rawPayload);
    expect(sheets.map((s) => s.sheet)).toEqual(['Svar', 'Kodebok', 'Fordeling']);
    const [answers, book, distribution] = sheets.map((s) => s.data);
    const header = (answers?.[0] ?? []).map(String);
    const column = (name: string) => header.indexOf(name);
    const row = (id: string | undefined) => answers?.find((r) => r[0] === id) ?? [];
    const first = row(ids[0]);
    // A date cell holds days as a floating-point number, so it reads back to within a millisecond.
    const toSecond = (value: unknown) =>
      value instanceof Date ? Math.round(value.getTime() / 1000) * 1000 : value;
    expect(toSecond(first[column('opprettet')])).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(toSecond(row(ids[1])[column('opprettet')])).toBe(Date.UTC(2026, 2, 29, 3, 30));
    expect(first[column('indeks.kultur: Kultur for innovasjon')]).toBe(50);
    expect(first[column('ansatte: Ansatte')]).toBe(12.5);
    expect(row(ids[1])[column('indeks.kultur: Kultur for innovasjon')]).toBe(16.666667);
    expect(first[column('fritekst: Forslag')]).toBe(`'=HYPERLINK("http://evil","klikk")`);
    expect(book?.slice(1).map((r) => r[0])).toEqual(header);
    expect(distribution?.[0]?.[7]).toBe('Alle: antall');
    expect(typeof distribution?.[1]?.[7]).toBe('number');
    for (const sheet of [1, 2, 3]) {
      expect(readZipEntry(res.rawPayload, `xl/worksheets/sheet${sheet}.xml`)).toMatch(
        /<pane [^>]*ySplit="1"[^>]*state="frozen"/,
      );
    }
    expect(readZipEntry(res.rawPayload, 'xl/styles.xml')).toContain('<b/>');
  });

  it('an unknown flavour, table or format is not found; without the admin token nothing is sent', async () => {
    for (const query of ['export.csv?flavour=sas', 'export.csv?table=alt', 'export.ods']) {
      expect((await download(query)).statusCode, query).toBe(404);
    }
    const res = await app.inject({
      method: 'GET',
      url: '/api/admin/questionnaires/export-survey/export.csv',
    });
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain('HYPERLINK');
  });
});

describe('EX1–EX5 without a server', () => {
  it.each(['=1+1', '+47 999', '-2', '@SUM(A1)', '\tx', '\rx'])('neutralises %j', (value) => {
    expect(neutralise(value)).toBe(`'${value}`);
  });

  it('EX2: times are Oslo wall-clock time whatever zone the server runs in', () => {
    const table = exportTable(spec, [
      {
        id: 'r',
        questionnaireId: spec.id,
        questionnaireVersion: 1,
        status: 'submitted',
        version: 1,
        answers: {},
        answeredAt: {},
        contentHash: '',
        createdAt: Date.UTC(2026, 9, 25, 0, 59, 59),
        updatedAt: Date.UTC(2026, 9, 25, 1, 0, 0),
        submittedAt: Date.UTC(2026, 11, 4, 13, 2),
        provenance: 'simulated',
      },
    ]);
    const zone = process.env['TZ'];
    try {
      process.env['TZ'] = 'America/Los_Angeles';
      const csv = toCsv(table);
      // 25 October 2026: 03:00 +02:00 becomes 02:00 +01:00, so 02:59:59 comes twice; the offset tells them apart.
      expect(csv).toContain(
        ';2026-10-25 02:59:59 +02:00;2026-10-25 02:00:00 +01:00;2026-12-04 14:02:00 +01:00;',
      );
      expect(csv).toContain(';simulert;');
    } finally {
      process.env['TZ'] = zone;
    }
    expect(wallTime(Date.UTC(2026, 6, 1, 12), 'Europe/Oslo')).toMatchObject({
      time: '14:00:00',
      offset: '+02:00',
    });
  });

  const files = readdirSync('questionnaires').filter((f) => f.endsWith('.json'));
  it.each(files)(
    'EX4, EX5: %s gives unique column names, a codebook entry per column and scoring for every index',
    async (file) => {
      const loaded = await loadQuestionnaireFile(join('questionnaires', file));
      if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
      const real = loaded.value;
      for (const flavour of ['excel', 'analyse'] as const) {
        const table = exportTable(real, [], flavour);
        const names = table.columns.map((c) => headerOf(c, flavour));
        expect(new Set(names).size).toBe(names.length);
        expect(codebookTable(table, flavour).rows).toHaveLength(names.length);
      }
      for (const indicator of real.indicators ?? []) {
        const column = exportTable(real, []).columns.find(
          (c) => c.name === `indeks.${indicator.id}`,
        );
        expect(column?.scoring?.split('\n')).toHaveLength(indicator.items.length + 1);
      }
      const distribution = distributionTable(real, []);
      expect(new Set(distribution.columns.map((c) => c.name)).size).toBe(
        distribution.columns.length,
      );
      expect(distribution.rows.length > 0).toBe((real.indicators ?? []).length > 0);
    },
  );
});

/** Reads one entry of a ZIP file through its central directory, enough to check the workbook's settings. */
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
