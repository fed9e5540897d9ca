import writeXlsxFile from 'write-excel-file/node';
import {
  compile,
  localize,
  scoreIndicators,
  type AnswerValue,
  type Questionnaire,
} from '../engine/index.ts';
import type { StoredResponse } from './db/serverStore.ts';
import type { Provenance } from './db/schema.ts';

/**
 * Responses and indicator scores as a table for analysts: one row per
 * response, labels in Bokmål, free text verbatim. Cells that a spreadsheet
 * would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) get a
 * leading apostrophe (EX1).
 */
export type ExportCell = string | number | null;

export interface ExportTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly ExportCell[])[];
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** EX1: who gave the response, so the owner sees open-link and simulated ones apart from invited ones. */
const PROVENANCE_LABELS: Record<Provenance, string> = {
  invited: 'invitert',
  open: 'åpen lenke',
  collector: 'innsamler',
  simulated: 'simulert',
};

/** EX1: a text that would start a formula is kept as text. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function exportTable(
  spec: Questionnaire,
  responses: readonly (StoredResponse & { provenance: Provenance })[],
): ExportTable {
  const nb = (text: { nb: string; nn: string }) => localize(text, 'nb', spec);
  const columns: {
    header: string;
    cell: (answers: Readonly<Record<string, AnswerValue>>) => ExportCell;
  }[] = [];
  for (const { question, options } of compile(spec).questions) {
    const label = (id: string) => {
      const option = options.find((o) => o.id === id);
      return option ? nb(option.text) : id;
    };
    const header = `${question.id}: ${nb(question.text)}`;
    const value = (answers: Readonly<Record<string, AnswerValue>>) => answers[question.id];
    switch (question.type) {
      case 'single':
        columns.push({
          header,
          cell: (a) => (typeof value(a) === 'string' ? label(value(a) as string) : null),
        });
        break;
      case 'multiple':
        columns.push({
          header,
          cell: (a) =>
            Array.isArray(value(a)) ? (value(a) as string[]).map(label).join('; ') : null,
        });
        break;
      case 'grid':
      case 'allocation':
        for (const row of question.rows) {
          columns.push({
            header: `${question.id}.${row.id}: ${nb(question.text)} – ${nb(row.text)}`,
            cell: (a) => {
              const cells = value(a);
              const cell =
                typeof cells === 'object' && !Array.isArray(cells)
                  ? (cells as Record<string, string | number>)[row.id]
                  : undefined;
              if (cell === undefined) return null;
              return typeof cell === 'number' ? cell : label(cell);
            },
          });
        }
        break;
      case 'number':
        columns.push({
          header,
          cell: (a) => (typeof value(a) === 'number' ? (value(a) as number) : null),
        });
        break;
      case 'text':
        columns.push({
          header,
          cell: (a) => (typeof value(a) === 'string' ? (value(a) as string) : null),
        });
        break;
    }
  }
  const indicators = spec.indicators ?? [];
  const header = [
    'svar_id',
    'status',
    'skjemaversjon',
    'opphav',
    'opprettet',
    'sist_endret',
    'sendt_inn',
    ...columns.map((c) => c.header),
    ...indicators.map((i) => `indeks.${i.id}: ${nb(i.name)}`),
  ];
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const rows = responses.map((response) => {
    const scores = scoreIndicators(spec, response.answers);
    const cells: ExportCell[] = [
      response.id,
      response.status === 'submitted' ? 'sendt inn' : 'påbegynt',
      response.questionnaireVersion,
      PROVENANCE_LABELS[response.provenance],
      iso(response.createdAt),
      iso(response.updatedAt),
      iso(response.submittedAt),
      ...columns.map((c) => c.cell(response.answers)),
      ...indicators.map((i) => scores.find((s) => s.id === i.id)?.score ?? null),
    ];
    return cells.map((cell) => (typeof cell === 'string' ? neutralise(cell) : cell));
  });
  return { header: header.map(neutralise), rows };
}

/** RFC 4180 CSV with a UTF-8 byte-order mark, so Excel in Norway shows æøå. */
export function toCsv(table: ExportTable): string {
  const quote = (cell: ExportCell) => {
    if (cell === null) return '';
    const text = String(cell);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${[table.header, ...table.rows].map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`;
}

export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const cell = (value: ExportCell) =>
    value === null
      ? null
      : typeof value === 'number'
        ? { value, type: Number }
        : { value, type: String };
  const data = [
    table.header.map((h) => ({ value: h, type: String, fontWeight: 'bold' as const })),
    ...table.rows.map((row) => row.map(cell)),
  ];
  return writeXlsxFile(data).toBuffer();
}
