import type { ExportFlavour } from '../contract/index.ts';
import {
  compile,
  localize,
  scoreIndicators,
  type Answers,
  type LocalizedText,
  type Questionnaire,
} from '../engine/index.ts';
import type { Provenance } from './db/schema.ts';
import type { StoredResponse } from './db/serverStore.ts';
import { describeIndicator } from './exportScoring.ts';

/**
 * The survey owner's exports as tables (EX1–EX5 in `src/engine/SPEC.md`):
 * one model per table, typed cells, written out by `exportFiles.ts` as the
 * flavour asks. «excel» is for Norwegian Excel (Bokmål labels, one column per
 * question); «analyse» is for R, Stata or pandas (option codes, one 0/1
 * column per multiple-choice option). Every column carries what the codebook
 * says about it, so the codebook cannot miss one.
 */
export type ExportCell =
  | null
  | { readonly kind: 'text'; readonly text: string }
  /** A value as it was given or counted: answers, versions, counts. */
  | { readonly kind: 'number'; readonly value: number }
  /** A computed value (scores, shares): rounded as the flavour says (EX2, EX3). */
  | { readonly kind: 'decimal'; readonly value: number }
  | { readonly kind: 'time'; readonly ms: number };

export interface ExportCode {
  readonly code: string;
  readonly label: string;
}

export interface ExportColumn {
  /** The header in the «analyse» flavour: ids and codes only, the same in every export of the questionnaire. */
  readonly name: string;
  /** The header in the «excel» flavour. */
  readonly excelHeader: string;
  /** What the column holds, in Bokmål: the question's text for a question. */
  readonly text: string;
  /** The kind of value, in Bokmål. */
  readonly type: string;
  readonly question?: string;
  readonly codes?: readonly ExportCode[];
  /** How an index is computed, or which indices a question feeds. */
  readonly scoring?: string;
}

export interface ExportTable {
  /** The sheet's name in a workbook. */
  readonly sheet: string;
  readonly columns: readonly ExportColumn[];
  readonly rows: readonly (readonly ExportCell[])[];
}

export type ExportResponse = StoredResponse & { readonly provenance: Provenance };

const FORMULA_START = /^[=+\-@\t\r]/;

/** EX1: a text that would start a formula is kept as text. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export const headerOf = (column: ExportColumn, flavour: ExportFlavour): string =>
  flavour === 'excel' ? column.excelHeader : column.name;

export const text = (value: string): ExportCell => ({ kind: 'text', text: value });
export const number = (value: number): ExportCell => ({ kind: 'number', value });
export const decimal = (value: number): ExportCell => ({ kind: 'decimal', value });

/** A column described only by its name, text and type; `excelHeader` defaults to the name. */
export const plainColumn = (
  name: string,
  columnText: string,
  type: string,
  excelHeader = name,
): ExportColumn => ({ name, excelHeader, text: columnText, type });

/** EX1: who gave the response, so the owner sees open-link and simulated ones apart from invited ones. */
const PROVENANCE_CODES: readonly ExportCode[] = [
  { code: 'invited', label: 'invitert' },
  { code: 'open', label: 'åpen lenke' },
  { code: 'collector', label: 'innsamler' },
  { code: 'simulated', label: 'simulert' },
] satisfies readonly { code: Provenance; label: string }[];

const STATUS_CODES: readonly ExportCode[] = [
  { code: 'submitted', label: 'sendt inn' },
  { code: 'draft', label: 'påbegynt' },
];

const TIME_TYPE = 'tidspunkt i norsk tid med avvik fra UTC (Europe/Oslo)';
const MULTIPLE_SEPARATOR = '; ';

/** A question's column: its name, text and type, with the codes of its options when it has any. */
type ColumnMaker = (
  name: string,
  columnText: string,
  type: string,
  more?: { readonly codes?: readonly ExportCode[] },
) => ExportColumn;

interface Field {
  readonly column: ExportColumn;
  readonly cell: (
    response: ExportResponse,
    scores: ReadonlyMap<string, number | null>,
  ) => ExportCell;
}

/** EX1–EX3: the answers table, one row per response in the order they were created. */
export function exportTable(
  spec: Questionnaire,
  responses: readonly ExportResponse[],
  flavour: ExportFlavour = 'excel',
): ExportTable {
  const fields = [
    ...metaFields(flavour),
    ...questionFields(spec, flavour),
    ...indicatorFields(spec),
  ];
  const rows = responses.map((response) => {
    const scores = new Map(scoreIndicators(spec, response.answers).map((s) => [s.id, s.score]));
    return fields.map((field) => field.cell(response, scores));
  });
  return { sheet: 'Svar', columns: fields.map((f) => f.column), rows };
}

function coded(flavour: ExportFlavour, codes: readonly ExportCode[], code: string): ExportCell {
  if (flavour === 'analyse') return text(code);
  return text(codes.find((c) => c.code === code)?.label ?? code);
}

function metaFields(flavour: ExportFlavour): Field[] {
  const time = (name: string, columnText: string, read: (r: ExportResponse) => number | null) => ({
    column: plainColumn(name, columnText, TIME_TYPE),
    cell: (r: ExportResponse): ExportCell => {
      const ms = read(r);
      return ms === null ? null : { kind: 'time', ms };
    },
  });
  return [
    {
      column: plainColumn('svar_id', 'Svarets id', 'tekst (UUID)'),
      cell: (r) => text(r.id),
    },
    {
      column: { ...plainColumn('status', 'Om svaret er sendt inn', 'kode'), codes: STATUS_CODES },
      cell: (r) => coded(flavour, STATUS_CODES, r.status),
    },
    {
      column: plainColumn('skjemaversjon', 'Versjonen av skjemaet svaret ble gitt i', 'heltall'),
      cell: (r) => number(r.questionnaireVersion),
    },
    {
      column: {
        ...plainColumn('opphav', 'Hvordan svaret kom inn', 'kode'),
        codes: PROVENANCE_CODES,
      },
      cell: (r) => coded(flavour, PROVENANCE_CODES, r.provenance),
    },
    time('opprettet', 'Da svaret ble påbegynt', (r) => r.createdAt),
    time('sist_endret', 'Da svaret sist ble endret', (r) => r.updatedAt),
    time('sendt_inn', 'Da svaret ble sendt inn', (r) => r.submittedAt),
  ];
}

function questionFields(spec: Questionnaire, flavour: ExportFlavour): Field[] {
  const nb = (value: LocalizedText) => localize(value, 'nb', spec);
  const feeds = indicatorsByQuestion(spec);
  const fields: Field[] = [];
  for (const { question, options } of compile(spec).questions) {
    const questionText = nb(question.text);
    const codes = options.map((o) => ({ code: o.id, label: nb(o.text) }));
    const indicators = feeds.get(question.id);
    const base = {
      question: question.id,
      ...(indicators ? { scoring: `Inngår i ${indicators.join(', ')}.` } : {}),
    };
    const column: ColumnMaker = (name, columnText, type, more = {}) => ({
      ...base,
      name,
      excelHeader: `${name}: ${columnText}`,
      text: columnText,
      type,
      ...more,
    });
    const value = (answers: Answers) =>
      Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    const rowValue = (answers: Answers, row: string) => {
      const cells = value(answers);
      return typeof cells === 'object' && !Array.isArray(cells) && Object.hasOwn(cells, row)
        ? (cells as Readonly<Record<string, string | number>>)[row]
        : undefined;
    };
    switch (question.type) {
      case 'single':
        fields.push({
          column: column(question.id, questionText, 'enkeltvalg', { codes }),
          cell: (r) => {
            const v = value(r.answers);
            return typeof v === 'string' ? coded(flavour, codes, v) : null;
          },
        });
        break;
      case 'multiple': {
        const ticked = (answers: Answers) => {
          const v = value(answers);
          return Array.isArray(v) && v.length > 0 ? (v as readonly string[]) : null;
        };
        fields.push(...multipleFields(question.id, questionText, codes, flavour, column, ticked));
        break;
      }
      case 'grid':
        for (const row of question.rows) {
          fields.push({
            column: column(
              `${question.id}.${row.id}`,
              `${questionText} – ${nb(row.text)}`,
              'matrise, én rad',
              { codes },
            ),
            cell: (r) => {
              const v = rowValue(r.answers, row.id);
              return typeof v === 'string' ? coded(flavour, codes, v) : null;
            },
          });
        }
        break;
      case 'allocation': {
        const total = question.total ?? 100;
        for (const row of question.rows) {
          fields.push({
            column: column(
              `${question.id}.${row.id}`,
              `${questionText} – ${nb(row.text)}`,
              `fordeling, én rad: heltall fra 0 til ${total}; radene summerer til ${total}`,
            ),
            cell: (r) => {
              const v = rowValue(r.answers, row.id);
              return typeof v === 'number' ? number(v) : null;
            },
          });
        }
        break;
      }
      case 'number':
        fields.push({
          column: column(
            question.id,
            questionText,
            question.unit ? `tall (${nb(question.unit)})` : 'tall',
          ),
          cell: (r) => {
            const v = value(r.answers);
            return typeof v === 'number' ? number(v) : null;
          },
        });
        break;
      case 'text':
        fields.push({
          column: column(question.id, questionText, 'fritekst'),
          cell: (r) => {
            const v = value(r.answers);
            return typeof v === 'string' ? text(v) : null;
          },
        });
        break;
    }
  }
  return fields;
}

/** EX1: labels joined in one column for Excel; EX3: one 0/1 column per option for analysis, empty when the question was not answered. */
function multipleFields(
  questionId: string,
  questionText: string,
  codes: readonly ExportCode[],
  flavour: ExportFlavour,
  column: ColumnMaker,
  ticked: (answers: Answers) => readonly string[] | null,
): Field[] {
  if (flavour === 'excel') {
    const label = (id: string) => codes.find((c) => c.code === id)?.label ?? id;
    return [
      {
        column: column(
          questionId,
          questionText,
          `flervalg: de valgte alternativene skilt med «${MULTIPLE_SEPARATOR.trim()}»`,
          { codes },
        ),
        cell: (r) => {
          const list = ticked(r.answers);
          return list === null ? null : text(list.map(label).join(MULTIPLE_SEPARATOR));
        },
      },
    ];
  }
  return codes.map((option) => ({
    column: column(
      `${questionId}.${option.code}`,
      `${questionText} – ${option.label}`,
      'flervalg, ett alternativ: 1 krysset av, 0 ikke krysset av, tom når spørsmålet ikke er besvart',
      {
        codes: [
          { code: '1', label: option.label },
          { code: '0', label: 'ikke krysset av' },
        ],
      },
    ),
    cell: (r) => {
      const list = ticked(r.answers);
      return list === null ? null : number(list.includes(option.code) ? 1 : 0);
    },
  }));
}

function indicatorFields(spec: Questionnaire): Field[] {
  const nb = (value: LocalizedText) => localize(value, 'nb', spec);
  return (spec.indicators ?? []).map((indicator) => {
    const name = `indeks.${indicator.id}`;
    return {
      column: {
        name,
        excelHeader: `${name}: ${nb(indicator.name)}`,
        text: `${nb(indicator.name)}: ${nb(indicator.description)}`,
        type: 'indeks fra 0 til 100; tom når ingen av leddene har verdi',
        scoring: describeIndicator(spec, indicator),
      },
      cell: (_r, scores) => {
        const score = scores.get(indicator.id);
        return typeof score === 'number' ? decimal(score) : null;
      },
    };
  });
}

/** Question id → the index columns it feeds, in the spec's order. */
function indicatorsByQuestion(spec: Questionnaire): Map<string, string[]> {
  const feeds = new Map<string, string[]>();
  for (const indicator of spec.indicators ?? []) {
    for (const item of indicator.items) {
      const questions = item.rule === 'gatedCount' ? [item.gate, item.question] : [item.question];
      for (const id of questions) {
        const list = feeds.get(id) ?? [];
        const name = `indeks.${indicator.id}`;
        if (!list.includes(name)) list.push(name);
        feeds.set(id, list);
      }
    }
  }
  return feeds;
}

/** EX4: every column of a table with its name, question, text, type, codes and scoring. */
export function codebookTable(table: ExportTable, flavour: ExportFlavour): ExportTable {
  const columns = [
    plainColumn('kolonne', 'Kolonnens overskrift i svarfila', 'tekst'),
    plainColumn('sporsmal', 'Spørsmålets id i skjemaet', 'tekst', 'spørsmål'),
    plainColumn('tekst', 'Spørsmålet eller det kolonnen viser', 'tekst'),
    plainColumn('type', 'Hva slags verdi kolonnen har', 'tekst'),
    plainColumn('koder', 'Hver kode med sin tekst, én per linje', 'tekst'),
    plainColumn(
      'beregning',
      'Hvordan indeksen regnes ut, eller hvilke indekser spørsmålet inngår i',
      'tekst',
    ),
  ];
  const optional = (value: string | undefined) => (value === undefined ? null : text(value));
  const rows = table.columns.map((column) => [
    text(headerOf(column, flavour)),
    optional(column.question),
    text(column.text),
    text(column.type),
    optional(column.codes?.map((c) => `${c.code} = ${c.label}`).join('\n')),
    optional(column.scoring),
  ]);
  return { sheet: 'Kodebok', columns, rows };
}
