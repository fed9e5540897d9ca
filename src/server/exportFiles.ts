import writeXlsxFile, { type Cell, type Sheet } from 'write-excel-file/node';
import type { ExportChoice, ExportFlavour } from '../contract/index.ts';
import type { Questionnaire } from '../engine/index.ts';
import {
  codebookTable,
  exportTable,
  headerOf,
  neutralise,
  type ExportCell,
  type ExportResponse,
  type ExportTable,
} from './export.ts';
import { distributionTable } from './exportDistributions.ts';

/**
 * Writes export tables as the files the survey owner downloads (EX2–EX4 in
 * `src/engine/SPEC.md`): CSV in the «excel» or the «analyse» flavour, or one
 * XLSX workbook with a sheet per table. Times are written in `timeZone`
 * through `Intl`, so the server's own zone never shows in a file.
 */
export const EXPORT_TIME_ZONE = 'Europe/Oslo';

interface Dialect {
  readonly separator: string;
  readonly byteOrderMark: string;
  readonly number: (value: number) => string;
  readonly decimal: (value: number) => string;
  readonly time: (wall: WallTime) => string;
}

/** EX3: six decimals keep every distinct score apart (they differ by far more) and drop float noise such as 49.99999999999999. */
const withoutNoise = (value: number) => Number(value.toFixed(6));

const DIALECTS: Record<ExportFlavour, Dialect> = {
  // EX2: Norwegian Excel splits on «;» and reads «,» as the decimal sign; the BOM makes it read UTF-8.
  excel: {
    separator: ';',
    byteOrderMark: '\uFEFF',
    number: (value) => String(value).replace('.', ','),
    // One decimal: enough to tell 33,3 from 33,0, and a mean of such scores stays within 0,05 of the exact one.
    decimal: (value) => String(Math.round(value * 10) / 10).replace('.', ','),
    time: (wall) => `${wall.date} ${wall.time} ${wall.offset}`,
  },
  // EX3: RFC 4180 as R, pandas and Stata read it by default; no BOM, which they would keep in the first header.
  analyse: {
    separator: ',',
    byteOrderMark: '',
    number: (value) => String(value),
    decimal: (value) => String(withoutNoise(value)),
    time: (wall) => `${wall.date}T${wall.time}${wall.offset}`,
  },
};

export interface WallTime {
  /** `yyyy-mm-dd` on the wall clock of the zone. */
  readonly date: string;
  /** `hh:mm:ss`, 24-hour. */
  readonly time: string;
  /** The zone's offset from UTC then, `+01:00` or `+02:00` in Oslo. */
  readonly offset: string;
  /** The wall-clock time read as if it were UTC: what a spreadsheet's zone-less date cell holds. */
  readonly wallMs: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time in `timeZone` at the instant `ms`, to the second. */
export function wallTime(ms: number, timeZone: string): WallTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const seconds = Math.floor(ms / 1000) * 1000;
  const parts = format.formatToParts(seconds);
  const read = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  const wallMs = Date.UTC(
    read('year'),
    read('month') - 1,
    read('day'),
    read('hour'),
    read('minute'),
    read('second'),
  );
  const minutes = Math.round((wallMs - seconds) / 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const iso = new Date(wallMs).toISOString();
  return {
    date: iso.slice(0, 10),
    time: iso.slice(11, 19),
    offset: `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`,
    wallMs,
  };
}

/** One table as CSV in the flavour's dialect; text cells and headers neutralised (EX1). */
export function toCsv(
  table: ExportTable,
  flavour: ExportFlavour = 'excel',
  timeZone = EXPORT_TIME_ZONE,
): string {
  const dialect = DIALECTS[flavour];
  const special = new RegExp(`["\\r\\n${dialect.separator}]`);
  const quote = (value: string) => (special.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const cellText = (cell: ExportCell): string => {
    if (cell === null) return '';
    switch (cell.kind) {
      case 'text':
        return neutralise(cell.text);
      case 'number':
        return dialect.number(cell.value);
      case 'decimal':
        return dialect.decimal(cell.value);
      case 'time':
        return dialect.time(wallTime(cell.ms, timeZone));
    }
  };
  const lines = [
    table.columns.map((column) => quote(neutralise(headerOf(column, flavour)))),
    ...table.rows.map((row) => row.map((cell) => quote(cellText(cell)))),
  ];
  return `${dialect.byteOrderMark}${lines.map((line) => line.join(dialect.separator)).join('\r\n')}\r\n`;
}

const MAX_COLUMN_WIDTH = 40;

/**
 * EX2: one workbook, a named sheet per table, the header row bold and frozen;
 * numbers are number cells (scores shown with one decimal, stored without
 * float noise), times are date cells in `timeZone`'s wall-clock time, since
 * a spreadsheet date has no zone.
 */
export async function toXlsx(
  tables: readonly ExportTable[],
  flavour: ExportFlavour = 'excel',
  timeZone = EXPORT_TIME_ZONE,
): Promise<Buffer> {
  const cell = (value: ExportCell): Cell => {
    if (value === null) return null;
    switch (value.kind) {
      case 'text':
        return { value: neutralise(value.text), type: String };
      case 'number':
        return { value: value.value, type: Number };
      case 'decimal':
        return { value: withoutNoise(value.value), type: Number, format: '0.0' };
      case 'time':
        return {
          value: new Date(wallTime(value.ms, timeZone).wallMs),
          type: Date,
          format: 'yyyy-mm-dd hh:mm:ss',
        };
    }
  };
  const sheets: Sheet<never>[] = tables.map((table) => {
    const headers = table.columns.map((column) => neutralise(headerOf(column, flavour)));
    return {
      sheet: table.sheet,
      stickyRowsCount: 1,
      columns: headers.map((header) => ({
        width: Math.min(MAX_COLUMN_WIDTH, Math.max(10, header.length + 2)),
      })),
      data: [
        headers.map((header) => ({ value: header, type: String, fontWeight: 'bold' as const })),
        ...table.rows.map((row) => row.map(cell)),
      ],
    };
  });
  return writeXlsxFile(sheets).toBuffer();
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The file for one export choice: a CSV of one table, or the workbook with all three. */
export async function exportFile(
  spec: Questionnaire,
  responses: readonly ExportResponse[],
  choice: ExportChoice,
  timeZone = EXPORT_TIME_ZONE,
): Promise<{ readonly contentType: string; readonly body: string | Buffer }> {
  const answers = exportTable(spec, responses, choice.flavour);
  const contentType = CONTENT_TYPES[choice.format];
  if (choice.format === 'xlsx') {
    const tables = [
      answers,
      codebookTable(answers, choice.flavour),
      distributionTable(spec, responses),
    ];
    return { contentType, body: await toXlsx(tables, choice.flavour, timeZone) };
  }
  const table =
    choice.table === 'svar'
      ? answers
      : choice.table === 'kodebok'
        ? codebookTable(answers, choice.flavour)
        : distributionTable(spec, responses);
  return { contentType, body: toCsv(table, choice.flavour, timeZone) };
}
